#pragma once

#include "ui/logmodel.h"

#include <QList>
#include <QWidget>

class QAbstractItemModel;
class QLabel;
class QLineEdit;
class QMenu;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QToolButton;

namespace sb {

class FollowingTableView;
class LogModel;

/// A panel's log tab: the LogModel in a following table, a hex+ASCII dump of the selected
/// row, a filter box (text, or "peer:ADDRESS"), clear, export, the "N entries dropped from
/// view" notice, and a context menu on the rows. GUI thread only.
class LogView : public QWidget
{
    Q_OBJECT
public:
    explicit LogView(LogModel *model, QWidget *parent = nullptr);

    FollowingTableView *table() const { return m_table; }
    QPlainTextEdit *hexDump() const { return m_hex; }
    QLineEdit *filterEdit() const { return m_filter; }
    /// The model the table shows: the LogModel, or the filter over it while one is typed.
    QAbstractItemModel *shownModel() const;
    /// Writes the shown rows; an empty string on success.
    QString exportTo(const QString &path);
    /// The LogModel entries of the selected rows, oldest first.
    QList<LogEntry> selectedEntries() const;
    /// The context menu for a right-click at pos (viewport coordinates): the row under it is
    /// selected unless it already is; copy row / text / hex / C string, filter by this peer,
    /// then what the owner adds through contextMenuRequested. The caller owns the menu.
    QMenu *contextMenuAt(const QPoint &pos);
    /// Shows only the rows whose Peer column contains peer (the filter box reads "peer:…").
    void filterByPeer(const QString &peer);

signals:
    /// A context menu is being built for entries: add actions to menu (synchronously).
    void contextMenuRequested(QMenu *menu, const QList<sb::LogEntry> &entries);

public slots:
    void exportWithDialog();

private:
    void setFilter(const QString &text);
    void setShownModel(QAbstractItemModel *model);
    void applyColumnWidths();
    void showSelected();
    void updateDropped(quint64 dropped);

    LogModel *m_model;
    QSortFilterProxyModel *m_proxy;
    FollowingTableView *m_table;
    QPlainTextEdit *m_hex;
    QLineEdit *m_filter;
    QToolButton *m_follow;
    QLabel *m_dropped;
};

} // namespace sb
