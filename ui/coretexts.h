#pragma once

#include <QString>
#include <QStringList>

namespace sb {

/// The UI's translation of an English text from core/ (an errno's usual cause, a getaddrinfo
/// flag's meaning, a socket option's help); the text itself when there is none. Any thread.
QString coreText(const char *english);
/// Every core text the UI knows how to translate, in English.
QStringList coreTexts();

} // namespace sb
