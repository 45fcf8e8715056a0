#include "ui/clientsview.h"

#include "ui/clientsmodel.h"
#include "ui/display.h"
#include "ui/payloadcopy.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QMenu>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace sb {

ClientsView::ClientsView(ClientsModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    m_table = new QTableView;
    m_table->setModel(model);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Extended, not single: a single-selection view selects the next row when the selected one
    // is removed, and a kicked client's row goes after kLingerMs.
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ClientsModel::PeerColumn,
                                                      QHeaderView::Stretch);
    m_table->verticalHeader()->setDefaultSectionSize(QFontMetrics(monospaceFont()).height() + 4);
    m_table->setFont(monospaceFont());

    m_sendTo = new QPushButton(tr("Send to selected"));
    m_sendTo->setToolTip(tr("Send the composer's message to the selected clients"));
    m_kick = new QPushButton(tr("Kick"));
    m_kick->setToolTip(tr("close() this client's connection (orderly: FIN)"));
    m_abort = new QPushButton(tr("Abort (RST)"));
    m_abort->setToolTip(tr("SO_LINGER {1, 0} then close(): the client gets ECONNRESET"));
    m_shutWr = new QPushButton(tr("Shutdown WR"));
    m_shutWr->setToolTip(tr("shutdown(SHUT_WR): the client reads EOF, can still send"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_sendTo);
    buttons->addStretch(1);
    buttons->addWidget(m_shutWr);
    buttons->addWidget(m_kick);
    buttons->addWidget(m_abort);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(m_sendTo, &QPushButton::clicked, this,
            [this] { emit sendToRequested(selectedConns()); });
    connect(m_kick, &QPushButton::clicked, this, [this] {
        for (ConnId c : selectedConns())
            emit closeRequested(c);
    });
    connect(m_abort, &QPushButton::clicked, this, [this] {
        for (ConnId c : selectedConns())
            emit abortRequested(c);
    });
    connect(m_shutWr, &QPushButton::clicked, this, [this] {
        for (ConnId c : selectedConns())
            emit shutdownRequested(c, SHUT_WR);
    });
    connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu *menu = contextMenuAt(pos);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_table->viewport()->mapToGlobal(pos));
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ClientsView::updateButtons);
    connect(model, &QAbstractItemModel::dataChanged, this, &ClientsView::updateButtons);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &ClientsView::updateButtons);
    updateButtons();
}

ConnId ClientsView::selectedConn() const
{
    const QList<ConnId> conns = selectedConns();
    return conns.isEmpty() ? 0 : conns.first();
}

QList<ConnId> ClientsView::selectedConns() const
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<ConnId> out;
    for (const QModelIndex &index : rows)
        if (!index.data(ClientsModel::ClosedRole).toBool())
            out << index.data(ClientsModel::ConnRole).toUInt();
    return out;
}

void ClientsView::selectConn(ConnId conn)
{
    const int row = m_model->rowOf(conn);
    if (row < 0)
        return;
    m_table->selectionModel()->setCurrentIndex(m_model->index(row, 0),
                                               QItemSelectionModel::ClearAndSelect
                                                       | QItemSelectionModel::Rows);
    m_table->scrollTo(m_model->index(row, 0));
}

QMenu *ClientsView::contextMenuAt(const QPoint &pos)
{
    const QModelIndex at = m_table->indexAt(pos);
    if (at.isValid() && !m_table->selectionModel()->isRowSelected(at.row(), at.parent()))
        m_table->selectionModel()->setCurrentIndex(
                at, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    const QList<ConnId> conns = selectedConns();
    const ConnId conn = at.isValid() ? at.data(ClientsModel::ConnRole).toUInt() : 0;
    const QString peer = conn ? m_model->peerOf(conn) : QString();
    const QString row = at.isValid() ? rowText(*m_model, at.row()) : QString();

    auto *menu = new QMenu(this);
    QAction *copyRow = menu->addAction(tr("&Copy row"), menu, [row] { copyToClipboard(row); });
    copyRow->setObjectName(QStringLiteral("copyRow"));
    copyRow->setEnabled(!row.isEmpty());
    QAction *copyPeer
            = menu->addAction(tr("Copy &peer address"), menu, [peer] { copyToClipboard(peer); });
    copyPeer->setObjectName(QStringLiteral("copyAddress"));
    copyPeer->setEnabled(!peer.isEmpty());
    menu->addSeparator();
    QAction *send = menu->addAction(conns.size() > 1 ? tr("&Send the message to %n clients",
                                                          nullptr, static_cast<int>(conns.size()))
                                                     : tr("&Send the message to this client"),
                                    this, [this, conns] { emit sendToRequested(conns); });
    send->setObjectName(QStringLiteral("sendTo"));
    send->setEnabled(!conns.isEmpty());
    QAction *filter = menu->addAction(tr("&Filter the log by this peer"), this,
                                      [this, peer] { emit logFilterRequested(peer); });
    filter->setObjectName(QStringLiteral("filterByPeer"));
    filter->setEnabled(!peer.isEmpty());
    QAction *follow = menu->addAction(tr("F&ollow this connection"), this,
                                      [this, conn] { emit followRequested(conn); });
    follow->setObjectName(QStringLiteral("follow"));
    follow->setEnabled(conn != 0);
    menu->addSeparator();
    QAction *shut = menu->addAction(tr("Shutdown &WR"), this, [this, conns] {
        for (ConnId c : conns)
            emit shutdownRequested(c, SHUT_WR);
    });
    QAction *kick = menu->addAction(tr("&Kick"), this, [this, conns] {
        for (ConnId c : conns)
            emit closeRequested(c);
    });
    kick->setObjectName(QStringLiteral("kick"));
    QAction *abort = menu->addAction(tr("&Abort (RST)"), this, [this, conns] {
        for (ConnId c : conns)
            emit abortRequested(c);
    });
    for (QAction *a : {shut, kick, abort})
        a->setEnabled(!conns.isEmpty());
    return menu;
}

void ClientsView::updateButtons()
{
    const bool live = selectedConn() != 0;
    for (QPushButton *b : {m_sendTo, m_kick, m_abort, m_shutWr})
        b->setEnabled(live);
}

} // namespace sb
