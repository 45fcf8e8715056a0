// ResolverJob: the answer arrives on the job's thread; a cancelled job never calls back, and
// its thread ends by itself once the blocking lookup returns.
#include "core/tools/resolver.h"
#include "core/tools/resolverjob.h"

#include <QtTest>

#include <atomic>
#include <memory>
#include <thread>

#include <netdb.h>

using namespace sb;

class TestResolverJob : public QObject
{
    Q_OBJECT

private slots:
    void jobDeliversOnItsOwnThread()
    {
        ResolverJob job;
        std::atomic<bool> done {false};
        std::thread::id callbackThread;
        AddrInfoAnswer answer;
        job.start(
                [] {
                    AddrInfoQuery q;
                    q.host = "127.0.0.1";
                    q.service = "80";
                    q.family = AF_INET;
                    q.socktype = SOCK_STREAM;
                    return getAddrInfo(q);
                },
                [&](AddrInfoAnswer a) {
                    callbackThread = std::this_thread::get_id();
                    answer = std::move(a);
                    done = true;
                });
        QTRY_VERIFY(done.load());
        QVERIFY(callbackThread != std::this_thread::get_id());
        QCOMPARE(answer.rows.size(), size_t(1));
        QVERIFY(!job.running());
    }

    void cancelledJobNeverCallsBack()
    {
        auto gate = std::make_shared<std::atomic<bool>>(false);
        auto token = std::make_shared<int>(0);
        std::weak_ptr<int> alive = token;
        std::atomic<bool> called {false};
        {
            ResolverJob job;
            // A lookup that blocks until released, as a slow resolver would.
            job.start(
                    [gate, token] {
                        while (!gate->load())
                            std::this_thread::yield();
                        return 1;
                    },
                    [&called](int) { called = true; });
            token.reset();
            QVERIFY(job.running());
            job.cancel();
            QVERIFY(!job.running());
            gate->store(true);
        }
        // The detached thread ends once the lookup returns; its captures go with it.
        QTRY_VERIFY(alive.expired());
        QVERIFY(!called.load());
    }
};

QTEST_GUILESS_MAIN(TestResolverJob)
#include "tst_resolverjob.moc"
