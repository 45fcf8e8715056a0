#pragma once

#include "core/trace.h"

#include <QWidget>

class QPushButton;
class QTableView;

namespace sb {

class ClientsModel;

/// A server panel's Clients tab: the accepted clients with the actions on the selected one —
/// send to it, kick (close), abort (RST), shutdown its write side. GUI thread only.
class ClientsView : public QWidget
{
    Q_OBJECT
public:
    explicit ClientsView(ClientsModel *model, QWidget *parent = nullptr);
    QTableView *table() const { return m_table; }
    /// The selected client that is still open, or 0.
    ConnId selectedConn() const;
    void selectConn(ConnId conn);

signals:
    void sendToRequested(sb::ConnId conn);
    void closeRequested(sb::ConnId conn);
    void abortRequested(sb::ConnId conn);
    void shutdownRequested(sb::ConnId conn, int how);

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
