// `sockbench-cli listen` on a UNIX path that is taken: a person's file, directory, FIFO or
// symbolic link, or a socket somebody listens on, is refused with EADDRINUSE (exit 1), a line
// saying what is in the way and a hint about paths (no ports, no TIME_WAIT), and is kept byte
// for byte. A socket file whose server died is replaced, and the listener serves on it.
#include "clitest.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace clitest;

namespace {

const QByteArray kNotes = "shopping list\n- bread\n\x01\x02 binary tail\n";

int unixSocket(const QString &path, int type, bool listening, bool connectInstead = false)
{
    const int fd = ::socket(AF_UNIX, type | SOCK_CLOEXEC, 0);
    sockaddr_un un {};
    un.sun_family = AF_UNIX;
    std::strncpy(un.sun_path, QFile::encodeName(path).constData(), sizeof un.sun_path - 1);
    const auto *sa = reinterpret_cast<const sockaddr *>(&un);
    const int r = connectInstead ? ::connect(fd, sa, sizeof un) : ::bind(fd, sa, sizeof un);
    if (r != 0) {
        ::close(fd);
        return -1;
    }
    if (listening && type != SOCK_DGRAM)
        ::listen(fd, 8);
    return fd;
}

int typeOf(const QString &scheme)
{
    return scheme == "unix-dgram"        ? SOCK_DGRAM
            : scheme == "unix-seqpacket" ? SOCK_SEQPACKET
                                         : SOCK_STREAM;
}

} // namespace

class TstCliUnixPath : public QObject
{
    Q_OBJECT

private slots:
    void takenPathIsRefusedAndKept_data();
    void takenPathIsRefusedAndKept();
    void staleSocketFileIsReplaced_data();
    void staleSocketFileIsReplaced();

private:
    QTemporaryDir m_dir;
};

void TstCliUnixPath::takenPathIsRefusedAndKept_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("kind");
    for (const char *scheme : {"unix", "unix-dgram", "unix-seqpacket"})
        for (const char *kind : {"regular file", "directory", "FIFO", "symbolic link", "socket"})
            QTest::addRow("%s, %s", scheme, kind) << QString(scheme) << QString(kind);
}

void TstCliUnixPath::takenPathIsRefusedAndKept()
{
    QFETCH(QString, scheme);
    QFETCH(QString, kind);
    QTemporaryDir dir(m_dir.filePath("XXXXXX"));
    const QString path = dir.filePath("taken");
    const QString target = dir.filePath("target.txt");
    int live = -1;
    if (kind == "regular file") {
        QVERIFY(writeFile(path, kNotes));
    } else if (kind == "directory") {
        QVERIFY(QDir().mkdir(path));
        QVERIFY(writeFile(path + "/inside.txt", kNotes));
    } else if (kind == "FIFO") {
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
    } else if (kind == "symbolic link") {
        QVERIFY(writeFile(target, kNotes));
        QVERIFY(QFile::link(target, path));
    } else {
        live = unixSocket(path, typeOf(scheme), true);
        QVERIFY(live >= 0);
    }

    Proc cli;
    cli.startCli({"listen", scheme + "://" + path});
    QVERIFY2(cli.finish(), cli.err.constData());
    QVERIFY2(cli.exitCode() == 1, cli.err.constData());
    QVERIFY2(cli.err.contains("sockbench-cli: bind: EADDRINUSE (Address already in use)"),
             cli.err.constData());
    const QByteArray what = kind == "socket" ? "a server listens on " : "a " + kind.toUtf8();
    QVERIFY2(cli.err.contains(what), cli.err.constData());
    QVERIFY2(cli.err.contains("sockbench-cli: hint: something is already at that UNIX path"),
             cli.err.constData());
    QVERIFY2(!cli.err.contains("TIME_WAIT") && !cli.err.contains("port"), cli.err.constData());
    QVERIFY2(!cli.err.contains("listening on"), cli.err.constData());

    struct stat st;
    QCOMPARE(::lstat(QFile::encodeName(path).constData(), &st), 0);
    if (kind == "regular file") {
        QVERIFY(S_ISREG(st.st_mode));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), kNotes);
    } else if (kind == "directory") {
        QVERIFY(S_ISDIR(st.st_mode));
        QFile f(path + "/inside.txt");
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), kNotes);
    } else if (kind == "FIFO") {
        QVERIFY(S_ISFIFO(st.st_mode));
    } else if (kind == "symbolic link") {
        QVERIFY(S_ISLNK(st.st_mode));
        QCOMPARE(QFileInfo(path).symLinkTarget(), target);
        QFile f(target);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), kNotes);
    } else {
        QVERIFY(S_ISSOCK(st.st_mode));
        // The socket still answers: its file was not taken over.
        const int client = unixSocket(path, typeOf(scheme), false, true);
        QVERIFY(client >= 0);
        ::close(client);
        ::close(live);
    }
}

void TstCliUnixPath::staleSocketFileIsReplaced_data()
{
    QTest::addColumn<QString>("scheme");
    for (const char *scheme : {"unix", "unix-dgram", "unix-seqpacket"})
        QTest::newRow(scheme) << QString(scheme);
}

void TstCliUnixPath::staleSocketFileIsReplaced()
{
    QFETCH(QString, scheme);
    const QString path = m_dir.filePath(scheme + "-stale.sock");
    const int dead = unixSocket(path, typeOf(scheme), true);
    QVERIFY(dead >= 0);
    ::close(dead); // the server died; its socket file stays

    Proc listener;
    const QString endpoint = startListener(listener, {"listen", scheme + "://" + path});
    QVERIFY2(!endpoint.isEmpty(), listener.err.constData());
    QVERIFY(endpoint.endsWith(path));
    const int client = unixSocket(path, typeOf(scheme), false, true);
    QVERIFY2(client >= 0, "the new listener must answer on the replaced path");
    const char hello[] = "hello";
    QCOMPARE(::send(client, hello, 5, MSG_NOSIGNAL), ssize_t(5));
    QVERIFY2(listener.waitOut("hello"), listener.out.constData());
    ::close(client);
}

QTEST_GUILESS_MAIN(TstCliUnixPath)
#include "tst_cli_unixpath.moc"
