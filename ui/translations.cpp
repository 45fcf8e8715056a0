#include "ui/translations.h"

#include <QActionGroup>
#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QTranslator>

namespace sb {

namespace {

QString g_active = QStringLiteral("en");
// The translators installed last, removed when another language is installed.
QTranslator *g_ours = nullptr;
QTranslator *g_qt = nullptr;

void removeInstalled()
{
    for (QTranslator **t : {&g_ours, &g_qt}) {
        if (*t) {
            QCoreApplication::removeTranslator(*t);
            delete *t;
            *t = nullptr;
        }
    }
}
const char kKey[] = "ui/language";

} // namespace

QString savedLanguage() { return QSettings().value(QLatin1String(kKey)).toString(); }

void saveLanguage(const QString &language) { QSettings().setValue(QLatin1String(kKey), language); }

QString activeLanguage() { return g_active; }

QString installTranslations(const QString &forced)
{
    QString language = forced.isEmpty() ? savedLanguage() : forced;
    if (language.isEmpty()) {
        // Follow the system: LANG=es_ES.UTF-8 (or any Spanish locale) gives Spanish. QLocale()
        // is the system's unless a test sets a default.
        language = QLocale().language() == QLocale::Spanish ? QStringLiteral("es")
                                                            : QStringLiteral("en");
    }
    removeInstalled();
    g_active = QStringLiteral("en");
    if (language != QLatin1String("es"))
        return g_active;
    auto *ours = new QTranslator(QCoreApplication::instance());
    if (ours->load(QStringLiteral(":/i18n/sockbench_es.qm"))) {
        QCoreApplication::installTranslator(ours);
        g_ours = ours;
        g_active = QStringLiteral("es");
    } else {
        delete ours;
        return g_active;
    }
    // Qt's own strings (standard buttons, file dialogs) when qt6-translations-l10n is there.
    auto *qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(QLocale(QLocale::Spanish), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        g_qt = qt;
    } else
        delete qt;
    return g_active;
}

QMenu *makeLanguageMenu(QWidget *parent)
{
    auto *menu = new QMenu(QCoreApplication::translate("sb::Language", "&Language"), parent);
    menu->setObjectName(QStringLiteral("languageMenu"));
    auto *group = new QActionGroup(menu);
    const QString saved = savedLanguage();
    const struct
    {
        QString code;
        QString text;
    } choices[] = {
            // Each language by its own name, so a user lost in the other one finds theirs.
            {QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("es"), QStringLiteral("Español")},
            {QString(), QCoreApplication::translate("sb::Language", "System language")},
    };
    for (const auto &choice : choices) {
        QAction *action = menu->addAction(choice.text);
        action->setCheckable(true);
        action->setChecked(choice.code == saved);
        action->setData(choice.code);
        group->addAction(action);
        QObject::connect(action, &QAction::triggered, menu, [parent, code = choice.code] {
            saveLanguage(code);
            QMessageBox::information(
                    parent, QCoreApplication::translate("sb::Language", "Language"),
                    QCoreApplication::translate("sb::Language",
                                                "The new language takes effect when SockBench "
                                                "is started again."));
        });
    }
    menu->addSeparator();
    QAction *note = menu->addAction(
            QCoreApplication::translate("sb::Language", "(takes effect on restart)"));
    note->setEnabled(false);
    return menu;
}

} // namespace sb
