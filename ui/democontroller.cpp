#include "ui/democontroller.h"

#include "core/demo/demolibrary.h"
#include "ui/demoplayerdock.h"
#include "ui/demosession.h"
#include "ui/demostage.h"
#include "ui/translations.h"
#include "ui/wiredock.h"
#include "ui/wiremodel.h"

#include <QDockWidget>
#include <QFileDialog>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QTimer>

namespace sb {

DemoLang uiDemoLanguage()
{
    return activeLanguage() == QLatin1String("es") ? DemoLang::Es : DemoLang::En;
}

DemoController::DemoController(QMainWindow *window, Registry &registry)
    : QObject(window)
    , m_registry(registry)
    , m_window(window)
    , m_menu(new QMenu(tr("&Demos"), window))
    , m_stack(new QStackedWidget(window))
    , m_workbench(window->takeCentralWidget())
    , m_stage(new DemoStage(m_stack))
    , m_dock(new DemoPlayerDock(window))
{
    m_menu->setObjectName(QStringLiteral("demosMenu"));
    m_stack->addWidget(m_workbench);
    m_stack->addWidget(m_stage);
    window->setCentralWidget(m_stack);

    const DemoLang lang = uiDemoLanguage();
    int number = 1;
    for (const DemoScript &script : builtinDemos()) {
        const QString name = QString::fromStdString(script.name);
        QAction *action = m_menu->addAction(QStringLiteral("&%1 %2").arg(number++).arg(
                QString::fromStdString(script.title.in(lang))));
        action->setToolTip(QString::fromStdString(script.summary.in(lang)));
        action->setData(name);
        connect(action, &QAction::triggered, this, [this, name] { openDemo(name); });
    }
    m_menu->setToolTipsVisible(true);
    m_menu->addSeparator();
    QAction *openFile = m_menu->addAction(tr("&Open demo file…"));
    openFile->setToolTip(tr("Play a demo file of your own (a copy of resources/demos/*.demo)"));
    connect(openFile, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(m_window, tr("Open demo file"), QString(),
                                                          tr("Demos (*.demo);;All files (*)"));
        QString error;
        if (!path.isEmpty() && !openDemo(path, &error))
            QMessageBox::warning(m_window, tr("Open demo file"), error);
    });
    m_closeAction = m_menu->addAction(tr("&Close demo, back to the workbench"));
    m_closeAction->setEnabled(false);
    connect(m_closeAction, &QAction::triggered, this, &DemoController::closeDemo);

    const QList<QAction *> menus = window->menuBar()->actions();
    window->menuBar()->insertMenu(menus.isEmpty() ? nullptr : menus.last(), m_menu);

    window->addDockWidget(Qt::RightDockWidgetArea, m_dock);
    m_dock->hide();
    connect(m_dock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            QTimer::singleShot(0, this, &DemoController::fitDocks);
    });

    // The Wire view draws the demo's dialog too: its sockets are the player's, not the bridge's.
    if (auto *wire = window->findChild<WireDock *>()) {
        WireModel *model = wire->model();
        connect(this, &DemoController::demoCleared, model, &WireModel::clear);
        connect(this, &DemoController::demoEndpointLabel, model, &WireModel::setEndpointLabel);
        connect(this, &DemoController::demoEvents, model,
                [model](const std::vector<Event> &events) { model->addEvents(events); });
    }
}

DemoController::~DemoController() { delete m_session; }

bool DemoController::openDemo(const QString &name, QString *error)
{
    // A path (a teacher's edited copy) or a built-in demo's name.
    const bool isFile = name.contains(QLatin1Char('/')) || name.endsWith(QLatin1String(".demo"));
    Result<DemoScript> script
            = isFile ? loadDemoFile(name.toStdString()) : loadBuiltinDemo(name.toStdString());
    if (!script) {
        if (error)
            *error = QString::fromStdString(script.error());
        return false;
    }
    openScript(std::move(*script));
    return true;
}

void DemoController::openScript(DemoScript script)
{
    closeDemo();
    m_stage->setScript(script);
    m_session = new DemoSession(std::move(script), m_registry, uiDemoLanguage(), this);
    connect(m_session, &DemoSession::entries, m_stage, &DemoStage::addEntries);
    connect(m_session, &DemoSession::wasReset, m_stage, &DemoStage::clear);
    connect(m_session, &DemoSession::entries, this, &DemoController::forward);
    connect(m_session, &DemoSession::wasReset, this, [this] {
        m_labelled.clear();
        emit demoCleared();
    });
    m_labelled.clear();
    emit demoCleared();
    m_dock->setSession(m_session);
    m_stack->setCurrentWidget(m_stage);
    // The demo's panels need the room on a projector: the workbench's docks step aside while
    // the demo is open (the Wire view stays, it draws the demo's dialog).
    if (m_hiddenDocks.isEmpty()) {
        if (m_workbenchState.isEmpty())
            m_workbenchState = m_window->saveState();
        for (QDockWidget *dock : m_window->findChildren<QDockWidget *>()) {
            if (dock == m_dock || dock->isHidden()
                || dock->objectName().contains(QLatin1String("wire"), Qt::CaseInsensitive))
                continue;
            dock->hide();
            m_hiddenDocks << dock;
        }
    }
    m_dock->show();
    m_dock->raise();
    if (auto *wire = m_window->findChild<WireDock *>()) {
        wire->show();
        wire->raise();
    }
    m_fitPending = true;
    QTimer::singleShot(0, this, &DemoController::fitDocks);
    m_closeAction->setEnabled(true);
    m_window->setWindowTitle(
            tr("%1 — demo")
                    .arg(QString::fromStdString(m_session->player().script().title.in(
                            m_session->player().language()))));
    emit demoOpenChanged(true);
}

void DemoController::closeDemo()
{
    if (!m_session)
        return;
    m_dock->setSession(nullptr);
    delete m_session; // joins the demo's workers; their sockets close
    m_session = nullptr;
    m_stack->setCurrentWidget(m_workbench);
    m_dock->hide();
    for (QDockWidget *dock : std::as_const(m_hiddenDocks))
        if (dock)
            dock->show();
    m_hiddenDocks.clear();
    if (!m_workbenchState.isEmpty()) {
        m_window->restoreState(m_workbenchState);
        m_workbenchState.clear();
    }
    m_closeAction->setEnabled(false);
    m_window->setWindowTitle(QString());
    m_labelled.clear();
    emit demoOpenChanged(false);
    // The Wire chart keeps the demo's dialog (to look at, to export) until the next demo opens
    // or the person clears it.
}

void DemoController::fitDocks()
{
    // Only a shown window has a layout to resize; a demo opened before show() fits on show.
    if (!m_session || !m_fitPending || !m_window->isVisible())
        return;
    m_fitPending = false;
    const int panels = static_cast<int>(m_session->player().script().panels.size());
    // Room for the panels first: many panels get a narrower player (its text wraps).
    m_window->resizeDocks({m_dock}, {panels > 3 ? 400 : 480}, Qt::Horizontal);
    // The dialog's chart under the panels, tall enough to read from the back of the room.
    // On a laptop's 768 px a third: the demo's panels keep room for a few rows each.
    if (auto *wire = m_window->findChild<WireDock *>())
        m_window->resizeDocks(
                {wire},
                {m_window->height() < 900 ? m_window->height() / 3 : m_window->height() * 2 / 5},
                Qt::Vertical);
}

void DemoController::forward(const std::vector<DemoEntry> &entries)
{
    std::vector<Event> events;
    events.reserve(entries.size());
    for (const DemoEntry &entry : entries) {
        if (entry.panel.empty())
            continue; // the player's own notes
        const EndpointId id = entry.event.endpoint;
        // The panel's own name, not an alias of one of its sockets ("conn", "server#2").
        if (id != 0 && !m_labelled.count(id) && m_session
            && m_session->player().script().panel(entry.panel)) {
            m_labelled.insert(id);
            emit demoEndpointLabel(id, QString::fromStdString(entry.panel));
        }
        events.push_back(entry.event);
    }
    if (!events.empty())
        emit demoEvents(events);
}

} // namespace sb
