#pragma once

#include "core/text/trace.h"

#include <QList>
#include <QWidget>

class QMenu;
class QPushButton;
class QTableView;

namespace sb {

class ClientsModel;

/// A server panel's Clients tab: the accepted clients with the actions on the selected ones —
/// send the composer's message to them, kick (close), abort (RST), shutdown their write side —
/// as buttons and as a context menu. A kicked client stays selected, greyed, until its row
/// goes; the selection never moves to another client by itself. GUI thread only.
class ClientsView : public QWidget
{
    Q_OBJECT
public:
    explicit ClientsView(ClientsModel *model, QWidget *parent = nullptr);
    QTableView *table() const { return m_table; }
    /// The first selected client that is still open, or 0.
    ConnId selectedConn() const;
    /// Every selected client that is still open, in row order.
    QList<ConnId> selectedConns() const;
    void selectConn(ConnId conn);
    /// The context menu for a right-click at pos (viewport coordinates); the row under it is
    /// selected unless it already is. The caller owns the menu.
    QMenu *contextMenuAt(const QPoint &pos);

signals:
    void sendToRequested(const QList<sb::ConnId> &conns);
    void closeRequested(sb::ConnId conn);
    void abortRequested(sb::ConnId conn);
    void shutdownRequested(sb::ConnId conn, int how);
    /// Show only this peer's rows in the panel's log.
    void logFilterRequested(const QString &peer);
    /// Show this client's row in the Connections dock.
    void followRequested(sb::ConnId conn);

private:
    void updateButtons();

    ClientsModel *m_model;
    QTableView *m_table;
    QPushButton *m_sendTo;
    QPushButton *m_kick;
    QPushButton *m_abort;
    QPushButton *m_shutWr;
};

} // namespace sb
