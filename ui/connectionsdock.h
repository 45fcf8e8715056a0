#pragma once

#include "core/text/trace.h"

#include <QDockWidget>

#include <functional>

class QMenu;
class QSortFilterProxyModel;
class QTableView;

namespace sb {

class ConnectionsModel;

/// The Connections dock: every socket of the workbench in netstat's columns (a sortable view
/// over ConnectionsModel), and its context menu — copy the row or an address, follow the
/// connection to its panel, filter that panel's log by the peer. The window does the
/// following and filtering (it knows the panels). GUI thread only.
class ConnectionsDock : public QDockWidget
{
    Q_OBJECT
public:
    ConnectionsDock(ConnectionsModel *model, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    /// Whether an endpoint has a panel of the workbench (rows of others cannot be followed).
    void setPanelCheck(std::function<bool(sb::EndpointId)> hasPanel);
    /// The context menu for a right-click at pos (viewport coordinates); the row under it is
    /// selected. The caller owns the menu.
    QMenu *contextMenuAt(const QPoint &pos);
    /// Selects (endpoint, conn)'s row, scrolls to it and shows the dock.
    void showRow(sb::EndpointId endpoint, sb::ConnId conn);

signals:
    /// A row was double-clicked: its panel should come forward.
    void panelRequested(sb::EndpointId endpoint);
    void followRequested(sb::EndpointId endpoint, sb::ConnId conn);
    void logFilterRequested(sb::EndpointId endpoint, const QString &peer);
    /// "Show its TCP state": the TCP state dock should follow the row and come forward.
    void tcpStateRequested(sb::EndpointId endpoint, sb::ConnId conn);

private:
    ConnectionsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    std::function<bool(EndpointId)> m_hasPanel;
};

} // namespace sb
