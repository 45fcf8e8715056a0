#include "ui/demosession.h"

#include <QPointer>

namespace sb {

DemoSession::DemoSession(DemoScript script, Registry &registry, DemoLang lang, QObject *parent)
    : QObject(parent)
    , m_player(std::make_unique<DemoPlayer>(std::move(script), registry, lang))
    , m_alive(std::make_shared<std::atomic<bool>>(true))
{
    m_due.setSingleShot(true);
    connect(&m_due, &QTimer::timeout, this, &DemoSession::pump);
    // Called on a worker thread: coalesce wakeups into one queued pump on the GUI thread.
    QPointer<DemoSession> self(this);
    auto alive = m_alive;
    m_player->setWakeup([this, self, alive] {
        if (!alive->load() || m_queued.exchange(true))
            return;
        QMetaObject::invokeMethod(
                this,
                [self] {
                    if (self)
                        self->pump();
                },
                Qt::QueuedConnection);
    });
}

DemoSession::~DemoSession()
{
    m_alive->store(false);
    // The player's destructor joins its workers; after it no wakeup runs.
    m_player.reset();
}

bool DemoSession::next()
{
    const bool started = m_player->next();
    pump();
    emit changed();
    return started;
}

void DemoSession::play(int paceMs)
{
    m_player->play(paceMs);
    pump();
    emit changed();
}

void DemoSession::pause()
{
    m_player->pause();
    armTimer();
    emit changed();
}

void DemoSession::reset()
{
    m_player->reset();
    m_queued = false;
    emit wasReset();
    pump();
    emit changed();
}

void DemoSession::setLanguage(DemoLang lang)
{
    m_player->setLanguage(lang);
    emit changed();
}

void DemoSession::pump()
{
    m_queued = false;
    const int before = m_player->currentStep();
    const auto stateBefore = m_player->state();
    DemoUpdate update = m_player->pump();
    if (!update.entries.empty())
        emit entries(update.entries);
    for (int index : update.finished)
        emit stepFinished(index);
    if (!update.finished.empty() || before != m_player->currentStep()
        || stateBefore != m_player->state())
        emit changed();
    armTimer();
}

void DemoSession::armTimer()
{
    const int due = m_player->msUntilDue();
    if (due < 0)
        m_due.stop();
    else
        m_due.start(due);
}

} // namespace sb
