#pragma once

#include "core/text/trace.h"

#include <QWidget>

class QLabel;
class QMenu;
class QSplitter;
class QTextBrowser;

namespace sb {

class FollowingTableView;
class TraceModel;

/// A panel's trace tab: the strace-like lines of its sockets, failures in red, and under them
/// a detail pane with the selected call in full (never elided), its errno's name, text and
/// usual cause, and the bytes it carried as a hex dump. With nothing selected the pane shows
/// the newest failure, and hides while there is none. GUI thread only.
class TraceView : public QWidget
{
    Q_OBJECT
public:
    explicit TraceView(TraceModel *model, QWidget *parent = nullptr);
    FollowingTableView *table() const { return m_table; }
    QTextBrowser *detailPane() const { return m_detail; }
    /// The detail pane's text as plain text ("" while hidden).
    QString detailText() const;
    /// The explanation shown for the selected (or latest) failure.
    QString explanation() const;
    /// The row the detail pane shows, or -1.
    int detailRow() const { return m_detailRow; }

    /// Shows the latest failure's explanation (called after each batch).
    void refresh();
    /// The context menu for a right-click at pos (viewport coordinates), on the row under it:
    /// copy the call, copy the bytes it carried as text / hex / C string, filter the log by
    /// the address it names, then what the owner adds. The caller owns the menu.
    QMenu *contextMenuAt(const QPoint &pos);

signals:
    /// A context menu is being built for record: add actions to menu (synchronously).
    void contextMenuRequested(QMenu *menu, const sb::TraceRecord &record);
    /// "Filter the log by this address": the log should show only peer's rows.
    void logFilterRequested(const QString &peer);

private:
    void showDetail(int row);

    TraceModel *m_model;
    FollowingTableView *m_table;
    QSplitter *m_split;
    QTextBrowser *m_detail;
    QLabel *m_counts;
    QString m_explanation;
    int m_detailRow = -1;
    uint64_t m_explainedFailures = ~uint64_t(0);
};

} // namespace sb
