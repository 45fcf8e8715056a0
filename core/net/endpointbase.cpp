#include "core/net/endpointbase.h"

#include "core/net/sockopt.h"
#include "core/net/tlscontext.h"
#include "core/net/unixbind.h"

#include <cerrno>

#include <netinet/in.h>
#include <sys/socket.h>

namespace sb {

EndpointBase::EndpointBase(EndpointConfig config, EventSink &sink, Registry &registry)
    : Endpoint(std::move(config))
    , m_sink(sink)
    , m_registry(registry)
    , m_tracer(m_id, &sink, m_config.trace)
    , m_responder(makeResponder(m_config.responder))
    , m_readBuffer(std::max<size_t>(m_config.readSize, 1))
    , m_thread([this] { m_loop.loop(); })
{ }

EndpointBase::~EndpointBase() { joinWorker(); }

void EndpointBase::joinWorker()
{
    if (!m_thread.joinable())
        return;
    m_loop.runInLoop([this] {
        if (!m_stopped) {
            m_stopped = true;
            stopInLoop();
        }
        m_loop.quit();
    });
    m_thread.join();
}

void EndpointBase::start()
{
    m_loop.runInLoop([this] {
        if (!m_stopped)
            startInLoop();
    });
}

void EndpointBase::stop()
{
    m_loop.runInLoop([this] {
        if (m_stopped)
            return;
        m_stopped = true;
        stopInLoop();
        post(Event(0, ev::Stopped {}));
    });
}

void EndpointBase::post(Event event)
{
    if (!event.monoNs)
        event.monoNs = monotonicNs();
    event.endpoint = m_id;
    m_sink.post(std::move(event));
}

void EndpointBase::postError(ConnId conn, std::string op, int err, std::string text)
{
    // A UNIX endpoint's errors take the hints of paths, not of ports (errnoCause).
    const int family = m_config.spec.isUnix() ? AF_UNIX : 0;
    post(Event(
            conn,
            ev::Error {
                    .op = std::move(op), .err = err, .detail = std::move(text), .family = family}));
}

Connection::Context EndpointBase::connectionContext(EventLoop *loop, std::vector<char> *readBuffer)
{
    Connection::Context c;
    c.loop = loop;
    c.sink = &m_sink;
    c.tracer = &m_tracer;
    c.endpoint = m_id;
    c.owner = m_config.label;
    c.transport = m_config.spec.transport;
    c.responder = m_responder.get();
    c.closeOnPeerEof = m_config.closeOnPeerEof;
    c.dataBytes = m_config.dataBytes;
    c.discard = !m_config.dataBytes && m_config.responder.kind == ResponderSpec::Kind::Discard
            && (m_config.spec.transport == Transport::Tcp
                || m_config.spec.transport == Transport::UnixStream);
    c.readBuffer = readBuffer;
    c.stdio = m_config.stdio;
    c.registry = &m_registry;
    if (m_config.spec.tls) {
        c.tls = m_tlsContext;
        c.tlsHost = m_config.spec.host;
        c.discard = false; // every byte is decrypted
    }
    return c;
}

bool EndpointBase::prepareTls(ConnId conn)
{
    if (!m_config.spec.tls || m_tlsContext)
        return true;
    if (m_config.tlsContext) {
        m_tlsContext = m_config.tlsContext;
        return true;
    }
    auto made = TlsContext::create(m_config.tls, m_config.role == Role::Server);
    if (!made) {
        post(Event(conn, ev::Error {.op = "tls", .detail = made.error()}));
        return false;
    }
    m_tlsContext = *made;
    if (!m_tlsContext->note().empty())
        sys::narrate(sysContext(conn), -1, m_tlsContext->note(), 0);
    return true;
}

int EndpointBase::openSocket(int family, ConnId conn)
{
    const Transport t = m_config.spec.transport;
    const int protocol = family == AF_UNIX ? 0 : t == Transport::Tcp ? IPPROTO_TCP : IPPROTO_UDP;
    const int fd = sys::socket(sysContext(conn), family,
                               socketType(t) | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
    if (fd < 0) {
        postError(conn, "socket", errno);
        return -1;
    }
    for (const OptionSetting &setting : m_config.options) {
        const OptionInfo *info = findOption(setting.name);
        if (!info) {
            postError(conn, "setsockopt", EINVAL, "unknown option " + setting.name);
            continue;
        }
        auto value = parseOptionValue(*info, setting.value);
        if (!value) {
            postError(conn, "setsockopt", EINVAL, setting.name + ": " + value.error());
            continue;
        }
        if (!optionApplies(*info, t, family))
            continue; // e.g. TCP_NODELAY on a UNIX socket: nothing to set
        if (const int err = applyOption(sysContext(conn), fd, *info, *value))
            postError(conn, "setsockopt", err, setting.name);
    }
    return fd;
}

bool EndpointBase::bindSocket(int fd, const Address &address, ConnId conn)
{
    const UnixBindResult r = bindReplacingStale(sysContext(conn), fd, address,
                                                socketType(m_config.spec.transport));
    if (r.err == 0) {
        m_socketFile = r.file;
        return true;
    }
    // The family chooses the hint: a UNIX path has no port and no TIME_WAIT.
    post(Event(conn,
               ev::Error {.op = "bind",
                          .err = r.err,
                          .detail = r.reason.empty() ? address.toString() : r.reason,
                          .family = address.family()}));
    return false;
}

void EndpointBase::removeSocketFile()
{
    unlinkSocketFile(sysContext(0), m_socketFile);
    m_socketFile = {};
}

std::vector<Address> EndpointBase::resolve(const EndpointSpec &spec, bool passive, ConnId conn)
{
    auto r = resolveEndpoint(spec, m_config.family, passive);
    if (!r) {
        postError(conn, "getaddrinfo", 0, r.error());
        return {};
    }
    return std::move(r).value();
}

void EndpointBase::closeFd(int &fd, ConnId conn)
{
    if (fd < 0)
        return;
    m_loop.unwatch(fd);
    m_registry.remove(m_id, conn);
    sys::close(sysContext(conn), fd);
    fd = -1;
}

namespace {

/// An option read back: its value when the kernel gave one, the reason in detail otherwise.
ev::OptionValue optionValue(const SysContext &ctx, int fd, const OptionInfo &info)
{
    OptionReading r = readOption(ctx, fd, info);
    ev::OptionValue v {.name = info.name, .err = r.err};
    if (r.err == 0)
        v.value = std::move(r.text);
    else
        v.detail = std::move(r.text);
    return v;
}

} // namespace

void EndpointBase::setOption(ConnId conn, OptionSetting option)
{
    m_loop.runInLoop([this, conn, option = std::move(option)] {
        const int fd = fdOf(conn);
        const OptionInfo *info = findOption(option.name);
        ev::OptionValue v {.name = option.name};
        if (!info) {
            v.err = ENOPROTOOPT;
            v.detail = "unknown option";
        } else if (fd < 0) {
            v.err = EBADF;
            v.detail = "no open socket";
        } else if (auto value = parseOptionValue(*info, option.value); !value) {
            v.err = EINVAL;
            v.detail = value.error();
        } else if ((v.err = applyOption(sysContext(conn), fd, *info, *value)) == 0) {
            v = optionValue(sysContext(conn), fd, *info);
        }
        Event e(conn, std::move(v));
        post(std::move(e));
    });
}

void EndpointBase::changeGroup(GroupSpec group, bool join)
{
    m_loop.runInLoop([this, group = std::move(group), join] {
        postError(0, join ? "join" : "leave", EOPNOTSUPP,
                  group.toString() + ": multicast groups are for UDP sockets");
    });
}

void EndpointBase::setFaults(RelayDir, FaultPlan)
{
    m_loop.runInLoop([this] {
        postError(0, "faults", EOPNOTSUPP, "faults are for relays: this endpoint is not one");
    });
}

void EndpointBase::readOptions(ConnId conn)
{
    m_loop.runInLoop([this, conn] {
        const int fd = fdOf(conn);
        Address local;
        if (fd >= 0)
            sys::getsockname(SysContext {}, fd, &local); // untraced: the workbench looking
        for (const OptionInfo &info : socketOptions()) {
            // Reading SO_ERROR clears the pending error (a connect in progress would lose
            // its answer), and options of another family or protocol only say EOPNOTSUPP.
            if (info.level == SOL_SOCKET && info.optname == SO_ERROR)
                continue;
            if (fd >= 0 && !optionApplies(info, m_config.spec.transport, local.family()))
                continue;
            Event e(conn,
                    fd < 0 ? ev::OptionValue {.name = info.name,
                                              .err = EBADF,
                                              .detail = "no open socket"}
                           : optionValue(sysContext(conn), fd, info));
            post(std::move(e));
        }
    });
}

} // namespace sb
