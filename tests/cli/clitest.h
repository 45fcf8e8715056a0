#pragma once

// Shared by the tests/cli/tst_cli_*.cpp files: run sockbench-cli and its real peers (socat, nc,
// python3) as child processes and read what they print, with deadlines instead of sleeps.

#include <QByteArray>
#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <memory>

#include <signal.h>
#include <unistd.h>

namespace clitest {

/// Deadlines for one step of a test; generous, because a loaded 2-core machine under
/// ctest -j2 is slow, and a correct program never waits for them.
constexpr int kStepMs = 20000;
constexpr int kBulkMs = 90000;

inline QString cliPath() { return QStringLiteral(SB_CLI_PATH); }

/// A child process whose stdout and stderr are collected as they come.
class Proc
{
public:
    Proc() = default;
    ~Proc()
    {
        // The whole group: socat's per-connection children must not outlive a failed test.
        if (p.state() != QProcess::NotRunning) {
            ::kill(-pid_t(p.processId()), SIGKILL);
            p.waitForFinished(5000);
        }
    }
    Proc(const Proc &) = delete;
    Proc &operator=(const Proc &) = delete;

    void start(const QString &program, const QStringList &args)
    {
        // Its own process group, so the destructor ends it with every child it forked.
        p.setChildProcessModifier([] { ::setpgid(0, 0); });
        p.start(program, args);
    }
    void startCli(const QStringList &args) { start(cliPath(), args); }
    /// python3 -u -c SCRIPT ARGS...
    void startPython(const QString &script, const QStringList &args = {})
    {
        start(QStringLiteral("python3"), QStringList {"-u", "-c", script} + args);
    }
    bool started(int ms = kStepMs) { return p.waitForStarted(ms); }

    void collect()
    {
        if (p.processChannelMode() != QProcess::ForwardedChannels) {
            out += p.readAllStandardOutput();
            err += p.readAllStandardError();
        }
    }
    /// Waits until pred() holds (checked after each read) or the process ends or ms pass.
    template<class Pred>
    bool waitFor(Pred pred, int ms = kStepMs)
    {
        QDeadlineTimer deadline(ms);
        collect();
        while (!pred()) {
            if (p.state() == QProcess::NotRunning || deadline.hasExpired()) {
                collect();
                return pred();
            }
            p.waitForReadyRead(50);
            collect();
        }
        return true;
    }
    bool waitErr(const QByteArray &needle, int ms = kStepMs)
    {
        return waitFor([&] { return err.contains(needle); }, ms);
    }
    bool waitOut(const QByteArray &needle, int ms = kStepMs)
    {
        return waitFor([&] { return out.contains(needle); }, ms);
    }
    /// The first complete stdout line, without its newline ("" on timeout).
    QByteArray firstOutLine(int ms = kStepMs)
    {
        waitFor([&] { return out.contains('\n'); }, ms);
        const qsizetype nl = out.indexOf('\n');
        return nl < 0 ? QByteArray() : out.left(nl).trimmed();
    }
    /// Waits for the end; true when it exited normally (any status) within ms.
    bool finish(int ms = kStepMs)
    {
        p.closeWriteChannel();
        QDeadlineTimer deadline(ms);
        while (p.state() != QProcess::NotRunning && !deadline.hasExpired()) {
            p.waitForFinished(50);
            collect();
        }
        collect();
        return p.state() == QProcess::NotRunning && p.exitStatus() == QProcess::NormalExit;
    }
    int exitCode() const { return p.exitCode(); }
    void write(const QByteArray &data)
    {
        p.write(data);
        p.waitForBytesWritten(kStepMs);
    }
    void terminate() { p.terminate(); }

    QProcess p;
    QByteArray out;
    QByteArray err;
};

/// Starts `sockbench-cli [global...] listen ENDPOINT args...` and waits for its
/// "listening on ENDPOINT" line; returns the endpoint it printed ("" if none came).
inline QString startListener(Proc &proc, const QStringList &args)
{
    static const QRegularExpression re(QStringLiteral("listening on (\\S+)\n"));
    proc.startCli(args);
    QRegularExpressionMatch m;
    proc.waitFor([&] {
        m = re.match(QString::fromUtf8(proc.err));
        return m.hasMatch();
    });
    return m.hasMatch() ? m.captured(1) : QString();
}

/// The port of "tcp://127.0.0.1:4000" or "udp://[::1]:53"; 0 if none.
inline quint16 portOf(const QString &endpoint)
{
    const qsizetype colon = endpoint.lastIndexOf(':');
    return colon < 0 ? 0 : endpoint.mid(colon + 1).toUShort();
}

inline QByteArray randomBytes(qsizetype size)
{
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(data.data()),
                                          size / sizeof(quint32));
    for (qsizetype i = size - size % qsizetype(sizeof(quint32)); i < size; ++i)
        data[i] = char(QRandomGenerator::global()->generate());
    return data;
}

inline bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

inline QByteArray sha256OfFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&f);
    return hash.result().toHex();
}

/// python3 echo server for stream sockets: argv[1] is "tcp4", "tcp6" or "unix" and argv[2]
/// the UNIX path; prints its port (0 for UNIX) once listening, echoes every connection on its
/// own thread and, at the client's EOF, shuts down writing after the last byte.
inline const char *kPythonStreamEcho = R"PY(
import socket, sys, threading
kind = sys.argv[1]
if kind == 'unix':
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); s.bind(sys.argv[2])
elif kind == 'tcp6':
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM); s.bind(('::1', 0))
else:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM); s.bind(('127.0.0.1', 0))
s.listen(16)
print(s.getsockname()[1] if kind != 'unix' else 0, flush=True)
def serve(c):
    while True:
        b = c.recv(65536)
        if not b:
            break
        c.sendall(b)
    c.shutdown(socket.SHUT_WR)
    c.close()
while True:
    c, _ = s.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
)PY";

} // namespace clitest
