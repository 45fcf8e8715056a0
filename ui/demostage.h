#pragma once

#include "core/demoplayer.h"

#include <QWidget>

#include <map>
#include <vector>

class QGridLayout;
class QLabel;

namespace sb {

class LogModel;
class TraceModel;
class TraceView;

/// The panels of a playing demo, side by side for a projector: per demo panel its name, kind,
/// syscall trace and data log, fed with the player's entries. Sockets made by accept ... as
/// NAME show in the panel that made them (same endpoint). GUI thread only.
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

    QGridLayout *m_grid;
    std::vector<View> m_views;
    std::map<EndpointId, int> m_byEndpoint;
};

} // namespace sb
