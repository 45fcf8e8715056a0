// Binding a UNIX path that is taken (core/net/unixbind.h): only a socket file nobody listens on
// is replaced; a person's file, directory, FIFO, symbolic link or a live socket is kept, byte
// for byte, and the bind says EADDRINUSE with a hint about paths, not ports. Through the
// endpoints (CLI and GUI) and RawSocket (demos), for unix, unix-dgram and unix-seqpacket.
#include "core/demo/rawsocket.h"
#include "../support/testregistry.h"
#include "core/net/endpoint.h"
#include "core/net/unixbind.h"
#include "core/text/errnoinfo.h"
#include "eventwaiter.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <cstring>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace sb;
using sbtest::EventWaiter;
using sbtest::isDone;

namespace {

const char kContent[] = "a person's notes\n\x01\x02 keep me\n";

enum class Kind { Regular, Directory, Fifo, Symlink, DanglingSymlink, LiveSocket, LiveOtherType };

int sockType(const QString &scheme)
{
    return scheme == "unix-dgram"        ? SOCK_DGRAM
            : scheme == "unix-seqpacket" ? SOCK_SEQPACKET
                                         : SOCK_STREAM;
}

sockaddr_un unixAddr(const std::string &path)
{
    sockaddr_un un {};
    un.sun_family = AF_UNIX;
    std::strncpy(un.sun_path, path.c_str(), sizeof un.sun_path - 1);
    return un;
}

/// A socket of type bound at path (listening unless datagram); -1 on failure.
int boundSocket(const std::string &path, int type, bool listening)
{
    const int fd = ::socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
    const sockaddr_un un = unixAddr(path);
    if (::bind(fd, reinterpret_cast<const sockaddr *>(&un), sizeof un) != 0) {
        ::close(fd);
        return -1;
    }
    if (listening && type != SOCK_DGRAM)
        ::listen(fd, 8);
    return fd;
}

/// True when a connect of type to path succeeds: somebody is there.
bool reachable(const std::string &path, int type)
{
    const int fd = ::socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
    const sockaddr_un un = unixAddr(path);
    const bool ok = ::connect(fd, reinterpret_cast<const sockaddr *>(&un), sizeof un) == 0;
    ::close(fd);
    return ok;
}

bool writeFile(const std::string &path)
{
    QFile f(QString::fromStdString(path));
    return f.open(QIODevice::WriteOnly) && f.write(kContent, sizeof kContent - 1) > 0;
}

QByteArray readFile(const std::string &path)
{
    QFile f(QString::fromStdString(path));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

ino_t inodeOf(const std::string &path)
{
    struct stat st;
    return ::lstat(path.c_str(), &st) == 0 ? st.st_ino : 0;
}

std::unique_ptr<Endpoint> startEndpoint(EventWaiter &w, const QString &scheme,
                                        const std::string &path)
{
    EndpointConfig c;
    c.role = scheme == "unix-dgram" ? Role::Datagram : Role::Server;
    c.spec = *parseEndpoint(scheme.toStdString() + "://" + path);
    c.responder.kind = ResponderSpec::Kind::Echo;
    auto e = Endpoint::create(c, w.sink(), sbtest::registry());
    e->start();
    return e;
}

} // namespace

class tst_UnixBind : public QObject
{
    Q_OBJECT
private slots:
    void takenPathIsKept_data();
    void takenPathIsKept();
    void staleSocketFileIsReplaced_data();
    void staleSocketFileIsReplaced();
    void stopKeepsAFileSwappedIn();
    void rawSocketKeepsARegularFile();
    void hintDependsOnFamily();
};

void tst_UnixBind::takenPathIsKept_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<int>("kind");
    const struct
    {
        const char *name;
        Kind kind;
    } kinds[] = {{"regular file", Kind::Regular},
                 {"directory", Kind::Directory},
                 {"fifo", Kind::Fifo},
                 {"symlink to a file", Kind::Symlink},
                 {"dangling symlink", Kind::DanglingSymlink},
                 {"live socket", Kind::LiveSocket},
                 {"live socket of another type", Kind::LiveOtherType}};
    for (const char *scheme : {"unix", "unix-dgram", "unix-seqpacket"})
        for (const auto &k : kinds)
            QTest::addRow("%s, %s", scheme, k.name) << QString(scheme) << int(k.kind);
}

void tst_UnixBind::takenPathIsKept()
{
    QFETCH(QString, scheme);
    QFETCH(int, kind);
    QTemporaryDir dir;
    const std::string path = dir.filePath("taken").toStdString();
    const std::string target = dir.filePath("target").toStdString();
    const int type = sockType(scheme);
    const int otherType = type == SOCK_STREAM ? SOCK_DGRAM : SOCK_STREAM;
    int live = -1;
    switch (Kind(kind)) {
    case Kind::Regular:
        QVERIFY(writeFile(path));
        break;
    case Kind::Directory:
        QCOMPARE(::mkdir(path.c_str(), 0700), 0);
        QVERIFY(writeFile(path + "/inside"));
        break;
    case Kind::Fifo:
        QCOMPARE(::mkfifo(path.c_str(), 0600), 0);
        break;
    case Kind::Symlink:
        QVERIFY(writeFile(target));
        QCOMPARE(::symlink(target.c_str(), path.c_str()), 0);
        break;
    case Kind::DanglingSymlink:
        QCOMPARE(::symlink(target.c_str(), path.c_str()), 0);
        break;
    case Kind::LiveSocket:
        live = boundSocket(path, type, true);
        QVERIFY(live >= 0);
        break;
    case Kind::LiveOtherType:
        live = boundSocket(path, otherType, true);
        QVERIFY(live >= 0);
        break;
    }
    const ino_t inode = inodeOf(path);

    EventWaiter w;
    auto endpoint = startEndpoint(w, scheme, path);
    const Event *failed = w.waitFor([](const Event &e) {
        const auto *error = e.as<ev::Error>();
        return e.is<ev::Listening>() || (error && error->op == "bind");
    });
    QVERIFY(failed);
    const auto *error = failed->as<ev::Error>();
    QVERIFY(error);
    QCOMPARE(error->err, EADDRINUSE);
    QCOMPARE(addressFamily(*failed), AF_UNIX);
    QVERIFY2(QString::fromStdString(error->detail).contains(QString::fromStdString(path)),
             error->detail.c_str());
    endpoint->stop();
    QVERIFY(w.waitKind<ev::Stopped>());

    // Whatever was there is there still: same inode, same type, same bytes.
    QCOMPARE(inodeOf(path), inode);
    struct stat st;
    QCOMPARE(::lstat(path.c_str(), &st), 0);
    switch (Kind(kind)) {
    case Kind::Regular:
        QVERIFY(S_ISREG(st.st_mode));
        QCOMPARE(readFile(path), QByteArray(kContent));
        QVERIFY2(error->detail.find("a regular file") != std::string::npos, error->detail.c_str());
        break;
    case Kind::Directory:
        QVERIFY(S_ISDIR(st.st_mode));
        QCOMPARE(readFile(path + "/inside"), QByteArray(kContent));
        break;
    case Kind::Fifo:
        QVERIFY(S_ISFIFO(st.st_mode));
        break;
    case Kind::Symlink:
    case Kind::DanglingSymlink: {
        QVERIFY(S_ISLNK(st.st_mode));
        char link[PATH_MAX] = {};
        QVERIFY(::readlink(path.c_str(), link, sizeof link - 1) > 0);
        QCOMPARE(std::string(link), target);
        if (Kind(kind) == Kind::Symlink)
            QCOMPARE(readFile(target), QByteArray(kContent));
        else
            QVERIFY(!QFile::exists(QString::fromStdString(target)));
        break;
    }
    case Kind::LiveSocket:
    case Kind::LiveOtherType:
        QVERIFY(S_ISSOCK(st.st_mode));
        QVERIFY(reachable(path, Kind(kind) == Kind::LiveSocket ? type : otherType));
        ::close(live);
        break;
    }
}

void tst_UnixBind::staleSocketFileIsReplaced_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<bool>("sameType");
    for (const char *scheme : {"unix", "unix-dgram", "unix-seqpacket"}) {
        QTest::addRow("%s, left by the same type", scheme) << QString(scheme) << true;
        QTest::addRow("%s, left by another type", scheme) << QString(scheme) << false;
    }
}

void tst_UnixBind::staleSocketFileIsReplaced()
{
    QFETCH(QString, scheme);
    QFETCH(bool, sameType);
    QTemporaryDir dir;
    const std::string path = dir.filePath("stale.sock").toStdString();
    const int type = sockType(scheme);
    // A socket file left by a server that died: bound, closed, never unlinked.
    const int dead = boundSocket(
            path, sameType ? type : (type == SOCK_DGRAM ? SOCK_STREAM : SOCK_DGRAM), true);
    QVERIFY(dead >= 0);
    ::close(dead);
    const ino_t old = inodeOf(path);
    QVERIFY(old != 0);
    // A second name keeps the old inode alive, so the new file cannot reuse its number.
    const std::string keep = dir.filePath("old-name").toStdString();
    QCOMPARE(::link(path.c_str(), keep.c_str()), 0);

    EventWaiter w;
    auto endpoint = startEndpoint(w, scheme, path);
    const Event *listening = w.waitKind<ev::Listening>();
    QVERIFY(listening);
    QCOMPARE(listening->as<ev::Listening>()->local.host(), path);
    QVERIFY(inodeOf(path) != old); // a new socket file
    QVERIFY(reachable(path, type));
    endpoint->stop();
    QVERIFY(w.waitKind<ev::Stopped>());
    QVERIFY(!QFile::exists(QString::fromStdString(path))); // its own file goes on stop
}

void tst_UnixBind::stopKeepsAFileSwappedIn()
{
    // While the server runs, a person removes its socket file and writes a file of their own
    // there: stopping the server must not delete that file.
    QTemporaryDir dir;
    const std::string path = dir.filePath("s").toStdString();
    EventWaiter w;
    auto endpoint = startEndpoint(w, "unix", path);
    QVERIFY(w.waitKind<ev::Listening>());
    QCOMPARE(::unlink(path.c_str()), 0);
    QVERIFY(writeFile(path));
    endpoint->stop();
    QVERIFY(w.waitKind<ev::Stopped>());
    QCOMPARE(readFile(path), QByteArray(kContent));
}

void tst_UnixBind::rawSocketKeepsARegularFile()
{
    // The demos' syscall console binds through the same function.
    QTemporaryDir dir;
    const std::string path = dir.filePath("notes.txt").toStdString();
    QVERIFY(writeFile(path));
    EventWaiter w;
    RawSocket raw(w.sink(), "demo");
    raw.socket(AF_UNIX, SOCK_STREAM);
    raw.bind(0, Address::unixPath(path));
    const Event *done = w.waitFor([](const Event &e) { return isDone(e, "bind"); });
    QVERIFY(done);
    QCOMPARE(done->as<ev::CallDone>()->err, EADDRINUSE);
    const Event *error = w.waitFor(
            [](const Event &e) { return e.is<ev::Error>() && e.as<ev::Error>()->op == "bind"; });
    QVERIFY(error);
    QCOMPARE(addressFamily(*error), AF_UNIX);
    QCOMPARE(readFile(path), QByteArray(kContent));

    // And a stale socket file is replaced there too.
    const std::string stale = dir.filePath("stale.sock").toStdString();
    const int dead = boundSocket(stale, SOCK_STREAM, true);
    QVERIFY(dead >= 0);
    ::close(dead);
    RawSocket second(w.sink(), "demo 2");
    second.socket(AF_UNIX, SOCK_STREAM);
    second.bind(0, Address::unixPath(stale));
    second.listen(0, 4);
    const Event *listened = w.waitFor(
            [&](const Event &e) { return isDone(e, "listen") && e.endpoint == second.id(); });
    QVERIFY(listened);
    QCOMPARE(listened->as<ev::CallDone>()->err, 0);
    QVERIFY(reachable(stale, SOCK_STREAM));
}

void tst_UnixBind::hintDependsOnFamily()
{
    const QString ip = errnoCause("bind", EADDRINUSE, AF_INET);
    const QString unixPath = errnoCause("bind", EADDRINUSE, AF_UNIX);
    QVERIFY2(ip.contains("port") && ip.contains("TIME_WAIT"), qPrintable(ip));
    QVERIFY2(unixPath.contains("UNIX path") && !unixPath.contains("port")
                     && !unixPath.contains("TIME_WAIT"),
             qPrintable(unixPath));
    QCOMPARE(QString(errnoCause("bind", EADDRINUSE)), ip); // unknown family: as before
    // A family without its own cause falls back to the common one.
    QCOMPARE(QString(errnoCause("bind", ENOENT, AF_UNIX)), QString(errnoCause("bind", ENOENT)));
}

QTEST_GUILESS_MAIN(tst_UnixBind)
#include "tst_unixbind.moc"
