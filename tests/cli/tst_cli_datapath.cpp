// The netcat job through real pipes: sockbench-cli's stdin and stdout are pipes (or a file),
// the other end is socat or nc, and every byte of 256 MiB must arrive in order. Then the
// backpressure: a stdout nobody reads must stop the socket (the peer's sends block) while
// sockbench-cli's memory stays flat; and --log hex must still show every byte.
#include "../support/requiretool.h"
#include "clitest.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace clitest;

namespace {

// Moves SIZE bytes through sockbench-cli and a peer, both ways round, and prints
// "sent SHA got SHA" (the bytes fed in, the bytes that came out). The data is 1 MiB of
// random bytes repeated with each copy's number in its first 8 bytes, so a reordered or
// repeated block changes the digest.
//   argv: cli role kind peer sink size dir
//   role: send (sockbench-cli connect reads the pipe) | recv (sockbench-cli listen writes)
//   kind: tcp4 | tcp6 | unix   peer: socat | nc   sink: pipe | file (sockbench's stdout)
const char *kTransfer = R"PY(
import hashlib, os, re, struct, subprocess, sys, threading
cli, role, kind, peer, sink, size, tmp = sys.argv[1:8]
size = int(size)
block = os.urandom(1 << 20)
def feed(w):
    h = hashlib.sha256(); i = 0; left = size
    while left > 0:
        b = (struct.pack('<Q', i) + block[8:])[:left]
        w.write(b); h.update(b); left -= len(b); i += 1
    w.close()
    return h.hexdigest()
def digest(r):
    h = hashlib.sha256(); n = 0
    while True:
        b = r.read(1 << 20)
        if not b:
            break
        h.update(b); n += len(b)
    return h.hexdigest(), n
path = os.path.join(tmp, 'sock')
out_file = os.path.join(tmp, 'out.bin')
sent = {}
def feeder(w):
    sent['sha'] = feed(w)
if role == 'send':
    # The peer listens and writes what it gets to a pipe of ours.
    if peer == 'socat':
        addr = {'tcp4': 'TCP4-LISTEN:0,bind=127.0.0.1', 'tcp6': 'TCP6-LISTEN:0,bind=[::1]',
                'unix': 'UNIX-LISTEN:' + path}[kind]
        srv = subprocess.Popen(['socat', '-d', '-d', '-u', addr, 'STDOUT'],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        line = b''
        while b'listening on' not in line:
            line = srv.stderr.readline()
            if not line:
                sys.exit('socat did not listen')
        port = re.search(rb':(\d+)\s*$', line.strip())
        threading.Thread(target=lambda: srv.stderr.read(), daemon=True).start()
    else:
        assert kind == 'unix'
        srv = subprocess.Popen(['nc', '-lU', path], stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE)
        while not os.path.exists(path):
            if srv.poll() is not None:
                sys.exit('nc did not listen')
            os.sched_yield()
        port = None
    ep = {'tcp4': 'tcp://127.0.0.1:%s', 'tcp6': 'tcp://[::1]:%s'}.get(kind, 'unix://%s')
    ep = ep % (port.group(1).decode() if kind != 'unix' else path)
    c = subprocess.Popen([cli, 'connect', ep], stdin=subprocess.PIPE,
                         stdout=subprocess.DEVNULL)
    t = threading.Thread(target=feeder, args=(c.stdin,)); t.start()
    got, n = digest(srv.stdout)
    t.join()
    rc = c.wait(timeout=120); src = srv.wait(timeout=120)
else:
    # sockbench-cli listens, its stdout a pipe of ours or a file; the peer sends a pipe.
    ep = {'tcp4': 'tcp://127.0.0.1:0', 'tcp6': 'tcp://[::1]:0', 'unix': 'unix://' + path}[kind]
    out = open(out_file, 'wb') if sink == 'file' else subprocess.PIPE
    srv = subprocess.Popen([cli, 'listen', ep, '--count', '1'], stdin=subprocess.DEVNULL,
                           stdout=out, stderr=subprocess.PIPE)
    line = srv.stderr.readline().decode()
    m = re.match(r'listening on (\S+)', line)
    if not m:
        sys.exit('sockbench-cli did not listen: ' + line)
    threading.Thread(target=lambda: srv.stderr.read(), daemon=True).start()
    port = m.group(1).rsplit(':', 1)[1] if kind != 'unix' else None
    host = '127.0.0.1' if kind == 'tcp4' else '::1'
    if peer == 'socat':
        addr = {'tcp4': 'TCP4:127.0.0.1:%s' % port, 'tcp6': 'TCP6:[::1]:%s' % port,
                'unix': 'UNIX-CONNECT:' + path}[kind]
        cmd = ['socat', '-u', 'STDIN', addr]
    else:
        cmd = ['nc', '-N', '-U', path] if kind == 'unix' else ['nc', '-N', host, port]
    c = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    t = threading.Thread(target=feeder, args=(c.stdin,)); t.start()
    if sink == 'pipe':
        got, n = digest(srv.stdout)
    t.join()
    src = srv.wait(timeout=120); rc = c.wait(timeout=120)
    if sink == 'file':
        out.close()
        with open(out_file, 'rb') as f:
            got, n = digest(f)
print('sent', sent['sha'], 'got', got, n, 'status', rc, src, flush=True)
)PY";

// A sender that never stops and a sockbench-cli whose stdout nobody reads for a while. The
// sender's non-blocking sends must meet EAGAIN (its Send-Q full: sockbench-cli stopped
// reading), sockbench-cli's resident size must stay near what it was before the flood, and
// once stdout is read every byte must arrive.
//   argv: cli role kind size   role: connect | listen
// prints "blocked 1 SENT_WHEN_BLOCKED outq OUTQ rss BEFORE STALLED got SHA_OK N status RC"
const char *kStall = R"PY(
import fcntl, hashlib, os, re, select, socket, subprocess, sys, termios, threading, time
cli, role, kind, size = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
data = os.urandom(1 << 20)
fam = socket.AF_INET6 if kind == 'tcp6' else socket.AF_INET
host = '::1' if kind == 'tcp6' else '127.0.0.1'
def rss(pid):
    with open('/proc/%d/status' % pid) as f:
        return int(re.search(r'VmRSS:\s+(\d+)', f.read()).group(1))
if role == 'connect':
    ls = socket.socket(fam); ls.bind((host, 0)); ls.listen(1)
    ep = 'tcp://%s:%d' % ('[::1]' if kind == 'tcp6' else host, ls.getsockname()[1])
    p = subprocess.Popen([cli, 'connect', ep], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    s, _ = ls.accept()
else:
    p = subprocess.Popen([cli, 'listen', 'tcp://%s:0' % ('[::1]' if kind == 'tcp6' else host),
                          '--count', '1'], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    m = re.match(rb'listening on \S+:(\d+)', p.stderr.readline())
    s = socket.socket(fam); s.connect((host, int(m.group(1))))
    threading.Thread(target=lambda: p.stderr.read(), daemon=True).start()
before = rss(p.pid)
s.setblocking(False)
h = hashlib.sha256(); sent = 0; blocked = False; blocked_at = 0
while sent < size:
    try:
        n = s.send(data[sent % len(data):][:size - sent])
        h.update(data[sent % len(data):][:n]); sent += n
    except BlockingIOError:
        # Not drained for 2 s: the kernel buffers on both sides are full and nothing reads.
        r, w, _ = select.select([], [s], [], 2.0)
        if not w:
            blocked = True; blocked_at = sent
            break
outq = fcntl.ioctl(s, termios.TIOCOUTQ, b'\0\0\0\0')
outq = int.from_bytes(outq, sys.byteorder)
stalled = rss(p.pid)
# Now read sockbench-cli's stdout while the rest goes out.
got = hashlib.sha256(); n = [0]
def reader():
    while True:
        b = p.stdout.read1(1 << 20)
        if not b:
            break
        got.update(b); n[0] += len(b)
t = threading.Thread(target=reader); t.start()
s.setblocking(True)
while sent < size:
    k = s.send(data[sent % len(data):][:size - sent])
    h.update(data[sent % len(data):][:k]); sent += k
s.shutdown(socket.SHUT_WR)
if role == 'connect':
    p.stdin.close()
t.join()
s.close()
rc = p.wait(timeout=60)
print('blocked', int(blocked), blocked_at, 'outq', outq, 'rss', before, stalled,
      'got', int(got.hexdigest() == h.hexdigest()), n[0], 'status', rc, flush=True)
)PY";

} // namespace

class TstCliDatapath : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void throughPipes_data();
    void throughPipes();
    void stalledStdoutStopsTheSocket_data();
    void stalledStdoutStopsTheSocket();
    void logHexShowsEveryByte();

private:
    QTemporaryDir m_dir;
};

void TstCliDatapath::initTestCase()
{
    QVERIFY(m_dir.isValid());
    SB_REQUIRE_TOOL("socat", "socat");
    SB_REQUIRE_TOOL("nc", "netcat-openbsd");
    SB_REQUIRE_TOOL("python3", "python3");
}

void TstCliDatapath::throughPipes_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("peer");
    QTest::addColumn<QString>("sink");
    // send: a pipe into sockbench-cli connect, the peer listening; recv: the peer sending a
    // pipe into sockbench-cli listen, whose stdout is a pipe or a file.
    QTest::newRow("send tcp4 socat") << "send"
                                     << "tcp4"
                                     << "socat"
                                     << "pipe";
    QTest::newRow("send tcp6 socat") << "send"
                                     << "tcp6"
                                     << "socat"
                                     << "pipe";
    QTest::newRow("send unix socat") << "send"
                                     << "unix"
                                     << "socat"
                                     << "pipe";
    QTest::newRow("send unix nc") << "send"
                                  << "unix"
                                  << "nc"
                                  << "pipe";
    QTest::newRow("recv tcp4 nc to pipe") << "recv"
                                          << "tcp4"
                                          << "nc"
                                          << "pipe";
    QTest::newRow("recv tcp6 socat to pipe") << "recv"
                                             << "tcp6"
                                             << "socat"
                                             << "pipe";
    QTest::newRow("recv unix socat to pipe") << "recv"
                                             << "unix"
                                             << "socat"
                                             << "pipe";
    QTest::newRow("recv tcp4 socat to file") << "recv"
                                             << "tcp4"
                                             << "socat"
                                             << "file";
    QTest::newRow("recv tcp6 nc to file") << "recv"
                                          << "tcp6"
                                          << "nc"
                                          << "file";
    QTest::newRow("recv unix nc to file") << "recv"
                                          << "unix"
                                          << "nc"
                                          << "file";
}

void TstCliDatapath::throughPipes()
{
    QFETCH(QString, role);
    QFETCH(QString, kind);
    QFETCH(QString, peer);
    QFETCH(QString, sink);
    QTemporaryDir dir(m_dir.filePath("XXXXXX"));
    QVERIFY(dir.isValid());
    constexpr qint64 kSize = qint64(256) << 20;
    Proc driver;
    driver.startPython(kTransfer,
                       {cliPath(), role, kind, peer, sink, QString::number(kSize), dir.path()});
    QVERIFY2(driver.finish(kBulkMs * 2), driver.err.constData());
    const QList<QByteArray> f = driver.out.trimmed().split(' ');
    QVERIFY2(f.size() == 8 && f[0] == "sent" && f[2] == "got",
             (driver.out + driver.err).constData());
    QCOMPARE(f[4].toLongLong(), kSize); // every byte arrived
    QCOMPARE(f[3], f[1]); // in order, none changed
    QCOMPARE(f[6], QByteArray("0")); // the sender's exit status
    QCOMPARE(f[7], QByteArray("0")); // the receiver's
}

void TstCliDatapath::stalledStdoutStopsTheSocket_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("kind");
    QTest::newRow("connect tcp4") << "connect"
                                  << "tcp4";
    QTest::newRow("listen tcp6") << "listen"
                                 << "tcp6";
}

void TstCliDatapath::stalledStdoutStopsTheSocket()
{
    QFETCH(QString, role);
    QFETCH(QString, kind);
    constexpr qint64 kSize = qint64(256) << 20;
    Proc driver;
    driver.startPython(kStall, {cliPath(), role, kind, QString::number(kSize)});
    QVERIFY2(driver.finish(kBulkMs * 2), driver.err.constData());
    qInfo("%s", driver.out.trimmed().constData());
    const QList<QByteArray> f = driver.out.trimmed().split(' ');
    QVERIFY2(f.size() == 13 && f[0] == "blocked", (driver.out + driver.err).constData());
    // The sender met a full window long before 256 MiB: sockbench-cli stopped reading.
    QCOMPARE(f[1], QByteArray("1"));
    QVERIFY2(f[2].toLongLong() < kSize / 2, f[2].constData());
    QVERIFY2(f[4].toLongLong() > 0, "the sender's Send-Q is empty"); // bytes wait in its Send-Q
    // Memory: sockbench-cli holds no more than a few buffers of what waits.
    const qint64 before = f[6].toLongLong();
    const qint64 stalled = f[7].toLongLong();
    QVERIFY2(before > 0 && stalled - before < 8 * 1024,
             qPrintable(QString("RSS %1 KiB before, %2 KiB stalled").arg(before).arg(stalled)));
    QCOMPARE(f[9], QByteArray("1")); // the digest matched
    QCOMPARE(f[10].toLongLong(), kSize);
    QCOMPARE(f[12], QByteArray("0"));
}

void TstCliDatapath::logHexShowsEveryByte()
{
    // --log hex: the bytes are seen, so they are copied; every one of them must be shown, in
    // both directions, and still reach the peer and stdout.
    Proc driver;
    driver.startPython(R"PY(
import os, re, socket, subprocess, sys, threading
cli = sys.argv[1]
up = os.urandom(300000); down = os.urandom(200000)
ls = socket.socket(); ls.bind(('127.0.0.1', 0)); ls.listen(1)
p = subprocess.Popen([cli, '--log', 'hex', 'connect', 'tcp://127.0.0.1:%d' % ls.getsockname()[1]],
                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
s, _ = ls.accept()
got = bytearray()
def serve():
    s.sendall(down)
    while True:
        b = s.recv(65536)
        if not b:
            break
        got.extend(b)
    s.close()
t = threading.Thread(target=serve); t.start()
err = []
threading.Thread(target=lambda: err.append(p.stderr.read()), daemon=True).start()
p.stdin.write(up); p.stdin.close()
out = p.stdout.read()
t.join()
rc = p.wait(timeout=60)
import time
while not err:
    time.sleep(0.01)
# Each event line ("... to|from PEER N bytes ...") is followed by its hex dump lines.
shown = {'to': bytearray(), 'from': bytearray()}
d = None
for line in err[0].decode('latin-1').splitlines():
    m = re.search(r' (to|from) \S+ \d+ bytes', line)
    if m:
        d = m.group(1); continue
    m = re.match(r'([0-9a-f]{8})  ((?:[0-9a-f]{2} +){1,16})', line)
    if m and d:
        shown[d].extend(bytes.fromhex(m.group(2).replace(' ', '')))
print(rc, int(bytes(got) == up), int(out == down), int(bytes(shown['to']) == up),
      int(bytes(shown['from']) == down), len(shown['to']), len(shown['from']), flush=True)
)PY",
                       {cliPath()});
    QVERIFY2(driver.finish(kBulkMs), driver.err.constData());
    const QList<QByteArray> f = driver.out.trimmed().split(' ');
    QVERIFY2(f.size() == 7, (driver.out + driver.err).constData());
    QCOMPARE(f[0], QByteArray("0"));
    QCOMPARE(f[1], QByteArray("1")); // the peer got stdin
    QCOMPARE(f[2], QByteArray("1")); // stdout got the peer's bytes
    QVERIFY2(f[3] == "1", ("bytes out shown: " + f[5]).constData());
    QVERIFY2(f[4] == "1", ("bytes in shown: " + f[6]).constData());
}

QTEST_GUILESS_MAIN(TstCliDatapath)
#include "tst_cli_datapath.moc"
