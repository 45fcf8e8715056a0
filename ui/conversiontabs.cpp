#include "ui/conversiontabs.h"

#include "core/text/names.h"
#include "core/tools/inettools.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cstring>

#include <netinet/in.h>

namespace {

QLabel *resultLabel(const QString &name)
{
    auto *l = new QLabel;
    l->setObjectName(name);
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}

QString hexBytes(const std::vector<uint8_t> &bytes)
{
    QStringList parts;
    for (uint8_t b : bytes)
        parts << QStringLiteral("%1").arg(b, 2, 16, QLatin1Char('0'));
    return parts.join(QLatin1Char(' '));
}

QString hexValue(uint32_t v, int width)
{
    return QStringLiteral("0x%1 (%2)").arg(v, width * 2, 16, QLatin1Char('0')).arg(v);
}

void setError(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setStyleSheet(QStringLiteral("color: #b00020"));
}

void setOk(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setStyleSheet(QString());
}

} // namespace

InetConvertTab::InetConvertTab(QWidget *parent)
    : QWidget(parent)
    , m_family(new QComboBox)
    , m_text(new QLineEdit(QStringLiteral("127.0.0.1")))
    , m_bytes(new QLineEdit)
    , m_ptonResult(resultLabel("ptonResult"))
    , m_ntopResult(resultLabel("ntopResult"))
{
    m_family->setObjectName("family");
    m_family->addItem(QString::fromStdString(sb::familyName(AF_INET)), AF_INET);
    m_family->addItem(QString::fromStdString(sb::familyName(AF_INET6)), AF_INET6);
    m_text->setObjectName("text");
    m_bytes->setObjectName("bytes");
    m_bytes->setPlaceholderText(tr("hex bytes in network order: 7f 00 00 01"));
    m_bytes->setFont(QFont(QStringLiteral("monospace")));
    auto *form = new QFormLayout;
    form->addRow(tr("&Family:"), m_family);
    form->addRow(tr("&Text (presentation):"), m_text);
    form->addRow(QString(), m_ptonResult);
    form->addRow(tr("&Bytes (network):"), m_bytes);
    form->addRow(QString(), m_ntopResult);
    auto *note = new QLabel(tr("inet_pton writes the address in network byte order (most "
                               "significant byte first) into struct in_addr / in6_addr; "
                               "inet_ntop reads it back. Edit either side."));
    note->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addStretch();
    connect(m_text, &QLineEdit::textChanged, this, &InetConvertTab::textToBytes);
    connect(m_bytes, &QLineEdit::textChanged, this, &InetConvertTab::bytesToText);
    connect(m_family, &QComboBox::currentIndexChanged, this, &InetConvertTab::textToBytes);
    textToBytes();
}

void InetConvertTab::textToBytes()
{
    if (m_updating)
        return;
    const int family = m_family->currentData().toInt();
    const auto r = sb::presentationToNetwork(family, m_text->text().trimmed().toStdString());
    if (!r) {
        setError(m_ptonResult,
                 tr("inet_pton returned 0: %1").arg(QString::fromStdString(r.error())));
        return;
    }
    QString text = tr("inet_pton returned 1: %n byte(s)", nullptr, int(r->bytes.size()));
    if (family == AF_INET) {
        // What a program sees if it prints s_addr as a number on this host.
        uint32_t sAddr;
        std::memcpy(&sAddr, r->bytes.data(), 4);
        text += tr("; s_addr printed as a number here is %1, ntohl(s_addr) = %2")
                        .arg(hexValue(sAddr, 4), hexValue(ntohl(sAddr), 4));
    }
    setOk(m_ptonResult, text);
    m_updating = true;
    m_bytes->setText(QString::fromStdString(r->hex()));
    m_updating = false;
    setOk(m_ntopResult, QString());
}

void InetConvertTab::bytesToText()
{
    if (m_updating)
        return;
    const auto bytes = sb::parseHexBytes(m_bytes->text().toStdString());
    if (!bytes) {
        setError(m_ntopResult, QString::fromStdString(bytes.error()));
        return;
    }
    const int family = m_family->currentData().toInt();
    const auto text = sb::networkToPresentation(family, *bytes);
    if (!text) {
        setError(m_ntopResult, QString::fromStdString(text.error()));
        return;
    }
    setOk(m_ntopResult, tr("inet_ntop → %1").arg(QString::fromStdString(*text)));
    m_updating = true;
    m_text->setText(QString::fromStdString(*text));
    m_updating = false;
    setOk(m_ptonResult, QString());
}

ByteOrderTab::ByteOrderTab(QWidget *parent)
    : QWidget(parent)
    , m_value(new QLineEdit(QStringLiteral("0x1234")))
    , m_width(new QComboBox)
    , m_table(new QTableWidget(2, 5))
    , m_error(resultLabel("error"))
{
    m_value->setObjectName("value");
    m_value->setPlaceholderText(tr("decimal or 0x hex"));
    m_width->setObjectName("width");
    m_width->addItem(tr("16 bits: htons / ntohs (ports)"), 2);
    m_width->addItem(tr("32 bits: htonl / ntohl (IPv4 addresses)"), 4);
    m_table->setObjectName("conversions");
    m_table->setHorizontalHeaderLabels({tr("Call"), tr("Argument"),
                                        tr("Argument's bytes in memory"), tr("Result"),
                                        tr("Result's bytes in memory")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setFont(QFont(QStringLiteral("monospace")));
    auto *order = resultLabel("hostOrder");
    order->setText(tr("This host is %1.").arg(QString::fromStdString(sb::hostByteOrderName())));
    auto *form = new QFormLayout;
    form->addRow(tr("&Value:"), m_value);
    form->addRow(tr("&Width:"), m_width);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(order);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_table, 1);
    connect(m_value, &QLineEdit::textChanged, this, &ByteOrderTab::update);
    connect(m_width, &QComboBox::currentIndexChanged, this, &ByteOrderTab::update);
    update();
}

void ByteOrderTab::update()
{
    const int width = m_width->currentData().toInt();
    const auto value = sb::parseUnsigned(m_value->text().trimmed().toStdString());
    const char *calls[2] = {width == 2 ? "htons" : "htonl", width == 2 ? "ntohs" : "ntohl"};
    QString error = value ? QString() : QString::fromStdString(value.error());
    for (int row = 0; row < 2; ++row) {
        const auto v = value ? sb::convertByteOrder(calls[row], *value)
                             : sb::Result<sb::ByteOrderView>(sb::InputError {value.error()});
        if (!v)
            error = QString::fromStdString(v.error());
        const QStringList cells = v
                ? QStringList {QString::fromLatin1(v->call), hexValue(v->input, width),
                               hexBytes(v->inputBytes), hexValue(v->output, width),
                               hexBytes(v->outputBytes)}
                : QStringList {QString::fromLatin1(calls[row]), {}, {}, {}, {}};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = m_table->item(row, c);
            if (!item)
                m_table->setItem(row, c, item = new QTableWidgetItem);
            item->setText(cells[c]);
        }
    }
    if (error.isEmpty())
        setOk(m_error, QString());
    else
        setError(m_error, error);
}
