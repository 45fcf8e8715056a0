#pragma once

#include <QList>
#include <QString>

class QAbstractItemModel;
class QByteArray;
class QMenu;

namespace sb {

/// How a context menu copies a payload: text with C escapes (what the composer takes back),
/// spaced hex bytes, or a C string literal.
enum class CopyFormat { Text, Hex, CString };

/// bytes in format; several payloads copy one per line.
QString payloadForCopy(const QByteArray &bytes, CopyFormat format);
/// A C string literal for bytes: "GET / HTTP/1.0\r\n", any other byte as \xNN (split as
/// "\x01" "A" where the next character would extend the escape).
QString cStringLiteral(const QByteArray &bytes);
/// The shown text of each column of row, tab-separated, as a spreadsheet pastes it.
QString rowText(const QAbstractItemModel &model, int row);
void copyToClipboard(const QString &text);
/// Adds "Copy as text / hex / C string" of payloads to menu, disabled when there are none.
void addPayloadCopyActions(QMenu *menu, const QList<QByteArray> &payloads);

} // namespace sb
