#include "ui/netstatpanel.h"

#include "ui/asynclookup.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QTime>
#include <QTimer>
#include <QVBoxLayout>

#include <map>
#include <mutex>

/// Resolved address texts by numeric text and protocol, kept across refreshes so that a
/// timer refresh does not ask the name service again for every row. Thread-safe.
struct NetstatPanel::NameCache
{
    std::mutex mutex;
    std::map<std::string, std::string> names;

    std::string lookUp(const sb::Address &address, sb::NetProto proto)
    {
        const std::string key = std::string(sb::netProtoName(proto)) + " "
                + sb::netstatAddress(address, proto, true);
        {
            std::lock_guard lock(mutex);
            if (const auto it = names.find(key); it != names.end())
                return it->second;
        }
        const std::string name = sb::netstatAddress(address, proto, false);
        std::lock_guard lock(mutex);
        return names.emplace(key, name).first->second;
    }
};

namespace {

struct Tables
{
    std::vector<NetstatEntry> inet;
    std::vector<NetstatEntry> unixRows;
    std::vector<sb::GroupMembershipRow> groups; ///< /proc/net/igmp and igmp6 (netstat -g)
    std::vector<std::string> errors;
};

void setOwner(NetstatEntry &e, const sb::NetstatSnapshot &s, uint64_t inode)
{
    if (const auto it = inode ? s.owners.find(inode) : s.owners.end(); it != s.owners.end()) {
        e.pid = it->second.pid;
        e.program = QString::fromStdString(it->second.program);
    }
}

// Runs on the worker: reads /proc, filters as netstat would, and makes the address texts
// (which, unless numeric, may wait on the name service).
Tables readTables(const sb::NetstatOptions &shown, NetstatPanel::NameCache &cache)
{
    sb::NetstatOptions read = shown;
    read.programs = true; // the owner's PID is also how SockBench finds its own sockets
    const sb::NetstatSnapshot s = sb::readNetstat(read);
    Tables t;
    t.errors = s.errors;
    t.groups = sb::readGroupMemberships(&t.errors);
    const QChar sep(0x1f);
    for (const sb::InetSocketRow &r : s.inet) {
        if (!sb::netstatShows(r, shown))
            continue;
        NetstatEntry e;
        e.inet = r;
        const QString proto = QString::fromLatin1(sb::netProtoName(r.proto));
        const QString numericLocal
                = QString::fromStdString(sb::netstatAddress(r.local, r.proto, true));
        const QString numericForeign
                = QString::fromStdString(sb::netstatAddress(r.foreign, r.proto, true));
        e.local = shown.numeric ? numericLocal
                                : QString::fromStdString(cache.lookUp(r.local, r.proto));
        e.foreign = shown.numeric ? numericForeign
                                  : QString::fromStdString(cache.lookUp(r.foreign, r.proto));
        e.key = proto + sep + numericLocal + sep + numericForeign + sep + QString::number(r.inode);
        e.addressKey = NetstatModel::addressKey(proto.left(3), numericLocal, numericForeign);
        setOwner(e, s, r.inode);
        e.signature = QStringList {e.key,
                                   e.local,
                                   e.foreign,
                                   QString::number(r.recvQ),
                                   QString::number(r.sendQ),
                                   QString::number(r.state),
                                   QString::number(e.pid),
                                   e.program}
                              .join(sep);
        t.inet.push_back(std::move(e));
    }
    for (const sb::UnixSocketRow &r : s.unixRows) {
        if (!sb::netstatShows(r, shown))
            continue;
        NetstatEntry e;
        e.isUnix = true;
        e.unixRow = r;
        e.key = QStringLiteral("unix") + sep + QString::number(r.inode);
        setOwner(e, s, r.inode);
        e.signature = QStringList {e.key,
                                   QString::number(r.refCnt),
                                   QString::number(r.flags),
                                   QString::number(r.type),
                                   QString::number(r.state),
                                   QString::fromStdString(r.path),
                                   QString::number(e.pid),
                                   e.program}
                              .join(sep);
        t.unixRows.push_back(std::move(e));
    }
    return t;
}

QTableView *makeView(QAbstractItemModel *model, const QString &name)
{
    auto *view = new QTableView;
    view->setObjectName(name);
    view->setModel(model);
    view->setSortingEnabled(true);
    view->sortByColumn(-1, Qt::AscendingOrder); // the kernel's order until a header is clicked
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setStretchLastSection(true);
    view->setWordWrap(false);
    return view;
}

QWidget *titled(const QString &title, QWidget *content)
{
    auto *box = new QGroupBox(title);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(content);
    return box;
}

} // namespace

NetstatPanel::NetstatPanel(QWidget *parent)
    : QWidget(parent)
    , m_inetModel(new NetstatModel(NetstatModel::Kind::Internet, this))
    , m_unixModel(new NetstatModel(NetstatModel::Kind::Unix, this))
    , m_inetProxy(new QSortFilterProxyModel(this))
    , m_unixProxy(new QSortFilterProxyModel(this))
    , m_tcp(new QCheckBox(tr("TCP (-t)")))
    , m_udp(new QCheckBox(tr("UDP (-u)")))
    , m_unix(new QCheckBox(tr("UNIX (-x)")))
    , m_which(new QComboBox)
    , m_numeric(new QCheckBox(tr("Numeric (-n)")))
    , m_programs(new QCheckBox(tr("Programs (-p)")))
    , m_auto(new QCheckBox(tr("Every")))
    , m_interval(new QSpinBox)
    , m_filter(new QLineEdit)
    , m_command(new QLabel)
    , m_status(new QLabel)
    , m_timer(new QTimer(this))
    , m_names(std::make_shared<NameCache>())
{
    setObjectName("netstatPanel");
    m_inetModel->setOwnPid(QCoreApplication::applicationPid());
    m_unixModel->setOwnPid(QCoreApplication::applicationPid());
    for (QSortFilterProxyModel *p : {m_inetProxy, m_unixProxy}) {
        p->setFilterKeyColumn(-1);
        p->setFilterCaseSensitivity(Qt::CaseInsensitive);
    }
    m_inetProxy->setSourceModel(m_inetModel);
    m_unixProxy->setSourceModel(m_unixModel);
    m_inetView = makeView(m_inetProxy, "inetTable");
    m_unixView = makeView(m_unixProxy, "unixTable");
    m_groupsModel = new QStandardItemModel(0, 3, this);
    m_groupsModel->setHorizontalHeaderLabels(
            {tr("Interface"), QStringLiteral("RefCnt"), tr("Group")});
    m_groupsView = makeView(m_groupsModel, "groupsTable");
    // netstat -g's columns, with the group shown first: in a narrow dock it is what is read.
    m_groupsView->horizontalHeader()->moveSection(2, 0);

    for (QCheckBox *box : {m_tcp, m_udp, m_unix, m_numeric, m_programs})
        box->setChecked(true);
    m_tcp->setObjectName("tcp");
    m_udp->setObjectName("udp");
    m_unix->setObjectName("unix");
    m_numeric->setObjectName("numeric");
    m_numeric->setToolTip(tr("Off: names from getnameinfo and getservbyport, which may ask DNS"));
    m_programs->setObjectName("programs");
    m_which->setObjectName("which");
    m_which->addItem(tr("All (-a)"));
    m_which->addItem(tr("Listening (-l)"));
    m_which->addItem(tr("Non-listening"));
    m_auto->setObjectName("autoRefresh");
    m_auto->setChecked(true);
    m_interval->setObjectName("interval");
    m_interval->setRange(1, 3600);
    m_interval->setValue(2);
    m_interval->setSuffix(tr(" s"));
    m_filter->setObjectName("filter");
    m_filter->setPlaceholderText(tr("Filter rows: a port, an address, a state…"));
    m_filter->setClearButtonEnabled(true);
    auto *refreshButton = new QPushButton(tr("&Refresh"));
    refreshButton->setObjectName("refresh");
    m_command->setObjectName("command");
    m_command->setFont(QFont(QStringLiteral("monospace")));
    m_command->setToolTip(tr("The command that prints the same sockets"));
    m_status->setObjectName("status");

    // Options on two rows: the dock fits beside the panels (about 420 px) in both languages.
    auto *bar = new QHBoxLayout;
    for (QWidget *w : std::initializer_list<QWidget *> {m_tcp, m_udp, m_unix, m_which})
        bar->addWidget(w);
    bar->addStretch();
    auto *bar1 = new QHBoxLayout;
    bar1->addWidget(m_numeric);
    bar1->addWidget(m_programs);
    bar1->addStretch();
    bar1->addWidget(m_auto);
    bar1->addWidget(m_interval);
    bar1->addWidget(refreshButton);
    m_status->setWordWrap(true);
    auto *bar2 = new QHBoxLayout;
    bar2->addWidget(m_filter, 1);
    bar2->addWidget(m_command);

    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(titled(tr("Internet sockets (tcp, tcp6, udp, udp6)"), m_inetView));
    // The group memberships beside the UNIX sockets: a third row would make the dock taller
    // than a 768-pixel screen holds.
    auto *lower = new QSplitter(Qt::Horizontal);
    lower->addWidget(titled(tr("UNIX domain sockets"), m_unixView));
    lower->addWidget(titled(tr("Multicast groups (-g)"), m_groupsView));
    lower->setStretchFactor(0, 3);
    lower->setStretchFactor(1, 1);
    split->addWidget(lower);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addLayout(bar1);
    layout->addLayout(bar2);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);

    for (QCheckBox *box : {m_tcp, m_udp, m_unix, m_numeric, m_programs})
        connect(box, &QCheckBox::toggled, this, &NetstatPanel::optionsChanged);
    connect(m_which, &QComboBox::currentIndexChanged, this, &NetstatPanel::optionsChanged);
    connect(refreshButton, &QPushButton::clicked, this, [this] {
        // By hand: names may have changed (a new /etc/hosts line), so ask again.
        m_names = std::make_shared<NameCache>();
        refresh();
    });
    connect(m_timer, &QTimer::timeout, this, [this] {
        // Hidden (a closed dock, another tab): nobody looks. A slow name service: skip a tick
        // rather than pile lookups up.
        if (isVisible() && !m_job.running())
            refresh();
    });
    connect(m_auto, &QCheckBox::toggled, this,
            [this](bool on) { setAutoRefresh(on, m_interval->value() * 1000); });
    connect(m_interval, &QSpinBox::valueChanged, this,
            [this](int s) { setAutoRefresh(m_auto->isChecked(), s * 1000); });
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_inetProxy->setFilterFixedString(text);
        m_unixProxy->setFilterFixedString(text);
    });
    connect(m_inetView, &QTableView::doubleClicked, this, &NetstatPanel::activated);
    connect(m_unixView, &QTableView::doubleClicked, this, &NetstatPanel::activated);

    optionsChanged();
    setAutoRefresh(true, m_interval->value() * 1000);
}

sb::NetstatOptions NetstatPanel::options() const
{
    sb::NetstatOptions o;
    o.tcp = m_tcp->isChecked();
    o.udp = m_udp->isChecked();
    o.unixSockets = m_unix->isChecked();
    o.all = m_which->currentIndex() == 0;
    o.listening = m_which->currentIndex() == 1;
    o.numeric = m_numeric->isChecked();
    o.programs = m_programs->isChecked();
    return o;
}

QString NetstatPanel::commandLine() const
{
    const sb::NetstatOptions o = options();
    QString flags;
    flags += o.tcp ? QStringLiteral("t") : QString();
    flags += o.udp ? QStringLiteral("u") : QString();
    flags += o.unixSockets ? QStringLiteral("x") : QString();
    flags += o.all ? QStringLiteral("a") : o.listening ? QStringLiteral("l") : QString();
    flags += o.numeric ? QStringLiteral("n") : QString();
    flags += o.programs ? QStringLiteral("p") : QString();
    return flags.isEmpty() ? QStringLiteral("netstat") : QStringLiteral("netstat -") + flags;
}

void NetstatPanel::optionsChanged()
{
    m_command->setText(QStringLiteral("≈ ") + commandLine());
    m_inetView->setColumnHidden(NetstatModel::InetProgram, !m_programs->isChecked());
    m_unixView->setColumnHidden(NetstatModel::UProgram, !m_programs->isChecked());
    refresh();
}

void NetstatPanel::refresh()
{
    const sb::NetstatOptions o = options();
    m_clock.start();
    runLookup(
            m_job, this, [o, cache = m_names] { return readTables(o, *cache); },
            [this](Tables t) {
                m_inetModel->update(std::move(t.inet));
                m_unixModel->update(std::move(t.unixRows));
                showGroups(t.groups);
                if (!m_columnsSized && m_inetModel->rowCount() + m_unixModel->rowCount() > 0) {
                    // Once, on the first rows: later the person's own column widths win.
                    m_inetView->resizeColumnsToContents();
                    m_unixView->resizeColumnsToContents();
                    m_columnsSized = true;
                }
                QString text
                        = tr("%1 Internet and %2 UNIX sockets, %3 of them SockBench's — read at %4 "
                             "in %5 ms")
                                  .arg(m_inetModel->rowCount())
                                  .arg(m_unixModel->rowCount())
                                  .arg(m_inetModel->ownCount() + m_unixModel->ownCount())
                                  .arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")))
                                  .arg(m_clock.elapsed());
                for (const std::string &e : t.errors)
                    text += QStringLiteral("; ") + QString::fromStdString(e);
                m_status->setText(text);
                emit refreshed();
            });
}

void NetstatPanel::showGroups(const std::vector<sb::GroupMembershipRow> &rows)
{
    const int before = m_groupsModel->rowCount();
    m_groupsModel->removeRows(0, m_groupsModel->rowCount());
    for (const sb::GroupMembershipRow &r : rows) {
        auto *users = new QStandardItem;
        users->setData(r.users, Qt::DisplayRole); // sorts as a number
        m_groupsModel->appendRow({new QStandardItem(QString::fromStdString(r.iface)), users,
                                  new QStandardItem(QString::fromStdString(r.group.host()))});
    }
    // A group joined or left: the columns fit what is shown (an IPv6 group is long).
    if (int(rows.size()) != before)
        m_groupsView->resizeColumnsToContents();
}

void NetstatPanel::setAutoRefresh(bool on, int intervalMs)
{
    m_timer->setInterval(intervalMs);
    if (on)
        m_timer->start();
    else
        m_timer->stop();
}

void NetstatPanel::setOwnInodes(const QHash<quint64, NetstatModel::Owner> &owners)
{
    m_inetModel->setOwnInodes(owners);
    m_unixModel->setOwnInodes(owners);
}

void NetstatPanel::setOwnSockets(const std::vector<sb::SocketRow> &rows)
{
    QHash<QString, NetstatModel::Owner> owners;
    for (const sb::SocketRow &r : rows) {
        if (r.transport != sb::Transport::Tcp && r.transport != sb::Transport::Udp)
            continue;
        const bool v6 = r.local.family() == AF_INET6;
        const bool tcp = r.transport == sb::Transport::Tcp;
        const sb::NetProto proto = tcp ? (v6 ? sb::NetProto::Tcp6 : sb::NetProto::Tcp)
                                       : (v6 ? sb::NetProto::Udp6 : sb::NetProto::Udp);
        // A listener or an unconnected datagram socket has no peer: netstat shows the wildcard.
        const sb::Address peer = r.peer.valid() ? r.peer
                : v6                            ? sb::Address::ipv6Any(0)
                                                : sb::Address::ipv4Any(0);
        const QString key = NetstatModel::addressKey(
                QString::fromLatin1(tcp ? "tcp" : "udp"),
                QString::fromStdString(sb::netstatAddress(r.local, proto, true)),
                QString::fromStdString(sb::netstatAddress(peer, proto, true)));
        owners.insert(key, {r.endpoint, QString::fromStdString(r.owner)});
    }
    m_inetModel->setOwnAddresses(owners);
}

void NetstatPanel::activated(const QModelIndex &proxyIndex)
{
    const QVariant endpoint = proxyIndex.data(NetstatModel::EndpointRole);
    if (endpoint.isValid())
        emit ownSocketActivated(endpoint.toUInt());
}
