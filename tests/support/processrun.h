#pragma once

// Runs a program to its end and keeps what it printed: the CLI tests' one-shot runner.

#include <QProcess>
#include <QString>
#include <QStringList>

namespace sbtest {

struct Run
{
    int status = -1; ///< exit code; -1 if it did not start, finish in time, or exit normally
    QString out;
    QString err;
};

inline Run run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    Run r;
    if (!p.waitForStarted(30000) || !p.waitForFinished(60000))
        return r;
    r.status = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

#ifdef SB_CLI_PATH
inline Run cli(const QStringList &args) { return run(QStringLiteral(SB_CLI_PATH), args); }
#endif

} // namespace sbtest
