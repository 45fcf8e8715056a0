#include "core/demo/demoplayer.h"

#include "core/capture/loopbackcapture.h"
#include "core/demo/demoplayerpanel.h"
#include "core/demo/rawsocket.h"
#include "core/net/endpoint.h"
#include "core/text/errnoinfo.h"
#include "core/text/faulttext.h"
#include "core/text/payload.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <deque>
#include <dirent.h>

#include <sys/socket.h>
#include <unistd.h>

namespace sb {

bool DemoStepReport::passed() const
{
    return finished && !timedOut
            && std::all_of(checks.begin(), checks.end(),
                           [](const DemoCheck &c) { return c.passed; });
}

DemoPlayer::DemoPlayer(DemoScript script, Registry &registry, DemoLang lang)
    : m_script(std::move(script))
    , m_lang(lang)
    , m_queue(1 << 16)
    , m_registry(registry)
{
    build();
    if (m_script.usesPackets())
        capturePackets();
}

DemoPlayer::~DemoPlayer()
{
    if (m_capture)
        m_capture->stop();
    teardown();
}

bool DemoPlayer::capturePackets()
{
    if (m_capture)
        return true;
    auto capture = std::make_unique<LoopbackCapture>(m_queue);
    // The demo's ports are chosen by the kernel as it runs: the filter starts with none (port
    // 0 matches no packet) and each is added as it becomes known, before the call that sends
    // to it; packets of no panel of this demo that still pass are left out when released.
    LoopbackCapture::Options options;
    options.ports = m_capturePorts.empty()
            ? std::vector<uint16_t> {0}
            : std::vector<uint16_t>(m_capturePorts.begin(), m_capturePorts.end());
    if (const int err = capture->start(options)) {
        m_captureProblem = captureRefusal(err);
        return false;
    }
    m_capture = std::move(capture);
    return true;
}

bool DemoPlayer::capturing() const { return m_capture != nullptr; }

void DemoPlayer::watchPort(uint16_t port)
{
    if (port == 0 || !m_capturePorts.insert(port).second || !m_capture)
        return;
    m_capture->setPorts(std::vector<uint16_t>(m_capturePorts.begin(), m_capturePorts.end()));
}

void DemoPlayer::learnPort(const Event &event, int panel)
{
    const auto own = [&](const Address &local, uint32_t handle) {
        if (local.isIp() && local.port() != 0) {
            m_portOwner.try_emplace(local.port(), event.endpoint, handle);
            watchPort(local.port());
        }
    };
    (void)panel;
    if (const auto *t = event.as<ev::Trace>();
        t && t->record && t->record->call == SysCall::Connect && t->record->addr.isIp()) {
        m_connectTo[t->record->addr.port()] = {event.endpoint, event.conn};
        watchPort(t->record->addr.port());
    }
    if (const auto *done = event.as<ev::CallDone>())
        own(done->local, done->op == "accept" ? uint32_t(done->result) : event.conn);
    else if (const auto *l = event.as<ev::Listening>())
        own(l->local, 0);
    else if (const auto *o = event.as<ev::Opened>())
        own(o->local, event.conn);
}

void DemoPlayer::releasePackets(int64_t now, bool all)
{
    std::deque<Event> unowned;
    for (auto &event : m_unownedPackets)
        if (!releasePacket(event) && event.monoNs > now - kPacketForgetNs)
            unowned.push_back(std::move(event));
    while (!m_heldPackets.empty() && (all || m_heldPackets.front().monoNs <= now - kPacketHoldNs)) {
        Event event = std::move(m_heldPackets.front());
        m_heldPackets.pop_front();
        if (!releasePacket(event))
            unowned.push_back(std::move(event));
    }
    m_unownedPackets.swap(unowned);
}

bool DemoPlayer::releasePacket(Event &event)
{
    const Packet &p = *event.as<ev::Packet>()->packet;
    // Whose socket sent it: the owner of its source port (an ICMP error: of the port that
    // sent the datagram it quotes).
    const uint16_t port = p.hasInner ? p.innerSrc.port() : p.src.port();
    auto owner = m_portOwner.find(port);
    // A SYN leaves before connect() returns the client's port, and a refused one never
    // does: it is the SYN of the panel that connected to its destination.
    if (owner == m_portOwner.end() && p.proto == PacketProto::Tcp && p.tcpFlags == tcpflag::kSyn) {
        if (const auto to = m_connectTo.find(p.dst.port()); to != m_connectTo.end())
            owner = m_portOwner.emplace(port, to->second).first;
    }
    if (port == 0 || owner == m_portOwner.end())
        return false;
    const auto panel = m_panelById.find(owner->second.first);
    if (panel == m_panelById.end())
        return false;
    event.endpoint = owner->second.first;
    event.conn = owner->second.second;
    DemoEntry entry;
    entry.step = stepAt(p.monoNs);
    entry.panel = m_panels[size_t(panel->second)]->decl->name;
    entry.event = std::move(event);
    m_entries.push_back(std::move(entry));
    return true;
}

int DemoPlayer::stepAt(int64_t monoNs) const
{
    const int current = std::min(m_current, stepCount() - 1);
    for (int i = current; i > 0; --i)
        if (m_reports[size_t(i)].startedNs && m_reports[size_t(i)].startedNs <= monoNs)
            return i;
    return current >= 0 && m_reports[0].startedNs <= monoNs ? 0 : current;
}

const std::string &DemoPlayer::narration(int index) const
{
    return m_script.steps.at(static_cast<size_t>(index)).narration.in(m_lang);
}

void DemoPlayer::setWakeup(std::function<void()> wakeup) { m_queue.setWakeup(std::move(wakeup)); }

void DemoPlayer::build()
{
    const char *tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/sockbench-demo-XXXXXX";
    if (::mkdtemp(pattern.data()))
        m_tmpDir = pattern;
    for (const auto &decl : m_script.panels) {
        auto panel = std::make_unique<Panel>();
        panel->decl = &decl;
        if (decl.kind == DemoPanel::Kind::Raw) {
            panel->raw = std::make_unique<RawSocket>(m_queue, decl.name);
            m_panelById[panel->raw->id()] = static_cast<int>(m_panels.size());
        }
        m_panels.push_back(std::move(panel));
    }
    m_reports.assign(m_script.steps.size(), {});
    for (size_t i = 0; i < m_reports.size(); ++i)
        m_reports[i].index = static_cast<int>(i);
}

void DemoPlayer::teardown()
{
    for (auto &panel : m_panels)
        if (panel->raw)
            panel->raw->cancel();
    m_panels.clear(); // joins every worker
    m_rawOpen = 0;
    std::vector<Event> discard;
    m_queue.drain(discard);
    if (!m_tmpDir.empty()) {
        if (DIR *dir = ::opendir(m_tmpDir.c_str())) {
            while (dirent *e = ::readdir(dir))
                if (std::string_view(e->d_name) != "." && std::string_view(e->d_name) != "..")
                    ::unlink((m_tmpDir + "/" + e->d_name).c_str());
            ::closedir(dir);
        }
        ::rmdir(m_tmpDir.c_str());
        m_tmpDir.clear();
    }
    m_panelById.clear();
    m_aliases.clear();
}

void DemoPlayer::reset()
{
    teardown();
    m_state = State::Ready;
    m_current = 0;
    m_nextAction = 0;
    m_outstanding = 0;
    m_playing = false;
    m_entries.clear();
    m_reported = 0;
    m_justFinished.clear();
    m_heldPackets.clear();
    m_unownedPackets.clear();
    m_portOwner.clear();
    m_connectTo.clear();
    m_settleFromNs = 0;
    build();
}

bool DemoPlayer::next()
{
    if (m_state != State::Ready)
        return false;
    m_reports[size_t(m_current)].started = true;
    m_state = State::Running;
    m_nextAction = 0;
    m_outstanding = 0;
    m_stepStartNs = monotonicNs();
    m_reports[size_t(m_current)].startedNs = m_stepStartNs;
    issueActions();
    finishIfDone(m_stepStartNs); // a step of narration and notes only is over at once
    return true;
}

void DemoPlayer::play(int paceMs)
{
    m_paceMs = std::max(0, paceMs);
    m_playing = m_state != State::Finished;
    if (m_playing && m_state == State::Ready && m_current == 0)
        next();
}

bool DemoPlayer::allPassed() const
{
    return m_state == State::Finished
            && std::all_of(m_reports.begin(), m_reports.end(),
                           [](const DemoStepReport &r) { return r.passed(); });
}

int DemoPlayer::msUntilDue() const
{
    const int64_t now = monotonicNs();
    int64_t due = -1;
    if (m_state == State::Running) {
        const DemoStep &step = m_script.steps[size_t(m_current)];
        due = m_stepStartNs + int64_t(step.timeoutMs) * 1000000;
        for (const auto &c : step.expects) // a within's end lets the step go on
            if (c.withinMs && m_stepStartNs + int64_t(c.withinMs) * 1000000 > now)
                due = std::min(due, m_stepStartNs + int64_t(c.withinMs) * 1000000);
    }
    if (m_state == State::Running && m_settleFromNs)
        due = std::min(due,
                       now < m_settleFromNs + kPacketSettleNs ? m_settleFromNs + kPacketSettleNs
                                                              : m_settleFromNs + kPacketWaitNs);
    if (!m_heldPackets.empty()) {
        const int64_t release = m_heldPackets.front().monoNs + kPacketHoldNs;
        due = due < 0 ? release : std::min(due, release);
    } else if (m_state == State::Ready && m_playing)
        due = m_readyAtNs + int64_t(m_paceMs) * 1000000;
    if (due < 0)
        return -1;
    return static_cast<int>(std::max<int64_t>(0, (due - now + 999999) / 1000000));
}

DemoUpdate DemoPlayer::pump()
{
    std::vector<Event> events;
    m_queue.drain(events);
    for (auto &e : events) {
        if (e.is<ev::Packet>())
            m_heldPackets.push_back(std::move(e));
        else
            route(e);
    }
    const int64_t now = monotonicNs();
    releasePackets(now, false);
    if (m_state == State::Running) {
        issueActions();
        finishIfDone(now);
    }
    if (m_state == State::Ready && m_playing && now >= m_readyAtNs + int64_t(m_paceMs) * 1000000) {
        next();
    }
    DemoUpdate update;
    update.entries.assign(m_entries.begin() + std::ptrdiff_t(m_reported), m_entries.end());
    m_reported = m_entries.size();
    update.finished.swap(m_justFinished);
    return update;
}

void DemoPlayer::note(const std::string &text)
{
    DemoEntry entry;
    entry.step = m_current;
    entry.event = Event(0, ev::OptionValue {.name = "note", .value = text});
    entry.event.monoNs = monotonicNs();
    m_entries.push_back(std::move(entry));
}

void DemoPlayer::route(const Event &event)
{
    const auto it = m_panelById.find(event.endpoint);
    if (it == m_panelById.end())
        return;
    Panel &panel = *m_panels[size_t(it->second)];
    learnPort(event, it->second);
    if (const auto *t = event.as<ev::Trace>();
        t && t->record && panel.raw && t->record->result >= 0)
        switch (t->record->call) {
        case SysCall::Socket:
        case SysCall::Accept4:
            ++m_rawOpen;
            break;
        case SysCall::Socketpair:
            m_rawOpen += 2;
            break;
        case SysCall::Close:
            m_rawOpen = std::max(0, m_rawOpen - 1);
            break;
        default:
            break;
        }
    const auto *done = event.as<ev::CallDone>();
    if (done && panel.raw) {
        const auto result = uint32_t(done->result);
        if (!panel.pending.empty()) {
            PendingCall call = std::move(panel.pending.front());
            panel.pending.pop_front();
            if (call.step == m_current && !call.background && m_state == State::Running)
                --m_outstanding;
            if (done->err == 0 && call.op == "accept" && !call.names.empty())
                m_aliases[call.names[0]] = {it->second, result};
            if (done->err == 0 && call.op == "socketpair" && call.names.size() == 2) {
                m_aliases[call.names[0]] = {it->second, result};
                m_aliases[call.names[1]] = {it->second, result + 1};
            }
        }
        if (done->local.valid())
            panel.locals[done->op == "accept" ? result : event.conn] = done->local;
        // Done is bookkeeping for the steps, but it is kept as an entry: it carries the address
        // bind gave and accept returned, which a view over all traffic (the GUI's Wire view)
        // needs to pair the demo's sockets. The CLI, the logs and the checks pass over it.
    }
    if (panel.endpoint && !panel.pending.empty()) {
        const std::string &op = panel.pending.front().op;
        const auto *data = event.as<ev::Data>();
        const bool finishes = event.is<ev::Error>() || event.is<ev::Stopped>()
                || (op == "start" && (event.is<ev::Listening>() || event.is<ev::Opened>()))
                || (op == "send" && data && data->dir == Direction::Out)
                || (op == "shutdown" && event.is<ev::Shutdown>())
                || (op == "close" && event.is<ev::Closed>())
                || (op == "fault" && event.is<ev::OptionValue>()
                    && event.as<ev::OptionValue>()->name.starts_with("relay "));
        if (finishes) {
            const PendingCall &call = panel.pending.front();
            if (call.step == m_current && !call.background && m_state == State::Running)
                --m_outstanding;
            panel.pending.pop_front();
        }
    }
    // An endpoint's addresses are its state's; a raw socket's are kept by handle.
    const auto *opened = event.as<ev::Opened>();
    if (panel.endpoint)
        panel.state.apply(event);
    else if (opened && opened->local.valid() && !panel.locals.count(0))
        panel.locals[0] = opened->local;
    DemoEntry entry;
    entry.step = m_current;
    entry.panel = displayName(it->second, event.conn);
    entry.event = event;
    m_entries.push_back(std::move(entry));
}

std::string DemoPlayer::displayName(int panel, uint32_t conn) const
{
    for (const auto &[name, where] : m_aliases)
        if (where.first == panel && where.second == conn)
            return name;
    const std::string &base = m_panels[size_t(panel)]->decl->name;
    if (conn == 0 || m_panels[size_t(panel)]->raw
        || m_panels[size_t(panel)]->decl->role == Role::Client)
        return base;
    return base + "#" + std::to_string(conn);
}

bool DemoPlayer::resolveName(const std::string &name, int *panel, int64_t *handle) const
{
    if (const auto a = m_aliases.find(name); a != m_aliases.end()) {
        *panel = a->second.first;
        *handle = a->second.second;
        return true;
    }
    for (size_t i = 0; i < m_panels.size(); ++i) {
        if (m_panels[i]->decl->name == name) {
            *panel = static_cast<int>(i);
            *handle = -1;
            return true;
        }
    }
    return false;
}

std::optional<std::string> DemoPlayer::lookup(std::string_view name) const
{
    if (name == "tmp")
        return m_tmpDir;
    for (const auto &[var, value] : m_script.vars)
        if (var == name)
            return value;
    const size_t dot = name.rfind('.');
    if (dot == std::string_view::npos)
        return std::nullopt;
    int panel = 0;
    int64_t handle = 0;
    if (!resolveName(std::string(name.substr(0, dot)), &panel, &handle))
        return std::nullopt;
    const Panel &p = *m_panels[size_t(panel)];
    const uint32_t id = handle < 0 ? 0 : uint32_t(handle);
    Address local;
    if (p.endpoint) { // the endpoint's own address, or one connection's
        const ConnectionState *c = id ? p.state.connection(id) : nullptr;
        local = id == 0 ? p.state.local() : c ? c->local : Address();
    } else if (const auto it = p.locals.find(id); it != p.locals.end()) {
        local = it->second;
    }
    if (!local.valid())
        return std::nullopt;
    const std::string_view prop = name.substr(dot + 1);
    if (prop == "port" && local.isIp())
        return std::to_string(local.port());
    if (prop == "addr")
        return local.toString();
    return std::nullopt;
}

Result<std::string> DemoPlayer::bytesOf(const std::string &text) const
{
    auto s = substituteDemoText(text, [this](std::string_view n) { return lookup(n); });
    if (!s)
        return s;
    return parseEscapedText(*s);
}

Result<Address> DemoPlayer::addressOf(const std::string &endpoint, EndpointSpec *specOut) const
{
    auto text = substituteDemoText(endpoint, [this](std::string_view n) { return lookup(n); });
    if (!text)
        return InputError {text.error()};
    auto spec = parseEndpoint(*text);
    if (!spec)
        return InputError {spec.error()};
    if (specOut)
        *specOut = *spec;
    if (spec->isUnix()) {
        const std::string &path = spec->host;
        const bool inTmp = !m_tmpDir.empty() && path.starts_with(m_tmpDir + "/");
        if (!inTmp && !path.starts_with("@"))
            return InputError {"UNIX path " + path + " is outside the demo's ${tmp} directory"};
        if (path.size() > kMaxUnixPath)
            return InputError {"UNIX path " + path + " is over 107 bytes"};
        return Address::unixPath(path);
    }
    Address a = Address::ip(spec->host, spec->port);
    const bool loopback = a.valid()
            && ((a.family() == AF_INET && spec->host.starts_with("127."))
                || (a.family() == AF_INET6 && a.host() == "::1"));
    if (!loopback)
        return InputError {"'" + spec->host
                           + "' is not a loopback literal (demos use 127.0.0.1 or [::1] only)"};
    return a;
}

Result<Address> DemoPlayer::multicastAddressOf(const std::string &endpoint) const
{
    auto text = substituteDemoText(endpoint, [this](std::string_view n) { return lookup(n); });
    if (!text)
        return InputError {text.error()};
    auto spec = parseEndpoint(*text);
    if (!spec)
        return InputError {spec.error()};
    const Address a = spec->isUnix() ? Address() : Address::ip(spec->host, spec->port);
    if (!a.valid() || !isMulticast(a))
        return InputError {"'" + spec->host + "' is not a multicast group"};
    return a;
}

void DemoPlayer::issueActions()
{
    const DemoStep &step = m_script.steps[size_t(m_current)];
    while (m_nextAction < step.actions.size()) {
        // The lines of a step run in order, each once the one before returned (unless it
        // ended in '&'): "c2 start" then "c3 start" reach the backlog in that order.
        if (m_outstanding > 0)
            return;
        const DemoAction &action = step.actions[m_nextAction];
        int panel = 0;
        int64_t handle = 0;
        // A name made by "accept ... as NAME" exists once that accept returned: wait for it.
        if (!action.panel.empty() && !resolveName(action.panel, &panel, &handle))
            return;
        // So is ${server.port} once the bind queued before it returned.
        if (!placeholdersReady(action) && callsPending())
            return;
        std::string error;
        if (!issue(action, &error)) {
            m_reports[size_t(m_current)].checks.push_back(
                    {action.line, "do: " + action.panel + " " + action.op, false, error});
        }
        ++m_nextAction;
    }
}

bool DemoPlayer::placeholdersReady(const DemoAction &action) const
{
    auto known = [this](const std::string &text) {
        return substituteDemoText(text, [this](std::string_view n) { return lookup(n); }).ok();
    };
    if (!std::all_of(action.args.begin(), action.args.end(), known))
        return false;
    if (action.op == "start") {
        if (const DemoPanel *decl = m_script.panel(action.panel))
            return known(decl->spec) && (decl->target.empty() || known(decl->target));
    }
    return true;
}

bool DemoPlayer::callsPending() const
{
    return std::any_of(m_panels.begin(), m_panels.end(),
                       [](const auto &panel) { return !panel->pending.empty(); });
}

bool DemoPlayer::issue(const DemoAction &action, std::string *error)
{
    if (action.op == "byteorder") {
        auto value = substituteDemoText(action.args[1],
                                        [this](std::string_view n) { return lookup(n); });
        if (!value) {
            *error = value.error();
            return false;
        }
        auto line = describeByteOrder(action.args[0] == "16" ? 16 : 32, *value);
        if (!line) {
            *error = line.error();
            return false;
        }
        note(*line);
        return true;
    }
    int index = 0;
    int64_t handle = 0;
    resolveName(action.panel, &index, &handle);
    Panel &panel = *m_panels[size_t(index)];
    if (panel.raw)
        return issueRaw(panel, handle < 0 ? 0 : uint32_t(handle), action, error);
    return issueEndpoint(panel, action, error);
}

bool DemoPlayer::issueRaw(Panel &panel, uint32_t h, const DemoAction &a, std::string *error)
{
    RawSocket &raw = *panel.raw;
    const auto &args = a.args;
    auto has = [&](const char *word) {
        return std::find(args.begin(), args.end(), word) != args.end();
    };
    if (a.op == "socket") {
        const std::string &k = args[0];
        const int family = k.starts_with("unix") ? AF_UNIX : k.ends_with("6") ? AF_INET6 : AF_INET;
        const int type = (k == "udp" || k == "udp6" || k == "unix-dgram") ? SOCK_DGRAM
                : k == "unix-seqpacket"                                   ? SOCK_SEQPACKET
                                                                          : SOCK_STREAM;
        raw.socket(family, type);
    } else if (a.op == "socketpair") {
        raw.socketpair(args[0] == "unix-dgram"               ? SOCK_DGRAM
                               : args[0] == "unix-seqpacket" ? SOCK_SEQPACKET
                                                             : SOCK_STREAM);
    } else if (a.op == "setsockopt") {
        raw.setOption(h, {args[0], args[1]});
    } else if (a.op == "bind" || a.op == "connect" || a.op == "sendto") {
        const std::string &text = a.op == "sendto" ? args[1] : args[0];
        auto address = addressOf(text, nullptr);
        if (!address) {
            // A multicast group is no loopback literal, yet it stays on this host when the
            // sender sends its groups out of lo only (multicast-if): bind to it, send to it.
            auto group = multicastAddressOf(text);
            const bool sendsOnLo = panel.multicastOnLo.count(h) != 0;
            if (!group || a.op == "connect" || (a.op == "sendto" && !sendsOnLo)) {
                *error = group && a.op == "sendto" ? "a demo sends to a group only out of lo: 'do: "
                                + a.panel + " multicast-if 127.0.0.1' first"
                                                   : address.error();
                return false;
            }
            address = *group;
        }
        if (address->isIp())
            watchPort(address->port());
        if (a.op == "bind") {
            raw.bind(h, *address);
        } else if (a.op == "connect") {
            const int timeout = args.size() > 1 ? std::atoi(args[1].c_str() + 8) : 0;
            raw.connect(h, *address, timeout);
        } else {
            auto bytes = bytesOf(args[0]);
            if (!bytes) {
                *error = bytes.error();
                return false;
            }
            raw.sendTo(h, makeBytes(std::move(*bytes)), 0, *address);
        }
    } else if (a.op == "listen") {
        raw.listen(h, std::atoi(args[0].c_str()));
    } else if (a.op == "accept") {
        raw.accept(h);
    } else if (a.op == "send") {
        auto bytes = bytesOf(args[0]);
        if (!bytes) {
            *error = bytes.error();
            return false;
        }
        raw.send(h, makeBytes(std::move(*bytes)), has("oob") ? MSG_OOB : 0);
    } else if (a.op == "recv" || a.op == "recvfrom") {
        const int flags = (has("oob") ? MSG_OOB : 0) | (has("peek") ? MSG_PEEK : 0)
                | (has("waitall") ? MSG_WAITALL : 0);
        if (a.op == "recv")
            raw.recv(h, size_t(std::atoi(args[0].c_str())), flags);
        else
            raw.recvFrom(h, size_t(std::atoi(args[0].c_str())), flags);
    } else if (a.op == "shutdown") {
        raw.shutdown(h, args[0] == "rd" ? SHUT_RD : args[0] == "wr" ? SHUT_WR : SHUT_RDWR);
    } else if (a.op == "close") {
        raw.close(h);
    } else if (a.op == "join" || a.op == "leave") {
        auto group = parseGroupSpec(args[0]);
        if (!group) {
            *error = group.error();
            return false;
        }
        raw.changeGroup(h, *group, a.op == "join");
    } else if (a.op == "multicast-if") {
        raw.multicastOnLoopback(h, args[0]);
        panel.multicastOnLo.insert(h);
    }
    panel.pending.push_back({m_current, a.background, a.op, a.names});
    if (!a.background)
        ++m_outstanding;
    return true;
}

bool DemoPlayer::issueEndpoint(Panel &panel, const DemoAction &a, std::string *error)
{
    const DemoPanel &decl = *panel.decl;
    if (a.op == "start") {
        if (panel.endpoint) {
            *error = decl.name + " is started already";
            return false;
        }
        EndpointSpec spec;
        auto address = addressOf(decl.spec, &spec);
        if (!address) {
            *error = address.error();
            return false;
        }
        if (address->isIp())
            watchPort(address->port());
        EndpointConfig config;
        config.role = decl.role;
        config.spec = spec;
        if (decl.role == Role::Relay) {
            EndpointSpec target;
            auto to = addressOf(decl.target, &target);
            if (!to) {
                *error = to.error();
                return false;
            }
            if (to->isIp())
                watchPort(to->port());
            config.relayTarget = target;
            for (int d = 0; d < 2; ++d)
                config.relayFaults[d] = panel.faults[d] = decl.faults[d];
        }
        config.model = decl.model;
        config.backlog = decl.backlog;
        config.responder = decl.responder;
        config.options = decl.options;
        config.connectTimeoutMs = decl.timeoutMs;
        config.closeOnPeerEof = !decl.keepOpen;
        if (decl.selfSigned)
            config.tls.selfSignedDir = m_tmpDir; // made there, removed with it
        config.tls.insecure = decl.insecure;
        if (!decl.caFile.empty()) {
            auto ca = substituteDemoText(decl.caFile,
                                         [this](std::string_view n) { return lookup(n); });
            if (!ca) {
                *error = ca.error();
                return false;
            }
            config.tls.caFile = *ca;
        }
        config.label = "demo " + m_script.name + ": " + decl.name;
        panel.endpoint = Endpoint::create(config, m_queue, m_registry);
        panel.state = EndpointState(panel.endpoint->id(), config.role);
        for (size_t i = 0; i < m_panels.size(); ++i)
            if (m_panels[i].get() == &panel)
                m_panelById[panel.endpoint->id()] = static_cast<int>(i);
        panel.endpoint->start();
    } else if (!panel.endpoint) {
        *error = decl.name + " is not started (do: " + decl.name + " start)";
        return false;
    } else if (a.op == "send") {
        auto bytes = bytesOf(a.args[0]);
        if (!bytes) {
            *error = bytes.error();
            return false;
        }
        const bool oob = a.args.size() > 1 && a.args[1] == "oob";
        panel.endpoint->send(0, makeBytes(std::move(*bytes)), oob ? MSG_OOB : 0);
    } else if (a.op == "shutdown") {
        panel.endpoint->shutdown(0,
                                 a.args[0] == "rd"           ? SHUT_RD
                                         : a.args[0] == "wr" ? SHUT_WR
                                                             : SHUT_RDWR);
    } else if (a.op == "close") {
        panel.endpoint->close(0);
    } else if (a.op == "reset") {
        panel.endpoint->abort(0); // immediate, as on the relay's stdin
        return true;
    } else if (a.op == "fault") {
        // Each direction's new plan is waited for: the relay says when it is in force, so
        // the bytes the next line sends meet it.
        std::string line;
        for (const std::string &word : a.args)
            line += (line.empty() ? "" : " ") + word;
        auto parsed = parseFaultLine(line, "fault");
        if (!parsed) {
            *error = parsed.error();
            return false;
        }
        for (int d = 0; d < 2; ++d) {
            if (!(d == 0 ? parsed->dirs.up : parsed->dirs.down))
                continue;
            applyFault(panel.faults[d], parsed->name, parsed->value, "fault");
            panel.endpoint->setFaults(d == 0 ? RelayDir::Up : RelayDir::Down, panel.faults[d]);
            panel.pending.push_back({m_current, a.background, a.op, a.names});
            if (!a.background)
                ++m_outstanding;
        }
        return true;
    } else if (a.op == "stop") {
        panel.endpoint->stop();
    }
    panel.pending.push_back({m_current, a.background, a.op, a.names});
    if (!a.background)
        ++m_outstanding;
    return true;
}

} // namespace sb
