#include "core/endpointbase.h"

#include "core/sockopt.h"

#include <cerrno>

#include <netinet/in.h>
#include <sys/socket.h>

namespace sb {

EndpointBase::EndpointBase(EndpointConfig config, EventSink &sink)
    : Endpoint(std::move(config))
    , m_sink(sink)
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
        Event e;
        e.kind = EventKind::Stopped;
        post(std::move(e));
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
    Event e;
    e.kind = EventKind::Error;
    e.conn = conn;
    e.op = std::move(op);
    e.err = err;
    e.text = std::move(text);
    post(std::move(e));
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
    return c;
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
    if (sys::bind(sysContext(conn), fd, address) == 0) {
        if (address.isUnix() && !address.host().empty() && address.host()[0] != '@')
            m_unlinkOnClose = address.host();
        return true;
    }
    int err = errno;
    if (err == EADDRINUSE && address.isUnix() && address.host()[0] != '@') {
        // A socket file nobody accepts on is left over from a process that died: connecting
        // to it is refused. Remove it and bind again, as servers usually do.
        const int probe = sys::socket(sysContext(conn), AF_UNIX,
                                      socketType(m_config.spec.transport) | SOCK_CLOEXEC, 0);
        if (probe >= 0) {
            const bool stale
                    = sys::connect(sysContext(conn), probe, address) < 0 && errno == ECONNREFUSED;
            sys::close(sysContext(conn), probe);
            if (stale && sys::unlink(sysContext(conn), address.host()) == 0
                && sys::bind(sysContext(conn), fd, address) == 0) {
                m_unlinkOnClose = address.host();
                return true;
            }
        }
        err = EADDRINUSE;
    }
    postError(conn, "bind", err, address.toString());
    return false;
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
    Registry::instance().remove(m_id, conn);
    sys::close(sysContext(conn), fd);
    fd = -1;
}

void EndpointBase::setOption(ConnId conn, OptionSetting option)
{
    m_loop.runInLoop([this, conn, option = std::move(option)] {
        const int fd = fdOf(conn);
        const OptionInfo *info = findOption(option.name);
        Event e;
        e.kind = EventKind::Option;
        e.conn = conn;
        e.op = option.name;
        if (!info) {
            e.err = ENOPROTOOPT;
            e.text = "unknown option";
        } else if (fd < 0) {
            e.err = EBADF;
            e.text = "no open socket";
        } else if (auto value = parseOptionValue(*info, option.value); !value) {
            e.err = EINVAL;
            e.text = value.error();
        } else if ((e.err = applyOption(sysContext(conn), fd, *info, *value)) == 0) {
            const OptionReading r = readOption(sysContext(conn), fd, *info);
            e.err = r.err;
            e.text = r.text;
        }
        post(std::move(e));
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
            Event e;
            e.kind = EventKind::Option;
            e.conn = conn;
            e.op = info.name;
            if (fd < 0) {
                e.err = EBADF;
                e.text = "no open socket";
            } else {
                const OptionReading r = readOption(sysContext(conn), fd, info);
                e.err = r.err;
                e.text = r.text;
            }
            post(std::move(e));
        }
    });
}

} // namespace sb
