#include "ui/getaddrinfotab.h"

#include "core/tools/resolver.h"
#include "ui/addrinfomodel.h"
#include "ui/asynclookup.h"
#include "ui/coretexts.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <netinet/in.h>

namespace {

struct LookupResult
{
    sb::AddrInfoAnswer answer;
    sb::NameSource source;
};

QString cString(const std::string &s)
{
    return s.empty() ? QStringLiteral("NULL")
                     : QStringLiteral("\"%1\"").arg(QString::fromStdString(s));
}

} // namespace

GetAddrInfoTab::GetAddrInfoTab(QWidget *parent)
    : QWidget(parent)
    , m_model(new AddrInfoModel(this))
    , m_host(new QLineEdit(QStringLiteral("localhost")))
    , m_service(new QLineEdit(QStringLiteral("http")))
    , m_family(new QComboBox)
    , m_type(new QComboBox)
    , m_protocol(new QComboBox)
    , m_lookUp(new QPushButton(tr("&Look up")))
    , m_cancel(new QPushButton(tr("Cancel")))
    , m_open(new QPushButton(tr("Open client panel")))
    , m_call(new QLabel)
    , m_status(new QLabel)
    , m_source(new QLabel)
    , m_view(new QTableView)
{
    m_host->setObjectName("host");
    m_host->setPlaceholderText(tr("name or address; empty = NULL"));
    m_service->setObjectName("service");
    m_service->setPlaceholderText(tr("name or port; empty = NULL"));
    m_family->setObjectName("family");
    m_family->addItem(tr("AF_UNSPEC (any)"), AF_UNSPEC);
    m_family->addItem(tr("AF_INET (IPv4)"), AF_INET);
    m_family->addItem(tr("AF_INET6 (IPv6)"), AF_INET6);
    m_type->setObjectName("socktype");
    m_type->addItem(tr("0 (any)"), 0);
    for (int t : {SOCK_STREAM, SOCK_DGRAM, SOCK_RAW, SOCK_SEQPACKET})
        m_type->addItem(QString::fromStdString(sb::socketTypeName(t)), t);
    m_protocol->setObjectName("protocol");
    m_protocol->addItem(tr("0 (the type's default)"), 0);
    m_protocol->addItem(QString::fromStdString(sb::protocolName(IPPROTO_TCP)), int(IPPROTO_TCP));
    m_protocol->addItem(QString::fromStdString(sb::protocolName(IPPROTO_UDP)), int(IPPROTO_UDP));

    auto *form = new QFormLayout;
    form->addRow(tr("&Host (node):"), m_host);
    form->addRow(tr("&Service:"), m_service);
    form->addRow(tr("ai_&family:"), m_family);
    form->addRow(tr("ai_sock&type:"), m_type);
    form->addRow(tr("ai_&protocol:"), m_protocol);

    auto *flagsBox = new QGroupBox(tr("ai_flags"));
    auto *flagsGrid = new QGridLayout(flagsBox);
    int i = 0;
    for (const sb::FlagName &f : sb::addrInfoFlags()) {
        auto *box = new QCheckBox(QString::fromLatin1(f.name));
        box->setObjectName(QString::fromLatin1(f.name));
        box->setProperty("flag", f.value);
        box->setToolTip(sb::coreText(f.meaning));
        flagsGrid->addWidget(box, i / 2, i % 2);
        m_flags << box;
        ++i;
    }

    // The flags under the fields: the Address tools dock fits beside the panels.
    auto *top = new QVBoxLayout;
    top->addLayout(form);
    top->addWidget(flagsBox);

    m_lookUp->setObjectName("lookUp");
    m_lookUp->setDefault(true);
    m_cancel->setObjectName("cancel");
    m_cancel->setEnabled(false);
    m_cancel->setToolTip(tr("getaddrinfo cannot be interrupted: its answer is dropped and its "
                            "thread ends by itself"));
    m_open->setObjectName("openClient");
    m_open->setEnabled(false);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_lookUp);
    buttons->addWidget(m_cancel);
    buttons->addStretch();
    buttons->addWidget(m_open);

    m_call->setObjectName("call");
    m_call->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_call->setWordWrap(true);
    m_call->setFont(QFont(QStringLiteral("monospace")));
    m_status->setObjectName("status");
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_source->setObjectName("source");
    m_source->setWordWrap(true);

    m_view->setObjectName("results");
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(buttons);
    layout->addWidget(m_call);
    layout->addWidget(m_status);
    layout->addWidget(m_source);
    layout->addWidget(m_view, 1);

    connect(m_lookUp, &QPushButton::clicked, this, &GetAddrInfoTab::lookUp);
    connect(m_host, &QLineEdit::returnPressed, this, &GetAddrInfoTab::lookUp);
    connect(m_service, &QLineEdit::returnPressed, this, &GetAddrInfoTab::lookUp);
    connect(m_cancel, &QPushButton::clicked, this, &GetAddrInfoTab::cancel);
    connect(m_open, &QPushButton::clicked, this, &GetAddrInfoTab::openSelected);
    connect(m_view, &QTableView::doubleClicked, this, &GetAddrInfoTab::openSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &GetAddrInfoTab::updateOpenButton);
    connect(m_model, &QAbstractItemModel::modelReset, this, &GetAddrInfoTab::updateOpenButton);
}

GetAddrInfoTab::~GetAddrInfoTab() = default;

void GetAddrInfoTab::lookUp()
{
    sb::AddrInfoQuery q;
    q.host = m_host->text().trimmed().toStdString();
    q.service = m_service->text().trimmed().toStdString();
    q.family = m_family->currentData().toInt();
    q.socktype = m_type->currentData().toInt();
    q.protocol = m_protocol->currentData().toInt();
    for (QCheckBox *box : std::as_const(m_flags))
        if (box->isChecked())
            q.flags |= box->property("flag").toInt();

    const QString call
            = QStringLiteral("getaddrinfo(%1, %2, {ai_family=%3, ai_socktype=%4, "
                             "ai_protocol=%5, ai_flags=%6}, &res)")
                      .arg(cString(q.host), cString(q.service),
                           QString::fromStdString(sb::familyName(q.family)),
                           QString::fromStdString(sb::socketTypeName(q.socktype)),
                           QString::fromStdString(sb::protocolName(q.protocol)),
                           QString::fromStdString(sb::flagsToString(q.flags, sb::addrInfoFlags())));
    m_call->setText(call);
    m_status->setText(tr("looking up…"));
    m_status->setStyleSheet(QString());
    m_source->clear();
    m_model->clear();
    m_pending = true;
    m_cancel->setEnabled(true);
    m_clock.start();
    runLookup(
            m_job, this,
            [q] {
                LookupResult r {sb::getAddrInfo(q), {}};
                if (!q.host.empty())
                    r.source = sb::nameSource(q.host);
                return r;
            },
            [this, call](LookupResult r) {
                m_pending = false;
                m_cancel->setEnabled(false);
                const QString took = tr("%1 ms").arg(m_clock.elapsed());
                if (r.answer.error.failed()) {
                    m_call->setText(call
                                    + QStringLiteral(" = %1").arg(
                                            QString::fromStdString(r.answer.error.name)));
                    m_status->setText(tr("%1 — %2").arg(
                            QString::fromStdString(r.answer.error.toString()), took));
                    m_status->setStyleSheet(QStringLiteral("color: #b00020"));
                } else {
                    m_call->setText(call + QStringLiteral(" = 0"));
                    const int n = int(r.answer.rows.size());
                    m_status->setText((n == 1 ? tr("1 address") : tr("%1 addresses").arg(n))
                                      + tr(", in the order connect() tries them — %1").arg(took));
                }
                if (!r.source.summary.empty())
                    m_source->setText(
                            tr("Answer from: %1").arg(QString::fromStdString(r.source.summary)));
                m_model->setRows(std::move(r.answer.rows));
                m_view->resizeColumnsToContents();
                emit lookupFinished();
            });
}

void GetAddrInfoTab::cancel()
{
    // The lookup may have ended with its answer still queued to this thread: what counts is
    // whether the answer was shown, and cancel() drops a queued one too.
    if (!m_pending)
        return;
    m_pending = false;
    m_job.cancel();
    m_cancel->setEnabled(false);
    m_status->setText(tr("cancelled after %1 ms: getaddrinfo cannot be interrupted, so its "
                         "thread runs on until the resolver answers and the answer is dropped")
                              .arg(m_clock.elapsed()));
}

bool GetAddrInfoTab::busy() const { return m_pending; }

void GetAddrInfoTab::openSelected()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const QString endpoint = m_model->endpoint(rows.first().row());
    if (!endpoint.isEmpty())
        emit openClientRequested(endpoint);
}

void GetAddrInfoTab::updateOpenButton()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    m_open->setEnabled(!rows.isEmpty() && !m_model->endpoint(rows.first().row()).isEmpty());
}
