#include "ui/scenariorecording.h"

#include "core/demo/workspacepanels.h"
#include "core/text/clock.h"
#include "ui/corebridge.h"
#include "ui/endpointpanel.h"
#include "ui/mainwindow.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QSaveFile>
#include <QStatusBar>

namespace sb {

ScenarioRecording::ScenarioRecording(MainWindow *window, QMenu *file)
    : QObject(window)
    , m_window(window)
{
    m_record = file->addAction(tr("Recor&d scenario"));
    m_record->setCheckable(true);
    m_record->setToolTip(tr("Record what you do with the panels, and what comes back, as a "
                            "scenario that sockbench-cli run plays again"));
    connect(m_record, &QAction::toggled, this, &ScenarioRecording::toggled);
    m_save = file->addAction(tr("Stop recording and sa&ve as…"));
    connect(m_save, &QAction::triggered, this, &ScenarioRecording::askSave);

    m_indicator = new QLabel(tr("● Recording"));
    m_indicator->setObjectName(QStringLiteral("recordingIndicator"));
    m_indicator->setStyleSheet(QStringLiteral("QLabel { color: #c62828; font-weight: bold; }"));
    m_indicator->setToolTip(tr("Recording a scenario: File > Stop recording and save as…"));
    // Permanent: a passing message (the current panel, "Saved ...") must not hide it.
    window->statusBar()->addPermanentWidget(m_indicator);

    connect(window, &MainWindow::panelOpened, this, [this](EndpointPanel *panel) {
        if (!m_recorder)
            return;
        m_recorder->addPanel(panel->endpointId(), panel->config(), panel->config().label,
                             panel->localAddress());
        watch(panel);
    });
    connect(window, &MainWindow::panelClosing, this, [this](EndpointPanel *panel) {
        if (m_recorder)
            m_recorder->stop(panel->endpointId(), monotonicNs());
    });
    window->bridge()->subscribeAll(this, [this](std::span<const Event> events) {
        if (!m_recorder)
            return;
        for (const Event &e : events)
            m_recorder->event(e);
    });
    update();
}

void ScenarioRecording::watch(EndpointPanel *panel)
{
    const EndpointId id = panel->endpointId();
    // Connected with this as the context too: a recording stopped and begun again does not
    // hear a panel twice (begin() disconnects the old ones).
    connect(panel, &EndpointPanel::startAsked, this, [this, id] {
        if (m_recorder)
            m_recorder->start(id, monotonicNs());
    });
    connect(panel, &EndpointPanel::sendAsked, this, [this, id](const QByteArray &bytes, int flags) {
        if (m_recorder)
            m_recorder->send(id, bytes.toStdString(), flags & MSG_OOB, monotonicNs());
    });
    connect(panel, &EndpointPanel::shutdownAsked, this, [this, id](int how) {
        if (m_recorder)
            m_recorder->shutdown(id, how, monotonicNs());
    });
    connect(panel, &EndpointPanel::closeAsked, this, [this, id] {
        if (m_recorder)
            m_recorder->close(id, monotonicNs());
    });
}

void ScenarioRecording::begin()
{
    if (m_recorder)
        return;
    m_recorder.emplace();
    const int64_t now = monotonicNs();
    for (EndpointPanel *panel : m_window->panels()) {
        disconnect(panel, nullptr, this, nullptr);
        m_recorder->addPanel(panel->endpointId(), panel->config(), panel->config().label,
                             panel->localAddress());
        watch(panel);
        const EndpointPhase phase = panel->state();
        if (phase == EndpointPhase::Listening || phase == EndpointPhase::Bound)
            m_recorder->startRunning(panel->endpointId(), "listening", now);
        else if (phase == EndpointPhase::Connected || phase == EndpointPhase::HalfClosed)
            m_recorder->startRunning(panel->endpointId(), "opened", now);
    }
    update();
    emit recordingChanged(true);
}

void ScenarioRecording::discard()
{
    if (!m_recorder)
        return;
    m_recorder.reset();
    update();
    emit recordingChanged(false);
}

bool ScenarioRecording::saveAndStop(const QString &path, QString *error)
{
    if (!m_recorder) {
        *error = tr("Nothing is being recorded");
        return false;
    }
    const std::string text
            = m_recorder->text(panelNameOf(QFileInfo(path).completeBaseName().toStdString()));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), qint64(text.size())) < 0
        || !file.commit()) {
        *error = tr("%1: %2").arg(path, file.errorString());
        return false;
    }
    discard();
    return true;
}

void ScenarioRecording::askSave()
{
    if (!m_recorder)
        return;
    const QString path
            = QFileDialog::getSaveFileName(m_window, tr("Save scenario"), tr("scenario.sbs"),
                                           tr("SockBench scenarios (*.sbs);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveAndStop(path, &error))
        QMessageBox::warning(m_window, tr("Save scenario"), error);
    else
        m_window->statusBar()->showMessage(
                tr("Saved %1: play it with sockbench-cli run, or File > Open workspace").arg(path),
                8000);
}

void ScenarioRecording::toggled(bool on)
{
    if (on) {
        begin();
        return;
    }
    if (m_recorder && m_recorder->stepCount() > 0
        && QMessageBox::question(m_window, tr("Record scenario"),
                                 tr("Stop recording and drop the %n recorded step(s)?", nullptr,
                                    m_recorder->stepCount()))
                != QMessageBox::Yes) {
        update();
        return;
    }
    discard();
}

void ScenarioRecording::update()
{
    const bool on = m_recorder.has_value();
    const QSignalBlocker blocker(m_record);
    m_record->setChecked(on);
    m_save->setEnabled(on);
    m_indicator->setVisible(on);
}

} // namespace sb
