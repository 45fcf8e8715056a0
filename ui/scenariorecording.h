#pragma once

#include "core/demo/scenariorecorder.h"

#include <QObject>

#include <optional>

class QAction;
class QLabel;
class QMenu;

namespace sb {

class EndpointPanel;
class MainWindow;

/// File > Record scenario: while it is on, what the person does with the workbench's panels
/// (their signals) and what their endpoints say (the bridge's events) go into a
/// ScenarioRecorder, and the status bar shows "● Recording"; File > Stop recording and save
/// as… writes the scenario. GUI thread only.
class ScenarioRecording : public QObject
{
    Q_OBJECT
public:
    /// Adds its two actions to file and its indicator to window's status bar.
    ScenarioRecording(MainWindow *window, QMenu *file);

    bool isRecording() const { return m_recorder.has_value(); }
    /// What has been recorded so far; only while recording.
    const ScenarioRecorder *recorder() const { return m_recorder ? &*m_recorder : nullptr; }
    QAction *recordAction() const { return m_record; }
    QAction *saveAction() const { return m_save; }
    QLabel *indicator() const { return m_indicator; }

    /// Starts recording: the panels open now are declared, and each one running gets a first
    /// step that starts it.
    void begin();
    /// Stops, and drops what was recorded.
    void discard();
    /// Writes the scenario to path (named after its file) and stops; false with error set when
    /// it cannot be written (recording then goes on).
    bool saveAndStop(const QString &path, QString *error);

signals:
    void recordingChanged(bool recording);

private:
    void watch(EndpointPanel *panel);
    void askSave();
    void toggled(bool on);
    void update();

    MainWindow *m_window;
    std::optional<ScenarioRecorder> m_recorder;
    QAction *m_record;
    QAction *m_save;
    QLabel *m_indicator;
};

} // namespace sb
