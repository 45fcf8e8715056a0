#pragma once

#include <QString>

class QCoreApplication;
class QMenu;
class QWidget;

namespace sb {

/// Loads the UI's translation (and Qt's own, when installed) for the language chosen in the
/// Language menu, or the system locale's. Call once, after the QApplication exists and before
/// any window is built. Returns the language in use: "en" or "es".
QString installTranslations(const QString &forced = {});
/// The language the UI is shown in: "en" or "es".
QString activeLanguage();
/// The saved choice: "" (follow the system), "en" or "es".
QString savedLanguage();
void saveLanguage(const QString &language);
/// The Language menu: English, Español, System; a change takes effect on restart.
QMenu *makeLanguageMenu(QWidget *parent);

} // namespace sb
