// MainWindow: workspaces (File > Open / Save / Recent, docs/workspace.md) and the Saved
// messages dock.
#include "core/demo/workspacepanels.h"
#include "ui/democontroller.h"
#include "ui/endpointpanel.h"
#include "ui/mainwindow.h"
#include "ui/messagesdock.h"
#include "ui/panelarea.h"
#include "ui/sendcomposer.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QSaveFile>
#include <QSettings>
#include <QStatusBar>

#include <functional>
#include <map>
#include <memory>
#include <set>

namespace sb {

namespace {
constexpr int kRecentWorkspaces = 8;
const char kRecentKey[] = "workspaces/recent";
} // namespace

void MainWindow::buildMessagesDock()
{
    m_messages = new MessagesDock(this);
    addDockWidget(Qt::RightDockWidgetArea, m_messages);
    m_messages->hide();
    m_viewMenu->addAction(m_messages->toggleViewAction());
    connect(m_messages, &MessagesDock::sendRequested, this, &MainWindow::sendSavedMessage);
    connect(m_messages, &MessagesDock::sendFailed, this,
            [this](const QString &why) { QMessageBox::warning(this, tr("Saved messages"), why); });
}

void MainWindow::sendSavedMessage(const QByteArray &bytes, const QString &target,
                                  const QString &name)
{
    EndpointPanel *panel = m_current;
    if (!target.isEmpty()
        && (!panel || QString::fromStdString(panel->config().spec.toString()) != target)) {
        // A client of the target, opened for it (or one already open).
        panel = nullptr;
        for (EndpointPanel *p : m_area->panels())
            if (p->config().role != Role::Server
                && QString::fromStdString(p->config().spec.toString()) == target)
                panel = p;
        if (!panel) {
            auto spec = parseEndpoint(target.toStdString());
            if (!spec) {
                QMessageBox::warning(
                        this, tr("Saved messages"),
                        tr("%1: target: %2").arg(name, QString::fromStdString(spec.error())));
                return;
            }
            EndpointConfig config;
            config.role
                    = spec->transport == Transport::Udp || spec->transport == Transport::UnixDgram
                    ? Role::Datagram
                    : Role::Client;
            config.spec = *spec;
            if (config.role == Role::Datagram) {
                // An unbound datagram socket whose default destination is the target.
                config.remote = *spec;
                config.spec.host.clear();
                config.spec.port = 0;
                config.bindDatagram = false;
            }
            panel = openPanel(std::move(config));
        }
    }
    if (!panel) {
        statusBar()->showMessage(tr("No panel to send %1 from: open one first").arg(name), 5000);
        return;
    }
    SendRequest request;
    request.bytes = bytes.toStdString();
    panel->send(request);
}

bool MainWindow::saveWorkspace(const QString &path, QString *error)
{
    Workspace w;
    w.kind = FileKind::Workspace;
    w.script.name = "workspace";
    std::set<std::string> names;
    std::string order;
    std::map<uint16_t, std::string> listeners; // the workbench's servers by their port now
    for (EndpointPanel *p : m_area->panels()) {
        std::string name = panelNameOf(p->config().label);
        for (int n = 2; names.count(name); ++n)
            name = panelNameOf(p->config().label).substr(0, 28) + "-" + std::to_string(n);
        names.insert(name);
        DemoPanel panel = panelOfConfig(p->config(), name);
        const EndpointSpec &spec = p->config().spec;
        const auto server = listeners.find(spec.port);
        if (p->config().role == Role::Client && !spec.isUnix() && server != listeners.end()) {
            // Connected to a server of this workspace: saved by its name, so that the client
            // follows it to the port it gets next time.
            EndpointSpec named = spec;
            named.port = 0;
            const std::string text = named.toString();
            panel.spec = text.substr(0, text.rfind(':') + 1) + "${" + server->second + ".port}";
        }
        if (p->config().role != Role::Client && p->localAddress().isIp())
            listeners.emplace(p->localAddress().port(), name);
        w.script.panels.push_back(panel);
        w.layout.push_back({0, "panel." + name + ".label", p->config().label});
        order += (order.empty() ? "" : ",") + name;
    }
    if (!order.empty())
        w.layout.push_back({0, "panels", order});
    w.messages = m_messages->messages();
    w.layout.push_back({0, "window.state", saveState().toBase64().toStdString()});
    QSaveFile file(path);
    const std::string text = writeWorkspace(w);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), qint64(text.size())) < 0
        || !file.commit()) {
        *error = tr("%1: %2").arg(path, file.errorString());
        return false;
    }
    m_workspacePath = path;
    m_messages->setBaseDir(QFileInfo(path).absolutePath());
    rememberWorkspace(path);
    return true;
}

bool MainWindow::openWorkspace(const QString &path, QStringList *errors)
{
    auto load = loadWorkspaceFile(path.toStdString());
    if (!load) {
        *errors << QString::fromStdString(load.error());
        return false;
    }
    for (const std::string &e : load->errors)
        *errors << QString::fromStdString(e);
    const Workspace &w = load->workspace;
    if (!w.script.steps.empty() && m_demos) {
        // A scenario (or a workspace with steps): its panels are the player's, and the demo
        // player dock plays its steps, as sockbench-cli run would.
        DemoScript script = w.script;
        if (script.title.en.empty())
            script.title.en = script.title.es = QFileInfo(path).fileName().toStdString();
        m_demos->openScript(std::move(script));
        m_workspacePath = path;
        rememberWorkspace(path);
        return true;
    }
    auto layout = [&w](const std::string &key) -> std::string {
        for (const LayoutItem &item : w.layout)
            if (item.key == key)
                return item.value;
        return {};
    };
    // A client saved as tcp://127.0.0.1:${server.port} opens once that server listens again
    // (on the port the kernel gives it this time).
    auto byName = std::make_shared<std::map<std::string, QPointer<EndpointPanel>>>();
    // ${NAME.port} and ${NAME.addr} of the panels opened so far; waitFor names a panel that
    // is not listening yet.
    auto resolve = [byName](DemoPanel &p, std::string *waitFor) -> std::string {
        const DemoLookup lookup = [&](std::string_view key) -> std::optional<std::string> {
            const size_t dot = key.rfind('.');
            if (dot == std::string_view::npos)
                return std::nullopt;
            const std::string name(key.substr(0, dot));
            const auto it = byName->find(name);
            if (it == byName->end() || !it->second)
                return std::nullopt;
            const Address local = it->second->localAddress();
            if (!local.valid() || (local.isIp() && local.port() == 0)) {
                *waitFor = name;
                return std::nullopt;
            }
            return key.substr(dot + 1) == "port" ? std::to_string(local.port()) : local.host();
        };
        for (std::string *text : {&p.spec, &p.target}) {
            if (text->find("${") == std::string::npos)
                continue;
            auto resolved = substituteDemoText(*text, lookup);
            if (!resolved)
                return "panel '" + p.name + "': " + resolved.error();
            *text = *resolved;
        }
        return {};
    };
    auto finish = [this, byName](const DemoPanel &p, std::string label) -> std::string {
        auto config = configOfPanel(p);
        if (!config)
            return config.error();
        EndpointConfig c = *config;
        c.label = label.empty() ? p.name : std::move(label);
        (*byName)[p.name] = openPanel(std::move(c));
        return {};
    };
    for (const DemoPanel &original : w.script.panels) {
        DemoPanel p = original;
        const std::string label = layout("panel." + p.name + ".label");
        std::string waitFor;
        std::string why = resolve(p, &waitFor);
        if (!waitFor.empty()) {
            EndpointPanel *server = (*byName)[waitFor];
            connect(server, &EndpointPanel::listening, this,
                    [this, server, p = original, label, resolve, finish]() mutable {
                        disconnect(server, &EndpointPanel::listening, this, nullptr);
                        std::string again;
                        if (resolve(p, &again).empty() && again.empty())
                            finish(p, label);
                    });
            continue;
        }
        if (why.empty())
            why = finish(p, label);
        if (!why.empty())
            *errors << QStringLiteral("%1: %2").arg(path, QString::fromStdString(why));
    }
    m_messages->setBaseDir(QFileInfo(path).absolutePath());
    for (const SavedMessage &m : w.messages)
        m_messages->addMessage(m);
    if (!w.messages.empty())
        m_messages->show();
    const std::string state = layout("window.state");
    if (!state.empty())
        restoreState(QByteArray::fromBase64(QByteArray::fromStdString(state)));
    m_workspacePath = path;
    rememberWorkspace(path);
    return true;
}

void MainWindow::askOpenWorkspace()
{
    const QString path = QFileDialog::getOpenFileName(
            this, tr("Open workspace"), QFileInfo(m_workspacePath).absolutePath(),
            tr("SockBench workspaces (*.sbw *.sbs *.demo);;All files (*)"));
    if (path.isEmpty())
        return;
    QStringList errors;
    const bool opened = openWorkspace(path, &errors);
    if (!errors.isEmpty())
        QMessageBox::warning(this, tr("Open workspace"),
                             (opened ? tr("Opened what could be read; these lines could not be:")
                                     : tr("The workspace could not be opened:"))
                                     + QStringLiteral("\n\n") + errors.join(QLatin1Char('\n')));
}

void MainWindow::askSaveWorkspace(bool as)
{
    QString path = as ? QString() : m_workspacePath;
    if (path.isEmpty()) {
        // The dialog asks before replacing a file: the person chose that file.
        path = QFileDialog::getSaveFileName(this, tr("Save workspace"),
                                            m_workspacePath.isEmpty() ? tr("workspace.sbw")
                                                                      : m_workspacePath,
                                            tr("SockBench workspaces (*.sbw);;All files (*)"));
        if (path.isEmpty())
            return;
    }
    QString error;
    if (!saveWorkspace(path, &error))
        QMessageBox::warning(this, tr("Save workspace"), error);
    else
        statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
}

void MainWindow::rememberWorkspace(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(kRecentKey).toStringList();
    const QString full = QFileInfo(path).absoluteFilePath();
    recent.removeAll(full);
    recent.prepend(full);
    while (recent.size() > kRecentWorkspaces)
        recent.removeLast();
    settings.setValue(kRecentKey, recent);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(kRecentKey).toStringList();
    for (const QString &path : recent)
        m_recentMenu
                ->addAction(
                        QFileInfo(path).fileName(), this,
                        [this, path] {
                            QStringList errors;
                            const bool opened = openWorkspace(path, &errors);
                            if (!errors.isEmpty())
                                QMessageBox::warning(
                                        this, tr("Open workspace"),
                                        (opened ? tr("Opened what could be read; these lines could "
                                                     "not be:")
                                                : tr("The workspace could not be opened:"))
                                                + QStringLiteral("\n\n")
                                                + errors.join(QLatin1Char('\n')));
                        })
                ->setToolTip(path);
    m_recentMenu->setEnabled(!recent.isEmpty());
}

} // namespace sb
