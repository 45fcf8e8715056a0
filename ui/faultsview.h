#pragma once

#include "core/text/faultplan.h"

#include <QWidget>

class QCheckBox;
class QGridLayout;
class QLabel;
class QPushButton;
class QSpinBox;

namespace sb {

/// A relay panel's Faults tab: the faults of each direction, up (client to target) and down
/// (target to client), side by side. Every change is a new plan for its direction at once
/// (faultsChanged), as the CLI's stdin lines are; the line under each column says the plan as
/// the relay now has it. A stream relay has the byte-stream faults and "Reset now"; a UDP
/// relay the datagram faults. GUI thread only; nothing here touches a socket.
class FaultsView : public QWidget
{
    Q_OBJECT
public:
    FaultsView(bool datagrams, const FaultPlan &up, const FaultPlan &down,
               QWidget *parent = nullptr);

    FaultPlan plan(RelayDir dir) const { return m_plans[index(dir)]; }
    /// The editor of a fault in a direction ("chop", "stall", "drop", ...), for tests.
    QWidget *editor(const QString &fault, RelayDir dir) const;
    QPushButton *resetButton() const { return m_reset; }
    QLabel *summary(RelayDir dir) const { return m_summaries[index(dir)]; }

signals:
    void faultsChanged(sb::RelayDir dir, const sb::FaultPlan &plan);
    /// Stream relays: reset every connection now (RST to both peers).
    void resetRequested();

private:
    struct Row
    {
        QString key;
        QWidget *editors[2] = {nullptr, nullptr};
    };
    static int index(RelayDir dir) { return dir == RelayDir::Up ? 0 : 1; }
    void addNumber(QGridLayout *grid, const QString &key, const QString &label, int max,
                   const QString &suffix, const QString &tip);
    void addFlag(QGridLayout *grid, const QString &key, const QString &label, const QString &tip);
    /// Reads the editors of one direction into its plan and tells the relay.
    void collect(int dir);
    void load(int dir);

    bool m_datagrams;
    FaultPlan m_plans[2];
    std::vector<Row> m_rows;
    QLabel *m_summaries[2] = {nullptr, nullptr};
    QPushButton *m_reset = nullptr;
    bool m_loading = false;
};

} // namespace sb
