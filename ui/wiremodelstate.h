#pragma once

// WireModel's private state, shared by wiremodel.cpp (events into items) and wirematching.cpp
// (pairing sends with receives). Not for use outside those two files.

#include "core/text/errnoinfo.h"
#include "core/text/payload.h"
#include "ui/wiremodel.h"

#include <deque>
#include <memory>
#include <string>

namespace sb {
namespace wire {

inline constexpr size_t kPreviewChars = 24;
// Per connection: sends waiting for their receive, receives waiting for their send.
inline constexpr size_t kMaxQueued = 4096;
// A server's connection waits this long for the client of ours it might belong to.
inline constexpr int64_t kLateNs = 2'000'000'000;
// A datagram from an address we cannot place waits this long for its send to show up (the
// receiver may post before the sender does).
inline constexpr int64_t kDatagramGraceNs = 300'000'000;
// Closed connections are forgotten this long after they closed.
inline constexpr int64_t kForgetNs = 5'000'000'000;
inline constexpr int kLateTimerMs = 250;

inline uint64_t connKey(EndpointId ep, ConnId conn) { return (uint64_t(ep) << 32) | conn; }

// An IPv6 socket sees an IPv4 peer as [::ffff:a.b.c.d]:p; the IPv4 side knows it as a.b.c.d:p.
inline std::string addrKey(const Address &a)
{
    std::string s = a.toString();
    constexpr std::string_view mapped = "[::ffff:";
    if (s.starts_with(mapped)) {
        const size_t close = s.find(']');
        if (close != std::string::npos)
            s = s.substr(mapped.size(), close - mapped.size()) + s.substr(close + 1);
    }
    return s;
}

inline bool isWildcard(const Address &a)
{
    const std::string h = a.host();
    return h == "0.0.0.0" || h == "::";
}

// Does a connect() or sendto() to target reach a socket bound at bound?
inline bool reaches(const Address &target, const Address &bound)
{
    if (!target.valid() || !bound.valid())
        return false;
    if (target.isUnix() || bound.isUnix())
        return target.isUnix() && bound.isUnix() && !bound.host().empty()
                && target.host() == bound.host();
    if (bound.port() == 0 || target.port() != bound.port())
        return false;
    if (isWildcard(bound))
        return bound.family() == AF_INET6 || addrKey(target).find(']') == std::string::npos;
    return addrKey(target) == addrKey(bound);
}

inline QString addrText(const Address &a)
{
    const std::string key = addrKey(a);
    if (key.empty() || key == "(unnamed)")
        return QStringLiteral("unnamed socket");
    return QString::fromStdString(key);
}

inline std::string preview(const Bytes &bytes)
{
    return escapedPreview(view(bytes), kPreviewChars);
}

inline std::string errText(const std::string &op, int err)
{
    const char *name = errnoName(err);
    const std::string e = name ? std::string(name) : "errno " + std::to_string(err);
    return op.empty() ? e : op + ": " + e;
}

} // namespace wire

struct PendingSend
{
    uint64_t endOffset;
    std::weak_ptr<WireItem> item;
};

struct RecvMark
{
    uint64_t endOffset;
    int64_t t;
    bool eof;
    uint64_t size;
    int flags;
    std::string preview;
};

struct WireModel::DgramSend
{
    Bytes bytes;
    uint64_t size;
    std::weak_ptr<WireItem> item;
    EndpointId from;
};

struct WireModel::HeldRecv
{
    int64_t t;
    ConnId conn;
    Address from;
    uint64_t size;
    int flags;
    Bytes bytes;
};

struct WireModel::EndpointState
{
    EndpointId id = 0;
    std::optional<EndpointConfig> config;
    Role role = Role::Client;
    Transport transport = Transport::Tcp;
    QString label;
    int lane = -1;
    Address local; ///< the listener's or datagram socket's address
    /// A fault relay, drawn as what each leg is: a stream relay as a server whose odd
    /// connections are accepted clients and whose even ones connect to the target; a UDP relay
    /// as a datagram socket that also owns each flow's socket (extraLocals).
    bool relay = false;
    std::vector<Address> extraLocals;
    std::deque<DgramSend> expected; ///< datagrams sent to this socket, not yet received
    std::deque<HeldRecv> held; ///< datagrams received, not yet matched to their send
};

struct WireModel::ConnState
{
    enum class Peer : uint8_t { Unknown, Own, Outside };
    EndpointId ep = 0;
    ConnId conn = 0;
    bool accepted = false; ///< accepted by one of our servers
    bool client = false;
    bool pairEnd = false;
    int lane = -1;
    Address local, peer;
    bool opened = false, closed = false;
    int64_t connectingNs = 0, openedNs = 0, closedNs = 0;
    Peer peerKind = Peer::Unknown;
    uint64_t peerKey = 0;
    int peerLane = -1;
    EndpointId listener = 0; ///< our listener a client connects to, or that accepted this
    uint64_t outOffset = 0, inOffset = 0;
    uint64_t oobOut = 0, oobIn = 0; ///< urgent bytes, counted apart from the stream
    std::deque<PendingSend> sends, oobSends;
    std::deque<RecvMark> recvs, oobRecvs;
    std::weak_ptr<WireItem> connectItem, resetItem;
    bool finSent = false;
};

} // namespace sb
