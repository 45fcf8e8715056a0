// bench_core: figures for scripts/bench.sh, measured on the core's endpoints in one process,
// each beside a minimal C program doing the same job, so that the ratio is of one run.
// Not a test: it prints figures and never passes or fails on them.
//
//   bench_core bulk MIB [--trace] [--unix] [--read] [--block N]
//                                            client -> discard server; prints MB/s. The client
//                                            sends blocks of N bytes (131072). Without --read
//                                            the server drops what arrives in the kernel (recv
//                                            MSG_TRUNC, splice to /dev/null). --read (or
//                                            --bytes): it recv()s at most N bytes at a time
//                                            into user space, its events carry them, and the
//                                            sink touches every cache line of them
//   bench_core udpsend PORT COUNT            COUNT 64-byte datagrams to 127.0.0.1:PORT as fast
//                                            as send() goes; prints the seconds from the
//                                            first send to the last, and how many went out
//   bench_core accept N fin|rst [--c]        connect + accept + close; prints accepts/s
//   bench_core echo N [--c]                  64-byte TCP_NODELAY round trips; median, p99 us
//   bench_core conns N                       N clients held by one event server: seconds to
//                                            open them all, server memory per connection
// --c runs the minimal C epoll / ping-pong server instead of the core's.

#include "../support/testregistry.h"
#include "core/net/endpoint.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace sb;
using Clock = std::chrono::steady_clock;

namespace {

double secondsSince(Clock::time_point t0)
{
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

long rssKiB()
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    }
    return -1;
}

[[noreturn]] void die(const char *what)
{
    std::fprintf(stderr, "bench_core: %s: %s\n", what, std::strerror(errno));
    std::exit(1);
}

/// Reads one byte of every 64 (every cache line) of what a receiver got, so that the bytes
/// read out are used as a consumer would use them, not only copied.
uint64_t touch(const Bytes &bytes)
{
    uint64_t sum = 0;
    if (bytes) {
        for (size_t i = 0; i < bytes->size(); i += 64)
            sum += static_cast<unsigned char>((*bytes)[i]);
    }
    return sum;
}

/// Counts what the benchmarks wait for; never stores an event.
class CountingSink : public EventSink
{
public:
    void post(Event e) override
    {
        std::lock_guard lock(m_mutex);
        const bool counted = std::visit(
                Overloaded {
                        [&](const ev::Listening &l) {
                            m_port = l.local.port();
                            m_listening = true;
                            return true;
                        },
                        [&](const ev::Data &d) {
                            if (d.dir == Direction::In) {
                                m_bytesIn += d.length;
                                ++m_msgsIn;
                                m_touched += touch(d.bytes);
                            }
                            return true;
                        },
                        [&](const ev::Opened &) {
                            ++m_opened;
                            return true;
                        },
                        [&](const ev::Closed &) {
                            ++m_closed;
                            return true;
                        },
                        [&](const ev::Error &err) {
                            if (err.err == ENOBUFS)
                                m_drops += err.dropped; // the kernel's count of datagrams it
                                                        // dropped
                            else if (err.err
                                     != ECONNRESET) // what the RST variant of the accept bench does
                                std::fprintf(stderr, "bench_core: %s: %s %s\n", err.op.c_str(),
                                             std::strerror(err.err), err.detail.c_str());
                            return true;
                        },
                        [](const ev::Trace &) { return false; },
                        [](const ev::Connecting &) { return false; },
                        [](const ev::Shutdown &) { return false; },
                        [](const ev::PeerEof &) { return false; },
                        [](const ev::Stopped &) { return false; },
                        [](const ev::Dropped &) { return false; },
                        [](const ev::SendQueue &) { return false; },
                        [](const ev::OptionValue &) { return false; },
                        [](const ev::CallDone &) { return false; },
                        [](const ev::RuleMatched &) { return false; },
                        [](const ev::Fault &) { return false; },
                        [](const ev::Packet &) { return false; },
                        [](const ev::TlsEstablished &) { return false; },
                },
                e.body);
        if (!counted)
            return;
        m_cv.notify_all();
    }
    template<class Pred>
    bool waitUntil(Pred pred, int seconds = 120)
    {
        std::unique_lock lock(m_mutex);
        return m_cv.wait_for(lock, std::chrono::seconds(seconds), [&] { return pred(*this); });
    }

    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_listening = false;
    uint16_t m_port = 0;
    uint64_t m_bytesIn = 0, m_msgsIn = 0, m_opened = 0, m_closed = 0, m_drops = 0;
    uint64_t m_touched = 0; ///< the sum touch() makes: kept so the reads are not optimised away
};

std::unique_ptr<Endpoint> startServer(const char *endpoint, ResponderSpec::Kind reply,
                                      CountingSink &sink, bool trace = false, int backlog = 4096,
                                      bool dataBytes = false, size_t readSize = 65536)
{
    EndpointConfig c;
    c.role = std::string_view(endpoint).rfind("udp", 0) == 0 ? Role::Datagram : Role::Server;
    c.spec = *parseEndpoint(endpoint);
    c.responder.kind = reply;
    c.trace = trace;
    c.backlog = backlog;
    c.dataBytes = dataBytes; // without it the sink counts and never sees the bytes
    c.readSize = readSize;
    auto server = Endpoint::create(c, sink, sbtest::registry());
    server->start();
    if (!sink.waitUntil([](CountingSink &s) { return s.m_listening; }))
        die("server did not start");
    return server;
}

sockaddr_in loopback(uint16_t port)
{
    sockaddr_in sa {};
    sa.sin_family = AF_INET;
    sa.sin_port = htons(port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return sa;
}

int connectTo(uint16_t port, int type = SOCK_STREAM)
{
    const int fd = ::socket(AF_INET, type | SOCK_CLOEXEC, 0);
    const sockaddr_in sa = loopback(port);
    if (fd < 0 || ::connect(fd, reinterpret_cast<const sockaddr *>(&sa), sizeof sa) < 0)
        die("connect");
    return fd;
}

int bulk(uint64_t mib, bool trace, bool unixStream, bool dataBytes, size_t blockSize)
{
    CountingSink ss, cs;
    char path[] = "/tmp/sb-bench-XXXXXX";
    std::string endpoint = "tcp://127.0.0.1:0";
    if (unixStream) {
        if (!mkdtemp(path))
            die("mkdtemp");
        endpoint = std::string("unix://") + path + "/s";
    }
    auto server = startServer(endpoint.c_str(), ResponderSpec::Kind::Discard, ss, trace, 4096,
                              dataBytes, blockSize);
    EndpointConfig cc;
    cc.role = Role::Client;
    cc.spec = *parseEndpoint(unixStream ? endpoint
                                        : "tcp://127.0.0.1:" + std::to_string(ss.m_port));
    cc.trace = trace;
    auto client = Endpoint::create(cc, cs, sbtest::registry());
    const uint64_t total = mib << 20;
    // One shared block sent over and over, as a file would be fed: 16 MiB in flight.
    const Bytes block = makeBytes(std::string(blockSize, 'b'));
    const auto t0 = Clock::now();
    client->start();
    uint64_t queued = 0;
    while (queued < total) {
        uint64_t done;
        {
            std::lock_guard lock(ss.m_mutex);
            done = ss.m_bytesIn;
        }
        while (queued < total && queued < done + (16u << 20)) {
            client->send(0, block);
            queued += block->size();
        }
        ss.waitUntil([&](CountingSink &s) { return s.m_bytesIn + (8u << 20) >= queued; });
    }
    if (!ss.waitUntil([&](CountingSink &s) { return s.m_bytesIn >= total; }))
        die("bulk transfer stalled");
    const double secs = secondsSince(t0);
    std::printf("%.1f\n", double(total) / 1e6 / secs);
    client.reset();
    server.reset();
    if (unixStream)
        ::rmdir(path);
    return 0;
}

/// The one sender of the UDP rows: the same program, count and pace for every receiver, so
/// that their rates differ by the receiver alone.
int udpSend(uint16_t port, uint64_t count)
{
    const int fd = connectTo(port, SOCK_DGRAM);
    char payload[64] = {};
    uint64_t sent = 0;
    const auto t0 = Clock::now();
    for (uint64_t i = 0; i < count; ++i) {
        // ECONNREFUSED from an earlier datagram is reported on a later send: not a failure.
        if (::send(fd, payload, sizeof payload, 0) == sizeof payload)
            ++sent;
    }
    std::printf("%.6f %llu\n", secondsSince(t0), (unsigned long long)sent);
    ::close(fd);
    return 0;
}

/// The minimal C server the accept bench compares with: one epoll loop, accept4 until EAGAIN,
/// close each client at its EOF or error.
class CEpollServer
{
public:
    CEpollServer()
    {
        m_listen = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        const int one = 1;
        ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in sa = loopback(0);
        socklen_t len = sizeof sa;
        if (::bind(m_listen, reinterpret_cast<sockaddr *>(&sa), sizeof sa) < 0
            || ::listen(m_listen, 4096) < 0)
            die("listen");
        ::getsockname(m_listen, reinterpret_cast<sockaddr *>(&sa), &len);
        port = ntohs(sa.sin_port);
        m_ep = ::epoll_create1(EPOLL_CLOEXEC);
        epoll_event ev {EPOLLIN, {.fd = m_listen}};
        ::epoll_ctl(m_ep, EPOLL_CTL_ADD, m_listen, &ev);
        m_thread = std::thread([this] { run(); });
    }
    ~CEpollServer()
    {
        m_stop = true;
        m_thread.join();
        ::close(m_listen);
        ::close(m_ep);
    }
    uint16_t port = 0;
    std::atomic<uint64_t> accepted {0}, closed {0};

private:
    void run()
    {
        epoll_event events[256];
        char buf[4096];
        while (!m_stop) {
            const int n = ::epoll_wait(m_ep, events, 256, 50);
            for (int i = 0; i < n; ++i) {
                const int fd = events[i].data.fd;
                if (fd == m_listen) {
                    int c;
                    while ((c = ::accept4(m_listen, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC))
                           >= 0) {
                        epoll_event ev {EPOLLIN | EPOLLRDHUP, {.fd = c}};
                        ::epoll_ctl(m_ep, EPOLL_CTL_ADD, c, &ev);
                        ++accepted;
                    }
                    continue;
                }
                const ssize_t r = ::recv(fd, buf, sizeof buf, 0);
                if (r <= 0 && !(r < 0 && errno == EAGAIN)) {
                    ::close(fd);
                    ++closed;
                }
            }
        }
    }
    int m_listen = -1, m_ep = -1;
    std::atomic<bool> m_stop {false};
    std::thread m_thread;
};

/// Two client threads connect and close as fast as they can, n connections in all.
double connectAndClose(uint16_t port, int n, bool rst, const std::function<uint64_t()> &closed)
{
    const auto t0 = Clock::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < 2; ++t) {
        threads.emplace_back([=] {
            for (int i = t; i < n; i += 2) {
                const int fd = connectTo(port);
                if (rst) {
                    const linger lg {1, 0};
                    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
                }
                ::close(fd);
            }
        });
    }
    for (auto &t : threads)
        t.join();
    while (closed() < uint64_t(n) && secondsSince(t0) < 120)
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    return n / secondsSince(t0);
}

int accept(int n, bool rst, bool c)
{
    if (c) {
        CEpollServer server;
        std::printf("%.0f\n",
                    connectAndClose(server.port, n, rst, [&] { return server.closed.load(); }));
        return 0;
    }
    CountingSink ss;
    auto server = startServer("tcp://127.0.0.1:0", ResponderSpec::Kind::Discard, ss);
    std::printf("%.0f\n", connectAndClose(ss.m_port, n, rst, [&] {
                    std::lock_guard lock(ss.m_mutex);
                    return ss.m_closed;
                }));
    return 0;
}

int echo(int n, bool c)
{
    uint16_t port = 0;
    CountingSink ss;
    std::unique_ptr<Endpoint> server;
    std::thread cServer;
    int cListen = -1;
    if (c) {
        // The minimal C ping-pong: a blocking thread that reads and writes back.
        cListen = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in sa = loopback(0);
        socklen_t len = sizeof sa;
        ::bind(cListen, reinterpret_cast<sockaddr *>(&sa), sizeof sa);
        ::listen(cListen, 1);
        ::getsockname(cListen, reinterpret_cast<sockaddr *>(&sa), &len);
        port = ntohs(sa.sin_port);
        cServer = std::thread([cListen] {
            const int fd = ::accept(cListen, nullptr, nullptr);
            const int one = 1;
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            char buf[4096];
            ssize_t r;
            while ((r = ::recv(fd, buf, sizeof buf, 0)) > 0)
                ::send(fd, buf, static_cast<size_t>(r), 0);
            ::close(fd);
        });
    } else {
        EndpointConfig cfg;
        cfg.role = Role::Server;
        cfg.spec = *parseEndpoint("tcp://127.0.0.1:0");
        cfg.responder.kind = ResponderSpec::Kind::Echo;
        cfg.trace = false;
        cfg.options.push_back({"TCP_NODELAY", "1"});
        server = Endpoint::create(cfg, ss, sbtest::registry());
        server->start();
        ss.waitUntil([](CountingSink &s) { return s.m_listening; });
        port = ss.m_port;
    }
    const int fd = connectTo(port);
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    char msg[64] = {}, back[64];
    std::vector<double> us;
    us.reserve(n);
    for (int i = 0; i < n + 200; ++i) {
        const auto t0 = Clock::now();
        if (::send(fd, msg, sizeof msg, 0) != sizeof msg
            || ::recv(fd, back, sizeof back, MSG_WAITALL) != sizeof back)
            die("echo");
        if (i >= 200) // the first round trips warm caches and the scheduler up
            us.push_back(secondsSince(t0) * 1e6);
    }
    ::close(fd);
    if (cServer.joinable()) {
        cServer.join();
        ::close(cListen);
    }
    std::sort(us.begin(), us.end());
    std::printf("%.1f %.1f\n", us[us.size() / 2], us[us.size() * 99 / 100]);
    return 0;
}

int conns(int n)
{
    rlimit rl {};
    getrlimit(RLIMIT_NOFILE, &rl);
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
    if (rl.rlim_cur < rlim_t(2 * n + 64)) {
        std::fprintf(stderr, "bench_core: conns %d needs ulimit -n %d\n", n, 2 * n + 64);
        return 1;
    }
    CountingSink ss;
    auto server = startServer("tcp://127.0.0.1:0", ResponderSpec::Kind::Discard, ss);
    const long before = rssKiB();
    std::vector<int> fds;
    fds.reserve(n);
    const auto t0 = Clock::now();
    for (int i = 0; i < n; ++i)
        fds.push_back(connectTo(ss.m_port));
    if (!ss.waitUntil([&](CountingSink &s) { return s.m_opened >= uint64_t(n); }))
        die("not every client was accepted");
    const double secs = secondsSince(t0);
    // The clients here are bare fds (no user memory); the growth is the server's.
    const long after = rssKiB();
    std::printf("%.2f %.0f\n", secs, double(after - before) * 1024 / n);
    for (int fd : fds)
        ::close(fd);
    ss.waitUntil([&](CountingSink &s) { return s.m_closed >= uint64_t(n); });
    return 0;
}

bool hasFlag(int argc, char **argv, const char *flag)
{
    for (int i = 2; i < argc; ++i) {
        if (std::strcmp(argv[i], flag) == 0)
            return true;
    }
    return false;
}

const char *optionValue(int argc, char **argv, const char *name, const char *fallback)
{
    for (int i = 2; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], name) == 0)
            return argv[i + 1];
    }
    return fallback;
}

} // namespace

int main(int argc, char **argv)
{
    const std::string cmd = argc > 1 ? argv[1] : "";
    const double arg = argc > 2 ? std::atof(argv[2]) : 0;
    if (cmd == "bulk" && arg > 0) {
        const long block = std::atol(optionValue(argc, argv, "--block", "131072"));
        if (block <= 0)
            return 2;
        return bulk(uint64_t(arg), hasFlag(argc, argv, "--trace"), hasFlag(argc, argv, "--unix"),
                    hasFlag(argc, argv, "--bytes") || hasFlag(argc, argv, "--read"), size_t(block));
    }
    if (cmd == "udpsend" && arg > 0 && argc > 3)
        return udpSend(uint16_t(arg), std::strtoull(argv[3], nullptr, 10));
    if (cmd == "accept" && arg > 0 && argc > 3)
        return accept(int(arg), std::strcmp(argv[3], "rst") == 0, hasFlag(argc, argv, "--c"));
    if (cmd == "echo" && arg > 0)
        return echo(int(arg), hasFlag(argc, argv, "--c"));
    if (cmd == "conns" && arg > 0)
        return conns(int(arg));
    std::fprintf(stderr,
                 "usage: bench_core bulk MIB [--trace] [--unix] [--read] [--block N] |"
                 " udpsend PORT COUNT |"
                 " accept N fin|rst [--c] | echo N [--c] | conns N\n");
    return 2;
}
