#pragma once

#include "core/demo/demoplayer.h"

#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>

namespace sb {

/// Drives one DemoPlayer from the GUI thread: the workers' wakeup queues a pump() to this
/// object, and a timer pumps when msUntilDue() comes (play pace, step timeouts). No call here
/// waits on a socket. GUI thread only, except the wakeup, which only queues.
class DemoSession : public QObject
{
    Q_OBJECT
public:
    DemoSession(DemoScript script, Registry &registry, DemoLang lang, QObject *parent = nullptr);
    ~DemoSession() override;

    DemoPlayer &player() { return *m_player; }
    const DemoPlayer &player() const { return *m_player; }

    bool next();
    void play(int paceMs);
    void pause();
    void reset();
    void setLanguage(DemoLang lang);

public slots:
    /// Moves the player's events in and emits what happened; re-arms the due timer.
    void pump();

signals:
    /// Entries of the panels, in the order the player saw them.
    void entries(const std::vector<sb::DemoEntry> &entries);
    void stepFinished(int index);
    /// State, current step or play mode changed.
    void changed();
    /// reset() dropped everything the panels showed.
    void wasReset();

private:
    void armTimer();

    std::unique_ptr<DemoPlayer> m_player;
    QTimer m_due;
    /// Shared with the wakeup so a late wakeup after destruction finds it false.
    std::shared_ptr<std::atomic<bool>> m_alive;
    std::atomic<bool> m_queued {false};
};

} // namespace sb
