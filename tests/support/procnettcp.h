#pragma once

// The kernel's own word on TCP listeners, read from /proc/net/tcp and tcp6 without touching
// the sockets: a test waits on it for the state it means (a listener gone, clients waiting in
// an accept queue) instead of sleeping and hoping.

#include <QFile>
#include <QList>
#include <QString>

#include <cstdint>
#include <optional>

namespace sbtest {

/// The accept queue length of the socket listening on port (rx_queue of its LISTEN line: the
/// connections the kernel completed that nobody has accepted yet); nullopt when nothing
/// listens there.
inline std::optional<int> tcpAcceptQueue(uint16_t port)
{
    const QString portHex = QString::asprintf("%04X", port);
    for (const char *file : {"/proc/net/tcp", "/proc/net/tcp6"}) {
        QFile f(QString::fromLatin1(file));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        f.readLine(); // the header
        while (!f.atEnd()) {
            // "0: 0100007F:1F90 00000000:0000 0A 00000000:00000002 ..."
            const QList<QByteArray> cols = f.readLine().simplified().split(' ');
            if (cols.size() < 5 || cols[3] != "0A")
                continue;
            if (!cols[1].endsWith(":" + portHex.toLatin1()))
                continue;
            const QList<QByteArray> queues = cols[4].split(':');
            return queues.size() == 2 ? int(queues[1].toUInt(nullptr, 16)) : 0;
        }
    }
    return std::nullopt;
}

/// True while some socket listens on TCP port.
inline bool tcpListening(uint16_t port) { return tcpAcceptQueue(port).has_value(); }

} // namespace sbtest
