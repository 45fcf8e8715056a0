#include "ui/lookuptabs.h"

#include "core/tools/resolver.h"
#include "ui/asynclookup.h"
#include "ui/coretexts.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <optional>

namespace {

QLabel *answerLabel(const QString &name)
{
    auto *l = new QLabel;
    l->setObjectName(name);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->setWordWrap(true);
    return l;
}

QString describe(const std::optional<sb::ServiceEntry> &e, const QString &query)
{
    if (!e)
        return QObject::tr("no service '%1' in the services database").arg(query);
    QString s = QStringLiteral("%1  %2/%3")
                        .arg(QString::fromStdString(e->name))
                        .arg(e->port)
                        .arg(QString::fromStdString(e->protocol));
    if (!e->aliases.empty()) {
        QStringList aliases;
        for (const std::string &a : e->aliases)
            aliases << QString::fromStdString(a);
        s += QObject::tr("  aliases: %1").arg(aliases.join(QLatin1Char(' ')));
    }
    return s;
}

} // namespace

NameInfoTab::NameInfoTab(QWidget *parent)
    : QWidget(parent)
    , m_address(new QLineEdit(QStringLiteral("127.0.0.1")))
    , m_port(new QSpinBox)
    , m_call(answerLabel("call"))
    , m_host(answerLabel("hostAnswer"))
    , m_service(answerLabel("serviceAnswer"))
    , m_status(answerLabel("status"))
    , m_cancel(new QPushButton(tr("Cancel")))
{
    m_address->setObjectName("address");
    m_address->setPlaceholderText(tr("IPv4 or IPv6 address"));
    m_port->setObjectName("port");
    m_port->setRange(0, 65535);
    m_port->setValue(22);
    auto *form = new QFormLayout;
    form->addRow(tr("&Address:"), m_address);
    form->addRow(tr("&Port:"), m_port);
    auto *flagsBox = new QGroupBox(tr("flags"));
    auto *flagsLayout = new QVBoxLayout(flagsBox);
    for (const sb::FlagName &f : sb::nameInfoFlags()) {
        auto *box = new QCheckBox(QString::fromLatin1(f.name));
        box->setObjectName(QString::fromLatin1(f.name));
        box->setProperty("flag", f.value);
        box->setToolTip(sb::coreText(f.meaning));
        flagsLayout->addWidget(box);
        m_flags << box;
    }
    auto *top = new QHBoxLayout;
    top->addLayout(form, 1);
    top->addWidget(flagsBox, 1);
    auto *go = new QPushButton(tr("&Look up"));
    go->setObjectName("lookUp");
    m_cancel->setObjectName("cancel");
    m_cancel->setEnabled(false);
    m_cancel->setToolTip(tr("getnameinfo cannot be interrupted: its answer is dropped"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(go);
    buttons->addWidget(m_cancel);
    buttons->addStretch();
    m_call->setFont(QFont(QStringLiteral("monospace")));
    auto *answers = new QFormLayout;
    answers->addRow(tr("host:"), m_host);
    answers->addRow(tr("service:"), m_service);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(buttons);
    layout->addWidget(m_call);
    layout->addLayout(answers);
    layout->addWidget(m_status);
    layout->addStretch();
    connect(go, &QPushButton::clicked, this, &NameInfoTab::lookUp);
    connect(m_cancel, &QPushButton::clicked, this, &NameInfoTab::cancel);
    connect(m_address, &QLineEdit::returnPressed, this, &NameInfoTab::lookUp);
}

void NameInfoTab::lookUp()
{
    const QString text = m_address->text().trimmed();
    const sb::Address address = sb::Address::ip(text.toStdString(), uint16_t(m_port->value()));
    m_host->clear();
    m_service->clear();
    if (!address.valid()) {
        m_status->setText(tr("'%1' is not an IPv4 or IPv6 address").arg(text));
        m_status->setStyleSheet(QStringLiteral("color: #b00020"));
        return;
    }
    int flags = 0;
    for (QCheckBox *box : std::as_const(m_flags))
        if (box->isChecked())
            flags |= box->property("flag").toInt();
    const QString call
            = QStringLiteral("getnameinfo(%1, ..., %2)")
                      .arg(QString::fromStdString(address.toStrace()),
                           QString::fromStdString(sb::flagsToString(flags, sb::nameInfoFlags())));
    m_call->setText(call);
    m_status->setText(tr("looking up…"));
    m_status->setStyleSheet(QString());
    m_pending = true;
    m_cancel->setEnabled(true);
    runLookup(
            m_job, this, [address, flags] { return sb::getNameInfo(address, flags); },
            [this, call](sb::NameInfoAnswer a) {
                m_pending = false;
                m_cancel->setEnabled(false);
                if (a.error.failed()) {
                    m_call->setText(
                            call
                            + QStringLiteral(" = %1").arg(QString::fromStdString(a.error.name)));
                    m_status->setText(QString::fromStdString(a.error.toString()));
                    m_status->setStyleSheet(QStringLiteral("color: #b00020"));
                } else {
                    m_call->setText(call + QStringLiteral(" = 0"));
                    m_host->setText(QString::fromStdString(a.host));
                    m_service->setText(QString::fromStdString(a.service));
                    m_status->clear();
                }
                emit lookupFinished();
            });
}

void NameInfoTab::cancel()
{
    // The lookup may have ended with its answer still queued to this thread: what counts is
    // whether the answer was shown, and cancel() drops a queued one too.
    if (!m_pending)
        return;
    m_pending = false;
    m_job.cancel();
    m_cancel->setEnabled(false);
    m_status->setText(tr("cancelled: the lookup's thread runs on until the resolver answers, "
                         "and the answer is dropped"));
}

HostServicesTab::HostServicesTab(QWidget *parent)
    : QWidget(parent)
    , m_hostname(answerLabel("hostname"))
    , m_fqdn(answerLabel("fqdn"))
    , m_serviceQuery(new QLineEdit(QStringLiteral("http")))
    , m_serviceProto(new QComboBox)
    , m_serviceAnswer(answerLabel("serviceAnswer"))
    , m_sourceHost(new QLineEdit(QStringLiteral("localhost")))
    , m_sourceAnswer(answerLabel("sourceAnswer"))
{
    auto *hostBox = new QGroupBox(tr("This host"));
    auto *hostForm = new QFormLayout(hostBox);
    hostForm->addRow(tr("gethostname():"), m_hostname);
    hostForm->addRow(tr("fully qualified (AI_CANONNAME):"), m_fqdn);

    auto *serviceBox = new QGroupBox(tr("Services (getservbyname / getservbyport)"));
    m_serviceQuery->setObjectName("serviceQuery");
    m_serviceQuery->setPlaceholderText(tr("a name (http) or a port (80)"));
    m_serviceProto->setObjectName("serviceProto");
    m_serviceProto->addItem(tr("any"), QString());
    m_serviceProto->addItem(QStringLiteral("tcp"), QStringLiteral("tcp"));
    m_serviceProto->addItem(QStringLiteral("udp"), QStringLiteral("udp"));
    auto *serviceGo = new QPushButton(tr("Look up"));
    serviceGo->setObjectName("serviceLookUp");
    auto *serviceRow = new QHBoxLayout;
    serviceRow->addWidget(m_serviceQuery, 1);
    serviceRow->addWidget(m_serviceProto);
    serviceRow->addWidget(serviceGo);
    auto *serviceLayout = new QVBoxLayout(serviceBox);
    serviceLayout->addLayout(serviceRow);
    serviceLayout->addWidget(m_serviceAnswer);

    auto *sourceBox = new QGroupBox(tr("Where does a name's answer come from?"));
    m_sourceHost->setObjectName("sourceHost");
    auto *sourceGo = new QPushButton(tr("Check"));
    sourceGo->setObjectName("sourceLookUp");
    auto *sourceRow = new QHBoxLayout;
    sourceRow->addWidget(m_sourceHost, 1);
    sourceRow->addWidget(sourceGo);
    auto *sourceLayout = new QVBoxLayout(sourceBox);
    sourceLayout->addLayout(sourceRow);
    sourceLayout->addWidget(m_sourceAnswer);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(hostBox);
    layout->addWidget(serviceBox);
    layout->addWidget(sourceBox);
    layout->addStretch();

    connect(serviceGo, &QPushButton::clicked, this, &HostServicesTab::lookUpService);
    connect(m_serviceQuery, &QLineEdit::returnPressed, this, &HostServicesTab::lookUpService);
    connect(sourceGo, &QPushButton::clicked, this, &HostServicesTab::lookUpSource);
    connect(m_sourceHost, &QLineEdit::returnPressed, this, &HostServicesTab::lookUpSource);
    refreshHostNames();
}

void HostServicesTab::refreshHostNames()
{
    m_hostname->setText(tr("…"));
    runLookup(
            m_hostJob, this, [] { return sb::hostNames(); },
            [this](sb::HostNames n) {
                m_hostname->setText(
                        n.hostnameErrno
                                ? tr("gethostname failed: %1").arg(qt_error_string(n.hostnameErrno))
                                : QString::fromStdString(n.hostname));
                m_fqdn->setText(n.error.failed()
                                        ? tr("%1 (the lookup of it failed: %2)")
                                                  .arg(QString::fromStdString(n.fqdn),
                                                       QString::fromStdString(n.error.toString()))
                                        : QString::fromStdString(n.fqdn));
                emit hostNamesShown();
            });
}

void HostServicesTab::lookUpService()
{
    const QString query = m_serviceQuery->text().trimmed();
    const std::string proto = m_serviceProto->currentData().toString().toStdString();
    bool numeric = false;
    const uint port = query.toUInt(&numeric);
    if (numeric && port > 65535) {
        m_serviceAnswer->setText(tr("port %1 is over 65535").arg(query));
        return;
    }
    runLookup(
            m_serviceJob, this,
            [numeric, port, name = query.toStdString(), proto] {
                return numeric ? sb::serviceByPort(uint16_t(port), proto)
                               : sb::serviceByName(name, proto);
            },
            [this, query, numeric](std::optional<sb::ServiceEntry> e) {
                const QString call = numeric
                        ? QStringLiteral("getservbyport_r(htons(%1))").arg(query)
                        : QStringLiteral("getservbyname_r(\"%1\")").arg(query);
                m_serviceAnswer->setText(call + QStringLiteral(" → ") + describe(e, query));
                emit serviceShown();
            });
}

void HostServicesTab::lookUpSource()
{
    const std::string host = m_sourceHost->text().trimmed().toStdString();
    runLookup(
            m_sourceJob, this, [host] { return sb::nameSource(host); },
            [this](sb::NameSource s) {
                QStringList lines;
                lines << tr("nsswitch.conf hosts: %1")
                                 .arg(s.nsswitchHosts.empty()
                                              ? tr("(no hosts: line)")
                                              : QString::fromStdString(s.nsswitchHosts));
                QStringList addrs;
                for (const std::string &a : s.etcHostsAddresses)
                    addrs << QString::fromStdString(a);
                lines << tr("/etc/hosts: %1")
                                 .arg(addrs.isEmpty() ? tr("no line names it") : addrs.join(", "));
                QStringList servers;
                for (const std::string &n : s.nameservers)
                    servers << QString::fromStdString(n);
                lines << tr("resolv.conf nameservers: %1")
                                 .arg(servers.isEmpty() ? tr("none") : servers.join(", "));
                lines << tr("→ %1").arg(QString::fromStdString(s.summary));
                m_sourceAnswer->setText(lines.join(QLatin1Char('\n')));
                emit sourceShown();
            });
}
