#include "ui/messagesdock.h"

#include "core/demo/packetsender.h"

#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QTableWidget>
#include <QVBoxLayout>

namespace sb {

namespace {
enum Column { NameColumn, PayloadColumn, TargetColumn, ShortcutColumn, ColumnCount };

QString payloadText(const MessagePayload &p)
{
    switch (p.kind) {
    case MessagePayload::Kind::Hex:
        return QStringLiteral("hex %1").arg(QString::fromStdString(p.text));
    case MessagePayload::Kind::File:
        return QStringLiteral("file %1").arg(QString::fromStdString(p.text));
    case MessagePayload::Kind::Text:
        break;
    }
    return QString::fromStdString(p.text);
}
} // namespace

MessagesDock::MessagesDock(QWidget *parent)
    : QDockWidget(tr("Saved messages"), parent)
    , m_table(new QTableWidget(0, ColumnCount))
{
    setObjectName(QStringLiteral("messagesDock"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Payload"), tr("Target"), tr("Key")});
    m_table->horizontalHeader()->setSectionResizeMode(PayloadColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setToolTip(tr("Double-click a message to send it from the current panel"));
    connect(m_table, &QTableWidget::cellDoubleClicked, this,
            [this](int row, int) { sendRow(row); });

    auto *send = new QPushButton(tr("&Send"));
    send->setToolTip(tr("Send the selected message from the current panel"));
    connect(send, &QPushButton::clicked, this, [this] { sendRow(m_table->currentRow()); });
    auto *remove = new QPushButton(tr("Remove"));
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row < 0 || row >= int(m_messages.size()))
            return;
        m_messages.erase(m_messages.begin() + row);
        refresh();
    });
    auto *import = new QPushButton(tr("Import…"));
    import->setToolTip(tr("Packet Sender's saved packets: its packets.ini or its JSON export"));
    connect(import, &QPushButton::clicked, this, &MessagesDock::askImport);

    auto *body = new QWidget;
    auto *column = new QVBoxLayout(body);
    column->setContentsMargins(2, 2, 2, 2);
    column->addWidget(m_table, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(send);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    buttons->addWidget(import);
    column->addLayout(buttons);
    setWidget(body);
}

void MessagesDock::setMessages(std::vector<SavedMessage> messages)
{
    m_messages = std::move(messages);
    refresh();
}

void MessagesDock::addMessage(SavedMessage message)
{
    const std::string base = message.name.empty() ? std::string("message") : message.name;
    std::string name = base;
    for (int n = 2; std::any_of(m_messages.begin(), m_messages.end(),
                                [&](const SavedMessage &m) { return m.name == name; });
         ++n)
        name = base + " (" + std::to_string(n) + ")";
    message.name = name;
    m_messages.push_back(std::move(message));
    refresh();
}

void MessagesDock::refresh()
{
    qDeleteAll(m_shortcuts);
    m_shortcuts.clear();
    m_table->setRowCount(int(m_messages.size()));
    for (int row = 0; row < int(m_messages.size()); ++row) {
        const SavedMessage &m = m_messages[size_t(row)];
        const QString cells[ColumnCount]
                = {QString::fromStdString(m.name), payloadText(m.payload),
                   QString::fromStdString(m.target), QString::fromStdString(m.shortcut)};
        for (int c = 0; c < ColumnCount; ++c)
            m_table->setItem(row, c, new QTableWidgetItem(cells[c]));
        if (!m.shortcut.empty() && parentWidget()) {
            auto *key = new QShortcut(QKeySequence(QString::fromStdString(m.shortcut)),
                                      parentWidget());
            const std::string name = m.name;
            connect(key, &QShortcut::activated, this, [this, name] {
                for (size_t i = 0; i < m_messages.size(); ++i)
                    if (m_messages[i].name == name)
                        sendRow(int(i));
            });
            m_shortcuts << key;
        }
    }
}

void MessagesDock::sendRow(int row)
{
    if (row < 0 || row >= int(m_messages.size()))
        return;
    const SavedMessage &m = m_messages[size_t(row)];
    auto bytes = messageBytes(m, m_baseDir.toStdString());
    if (!bytes) {
        emit sendFailed(tr("%1: %2").arg(QString::fromStdString(m.name),
                                         QString::fromStdString(bytes.error())));
        return;
    }
    emit sendRequested(QByteArray::fromStdString(*bytes), QString::fromStdString(m.target),
                       QString::fromStdString(m.name));
}

bool MessagesDock::importPacketSender(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = tr("%1: %2").arg(path, f.errorString());
        return false;
    }
    auto imported = sb::importPacketSender(f.read(16 << 20).toStdString());
    if (!imported) {
        *error = tr("%1: %2").arg(path, QString::fromStdString(imported.error()));
        return false;
    }
    for (const SavedMessage &m : imported->messages)
        addMessage(m);
    QStringList warnings;
    for (const std::string &w : imported->warnings)
        warnings << QString::fromStdString(w);
    *error = warnings.join(QLatin1Char('\n'));
    return true;
}

void MessagesDock::askImport()
{
    const QString path
            = QFileDialog::getOpenFileName(this, tr("Import Packet Sender's packets"), QString(),
                                           tr("Packet Sender (packets.ini *.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QString why;
    if (!importPacketSender(path, &why))
        QMessageBox::warning(this, tr("Import"), why);
    else if (!why.isEmpty())
        QMessageBox::information(this, tr("Import"), why);
}

} // namespace sb
