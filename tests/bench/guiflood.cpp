// guiflood: how the workbench window holds up under a flood. A UDP panel of the real window
// receives datagrams from a sender process (a core endpoint, forked before Qt starts, so its
// queues weigh nothing here) at a paced rate, 100 000 a second by default, for 10 s while a
// 10 ms heartbeat timer on the GUI thread measures how late it fires. Prints the worst and
// 99th-percentile lateness, what arrived, what was dropped where, and the window's memory.
// --capture also captures the flood on lo (core/capture: a packet socket on its own thread,
// every datagram decoded into an ev::Packet posted to the window's queue), as the Wire view's
// packet layer will (root or the lab: CAP_NET_RAW).
//   guiflood [--rate N] [--seconds S] [--trace] [--capture]   (QT_QPA_PLATFORM=offscreen works)
#include "core/capture/loopbackcapture.h"
#include "core/net/endpoint.h"
#include "core/net/eventqueue.h"
#include "ui/corebridge.h"
#include "ui/endpointpanel.h"
#include "ui/logmodel.h"
#include "ui/mainwindow.h"
#include "ui/newsocketdialog.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

long rssKiB()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    return -1;
}

/// The child: waits for the receiver's port, then sends rate datagrams a second for seconds,
/// paced in 1 ms slices with sendmmsg (a plain socket: the sender must not be the bottleneck
/// of a benchmark of the receiver); reports how many the kernel took.
int runSender(int in, int out, int rate, int seconds)
{
    uint16_t port = 0;
    if (::read(in, &port, sizeof port) != sizeof port)
        return 1;
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    const sb::Address to = sb::Address::ip("127.0.0.1", port);
    if (fd < 0 || ::connect(fd, to.sockaddrPtr(), to.length()) < 0) {
        std::perror("guiflood sender");
        return 1;
    }
    static char payload[] = "guiflood datagram 0123456789abcdef";
    constexpr int kBatch = 256;
    iovec iov {payload, sizeof payload - 1};
    std::vector<mmsghdr> msgs(kBatch);
    for (mmsghdr &m : msgs) {
        m = {};
        m.msg_hdr.msg_iov = &iov;
        m.msg_hdr.msg_iovlen = 1;
    }
    const auto start = std::chrono::steady_clock::now();
    const auto end = start + std::chrono::seconds(seconds);
    uint64_t n = 0;
    for (auto slice = start; slice < end; slice += std::chrono::milliseconds(1)) {
        const uint64_t due = static_cast<uint64_t>(rate)
                * static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                                slice - start)
                                                .count())
                / 1'000'000ull;
        while (n < due) {
            const int k = ::sendmmsg(fd, msgs.data(),
                                     static_cast<unsigned>(std::min<uint64_t>(kBatch, due - n)), 0);
            if (k <= 0)
                break; // ENOBUFS and the like: the slice's remainder is not sent
            n += static_cast<uint64_t>(k);
        }
        std::this_thread::sleep_until(slice + std::chrono::milliseconds(1));
    }
    ::close(fd);
    if (::write(out, &n, sizeof n) != sizeof n)
        return 1;
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    int rate = 100000;
    int seconds = 10;
    bool trace = false;
    bool capture = false;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--rate") && i + 1 < argc)
            rate = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--seconds") && i + 1 < argc)
            seconds = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--trace"))
            trace = true;
        else if (!std::strcmp(argv[i], "--capture"))
            capture = true;
        else {
            std::fprintf(stderr,
                         "usage: guiflood [--rate N] [--seconds S] [--trace] [--capture]\n");
            return 2;
        }
    }
    // The sender runs in its own process, forked while this one has no thread yet.
    int down[2], up[2];
    if (::pipe(down) < 0 || ::pipe(up) < 0) {
        std::perror("guiflood: pipe");
        return 1;
    }
    const pid_t sender = ::fork();
    if (sender == 0) {
        ::close(down[1]);
        ::close(up[0]);
        return runSender(down[0], up[1], rate, seconds);
    }
    ::close(down[0]);
    ::close(up[1]);
    const int toSender = down[1];
    const int fromSender = up[0];

    if (!std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY")
        && !std::getenv("QT_QPA_PLATFORM"))
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
    QApplication app(argc, argv);
    sb::MainWindow window;
    window.resize(1400, 860);
    window.show();

    sb::EndpointConfig rxConfig
            = sb::NewSocketDialog::presetConfig(sb::NewSocketDialog::Preset::Udp);
    rxConfig.trace = trace;
    rxConfig.options.push_back({"SO_RCVBUF", "4M"});
    sb::EndpointPanel *rx = window.openPanel(rxConfig);

    std::vector<int64_t> lateness;
    lateness.reserve(static_cast<size_t>(seconds) * 110);
    QElapsedTimer beat;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        const int64_t ns = beat.nsecsElapsed();
        beat.restart();
        lateness.push_back(std::max<int64_t>(0, ns - 10'000'000));
    });

    long rssFull = 0;
    QElapsedTimer sinceStart;
    qint64 lastMoveMs = 0;
    qint64 floodMs = 0;
    // The Wire dock's own capture would double (or, with capture off, add) the cost measured.
    window.bridge()->stopCapture();
    sb::LoopbackCapture packets(window.bridge()->sink());
    int captureErr = 0;
    auto startFlood = [&] {
        const uint16_t port = rx->localAddress().port();
        if (capture)
            captureErr = packets.start({.ports = {port}});
        if (::write(toSender, &port, sizeof port) != sizeof port)
            std::perror("guiflood: write to sender");
        sinceStart.start();
        beat.start();
        heartbeat.start(10);
        QTimer::singleShot(std::min(3000, seconds * 500), [&] { rssFull = rssKiB(); });
        // After the flood: stop once the receiver has taken everything (its count stops
        // moving), so the heartbeat covers the whole time the window is busy.
        QTimer::singleShot(seconds * 1000, &app, [&] {
            auto *poll = new QTimer(&app);
            QObject::connect(poll, &QTimer::timeout, &app, [&, poll, last = uint64_t(0)]() mutable {
                const uint64_t now = rx->messagesIn();
                if (now == last || sinceStart.elapsed() > (seconds + 20) * 1000) {
                    poll->stop();
                    floodMs = lastMoveMs;
                    app.quit();
                }
                if (now != last)
                    lastMoveMs = sinceStart.elapsed();
                last = now;
            });
            poll->start(1000);
        });
    };
    QObject::connect(
            rx, &sb::EndpointPanel::listening, &app, [&] { startFlood(); },
            Qt::SingleShotConnection);

    app.exec();
    heartbeat.stop();
    packets.stop();
    const long rssEnd = rssKiB();
    int status = 0;
    ::waitpid(sender, &status, 0);
    uint64_t sent = 0;
    if (::read(fromSender, &sent, sizeof sent) != sizeof sent)
        sent = 0;

    std::vector<int64_t> sorted = lateness;
    std::sort(sorted.begin(), sorted.end());
    const double worstMs = sorted.empty() ? 0 : sorted.back() / 1e6;
    const double p99Ms = sorted.empty() ? 0 : sorted[sorted.size() * 99 / 100] / 1e6;
    const uint64_t received = rx->messagesIn();
    std::printf("guiflood: %d datagrams/s for %d s%s%s\n", rate, seconds,
                trace ? " (syscall trace on)" : "", capture ? " (packet capture on)" : "");
    if (capture)
        std::printf("  packets captured     %llu, dropped by the kernel %llu%s%s\n",
                    static_cast<unsigned long long>(packets.captured()),
                    static_cast<unsigned long long>(packets.kernelDrops()),
                    captureErr ? ": capture refused: " : "",
                    captureErr ? sb::captureRefusal(captureErr).c_str() : "");
    std::printf("  sent                 %llu datagrams\n", static_cast<unsigned long long>(sent));
    std::printf("  received (counters)  %llu datagrams in %.1f s: %.0f a second\n",
                static_cast<unsigned long long>(received), floodMs / 1000.0,
                floodMs > 0 ? received * 1000.0 / static_cast<double>(floodMs) : 0.0);
    std::printf(
            "  kernel drops         %llu datagrams (SO_RXQ_OVFL: no room in the receive buffer)\n",
            static_cast<unsigned long long>(rx->kernelDrops()));
    std::printf("  log rows shown       %d (bound %d), %llu dropped from view\n",
                rx->logModel()->rowCount(), rx->logModel()->capacity(),
                static_cast<unsigned long long>(rx->logModel()->droppedFromView()));
    std::printf("  GUI events delivered %llu, dropped by the queue %llu\n",
                static_cast<unsigned long long>(window.bridge()->eventsDelivered()),
                static_cast<unsigned long long>(window.bridge()->eventsDroppedByQueue()));
    std::printf(
            "  GUI thread in drains %.0f ms in all (%.1f%% of the run), longest drain %.1f ms\n",
            window.bridge()->drainBusyNs() / 1e6,
            floodMs > 0 ? window.bridge()->drainBusyNs() / 1e4 / static_cast<double>(floodMs) : 0.0,
            window.bridge()->longestDrainNs() / 1e6);
    std::printf("  heartbeat 10 ms      %zu beats, worst lateness %.1f ms, p99 %.1f ms (goal: "
                "worst <= 50 ms)\n",
                lateness.size(), worstMs, p99Ms);
    std::printf("  memory (VmRSS)       %ld KiB with the log full, %ld KiB at the end\n", rssFull,
                rssEnd);
    std::ifstream loadavg("/proc/loadavg");
    std::string load;
    std::getline(loadavg, load);
    std::printf("  machine              %u cores, load average %s\n",
                std::thread::hardware_concurrency(), load.c_str());
    return 0;
}
