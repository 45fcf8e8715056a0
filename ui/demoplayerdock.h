#pragma once

#include "core/demo/demoplayer.h"

#include <QDockWidget>

class QDoubleSpinBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace sb {

class DemoSession;

/// The demo player: the narration of the current step in large type for a projector, the step
/// list with the current step highlighted and each finished step's result (✓/✗), and Next, Play
/// (with its pace), Pause, Reset. Shows one DemoSession, which it does not own. GUI thread only.
class DemoPlayerDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit DemoPlayerDock(QWidget *parent = nullptr);

    void setSession(DemoSession *session);
    DemoSession *session() const { return m_session; }

    QListWidget *stepList() const { return m_steps; }
    QLabel *narrationLabel() const { return m_narration; }
    QPushButton *nextButton() const { return m_next; }
    QPushButton *playButton() const { return m_play; }
    QPushButton *pauseButton() const { return m_pause; }
    QPushButton *resetButton() const { return m_reset; }
    QDoubleSpinBox *paceBox() const { return m_pace; }

private:
    void refresh();
    void rebuildSteps();
    QString stepText(int index) const;

    DemoSession *m_session = nullptr;
    QLabel *m_title;
    QLabel *m_narration;
    QLabel *m_checks;
    QListWidget *m_steps;
    QPushButton *m_next;
    QPushButton *m_play;
    QPushButton *m_pause;
    QPushButton *m_reset;
    QDoubleSpinBox *m_pace;
};

} // namespace sb
