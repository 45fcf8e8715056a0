#include "ui/clientsview.h"

#include "ui/clientsmodel.h"
#include "ui/display.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace sb {

ClientsView::ClientsView(ClientsModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    m_table = new QTableView;
    m_table->setModel(model);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ClientsModel::PeerColumn,
                                                      QHeaderView::Stretch);
    m_table->verticalHeader()->setDefaultSectionSize(QFontMetrics(monospaceFont()).height() + 4);
    m_table->setFont(monospaceFont());

    m_sendTo = new QPushButton(tr("Send to selected"));
    m_sendTo->setToolTip(tr("Point the composer at this client"));
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
            [this] { emit sendToRequested(selectedConn()); });
    connect(m_kick, &QPushButton::clicked, this, [this] { emit closeRequested(selectedConn()); });
    connect(m_abort, &QPushButton::clicked, this, [this] { emit abortRequested(selectedConn()); });
    connect(m_shutWr, &QPushButton::clicked, this,
            [this] { emit shutdownRequested(selectedConn(), SHUT_WR); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ClientsView::updateButtons);
    connect(model, &QAbstractItemModel::dataChanged, this, &ClientsView::updateButtons);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &ClientsView::updateButtons);
    updateButtons();
}

ConnId ClientsView::selectedConn() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty() || rows.first().data(ClientsModel::ClosedRole).toBool())
        return 0;
    return rows.first().data(ClientsModel::ConnRole).toUInt();
}

void ClientsView::selectConn(ConnId conn)
{
    const int row = m_model->rowOf(conn);
    if (row >= 0)
        m_table->selectRow(row);
}

void ClientsView::updateButtons()
{
    const bool live = selectedConn() != 0;
    for (QPushButton *b : {m_sendTo, m_kick, m_abort, m_shutWr})
        b->setEnabled(live);
}

} // namespace sb
