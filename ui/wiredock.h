#pragma once

#include "ui/wiremodel.h"

#include <QDockWidget>

class QAction;
class QLabel;

namespace sb {

class CoreBridge;
class WireView;

/// The "Wire" dock: a WireModel fed by every endpoint of the bridge, its WireView, and a
/// toolbar (follow, pause, zoom in/out/fit, clear, export PNG/SVG). The main window adds it
/// with addDockWidget and listens to arrowSelected. GUI thread only.
class WireDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit WireDock(CoreBridge *bridge, QWidget *parent = nullptr);

    WireModel *model() const { return m_model; }
    WireView *view() const { return m_view; }
    QAction *followAction() const { return m_follow; }
    QAction *pauseAction() const { return m_pause; }
    /// The layers drawn: one of the three is checked (Both at first).
    QAction *callsAction() const { return m_callsOnly; }
    QAction *packetsAction() const { return m_packetsOnly; }
    QAction *bothAction() const { return m_both; }
    /// One sentence, drawn over the bottom of the chart, when the packet layer is empty for a
    /// reason: capture is not possible here (and how to get it), or only UNIX sockets are
    /// drawn. Empty otherwise.
    QString packetNotice() const;
    /// Asks for a file name and writes the chart as PNG or SVG (by the name's suffix).
    void exportWithDialog();
    /// "" on success, else what went wrong; the format is the suffix: .png or .svg.
    QString exportTo(const QString &path);

signals:
    /// A person clicked an arrow: the log rows of its send and of its receive (either may be
    /// invalid: a peer outside the workbench has no log).
    void arrowSelected(const sb::WireEnd &sendEnd, const sb::WireEnd &recvEnd);

private:
    void updateStatus();
    void applyLayers();

    WireModel *m_model;
    WireView *m_view;
    QAction *m_follow;
    QAction *m_pause;
    QLabel *m_status;
    QAction *m_callsOnly;
    QAction *m_packetsOnly;
    QAction *m_both;
    CoreBridge *m_bridge;
};

} // namespace sb
