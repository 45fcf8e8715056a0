#pragma once

#include "core/demo/demoplayer.h"

#include <QWidget>

#include <map>
#include <vector>

class QGridLayout;
class QLabel;
class QScrollArea;

namespace sb {

class LogModel;
class TraceModel;
class TraceView;

/// The panels of a playing demo, side by side for a projector: per demo panel its name, kind,
/// syscall trace and data log, fed with the player's entries. Sockets made by accept ... as
/// NAME show in the panel that made them (same endpoint). As many columns as fit the width;
/// below the panels' minimum height the stage scrolls, it never widens the window. GUI
/// thread only.
class DemoStage : public QWidget
{
    Q_OBJECT
public:
    explicit DemoStage(QWidget *parent = nullptr);

    /// Drops the old panels and builds one per panel of script.
    void setScript(const DemoScript &script);
    void addEntries(const std::vector<DemoEntry> &entries);
    void clear();

    int panelCount() const { return static_cast<int>(m_views.size()); }
    QString panelName(int index) const;
    TraceModel *traceModel(int index) const;
    LogModel *logModel(int index) const;
    /// The view of a demo panel by name, -1 when there is none.
    int indexOf(const QString &name) const;
    /// The frame of a demo panel (tests look at its size).
    QWidget *panelWidget(int index) const;
    int columns() const { return m_columns; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    struct View
    {
        QString name;
        QWidget *widget = nullptr;
        TraceModel *trace = nullptr;
        TraceView *traceView = nullptr;
        LogModel *log = nullptr;
    };
    int viewFor(const DemoEntry &entry);
    int fittingColumns() const;
    void placePanels();

    QScrollArea *m_scroll;
    QWidget *m_canvas;
    QGridLayout *m_grid;
    int m_columns = 0;
    std::vector<View> m_views;
    std::map<EndpointId, int> m_byEndpoint;
};

} // namespace sb
