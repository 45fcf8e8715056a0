#include "ui/connectionsdock.h"

#include "ui/connectionsmodel.h"
#include "ui/display.h"
#include "ui/payloadcopy.h"

#include <QHeaderView>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QTableView>

namespace sb {

ConnectionsDock::ConnectionsDock(ConnectionsModel *model, QWidget *parent)
    : QDockWidget(tr("Connections"), parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("connectionsDock"));
    m_proxy->setSourceModel(model);
    m_view = new QTableView;
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(QFontMetrics(monospaceFont()).height() + 4);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setShowGrid(false);
    m_view->setAlternatingRowColors(true);
    m_view->setFont(monospaceFont());
    m_view->setWordWrap(false);
    m_view->horizontalHeader()->setStretchLastSection(false);
    const QFontMetrics fm(monospaceFont());
    const int addr = fm.horizontalAdvance(QStringLiteral("[::ffff:127.0.0.1]:65535")) + 16;
    QHeaderView *h = m_view->horizontalHeader();
    h->resizeSection(ConnectionsModel::ProtoColumn,
                     fm.horizontalAdvance(QStringLiteral("Proto6")) + 16);
    h->resizeSection(ConnectionsModel::RecvQColumn,
                     fm.horizontalAdvance(QStringLiteral("Recv-Q")) + 24);
    h->resizeSection(ConnectionsModel::SendQColumn,
                     fm.horizontalAdvance(QStringLiteral("Send-Q")) + 24);
    h->resizeSection(ConnectionsModel::LocalColumn, addr);
    h->resizeSection(ConnectionsModel::ForeignColumn, addr);
    h->resizeSection(ConnectionsModel::StateColumn,
                     fm.horizontalAdvance(QStringLiteral("ESTABLISHED")) + 24);
    h->resizeSection(ConnectionsModel::PanelColumn,
                     fm.horizontalAdvance(QStringLiteral("Panel 10 #100")) + 16);
    h->resizeSection(ConnectionsModel::FdColumn, fm.horizontalAdvance(QStringLiteral("FD")) + 30);
    h->resizeSection(ConnectionsModel::BytesInColumn,
                     fm.horizontalAdvance(QStringLiteral("Bytes out")) + 24);
    // Never narrower than the header's text (Spanish "Bytes recibidos" is longer).
    for (int c = 0; c < h->count(); ++c)
        h->resizeSection(c, std::max(h->sectionSize(c), h->sectionSizeHint(c)));
    m_view->setToolTip(tr("Every socket of the workbench, as netstat -a shows them. "
                          "Double-click a row to go to its panel."));
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    setWidget(m_view);

    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        emit panelRequested(index.data(ConnectionsModel::EndpointRole).toUInt());
    });
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu *menu = contextMenuAt(pos);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_view->viewport()->mapToGlobal(pos));
    });
}

void ConnectionsDock::setPanelCheck(std::function<bool(EndpointId)> hasPanel)
{
    m_hasPanel = std::move(hasPanel);
}

QMenu *ConnectionsDock::contextMenuAt(const QPoint &pos)
{
    auto *menu = new QMenu(this);
    const QModelIndex at = m_view->indexAt(pos);
    if (at.isValid())
        m_view->selectionModel()->setCurrentIndex(
                at, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    const QString row = at.isValid() ? rowText(*m_proxy, at.row()) : QString();
    auto cell = [&](int column) {
        return at.isValid() ? at.siblingAtColumn(column).data().toString() : QString();
    };
    const QString local = cell(ConnectionsModel::LocalColumn);
    // "*:*" is netstat's "no peer", nothing to copy or filter by.
    const int sourceRow = at.isValid() ? m_proxy->mapToSource(at).row() : -1;
    const bool hasPeer = sourceRow >= 0 && m_model->socketRow(sourceRow).peer.valid();
    const QString foreign = hasPeer ? cell(ConnectionsModel::ForeignColumn) : QString();
    const EndpointId id = at.isValid() ? at.data(ConnectionsModel::EndpointRole).toUInt() : 0;
    const ConnId conn = at.isValid() ? at.data(ConnectionsModel::ConnRole).toUInt() : 0;
    const bool hasPanel = id && (!m_hasPanel || m_hasPanel(id));

    QAction *copyRow = menu->addAction(tr("&Copy row"), menu, [row] { copyToClipboard(row); });
    copyRow->setObjectName(QStringLiteral("copyRow"));
    copyRow->setEnabled(!row.isEmpty());
    QAction *copyLocal
            = menu->addAction(tr("Copy &local address"), menu, [local] { copyToClipboard(local); });
    copyLocal->setObjectName(QStringLiteral("copyLocal"));
    copyLocal->setEnabled(!local.isEmpty());
    QAction *copyForeign = menu->addAction(tr("Copy fo&reign address"), menu,
                                           [foreign] { copyToClipboard(foreign); });
    copyForeign->setObjectName(QStringLiteral("copyForeign"));
    copyForeign->setEnabled(!foreign.isEmpty());
    menu->addSeparator();
    QAction *follow = menu->addAction(tr("F&ollow this connection"), this,
                                      [this, id, conn] { emit followRequested(id, conn); });
    follow->setObjectName(QStringLiteral("follow"));
    follow->setToolTip(tr("Show its panel (a server's client: its row in the Clients tab)"));
    follow->setEnabled(hasPanel);
    QAction *filter
            = menu->addAction(tr("&Filter its panel's log by this peer"), this,
                              [this, id, foreign] { emit logFilterRequested(id, foreign); });
    filter->setObjectName(QStringLiteral("filterByPeer"));
    filter->setEnabled(hasPanel && !foreign.isEmpty());
    QAction *tcpState = menu->addAction(tr("Show its &TCP state"), this,
                                        [this, id, conn] { emit tcpStateRequested(id, conn); });
    tcpState->setObjectName(QStringLiteral("showTcpState"));
    tcpState->setEnabled(at.isValid());
    return menu;
}

void ConnectionsDock::showRow(EndpointId endpoint, ConnId conn)
{
    const int row = m_model->rowOf(endpoint, conn);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    show();
    raise();
    m_view->selectionModel()->setCurrentIndex(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
}

} // namespace sb
