#pragma once

#include <QWidget>

class QAbstractItemModel;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QToolButton;

namespace sb {

class FollowingTableView;
class LogModel;

/// A panel's log tab: the LogModel in a following table, a hex+ASCII dump of the selected
/// row, a filter box, clear, export, and the "N entries dropped from view" notice.
/// GUI thread only.
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
