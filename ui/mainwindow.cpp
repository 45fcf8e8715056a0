#include "ui/mainwindow.h"

#include "ui/connectionsdock.h"
#include "ui/connectionsmodel.h"
#include "ui/corebridge.h"
#include "ui/courseprograms.h"
#include "ui/democontroller.h"
#include "ui/demosession.h"
#include "ui/display.h"
#include "ui/endpointpanel.h"
#include "ui/logmodel.h"
#include "ui/logselection.h"
#include "ui/logview.h"
#include "ui/messagesdock.h"
#include "ui/netstatpanel.h"
#include "ui/panelarea.h"
#include "ui/panelheader.h"
#include "ui/programtracepanel.h"
#include "ui/resolverpanel.h"
#include "ui/resources.h"
#include "ui/scenariorecording.h"
#include "ui/sendcomposer.h"
#include "ui/tcpstatedock.h"
#include "ui/translations.h"
#include "ui/windowfit.h"
#include "ui/wiredock.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>

namespace sb {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_bridge(new CoreBridge(this))
    , m_area(new PanelArea)
    , m_connections(new ConnectionsModel(this))
{
    initResources();
    setWindowTitle(tr("SockBench"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/sockbench.svg")));
    setCentralWidget(m_area);
    connect(m_area, &PanelArea::panelShown, this, &MainWindow::setCurrentPanel);
    buildActions();
    buildMenus();
    buildConnectionsDock();
    buildWireDock();
    buildToolDocks();
    buildMessagesDock();

    m_statusPanels = new QLabel;
    m_statusPanels->setObjectName(QStringLiteral("statusCounts"));
    m_statusEvents = new QLabel;
    // Room for large counts from the start: the status bar does not widen a label whose text
    // grew, it cuts it.
    const QFontMetrics statusFont(m_statusPanels->font());
    m_statusPanels->setMinimumWidth(statusFont.horizontalAdvance(
            tr("%n panel(s), ", nullptr, 88) + tr("%n socket(s)", nullptr, 888)));
    m_statusEvents->setMinimumWidth(statusFont.horizontalAdvance(tr("%L1 events/s").arg(88888)));
    statusBar()->addPermanentWidget(m_statusPanels);
    statusBar()->addPermanentWidget(m_statusEvents);

    connect(m_bridge, &CoreBridge::socketsSnapshotted, this, &MainWindow::onSnapshot);
    connect(m_bridge, &CoreBridge::eventsDropped, this, [this](quint64 n) { m_dropped += n; });
    auto *statusTimer = new QTimer(this);
    connect(statusTimer, &QTimer::timeout, this, &MainWindow::updateStatus);
    statusTimer->start(1000);

    QSettings settings;
    resize(1400, 860);
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    // After restoreState: the demo player shows only when a demo is open.
    m_demos = new DemoController(this, m_bridge->registry());
    m_workbenchActions << addCourseProgramsMenu(m_demos->menu(), this);
    addTcpStateDock(this, m_viewMenu);
    connect(m_demos, &DemoController::demoOpenChanged, this, &MainWindow::updateSocketActions);
    updateSocketActions();
    updateStatus();
}

MainWindow::~MainWindow()
{
    // A demo's endpoints list their sockets in the bridge's Registry: the demo goes first.
    delete m_demos;
    m_demos = nullptr;
    // Traced programs post to the bridge's queue from their tracers' threads: they go first.
    for (const QPointer<ProgramTracePanel> &p : m_programs)
        delete p.data();
    // Panels retire their endpoints into the bridge; they go before it does.
    for (EndpointPanel *p : std::vector<EndpointPanel *>(m_area->panels())) {
        m_area->removePanel(p);
        delete p;
    }
}

const std::vector<EndpointPanel *> &MainWindow::panels() const { return m_area->panels(); }

EndpointPanel *MainWindow::panelFor(EndpointId id) const
{
    for (EndpointPanel *p : m_area->panels())
        if (p->endpointId() == id)
            return p;
    return nullptr;
}

void MainWindow::buildActions()
{
    m_newAction = new QAction(QIcon(QStringLiteral(":/icons/new.svg")), tr("&New socket…"), this);
    m_newAction->setShortcut(QKeySequence::New);
    m_newAction->setToolTip(tr("Open a socket panel: TCP, UDP, UNIX, socketpair (Ctrl+N)"));
    connect(m_newAction, &QAction::triggered, this, &MainWindow::newSocket);
    m_runProgramAction = new QAction(tr("&Run program…"), this);
    m_runProgramAction->setToolTip(tr("Run a program of your own and show its socket calls"));
    connect(m_runProgramAction, &QAction::triggered, this, &MainWindow::askRunProgram);
    m_attachAction = new QAction(tr("&Attach to process…"), this);
    m_attachAction->setToolTip(tr("Show the socket calls of a running process, by its pid"));
    connect(m_attachAction, &QAction::triggered, this, &MainWindow::askAttachProcess);
    m_closePanelAction = new QAction(tr("&Close panel"), this);
    m_closePanelAction->setShortcut(QKeySequence::Close);
    connect(m_closePanelAction, &QAction::triggered, this, [this] {
        if (m_current)
            closePanel(m_current);
    });
    m_exportAction
            = new QAction(QIcon(QStringLiteral(":/icons/export.svg")), tr("&Export log…"), this);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_exportAction, &QAction::triggered, this, [this] {
        if (m_current)
            m_current->logView()->exportWithDialog();
    });
    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    auto proxy = [this](const QString &text, const QString &icon, const QKeySequence &key,
                        auto &&call) {
        auto *a = new QAction(icon.isEmpty() ? QIcon() : QIcon(icon), text, this);
        a->setShortcut(key);
        connect(a, &QAction::triggered, this, [this, call] {
            if (m_current)
                call(m_current.data());
        });
        return a;
    };
    m_startAction
            = proxy(tr("&Listen / Connect / Bind"), QStringLiteral(":/icons/start.svg"),
                    QKeySequence(Qt::CTRL | Qt::Key_Return), [](EndpointPanel *p) { p->start(); });
    m_closeAction = proxy(tr("&Close sockets"), QStringLiteral(":/icons/stop.svg"),
                          QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W),
                          [](EndpointPanel *p) { p->closeSockets(); });
    m_shutRdAction = proxy(tr("Shutdown &RD"), {}, {},
                           [](EndpointPanel *p) { p->shutdownConnection(SHUT_RD); });
    m_shutWrAction = proxy(tr("Shutdown &WR (send FIN)"), QStringLiteral(":/icons/shutdown.svg"),
                           QKeySequence(Qt::CTRL | Qt::Key_D),
                           [](EndpointPanel *p) { p->shutdownConnection(SHUT_WR); });
    m_shutRdWrAction = proxy(tr("Shutdown RD&WR"), {}, {},
                             [](EndpointPanel *p) { p->shutdownConnection(SHUT_RDWR); });
    m_abortAction = proxy(tr("&Abort (RST)"), QStringLiteral(":/icons/abort.svg"), {},
                          [](EndpointPanel *p) { p->abortConnection(); });
    m_readOptionsAction
            = proxy(tr("Read &options"), {}, {}, [](EndpointPanel *p) { p->readOptions(); });
    m_clearLogAction = proxy(tr("C&lear log"), QStringLiteral(":/icons/clear.svg"),
                             QKeySequence(Qt::CTRL | Qt::Key_L),
                             [](EndpointPanel *p) { p->logModel()->clear(); });
    m_startAction->setIconText(tr("Start"));
    m_startAction->setToolTip(
            tr("Listen, connect or bind the current panel's socket (Ctrl+Enter)"));
    m_closeAction->setIconText(tr("Close"));
    m_closeAction->setToolTip(tr("Close the current panel's sockets"));
    m_shutWrAction->setIconText(tr("Shutdown WR"));
    m_shutWrAction->setToolTip(tr("shutdown(SHUT_WR): send FIN, keep reading (Ctrl+D)"));
    m_abortAction->setIconText(tr("Abort"));
    m_abortAction->setToolTip(tr("SO_LINGER {1, 0} + close: the peer gets a RST"));
    m_retileAction = new QAction(tr("&Tile panels"), this);
    connect(m_retileAction, &QAction::triggered, m_area, &PanelArea::retile);
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newAction);
    file->addAction(m_exportAction);
    file->addSeparator();
    file->addAction(tr("&Open workspace…"), QKeySequence::Open, this,
                    &MainWindow::askOpenWorkspace);
    file->addAction(tr("&Save workspace"), QKeySequence::Save, this,
                    [this] { askSaveWorkspace(false); });
    file->addAction(tr("Save workspace &as…"), QKeySequence::SaveAs, this,
                    [this] { askSaveWorkspace(true); });
    m_recentMenu = file->addMenu(tr("Recent &workspaces"));
    updateRecentMenu();
    file->addSeparator();
    m_recording = new ScenarioRecording(this, file);
    file->addSeparator();
    file->addAction(m_runProgramAction);
    file->addAction(m_attachAction);
    file->addSeparator();
    file->addAction(m_closePanelAction);
    file->addAction(m_quitAction);

    QMenu *socket = menuBar()->addMenu(tr("&Socket"));
    socket->addAction(m_newAction);
    QMenu *presets = socket->addMenu(tr("New from &preset"));
    for (int i = 0; i < NewSocketDialog::kPresetCount; ++i) {
        const auto preset = static_cast<NewSocketDialog::Preset>(i);
        m_workbenchActions << presets->addAction(NewSocketDialog::presetName(preset), this,
                                                 [this, preset] { openPreset(preset); });
    }
    socket->addSeparator();
    socket->addActions({m_startAction, m_closeAction});
    socket->addSeparator();
    socket->addActions({m_shutRdAction, m_shutWrAction, m_shutRdWrAction, m_abortAction});
    socket->addSeparator();
    socket->addAction(m_readOptionsAction);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    m_viewMenu = view;
    view->addAction(m_clearLogAction);
    view->addAction(m_retileAction);
    view->addMenu(m_area->layoutMenu());
    view->addSeparator();
    view->addMenu(makeLanguageMenu(this));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Endpoint syntax"), this, [this] {
        QMessageBox::information(
                this, tr("Endpoint syntax"),
                tr("<table>"
                   "<tr><td><tt>tcp://127.0.0.1:7000</tt></td><td>TCP over IPv4</td></tr>"
                   "<tr><td><tt>tcp://[::1]:7000</tt></td><td>TCP over IPv6</td></tr>"
                   "<tr><td><tt>udp://127.0.0.1:0</tt></td><td>UDP, port chosen by the "
                   "kernel</td></tr>"
                   "<tr><td><tt>unix:///tmp/s.sock</tt></td><td>UNIX stream socket (a "
                   "path)</td></tr>"
                   "<tr><td><tt>unix://@name</tt></td><td>Linux abstract namespace</td></tr>"
                   "<tr><td><tt>unix-dgram:///tmp/d.sock</tt></td><td>UNIX datagram "
                   "socket</td></tr>"
                   "<tr><td><tt>unix-seqpacket:///tmp/q.sock</tt></td><td>UNIX seqpacket "
                   "socket</td></tr>"
                   "</table><p>The same syntax works in <tt>sockbench-cli</tt>.</p>"));
    });
    help->addAction(tr("&About SockBench"), this, [this] {
        QMessageBox::about(this, tr("About SockBench"),
                           tr("<h3>SockBench %1</h3><p>A socket workbench for Linux: open TCP, UDP "
                              "and UNIX sockets, watch every system call and the bytes on the "
                              "wire.</p><p>Headless twin: <tt>sockbench-cli</tt>.</p>")
                                   .arg(QStringLiteral(SB_VERSION)));
    });

    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_newAction);
    bar->addSeparator();
    for (auto preset : {NewSocketDialog::Preset::TcpServer, NewSocketDialog::Preset::TcpClient,
                        NewSocketDialog::Preset::Udp, NewSocketDialog::Preset::UnixStreamServer}) {
        QAction *a = bar->addAction(NewSocketDialog::presetName(preset), this,
                                    [this, preset] { openPreset(preset); });
        a->setToolTip(tr("Open a %1 panel with default settings")
                              .arg(NewSocketDialog::presetName(preset)));
        m_workbenchActions << a;
    }
    m_workbenchActions << m_newAction << m_retileAction;
    bar->addSeparator();
    bar->addActions({m_startAction, m_closeAction, m_shutWrAction, m_abortAction});
}

void MainWindow::buildConnectionsDock()
{
    m_connectionsDock = new ConnectionsDock(m_connections, this);
    m_connectionsView = m_connectionsDock->view();
    m_connectionsDock->setPanelCheck([this](EndpointId id) { return panelFor(id) != nullptr; });
    connect(m_connectionsDock, &ConnectionsDock::panelRequested, this,
            [this](EndpointId id) { focusPanel(panelFor(id)); });
    connect(m_connectionsDock, &ConnectionsDock::followRequested, this,
            [this](EndpointId id, ConnId conn) {
                EndpointPanel *panel = panelFor(id);
                if (!panel)
                    return;
                setCurrentPanel(panel);
                if (panel->clientsView() && conn)
                    panel->followConnection(conn);
                else
                    panel->tabs()->setCurrentWidget(panel->logView());
            });
    connect(m_connectionsDock, &ConnectionsDock::logFilterRequested, this,
            [this](EndpointId id, const QString &peer) {
                if (EndpointPanel *panel = panelFor(id)) {
                    setCurrentPanel(panel);
                    panel->showLogFilteredBy(peer);
                }
            });
    addDockWidget(Qt::BottomDockWidgetArea, m_connectionsDock);
    m_viewMenu->insertAction(m_viewMenu->actions().value(0), m_connectionsDock->toggleViewAction());
    m_connectionsDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
}

void MainWindow::buildWireDock()
{
    // A tab beside Connections: the chart is there to find without taking the panels' room.
    m_wireDock = new WireDock(m_bridge, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_wireDock);
    tabifyDockWidget(m_connectionsDock, m_wireDock);
    m_connectionsDock->raise();
    m_wireDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_J));
    m_viewMenu->insertAction(m_viewMenu->actions().value(1), m_wireDock->toggleViewAction());
    connect(m_wireDock, &WireDock::arrowSelected, this, &MainWindow::selectWireEnds);
}

void MainWindow::buildToolDocks()
{
    // The course's address tools and the machine's netstat: at hand, hidden until asked for.
    m_resolver = new ResolverPanel;
    m_resolverDock = new QDockWidget(tr("Address tools"), this);
    m_resolverDock->setObjectName(QStringLiteral("resolverDock"));
    // Scrolls rather than making the window taller than a laptop's screen: getaddrinfo's
    // fields, flags and results stack in a narrow dock.
    auto *resolverScroll = new QScrollArea;
    resolverScroll->setWidgetResizable(true);
    resolverScroll->setFrameShape(QFrame::NoFrame);
    resolverScroll->setWidget(m_resolver);
    resolverScroll->setMinimumWidth(m_resolver->minimumSizeHint().width()
                                    + resolverScroll->verticalScrollBar()->sizeHint().width());
    m_resolverDock->setWidget(resolverScroll);
    m_netstat = new NetstatPanel;
    m_netstatDock = new QDockWidget(tr("Netstat"), this);
    m_netstatDock->setObjectName(QStringLiteral("netstatDock"));
    m_netstatDock->setWidget(m_netstat);
    addDockWidget(Qt::RightDockWidgetArea, m_resolverDock);
    addDockWidget(Qt::RightDockWidgetArea, m_netstatDock);
    tabifyDockWidget(m_resolverDock, m_netstatDock);
    m_resolverDock->hide();
    m_netstatDock->hide();
    m_viewMenu->insertAction(m_viewMenu->actions().value(2), m_resolverDock->toggleViewAction());
    m_viewMenu->insertAction(m_viewMenu->actions().value(3), m_netstatDock->toggleViewAction());
    // Opened, a tool dock takes about a third of the window: the panels keep the rest.
    for (QDockWidget *dock : {m_resolverDock, m_netstatDock})
        connect(dock->toggleViewAction(), &QAction::toggled, this, [this, dock](bool on) {
            if (on && !dock->isFloating())
                QTimer::singleShot(0, this, [this, dock] {
                    resizeDocks({dock},
                                {std::max(dock->minimumSizeHint().width(), width() * 3 / 10)},
                                Qt::Horizontal);
                });
        });
    connect(m_resolver, &ResolverPanel::openClientRequested, this, &MainWindow::openClientFor);
    connect(m_bridge, &CoreBridge::socketsSnapshotted, m_netstat, &NetstatPanel::setOwnSockets);
    connect(m_netstat, &NetstatPanel::ownSocketActivated, this,
            [this](quint32 id) { focusPanel(panelFor(id)); });
    connect(m_netstatDock->toggleViewAction(), &QAction::toggled, m_netstat, [this](bool on) {
        if (on)
            m_netstat->refresh();
    });
}

void MainWindow::openClientFor(const QString &endpoint)
{
    const Result<EndpointSpec> spec = parseEndpoint(endpoint.toStdString());
    if (!spec) {
        statusBar()->showMessage(tr("Cannot open a client for %1").arg(endpoint), 5000);
        return;
    }
    EndpointConfig config;
    if (spec.value().transport == Transport::Udp) {
        // Unbound until its first send: the kernel picks an address of the remote's family.
        config = NewSocketDialog::presetConfig(NewSocketDialog::Preset::Udp);
        config.bindDatagram = false;
        config.remote = spec.value();
    } else {
        config = NewSocketDialog::presetConfig(NewSocketDialog::Preset::TcpClient, endpoint);
    }
    // Not started: the address may be a remote host; the person connects when ready.
    focusPanel(openPanel(std::move(config), false));
}

void MainWindow::focusPanel(EndpointPanel *panel)
{
    if (!panel)
        return;
    setCurrentPanel(panel);
    panel->tabs()->setCurrentIndex(0);
    panel->composer()->setFocus();
    statusBar()->showMessage(tr("%1: %2").arg(panel->title(), kindText(panel->config())), 3000);
}

void MainWindow::selectWireEnds(const WireEnd &sendEnd, const WireEnd &recvEnd)
{
    for (const WireEnd &end : {sendEnd, recvEnd}) {
        EndpointPanel *panel = end.valid() ? panelFor(end.endpoint) : nullptr;
        if (!panel)
            continue;
        panel->tabs()->setCurrentWidget(panel->logView());
        selectLogEntry(panel->logView(), panel->logModel(), end.conn, end.monoNs);
    }
}

EndpointPanel *MainWindow::openPanel(EndpointConfig config, bool start)
{
    ++m_panelNumber;
    if (config.label.empty())
        config.label = "Panel " + std::to_string(m_panelNumber);
    auto *panel = new EndpointPanel(m_bridge, std::move(config));
    m_area->addPanel(panel);
    connect(panel, &EndpointPanel::activated, this, [this, panel] { setCurrentPanel(panel); });
    connect(panel, &EndpointPanel::connectionFollowed, m_connectionsDock,
            &ConnectionsDock::showRow);
    connect(panel, &EndpointPanel::messageSaveRequested, this, [this](const QByteArray &bytes) {
        SavedMessage m;
        m.name = tr("message %1").arg(m_messages->messages().size() + 1).toStdString();
        m.payload.text = quotedText(bytes.toStdString());
        m.payload.text = m.payload.text.substr(1, m.payload.text.size() - 2); // without quotes
        m_messages->addMessage(std::move(m));
        m_messages->show();
        m_messages->raise();
    });
    connect(panel, &EndpointPanel::stateChanged, this, [this, panel] {
        if (panel == m_current)
            updateSocketActions();
    });
    connect(panel, &EndpointPanel::closeRequested, this, [this, panel] {
        // Deferred: the request comes from a button inside the panel.
        QTimer::singleShot(0, this, [this, p = QPointer<EndpointPanel>(panel)] {
            if (p)
                closePanel(p);
        });
    });
    for (QAction *a : panel->socketActions())
        connect(a, &QAction::changed, this, [this, panel] {
            if (panel == m_current)
                updateSocketActions();
        });
    setCurrentPanel(panel);
    emit panelOpened(panel);
    if (start)
        panel->start();
    updateStatus();
    return panel;
}

EndpointPanel *MainWindow::openPreset(NewSocketDialog::Preset preset, bool start)
{
    const QStringList servers = knownServers();
    QString server;
    for (auto it = servers.crbegin(); it != servers.crend(); ++it) {
        const bool tcp = (preset == NewSocketDialog::Preset::TcpClient
                          || preset == NewSocketDialog::Preset::TcpRelay)
                && it->startsWith(QStringLiteral("tcp://"));
        const bool udp = preset == NewSocketDialog::Preset::UdpRelay
                && it->startsWith(QStringLiteral("udp://"));
        const bool unixStream = preset == NewSocketDialog::Preset::UnixStreamClient
                && it->startsWith(QStringLiteral("unix://"));
        const bool seq = preset == NewSocketDialog::Preset::UnixSeqpacketClient
                && it->startsWith(QStringLiteral("unix-seqpacket://"));
        if (tcp || udp || unixStream || seq) {
            server = *it;
            break;
        }
    }
    return openPanel(NewSocketDialog::presetConfig(preset, server), start);
}

void MainWindow::openEchoDemo()
{
    EndpointPanel *server = openPreset(NewSocketDialog::Preset::TcpServer);
    connect(server, &EndpointPanel::listening, this, [this, server](const Address &local) {
        // Only the first time: a restarted server does not spawn another client.
        disconnect(server, &EndpointPanel::listening, this, nullptr);
        EndpointConfig client = NewSocketDialog::presetConfig(NewSocketDialog::Preset::TcpClient);
        client.spec.host = local.host();
        client.spec.port = local.port();
        EndpointPanel *panel = openPanel(std::move(client));
        // The composer's own line ending (none), as on every panel: what is typed is sent.
        panel->composer()->input()->setText(tr("hello, server"));
    });
}

void MainWindow::closePanel(EndpointPanel *panel)
{
    if (!panel)
        return;
    emit panelClosing(panel);
    m_area->removePanel(panel);
    delete panel;
    if (!m_area->panels().empty())
        setCurrentPanel(m_area->panels().back());
    else
        setCurrentPanel(nullptr);
    m_bridge->refreshSockets();
    updateStatus();
}

ProgramTracePanel *MainWindow::runProgram(const QStringList &argv, QString *reason)
{
    auto *panel = new ProgramTracePanel(m_bridge, this);
    QString why;
    if (!panel->start(argv, &why)) {
        delete panel;
        if (reason)
            *reason = why;
        else
            QMessageBox::warning(this, tr("Run program"), why);
        return nullptr;
    }
    adoptProgramPanel(panel);
    return panel;
}

ProgramTracePanel *MainWindow::attachProcess(qint64 pid, QString *reason)
{
    auto *panel = new ProgramTracePanel(m_bridge, this);
    QString why;
    if (!panel->attach(pid, &why)) {
        delete panel;
        if (reason)
            *reason = why;
        else
            QMessageBox::warning(this, tr("Attach to process"), why);
        return nullptr;
    }
    adoptProgramPanel(panel);
    return panel;
}

void MainWindow::adoptProgramPanel(ProgramTracePanel *panel)
{
    panel->setAttribute(Qt::WA_DeleteOnClose);
    m_programs.removeAll(nullptr);
    m_programs.append(panel);
    if (m_wireDock && panel->endpointId() != 0)
        m_wireDock->model()->setEndpointLabel(panel->endpointId(), panel->label());
    // Beside the other traced programs, else on the right of the panels.
    ProgramTracePanel *first = nullptr;
    for (const QPointer<ProgramTracePanel> &p : m_programs)
        if (p && p != panel && !p->isFloating()) {
            first = p;
            break;
        }
    addDockWidget(Qt::RightDockWidgetArea, panel);
    if (first)
        tabifyDockWidget(first, panel);
    panel->show();
    panel->raise();
}

QList<ProgramTracePanel *> MainWindow::programPanels() const
{
    QList<ProgramTracePanel *> list;
    for (const QPointer<ProgramTracePanel> &p : m_programs)
        if (p)
            list.append(p);
    return list;
}

bool MainWindow::runCourseProgram(const QString &id, QString *reason)
{
    const std::vector<CourseProgram> all = coursePrograms();
    const auto it = std::find_if(all.begin(), all.end(),
                                 [&](const CourseProgram &p) { return p.id == id; });
    if (it == all.end()) {
        *reason = tr("No course program is called %1.").arg(id);
        return false;
    }
    const QString dir = courseProgramsDir();
    if (dir.isEmpty()) {
        *reason = tr("The course programs are not built: run cmake --build (they are in "
                     "build/examples) or set SOCKBENCH_EXAMPLES_DIR.");
        return false;
    }
    const QString path = dir + QLatin1Char('/') + it->program;
    using P = CourseProgram::Partner;
    auto runAgainst = [this, path](EndpointPanel *partner, QStringList args) {
        // The program starts once its partner listens: it needs the port.
        const QPointer<EndpointPanel> guard(partner);
        connect(partner, &EndpointPanel::listening, this,
                [this, guard, path, args](const Address &local) {
                    if (guard)
                        disconnect(guard, &EndpointPanel::listening, this, nullptr);
                    QStringList argv {path};
                    for (QString a : args)
                        argv << a.replace(QStringLiteral("{port}"), QString::number(local.port()));
                    runProgram(argv);
                });
    };
    switch (it->partner) {
    case P::EchoServer: {
        // An echo server that closes once the client has half-closed, as the course's
        // client expects: it reads the answer until the end of file.
        EndpointConfig config = NewSocketDialog::presetConfig(NewSocketDialog::Preset::TcpServer);
        config.closeOnPeerEof = true;
        EndpointPanel *server = openPanel(std::move(config));
        runAgainst(server,
                   {QStringLiteral("127.0.0.1"), QStringLiteral("{port}"),
                    QStringLiteral("hello from C")});
        return true;
    }
    case P::UdpEcho: {
        EndpointPanel *echo = openPreset(NewSocketDialog::Preset::Udp);
        runAgainst(echo,
                   {QStringLiteral("client"), QStringLiteral("127.0.0.1"), QStringLiteral("{port}"),
                    QStringLiteral("hello over UDP")});
        return true;
    }
    case P::Client: {
        // Port 0: the kernel chooses; the tracer reads the port back from the socket.
        ProgramTracePanel *program
                = runProgram({path, QStringLiteral("0"), QStringLiteral("2")}, reason);
        if (!program)
            return false;
        connect(program, &ProgramTracePanel::listening, this, [this, program](const Address &at) {
            disconnect(program, &ProgramTracePanel::listening, this, nullptr);
            EndpointConfig client
                    = NewSocketDialog::presetConfig(NewSocketDialog::Preset::TcpClient);
            client.spec.host = "127.0.0.1";
            client.spec.port = at.port();
            EndpointPanel *panel = openPanel(std::move(client));
            panel->composer()->input()->setText(tr("hello, C server"));
        });
        return true;
    }
    case P::None:
        return runProgram({path, QStringLiteral("3")}, reason) != nullptr;
    }
    return false;
}

void MainWindow::askRunProgram()
{
    bool ok = false;
    const QString line = QInputDialog::getText(
            this, tr("Run program"),
            tr("Command line (the program runs under the tracer; its socket calls are shown):"),
            QLineEdit::Normal, QString(), &ok);
    if (ok && !line.trimmed().isEmpty())
        runProgram(QProcess::splitCommand(line));
}

void MainWindow::askAttachProcess()
{
    bool ok = false;
    const int pid = QInputDialog::getInt(this, tr("Attach to process"),
                                         tr("Process id (its socket calls are shown until you "
                                            "stop; it runs on afterwards):"),
                                         1, 1, 4194304, 1, &ok);
    if (ok)
        attachProcess(pid);
}

QStringList MainWindow::knownServers() const
{
    QStringList out;
    for (EndpointPanel *p : m_area->panels()) {
        // Listening servers and relays (a client may go through a relay), and bound UDP
        // sockets (what a UDP relay forwards to).
        const Role role = p->config().role;
        const bool listening = (role == Role::Server || role == Role::Relay)
                && p->state() == EndpointPanel::State::Listening;
        const bool boundUdp = role == Role::Datagram && p->config().spec.transport == Transport::Udp
                && p->state() == EndpointPanel::State::Bound;
        if (!listening && !boundUdp)
            continue;
        const Address local = p->localAddress();
        out << QString::fromStdString(formatEndpoint(p->config().spec.transport, local));
    }
    return out;
}

void MainWindow::newSocket()
{
    NewSocketDialog dialog(this);
    dialog.setKnownServers(knownServers());
    dialog.setLabel(tr("Panel %1").arg(m_panelNumber + 1));
    if (dialog.exec() != QDialog::Accepted)
        return;
    openPanel(dialog.config(), dialog.startImmediately());
}

void MainWindow::setCurrentPanel(EndpointPanel *panel)
{
    if (m_current == panel)
        return;
    if (m_current)
        m_current->header()->setCurrent(false);
    m_current = panel;
    if (panel) {
        panel->header()->setCurrent(true);
        m_area->showPanel(panel);
    }
    updateSocketActions();
    if (panel)
        statusBar()->showMessage(
                tr("%1 (%2) is the current panel").arg(panel->title(), kindText(panel->config())),
                3000);
}

void MainWindow::updateSocketActions()
{
    // While a demo's stage is shown the workbench's panels are hidden: nothing acts on them.
    const bool demo = m_demos && m_demos->isDemoOpen();
    for (QAction *a : std::as_const(m_workbenchActions))
        a->setEnabled(!demo);
    EndpointPanel *p = demo ? nullptr : m_current.data();
    m_startAction->setEnabled(p && p->startAction()->isEnabled());
    m_closeAction->setEnabled(p && p->closeAction()->isEnabled());
    m_abortAction->setEnabled(p && p->abortAction()->isEnabled());
    m_shutRdAction->setEnabled(p && p->shutdownAction(SHUT_RD)->isEnabled());
    m_shutWrAction->setEnabled(p && p->shutdownAction(SHUT_WR)->isEnabled());
    m_shutRdWrAction->setEnabled(p && p->shutdownAction(SHUT_RDWR)->isEnabled());
    m_readOptionsAction->setEnabled(p != nullptr);
    m_clearLogAction->setEnabled(p != nullptr);
    m_exportAction->setEnabled(p != nullptr);
    m_closePanelAction->setEnabled(p != nullptr);
}

void MainWindow::updateStatus()
{
    const uint64_t delivered = m_bridge->eventsDelivered();
    const uint64_t rate = delivered - m_lastDelivered;
    m_lastDelivered = delivered;
    updateCounts();
    QString events = tr("%L1 events/s").arg(rate);
    if (m_dropped)
        events += tr(", %L1 log entries dropped (exact counters kept)").arg(m_dropped);
    m_statusEvents->setText(events);
}

void MainWindow::onSnapshot(const std::vector<SocketRow> &rows)
{
    const bool countChanged = m_socketCount != rows.size();
    m_socketCount = rows.size();
    m_connections->setSnapshot(rows, nowMonoNs());
    for (EndpointPanel *p : m_area->panels())
        p->applySnapshot(rows);
    if (countChanged)
        updateCounts();
}

void MainWindow::updateCounts()
{
    // A demo's panels and the sockets its syscall consoles hold count too: they are on the
    // screen (its Endpoint panels' sockets are in the snapshot already).
    int panels = static_cast<int>(m_area->panels().size());
    int sockets = static_cast<int>(m_socketCount);
    if (const DemoSession *demo = m_demos ? m_demos->session() : nullptr) {
        panels += demo->player().panelCount();
        sockets += demo->player().openRawSockets();
    }
    m_statusPanels->setText(tr("%n panel(s), ", nullptr, panels)
                            + tr("%n socket(s)", nullptr, sockets));
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    // A geometry saved on a larger screen (or grown past this one) comes back within it.
    clampToScreen(this);
    if (m_sizedDocks)
        return;
    m_sizedDocks = true;
    // Panels are the main view: without a saved layout the table starts at about eight rows.
    // Once the layout has run: before, the docks' size hints win.
    if (!QSettings().contains(QStringLiteral("window/state")))
        QTimer::singleShot(0, this, [this] {
            resizeDocks({m_connectionsDock}, {QFontMetrics(monospaceFont()).height() * 9 + 40},
                        Qt::Vertical);
        });
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    QMainWindow::closeEvent(event);
}

} // namespace sb
