#include "ui/optionsview.h"

#include "core/net/sockopt.h"
#include "ui/coretexts.h"
#include "ui/display.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

namespace sb {

OptionsView::OptionsView(QWidget *parent)
    : QWidget(parent)
    , m_model(new QStandardItemModel(0, ColumnCount, this))
{
    m_model->setHorizontalHeaderLabels({tr("Option"), tr("Value"), tr("Status")});
    m_target = new QComboBox;
    m_target->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto *read = new QPushButton(tr("Read back"));
    read->setToolTip(tr("getsockopt every option of this socket"));
    m_hint = new QLabel(tr("Values are read with getsockopt. Double-click a value to set it "
                           "with setsockopt; the value shown is always the one read back."));
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);

    m_table = new QTableView;
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    m_table->setFont(monospaceFont());
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed);

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Socket:")));
    bar->addWidget(m_target);
    bar->addStretch(1);
    bar->addWidget(read);
    m_multicastBar = makeMulticastBar();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_multicastBar);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_hint);

    connect(read, &QPushButton::clicked, this, [this] { emit readRequested(target()); });
    connect(m_model, &QStandardItemModel::itemChanged, this, &OptionsView::onItemChanged);
    // Another socket: the values shown were read from the previous one.
    connect(m_target, &QComboBox::currentIndexChanged, this, [this] {
        m_filling = true;
        for (int row = 0; row < m_model->rowCount(); ++row) {
            m_model->item(row, ValueColumn)->setText(QString());
            if (m_model->item(row, ValueColumn)->isEditable())
                m_model->item(row, StatusColumn)->setText(QString());
        }
        m_filling = false;
        emit targetChanged(target());
    });
}

void OptionsView::setTargets(const std::vector<std::pair<ConnId, QString>> &targets)
{
    const QVariant current = m_target->currentData();
    QSignalBlocker block(m_target);
    m_target->clear();
    for (const auto &[conn, label] : targets)
        m_target->addItem(label, static_cast<uint>(conn));
    const int keep = m_target->findData(current);
    if (keep >= 0)
        m_target->setCurrentIndex(keep);
}

QWidget *OptionsView::makeMulticastBar()
{
    auto *box = new QWidget;
    m_group = new QLineEdit;
    m_group->setObjectName("multicastGroup");
    m_group->setPlaceholderText(QStringLiteral("239.255.0.1%lo"));
    m_group->setToolTip(tr("A multicast group, and after % the interface to join it on (a "
                           "name, or an IPv4 address of it)"));
    auto *join = new QPushButton(tr("Join"));
    join->setObjectName("joinGroup");
    join->setToolTip(tr("setsockopt IP_ADD_MEMBERSHIP (IPv6: IPV6_JOIN_GROUP)"));
    auto *leave = new QPushButton(tr("Leave"));
    leave->setObjectName("leaveGroup");
    leave->setToolTip(tr("setsockopt IP_DROP_MEMBERSHIP (IPv6: IPV6_LEAVE_GROUP)"));
    m_broadcast = new QCheckBox(tr("Broadcast (SO_BROADCAST)"));
    m_broadcast->setObjectName("broadcast");
    m_broadcast->setToolTip(coreText(findOption("SO_BROADCAST")->help));
    // Room for a whole group and interface even in a narrow panel: the check box goes on a
    // line of its own rather than squeezing the field.
    m_group->setMinimumWidth(
            m_group->fontMetrics().horizontalAdvance(QStringLiteral("239.255.255.255%lo")) + 16);
    auto *column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);
    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Multicast group:")));
    row->addWidget(m_group, 1);
    row->addWidget(join);
    row->addWidget(leave);
    column->addLayout(row);
    column->addWidget(m_broadcast);
    connect(join, &QPushButton::clicked, this, [this] { requestGroup(true); });
    connect(leave, &QPushButton::clicked, this, [this] { requestGroup(false); });
    connect(m_group, &QLineEdit::returnPressed, this, [this] { requestGroup(true); });
    connect(m_broadcast, &QCheckBox::toggled, this, [this](bool on) {
        emit setRequested(target(), QStringLiteral("SO_BROADCAST"),
                          on ? QStringLiteral("1") : QStringLiteral("0"));
    });
    box->hide(); // UDP only: setSocketKind shows it
    return box;
}

void OptionsView::requestGroup(bool join)
{
    // Refused at the field, before any setsockopt: "'10.0.0.1' is not a multicast group".
    const Result<GroupSpec> group = parseGroupSpec(m_group->text().trimmed().toStdString());
    if (!group) {
        m_hint->setText(QString::fromStdString(group.error()));
        return;
    }
    emit groupRequested(*group, join);
}

ConnId OptionsView::target() const { return m_target->currentData().toUInt(); }

void OptionsView::setSocketKind(Transport transport, int family)
{
    if (transport == m_transport && family == m_family && m_model->rowCount() > 0)
        return;
    m_transport = transport;
    m_family = family;
    m_multicastBar->setVisible(transport == Transport::Udp);
    m_filling = true;
    m_model->removeRows(0, m_model->rowCount());
    for (const OptionInfo &o : socketOptions()) {
        if (!optionApplies(o, transport, family))
            continue;
        const int row = rowFor(QString::fromLatin1(o.name));
        m_model->item(row, NameColumn)->setToolTip(coreText(o.help));
        QStandardItem *value = m_model->item(row, ValueColumn);
        value->setEditable(o.settable);
        value->setToolTip(o.settable ? tr("Double-click to set") : tr("Read-only"));
        if (!o.settable)
            m_model->item(row, StatusColumn)->setText(tr("read-only"));
    }
    m_filling = false;
}

int OptionsView::rowFor(const QString &name)
{
    const QList<QStandardItem *> found = m_model->findItems(name, Qt::MatchExactly, NameColumn);
    if (!found.isEmpty())
        return found.first()->row();
    auto *nameItem = new QStandardItem(name);
    nameItem->setEditable(false);
    auto *status = new QStandardItem;
    status->setEditable(false);
    m_model->appendRow({nameItem, new QStandardItem, status});
    return m_model->rowCount() - 1;
}

QString OptionsView::valueOf(const QString &name) const
{
    const QList<QStandardItem *> found = m_model->findItems(name, Qt::MatchExactly, NameColumn);
    return found.isEmpty() ? QString() : m_model->item(found.first()->row(), ValueColumn)->text();
}

void OptionsView::addEvents(std::span<const Event> events)
{
    m_filling = true;
    for (const Event &e : events) {
        const auto *option = e.as<ev::OptionValue>();
        if (!option || e.conn != target())
            continue;
        const int row = rowFor(QString::fromStdString(option->name));
        QStandardItem *value = m_model->item(row, ValueColumn);
        QStandardItem *status = m_model->item(row, StatusColumn);
        if (option->err) {
            status->setText(errnoLine(option->err));
            status->setForeground(errorColor(palette()));
            const QString cause = errnoCauseText("setsockopt", option->err);
            status->setToolTip(cause.isEmpty() ? errnoLine(option->err) : cause);
            // A failed get has no value to show; a failed set keeps the last one read.
            if (value->text().isEmpty())
                value->setEditable(false);
        } else {
            value->setText(QString::fromStdString(option->value));
            if (option->name == "SO_BROADCAST") {
                const QSignalBlocker block(m_broadcast);
                m_broadcast->setChecked(option->value != "0");
            }
            // Not in the table: a membership (IP_ADD_MEMBERSHIP, ...), which can be set but
            // not read back; its row says what was set.
            const OptionInfo *info = findOption(option->name);
            value->setEditable(info && info->settable);
            status->setText(info ? tr("read back") : tr("set"));
            status->setForeground(palette().color(QPalette::PlaceholderText));
            status->setToolTip({});
        }
    }
    m_filling = false;
}

void OptionsView::onItemChanged(QStandardItem *item)
{
    if (m_filling || item->column() != ValueColumn)
        return;
    const QString name = m_model->item(item->row(), NameColumn)->text();
    QStandardItem *status = m_model->item(item->row(), StatusColumn);
    // Refused at the field, before any setsockopt: "SO_RCVBUF: 'lots' is not a size".
    if (const OptionInfo *info = findOption(name.toStdString())) {
        const Result<OptionValue> parsed
                = parseOptionValue(*info, item->text().trimmed().toStdString());
        if (!parsed) {
            m_filling = true;
            status->setText(QString::fromStdString(parsed.error()));
            status->setForeground(errorColor(palette()));
            m_filling = false;
            return;
        }
    }
    m_filling = true;
    status->setText(tr("setting…"));
    status->setForeground(palette().color(QPalette::Text));
    m_filling = false;
    emit setRequested(target(), name, item->text().trimmed());
}

} // namespace sb
