// The Spanish UI leaves nothing in English: the main window (panels, docks, menus, toolbar),
// the New socket dialog and the demo player are built once in English and once with the
// Spanish translator installed, every visible text of both is collected (labels, buttons,
// menus, actions, tooltips, placeholders, combo items, column headers, tab and dock titles),
// and any text found identical in both is an untranslated string — unless it is one of the
// words the two languages share, listed in kSame below with the reason.
#include "ui/coretexts.h"
#include "ui/democontroller.h"
#include "ui/demoplayerdock.h"
#include "ui/demosession.h"
#include "ui/endpointpanel.h"
#include "ui/mainwindow.h"
#include "ui/newsocketdialog.h"
#include "ui/translations.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

using namespace sb;

namespace {

// The same in English and Spanish, as a Spanish-speaking networking teacher writes them.
const QSet<QString> kSame = {
        // protocol, family and program names
        QStringLiteral("TCP"),
        QStringLiteral("UDP"),
        QStringLiteral("TLS"),
        QStringLiteral("ALPN:"),
        QStringLiteral("UNIX"),
        QStringLiteral("IPv4"),
        QStringLiteral("IPv6"),
        QStringLiteral("Hex"),
        QStringLiteral("LF"),
        QStringLiteral("CRLF"),
        QStringLiteral("SockBench"),
        QStringLiteral("FD"),
        QStringLiteral("Proto"),
        QStringLiteral("RefCnt"), // netstat -x prints it so; no Spanish netstat renames it
        QStringLiteral("Netstat"), // the program's name, the title of its dock
        QStringLiteral("Recv-Q"),
        QStringLiteral("Send-Q"),
        QStringLiteral("Panel"),
        QStringLiteral("Socket"),
        QStringLiteral("Socket:"),
        QStringLiteral("Backlog:"),
        QStringLiteral("host:"),
        QStringLiteral("#"),
        QStringLiteral("…"),
        QStringLiteral("OOB"),
        QStringLiteral("DONTROUTE"),
        QStringLiteral("English"),
        QStringLiteral("Español"),
        // system calls and their words, kept as the man pages spell them
        QStringLiteral("Listen"),
        QStringLiteral("Connect"),
        QStringLiteral("Bind"),
        QStringLiteral("Shutdown"),
        QStringLiteral("Shutdown WR"),
        QStringLiteral("Shutdown RD"),
        QStringLiteral("Shutdown RDWR"),
        QStringLiteral("Listen / Connect / Bind"),
        QStringLiteral("socket, bind"),
        QStringLiteral("socket, bind, listen"),
        QStringLiteral("socket, connect"),
        QStringLiteral("socketpair(AF_UNIX)"),
        QStringLiteral("socketpair (seqpacket)"),
        QStringLiteral("gethostname():"),
        QStringLiteral("inet_pton / ntop"),
        QStringLiteral("UNIX (-x)"),
        QStringLiteral("TCP (-t)"),
        QStringLiteral("UDP (-u)"),
        QStringLiteral("AF_INET (IPv4)"),
        QStringLiteral("AF_INET6 (IPv6)"),
        // the course's demos keep these titles in both languages
        QStringLiteral("bind"),
        QStringLiteral("listen"),
        QStringLiteral("connect"),
        QStringLiteral("accept"),
        QStringLiteral("send"),
        QStringLiteral("recv"),
        // responder (service) names of the echo, discard, daytime and chargen protocols
        QStringLiteral("echo"),
        QStringLiteral("discard"),
        QStringLiteral("daytime"),
        QStringLiteral("chargen"),
};

// Texts that are data or names rather than words: syscall, errno, option and flag names
// (SO_REUSEADDR, AI_PASSIVE, SOCK_STREAM, ESTABLISHED), endpoints, addresses, numbers,
// system call traces, key sequences, host names.
bool isName(const QString &text)
{
    static const QRegularExpression names(QStringLiteral(
            "^(?:[A-Z][A-Z0-9_]*(?:[ =,|/]+[A-Z0-9_]+)*|[a-z_0-9]+(?:\\(\\))?"
            "|[a-z-]+://\\S*|[0-9a-fx.:\\[\\]/ %-]+|\\S*[0-9]\\S*|[a-z0-9_]+\\(.*\\).*"
            "|ai_[a-z&]+:?|Ctrl\\+\\S+|\\W+"
            // a TCP state after its dot, the netstat command line, a byte counter line
            "|● [A-Z_]+|≈ netstat.*|↓ .* B/s"
            // "Panel 3": the word is the same in Spanish
            "|Panel [0-9]+"
            // a demo file's expect: line, quoted as written in the file, after its result
            "|[✓✗] .*)$"));
    return names.match(text).hasMatch();
}

QString clean(QString text)
{
    text.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    text.replace(QStringLiteral("&nbsp;"), QStringLiteral(" "));
    return text.simplified();
}

void add(QSet<QString> &texts, const QString &raw)
{
    const QString text = clean(raw);
    if (!text.isEmpty())
        texts.insert(text);
}

void addHeaders(QSet<QString> &texts, QAbstractItemModel *model)
{
    if (!model)
        return;
    for (int c = 0; c < model->columnCount(); ++c) {
        add(texts, model->headerData(c, Qt::Horizontal).toString());
        add(texts, model->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString());
    }
}

// Every user-visible text of w and its children, shown or not (a hidden tab is shown later).
QSet<QString> textsOf(QWidget *w)
{
    QSet<QString> texts;
    QList<QWidget *> widgets = w->findChildren<QWidget *>();
    widgets << w;
    for (QWidget *child : widgets) {
        add(texts, child->toolTip());
        add(texts, child->statusTip());
        if (auto *label = qobject_cast<QLabel *>(child))
            add(texts, label->text());
        if (auto *button = qobject_cast<QAbstractButton *>(child))
            add(texts, button->text());
        if (auto *edit = qobject_cast<QLineEdit *>(child))
            add(texts, edit->placeholderText());
        if (auto *edit = qobject_cast<QPlainTextEdit *>(child))
            add(texts, edit->placeholderText());
        if (auto *box = qobject_cast<QGroupBox *>(child))
            add(texts, box->title());
        if (auto *dock = qobject_cast<QDockWidget *>(child))
            add(texts, dock->windowTitle());
        if (auto *menu = qobject_cast<QMenu *>(child))
            add(texts, menu->title());
        if (auto *tabs = qobject_cast<QTabWidget *>(child))
            for (int i = 0; i < tabs->count(); ++i) {
                add(texts, tabs->tabText(i));
                add(texts, tabs->tabToolTip(i));
            }
        if (auto *combo = qobject_cast<QComboBox *>(child))
            for (int i = 0; i < combo->count(); ++i)
                add(texts, combo->itemText(i));
        if (auto *view = qobject_cast<QAbstractItemView *>(child))
            addHeaders(texts, view->model());
        for (QAction *action : child->actions()) {
            add(texts, action->text());
            add(texts, action->toolTip());
        }
    }
    for (QAction *action : w->findChildren<QAction *>()) {
        add(texts, action->text());
        add(texts, action->iconText());
        add(texts, action->toolTip());
    }
    return texts;
}

} // namespace

class TestTranslation : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void systemLocaleChoosesSpanish();
    void nothingLeftInEnglish();
    void demoNarrationFollowsTheUiLanguage();
    void coreTextsAreTranslated();

private:
    /// The window in its richest state: the echo pair, a UDP socket, a UNIX server, the New
    /// socket dialog, and demo 1 open in the player with a step run.
    void collect(QSet<QString> *texts);
};

void TestTranslation::initTestCase() { QStandardPaths::setTestModeEnabled(true); }

void TestTranslation::systemLocaleChoosesSpanish()
{
    // No saved choice: the locale decides (LANG=es_ES.UTF-8 gives Spanish).
    saveLanguage(QString());
    QLocale::setDefault(QLocale(QStringLiteral("es_ES")));
    QCOMPARE(installTranslations(), QStringLiteral("es"));
    QCOMPARE(QCoreApplication::translate("sb::MainWindow", "&File"), QStringLiteral("&Archivo"));
    QLocale::setDefault(QLocale(QStringLiteral("en_US")));
    QCOMPARE(installTranslations(), QStringLiteral("en"));
    QCOMPARE(QCoreApplication::translate("sb::MainWindow", "&File"), QStringLiteral("&File"));
    // The Language menu's choice wins over the locale.
    QLocale::setDefault(QLocale(QStringLiteral("es_ES")));
    saveLanguage(QStringLiteral("en"));
    QCOMPARE(installTranslations(), QStringLiteral("en"));
    saveLanguage(QString());
    QLocale::setDefault(QLocale(QStringLiteral("en_US")));
    // Qt's own strings come in Spanish too when qt6-translations-l10n is installed.
    QCOMPARE(installTranslations(QStringLiteral("es")), QStringLiteral("es"));
    if (QFile::exists(QLibraryInfo::path(QLibraryInfo::TranslationsPath)
                      + QStringLiteral("/qtbase_es.qm")))
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"),
                 QStringLiteral("Cancelar"));
    // The menu lists the three choices.
    QWidget parent;
    QMenu *menu = makeLanguageMenu(&parent);
    QStringList choices;
    for (QAction *action : menu->actions())
        if (action->isCheckable())
            choices << action->text();
    QCOMPARE(choices,
             (QStringList {QStringLiteral("English"), QStringLiteral("Español"),
                           QStringLiteral("Idioma del sistema")}));
}

void TestTranslation::collect(QSet<QString> *texts)
{
    {
        NewSocketDialog dialog;
        *texts += textsOf(&dialog);
    }
    MainWindow window;
    window.resize(1400, 860);
    window.openEchoDemo();
    window.openPreset(NewSocketDialog::Preset::Udp);
    window.openPreset(NewSocketDialog::Preset::UnixStreamServer);
    window.show();
    QTRY_COMPARE(window.panels().size(),
                 size_t(4)); // the echo client comes once the server listens
    const auto connected = [&window] {
        return std::any_of(window.panels().begin(), window.panels().end(), [](EndpointPanel *p) {
            return p->state() == EndpointPanel::State::Connected;
        });
    };
    QTRY_VERIFY(connected());
    *texts += textsOf(&window);
    // The demo player, with its stage, as a class sees it, one step in.
    QVERIFY(window.demos()->openDemo(QStringLiteral("tcp-echo")));
    QVERIFY(window.demos()->session()->next());
    QTRY_VERIFY(window.demos()->session()->player().currentStep() == 1);
    *texts += textsOf(&window);
}

void TestTranslation::nothingLeftInEnglish()
{
    QCOMPARE(installTranslations(QStringLiteral("en")), QStringLiteral("en"));
    QSet<QString> english;
    collect(&english);
    QVERIFY(english.size() > 150);
    QCOMPARE(installTranslations(QStringLiteral("es")), QStringLiteral("es"));
    QCOMPARE(activeLanguage(), QStringLiteral("es"));
    QSet<QString> spanish;
    collect(&spanish);
    QVERIFY(spanish.size() > 150);
    // Some Spanish we expect to see.
    for (const char *text :
         {"Archivo", "Nuevo socket…", "Conexiones", "Reproductor de demostraciones", "Siguiente",
          "Diálogo de eco con TCP"}) {
        QVERIFY2(spanish.contains(QString::fromUtf8(text))
                         || std::any_of(spanish.begin(), spanish.end(),
                                        [&](const QString &t) {
                                            return t.contains(QString::fromUtf8(text));
                                        }),
                 text);
    }
    QStringList left;
    for (const QString &text : english)
        if (spanish.contains(text) && !kSame.contains(text) && !isName(text))
            left << text;
    left.sort();
    for (const QString &text : std::as_const(left))
        qInfo("untranslated: %s", qPrintable(text));
    QVERIFY2(left.isEmpty(),
             qPrintable(QStringLiteral("untranslated:\n  ") + left.join(QStringLiteral("\n  "))));
}

void TestTranslation::demoNarrationFollowsTheUiLanguage()
{
    QCOMPARE(installTranslations(QStringLiteral("es")), QStringLiteral("es"));
    QCOMPARE(uiDemoLanguage(), DemoLang::Es);
    MainWindow window;
    QVERIFY(window.demos()->openDemo(QStringLiteral("tcp-echo")));
    QVERIFY(window.demos()->menu()->actions().value(0)->text().contains(
            QStringLiteral("Diálogo de eco")));
    // Through the connect (step 6): the narration in Spanish, as a class of the course sees it.
    window.resize(1500, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    DemoSession *session = window.demos()->session();
    for (int i = 0; i < 6; ++i) {
        QTRY_COMPARE_WITH_TIMEOUT(session->player().state(), DemoPlayer::State::Ready, 20000);
        QVERIFY(session->next());
    }
    QTRY_COMPARE_WITH_TIMEOUT(session->player().currentStep(), 6, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(session->player().state(), DemoPlayer::State::Ready, 20000);
    QVERIFY(session->player().reports().at(5).passed());
    const QString narration = window.demos()->dock()->narrationLabel()->text();
    QVERIFY2(narration.contains(QStringLiteral("Paso 6 de 11")), qPrintable(narration));
    QVERIFY2(narration.contains(QStringLiteral("El cliente se conecta")), qPrintable(narration));
    QVERIFY2(narration.contains(QStringLiteral("Siguiente: el cliente envía")),
             qPrintable(narration));
    QVERIFY(QDir().mkpath(QStringLiteral(SB_BUILD_DIR "/screenshots")));
    QTest::qWait(200);
    QVERIFY(window.grab().save(QStringLiteral(SB_BUILD_DIR "/screenshots/demo1-es.png")));
}

void TestTranslation::coreTextsAreTranslated()
{
    // errno causes, getaddrinfo flags and socket option help come from core/ in English.
    QCOMPARE(installTranslations(QStringLiteral("es")), QStringLiteral("es"));
    const QStringList texts = coreTexts();
    QVERIFY(texts.size() > 90);
    for (const QString &text : texts) {
        const QByteArray english = text.toUtf8();
        QVERIFY2(coreText(english.constData()) != text, english.constData());
    }
    QCOMPARE(coreText("nobody listens there"), QStringLiteral("nadie escucha ahí"));
}

QTEST_MAIN(TestTranslation)
#include "tst_translation.moc"
