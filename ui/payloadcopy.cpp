#include "ui/payloadcopy.h"

#include "core/text/payload.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QClipboard>
#include <QMenu>

#include <string_view>

namespace sb {
namespace {

std::string_view view(const QByteArray &bytes)
{
    return {bytes.constData(), static_cast<size_t>(bytes.size())};
}

bool isHexDigit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

} // namespace

QString cStringLiteral(const QByteArray &bytes)
{
    QString out = QStringLiteral("\"");
    bool afterHex = false;
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        QString piece;
        switch (c) {
        case '\n':
            piece = QStringLiteral("\\n");
            break;
        case '\r':
            piece = QStringLiteral("\\r");
            break;
        case '\t':
            piece = QStringLiteral("\\t");
            break;
        case '\\':
            piece = QStringLiteral("\\\\");
            break;
        case '"':
            piece = QStringLiteral("\\\"");
            break;
        default:
            if (c >= 0x20 && c < 0x7f) {
                // "\x01A" would read as one escape \x01A: close the literal and open another.
                if (afterHex && isHexDigit(ch))
                    out += QStringLiteral("\" \"");
                piece = QChar(QLatin1Char(ch));
            } else {
                piece = QStringLiteral("\\x%1").arg(c, 2, 16, QLatin1Char('0'));
                out += piece;
                afterHex = true;
                continue;
            }
        }
        out += piece;
        afterHex = false;
    }
    out += QLatin1Char('"');
    return out;
}

QString payloadForCopy(const QByteArray &bytes, CopyFormat format)
{
    switch (format) {
    case CopyFormat::Text:
        return QString::fromStdString(escapedPreview(view(bytes), SIZE_MAX));
    case CopyFormat::Hex:
        return QString::fromStdString(toHex(view(bytes)));
    case CopyFormat::CString:
        return cStringLiteral(bytes);
    }
    return {};
}

QString rowText(const QAbstractItemModel &model, int row)
{
    QStringList cells;
    for (int c = 0; c < model.columnCount(); ++c)
        cells << model.index(row, c).data().toString();
    return cells.join(QLatin1Char('\t'));
}

void copyToClipboard(const QString &text) { QApplication::clipboard()->setText(text); }

void addPayloadCopyActions(QMenu *menu, const QList<QByteArray> &payloads)
{
    const std::pair<CopyFormat, QString> formats[] = {
            {CopyFormat::Text, QCoreApplication::translate("PayloadCopy", "Copy as &text")},
            {CopyFormat::Hex, QCoreApplication::translate("PayloadCopy", "Copy as &hex")},
            {CopyFormat::CString, QCoreApplication::translate("PayloadCopy", "Copy as C &string")},
    };
    for (const auto &[format, label] : formats) {
        QAction *a = menu->addAction(label, menu, [payloads, format = format] {
            QStringList lines;
            for (const QByteArray &bytes : payloads)
                lines << payloadForCopy(bytes, format);
            copyToClipboard(lines.join(QLatin1Char('\n')));
        });
        a->setEnabled(!payloads.isEmpty());
        a->setObjectName(format == CopyFormat::Text          ? QStringLiteral("copyText")
                                 : format == CopyFormat::Hex ? QStringLiteral("copyHex")
                                                             : QStringLiteral("copyCString"));
    }
}

} // namespace sb
