#pragma once

#include <QWidget>

class QLabel;

namespace sb {

class FollowingTableView;
class TraceModel;

/// A panel's trace tab: the strace-like lines of its sockets, failures in red, and below them
/// what the selected failure means and what usually causes it. GUI thread only.
class TraceView : public QWidget
{
    Q_OBJECT
public:
    explicit TraceView(TraceModel *model, QWidget *parent = nullptr);
    FollowingTableView *table() const { return m_table; }
    /// The explanation shown for the selected (or latest) failure.
    QString explanation() const;

    /// Shows the latest failure's explanation (called after each batch).
    void refresh();

private:
    void explain(int row);

    TraceModel *m_model;
    FollowingTableView *m_table;
    QLabel *m_explain;
    QLabel *m_counts;
    uint64_t m_explainedFailures = ~uint64_t(0);
};

} // namespace sb
