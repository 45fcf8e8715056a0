#pragma once

// A test that needs an external program (hexdump, unshare, netstat) or a capability of the
// machine says so with SB_REQUIRE_TOOL / SB_SKIP_OR_FAIL. On a person's machine a missing one
// skips the test with the package to install; under CI=true it fails it, so a green CI means
// every test ran (scripts/deps.sh installs everything the tests use).

#include <QStandardPaths>
#include <QString>
#include <QTest>

namespace sbtest {

/// True when the environment says CI=true (.ci/run sets it).
inline bool underCi() { return qgetenv("CI") == "true"; }

} // namespace sbtest

/// QSKIP with reason, or QFAIL under CI=true. Only inside a test function (it returns).
#define SB_SKIP_OR_FAIL(reason)                                                                    \
    do {                                                                                           \
        const QByteArray sbReason_ = QByteArray(reason);                                           \
        if (sbtest::underCi())                                                                     \
            QFAIL(("CI=true, and this test cannot run: " + sbReason_).constData());                \
        QSKIP(sbReason_.constData());                                                              \
    } while (false)

/// Skips (fails under CI=true) unless the program tool is on PATH; package is what installs
/// it ("bsdextrautils"), as scripts/deps.sh lists it.
#define SB_REQUIRE_TOOL(tool, package)                                                             \
    do {                                                                                           \
        if (QStandardPaths::findExecutable(QStringLiteral(tool)).isEmpty())                        \
            SB_SKIP_OR_FAIL(tool " is not installed (apt-get install " package ")");               \
    } while (false)
