#include "ui/newsocketdialog.h"

#include "core/net/sockopt.h"
#include "core/text/names.h"
#include "ui/display.h"
#include "ui/ruleseditor.h"
#include "ui/tlssettingsbox.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

#include <unistd.h>

namespace sb {
namespace {

QString tempSocketPath(const char *what)
{
    return QDir::temp().filePath(
            QStringLiteral("sockbench-%1-%2.sock").arg(getpid()).arg(QLatin1String(what)));
}

QString presetIcon(NewSocketDialog::Preset p)
{
    using P = NewSocketDialog::Preset;
    switch (p) {
    case P::TcpServer:
    case P::UnixStreamServer:
    case P::UnixSeqpacketServer:
        return QStringLiteral(":/icons/server.svg");
    case P::TcpClient:
    case P::UnixStreamClient:
    case P::UnixSeqpacketClient:
        return QStringLiteral(":/icons/client.svg");
    case P::Udp:
    case P::UnixDgram:
        return QStringLiteral(":/icons/datagram.svg");
    case P::Socketpair:
        return QStringLiteral(":/icons/pair.svg");
    case P::TcpRelay:
    case P::UdpRelay:
        return QStringLiteral(":/icons/relay.svg");
    }
    return {};
}

Result<std::vector<OptionSetting>> parseOptions(const QString &text)
{
    std::vector<OptionSetting> out;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq <= 0 || eq == line.size() - 1)
            return InputError {"options, line " + std::to_string(i + 1) + ": '" + line.toStdString()
                               + "' is not NAME=VALUE (e.g. SO_REUSEADDR=1)"};
        const std::string name = line.left(eq).trimmed().toStdString();
        const std::string value = line.mid(eq + 1).trimmed().toStdString();
        const OptionInfo *option = findOption(name);
        if (!option)
            return InputError {"options, line " + std::to_string(i + 1) + ": no socket option '"
                               + name + "' (e.g. SO_REUSEADDR, TCP_NODELAY, SO_RCVBUF)"};
        if (!option->settable)
            return InputError {"options, line " + std::to_string(i + 1) + ": " + option->name
                               + " can only be read"};
        const Result<OptionValue> parsed = parseOptionValue(*option, value);
        if (!parsed)
            return InputError {"options, line " + std::to_string(i + 1) + ": " + option->name + ": "
                               + parsed.error()};
        out.push_back({option->name, value});
    }
    return out;
}

} // namespace

QString NewSocketDialog::presetName(Preset preset)
{
    switch (preset) {
    case Preset::TcpServer:
        return tr("TCP server");
    case Preset::TcpClient:
        return tr("TCP client");
    case Preset::Udp:
        return tr("UDP socket");
    case Preset::UnixStreamServer:
        return tr("UNIX stream server");
    case Preset::UnixStreamClient:
        return tr("UNIX stream client");
    case Preset::UnixDgram:
        return tr("UNIX datagram socket");
    case Preset::UnixSeqpacketServer:
        return tr("UNIX seqpacket server");
    case Preset::UnixSeqpacketClient:
        return tr("UNIX seqpacket client");
    case Preset::Socketpair:
        return tr("socketpair");
    case Preset::TcpRelay:
        return tr("TCP fault relay");
    case Preset::UdpRelay:
        return tr("UDP fault relay");
    }
    return {};
}

EndpointConfig NewSocketDialog::presetConfig(Preset preset, const QString &server)
{
    EndpointConfig c;
    auto spec = [](const QString &text) {
        Result<EndpointSpec> r = parseEndpoint(text.toStdString());
        return r ? r.value() : EndpointSpec {};
    };
    const bool haveServer = !server.isEmpty();
    // A workbench shows half-closed connections (CLOSE_WAIT) instead of closing them behind the
    // person's back; the checkbox turns nc's habit back on.
    c.closeOnPeerEof = false;
    switch (preset) {
    case Preset::TcpServer:
        c.role = Role::Server;
        c.spec = spec(QStringLiteral("tcp://127.0.0.1:0"));
        c.responder.kind = ResponderSpec::Kind::Echo;
        break;
    case Preset::TcpClient:
        c.role = Role::Client;
        c.spec = spec(haveServer ? server : QStringLiteral("tcp://127.0.0.1:7"));
        break;
    case Preset::Udp:
        c.role = Role::Datagram;
        c.spec = spec(QStringLiteral("udp://127.0.0.1:0"));
        break;
    case Preset::UnixStreamServer:
        c.role = Role::Server;
        c.spec = spec(QStringLiteral("unix://") + tempSocketPath("stream"));
        c.responder.kind = ResponderSpec::Kind::Echo;
        break;
    case Preset::UnixStreamClient:
        c.role = Role::Client;
        c.spec = spec(haveServer ? server : QStringLiteral("unix://") + tempSocketPath("stream"));
        break;
    case Preset::UnixDgram:
        c.role = Role::Datagram;
        c.spec = spec(QStringLiteral("unix-dgram://") + tempSocketPath("dgram"));
        break;
    case Preset::UnixSeqpacketServer:
        c.role = Role::Server;
        c.spec = spec(QStringLiteral("unix-seqpacket://") + tempSocketPath("seqpacket"));
        c.responder.kind = ResponderSpec::Kind::Echo;
        break;
    case Preset::UnixSeqpacketClient:
        c.role = Role::Client;
        c.spec = spec(haveServer
                              ? server
                              : QStringLiteral("unix-seqpacket://") + tempSocketPath("seqpacket"));
        break;
    case Preset::Socketpair:
        c.role = Role::Pair;
        c.spec.transport = Transport::UnixStream;
        c.spec.host = "";
        break;
    case Preset::TcpRelay:
        c.role = Role::Relay;
        c.spec = spec(QStringLiteral("tcp://127.0.0.1:0"));
        c.relayTarget = spec(haveServer ? server : QStringLiteral("tcp://127.0.0.1:7"));
        break;
    case Preset::UdpRelay:
        c.role = Role::Relay;
        c.spec = spec(QStringLiteral("udp://127.0.0.1:0"));
        c.relayTarget = spec(haveServer ? server : QStringLiteral("udp://127.0.0.1:7"));
        break;
    }
    return c;
}

NewSocketDialog::NewSocketDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("New socket"));
    m_presets = new QListWidget;
    for (int i = 0; i < kPresetCount; ++i) {
        const auto p = static_cast<Preset>(i);
        auto *item = new QListWidgetItem(QIcon(presetIcon(p)), presetName(p));
        item->setData(Qt::UserRole, i);
        m_presets->addItem(item);
    }
    m_presets->setMaximumWidth(m_presets->sizeHintForColumn(0) + 40);

    m_label = new QLineEdit;
    m_role = new QComboBox;
    m_role->addItem(tr("Client (connect)"), static_cast<int>(Role::Client));
    m_role->addItem(tr("Server (listen, accept)"), static_cast<int>(Role::Server));
    m_role->addItem(tr("Datagram (sendto, recvfrom)"), static_cast<int>(Role::Datagram));
    m_role->addItem(tr("socketpair"), static_cast<int>(Role::Pair));
    m_role->addItem(tr("Fault relay (listen, forward to a target)"), static_cast<int>(Role::Relay));
    m_endpoint = new QLineEdit;
    m_endpoint->setFont(monospaceFont());
    m_endpoint->setToolTip(tr("tcp://HOST:PORT, udp://HOST:PORT, tls://HOST:PORT, unix:///path, "
                              "unix://@abstract, unix-dgram:///path, unix-seqpacket:///path; "
                              "[::1] for IPv6; port 0 lets the kernel choose"));
    m_endpointError = new QLabel;
    m_endpointError->setWordWrap(true);
    QPalette p = m_endpointError->palette();
    p.setColor(QPalette::WindowText, errorColor(p));
    m_endpointError->setPalette(p);
    m_pairType = new QComboBox;
    m_pairType->addItem(QString::fromStdString(socketTypeName(SOCK_STREAM)),
                        static_cast<int>(Transport::UnixStream));
    m_pairType->addItem(QString::fromStdString(socketTypeName(SOCK_DGRAM)),
                        static_cast<int>(Transport::UnixDgram));
    m_pairType->addItem(QString::fromStdString(socketTypeName(SOCK_SEQPACKET)),
                        static_cast<int>(Transport::UnixSeqpacket));
    m_family = new QComboBox;
    m_family->addItem(tr("Any (getaddrinfo order)"), static_cast<int>(FamilyPref::Any));
    m_family->addItem(tr("IPv4 only"), static_cast<int>(FamilyPref::V4));
    m_family->addItem(tr("IPv6 only"), static_cast<int>(FamilyPref::V6));
    m_localBind = new QLineEdit;
    m_localBind->setFont(monospaceFont());
    m_localBind->setPlaceholderText(
            tr("optional: bind() here before connect, e.g. tcp://127.0.0.1:0"));
    m_bindDatagram
            = new QCheckBox(tr("bind() to the endpoint (else the kernel binds on first send)"));
    m_remote = new QLineEdit;
    m_remote->setFont(monospaceFont());
    m_remote->setPlaceholderText(tr("optional: default destination, e.g. udp://127.0.0.1:9000"));
    m_connectDatagram = new QCheckBox(tr("connect() to it (receive only from it, send())"));
    m_relayTarget = new QLineEdit;
    m_relayTarget->setFont(monospaceFont());
    m_relayTarget->setPlaceholderText(
            tr("where each client is forwarded, e.g. tcp://127.0.0.1:8080"));
    m_relayTarget->setToolTip(tr("The relay listens on the endpoint and, for each client, opens a "
                                 "connection (UDP: a socket) to this target; faults are set in "
                                 "the panel's Faults tab"));
    m_model = new QComboBox;
    m_model->addItem(tr("Event-driven (one epoll loop, all clients)"),
                     static_cast<int>(ServerModel::Event));
    m_model->addItem(tr("Concurrent (a thread per client, like fork)"),
                     static_cast<int>(ServerModel::Concurrent));
    m_model->addItem(tr("Iterative (one client at a time)"),
                     static_cast<int>(ServerModel::Iterative));
    m_backlog = new QSpinBox;
    m_backlog->setRange(0, 65535);
    m_backlog->setToolTip(tr("listen(fd, backlog): connections the kernel queues before accept"));
    m_responder = new QComboBox;
    for (auto k :
         {ResponderSpec::Kind::None, ResponderSpec::Kind::Echo, ResponderSpec::Kind::Discard,
          ResponderSpec::Kind::Daytime, ResponderSpec::Kind::Chargen, ResponderSpec::Kind::Fixed,
          ResponderSpec::Kind::Rules})
        m_responder->addItem(responderText(k), static_cast<int>(k));
    m_fixedReply = new QLineEdit;
    m_fixedReply->setFont(monospaceFont());
    m_fixedReply->setPlaceholderText(tr("reply text, with escapes (\\r\\n)"));
    m_rules = new RulesEditor;
    m_options = new QPlainTextEdit;
    m_options->setFont(monospaceFont());
    m_options->setPlaceholderText(QStringLiteral("SO_REUSEADDR=1\nTCP_NODELAY=1\nSO_RCVBUF=65536"));
    m_options->setFixedHeight(m_options->fontMetrics().lineSpacing() * 4 + 12);
    m_options->setToolTip(tr("setsockopt before bind/connect, one NAME=VALUE per line"));
    m_timeout = new QSpinBox;
    m_timeout->setRange(100, 600000);
    m_timeout->setSuffix(tr(" ms"));
    m_closeOnEof = new QCheckBox(tr("Close our side when the peer closes its side (like nc)"));
    m_closeOnEof->setToolTip(tr("Off: the connection stays half-open (CLOSE_WAIT) so you can "
                                "still answer, and see the state in Connections"));
    m_trace = new QCheckBox(tr("Trace system calls"));
    m_startNow = new QCheckBox(tr("Start at once (listen / connect / bind)"));
    m_error = new QLabel;
    m_error->setWordWrap(true);
    m_error->setPalette(p);
    m_tls = new TlsSettingsBox;

    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_form->addRow(tr("Name:"), m_label);
    m_form->addRow(tr("Role:"), m_role);
    m_form->addRow(tr("Endpoint:"), m_endpoint);
    m_form->addRow(QString(), m_endpointError);
    m_form->addRow(m_tls);
    m_form->addRow(tr("Type:"), m_pairType);
    m_form->addRow(tr("Family:"), m_family);
    m_form->addRow(tr("Local bind:"), m_localBind);
    m_form->addRow(QString(), m_bindDatagram);
    m_form->addRow(tr("Remote:"), m_remote);
    m_form->addRow(QString(), m_connectDatagram);
    m_form->addRow(tr("Target:"), m_relayTarget);
    m_form->addRow(tr("Server model:"), m_model);
    m_form->addRow(tr("Backlog:"), m_backlog);
    m_form->addRow(tr("Responder:"), m_responder);
    m_form->addRow(tr("Fixed reply:"), m_fixedReply);
    m_form->addRow(tr("Reply rules:"), m_rules);
    m_form->addRow(tr("Options:"), m_options);
    m_form->addRow(tr("Connect timeout:"), m_timeout);
    m_form->addRow(QString(), m_closeOnEof);
    m_form->addRow(QString(), m_trace);
    m_form->addRow(QString(), m_startNow);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Open"));
    auto *right = new QVBoxLayout;
    right->addLayout(m_form);
    right->addStretch(1);
    right->addWidget(m_error);
    auto *top = new QHBoxLayout;
    top->addWidget(m_presets);
    top->addLayout(right, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top, 1);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &NewSocketDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &NewSocketDialog::reject);
    connect(m_presets, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0)
            applyPreset(static_cast<Preset>(row));
    });
    for (QLineEdit *e : {m_endpoint, m_localBind, m_remote, m_fixedReply, m_relayTarget})
        connect(e, &QLineEdit::textChanged, this, &NewSocketDialog::validate);
    for (QComboBox *c : {m_role, m_responder, m_pairType})
        connect(c, &QComboBox::currentIndexChanged, this, [this] {
            updateVisibility();
            validate();
        });
    connect(m_connectDatagram, &QCheckBox::toggled, this, &NewSocketDialog::validate);
    connect(m_options, &QPlainTextEdit::textChanged, this, &NewSocketDialog::validate);
    connect(m_tls, &TlsSettingsBox::changed, this, &NewSocketDialog::validate);
    connect(m_rules, &RulesEditor::changed, this, &NewSocketDialog::validate);

    QSettings settings;
    m_trace->setChecked(settings.value(QStringLiteral("newSocket/trace"), true).toBool());
    m_startNow->setChecked(settings.value(QStringLiteral("newSocket/startNow"), true).toBool());
    const int last = settings.value(QStringLiteral("newSocket/preset"), 0).toInt();
    m_presets->setCurrentRow(std::clamp(last, 0, kPresetCount - 1));
    applyPreset(static_cast<Preset>(std::clamp(last, 0, kPresetCount - 1)));
}

void NewSocketDialog::setLabel(const QString &label) { m_label->setText(label); }

void NewSocketDialog::setKnownServers(const QStringList &servers)
{
    m_servers = servers;
    const int row = m_presets->currentRow();
    if (row >= 0)
        applyPreset(static_cast<Preset>(row));
}

void NewSocketDialog::applyPreset(Preset preset)
{
    QString server;
    const bool client = preset == Preset::TcpClient || preset == Preset::UnixStreamClient
            || preset == Preset::UnixSeqpacketClient || preset == Preset::TcpRelay
            || preset == Preset::UdpRelay;
    if (client) {
        const QString scheme = preset == Preset::TcpClient || preset == Preset::TcpRelay
                ? QStringLiteral("tcp://")
                : preset == Preset::UdpRelay         ? QStringLiteral("udp://")
                : preset == Preset::UnixStreamClient ? QStringLiteral("unix://")
                                                     : QStringLiteral("unix-seqpacket://");
        // The newest server of the workbench that speaks this protocol.
        for (auto it = m_servers.crbegin(); it != m_servers.crend(); ++it)
            if (it->startsWith(scheme)) {
                server = *it;
                break;
            }
    }
    const int row = static_cast<int>(preset);
    if (m_presets->currentRow() != row) {
        QSignalBlocker block(m_presets);
        m_presets->setCurrentRow(row);
    }
    loadFrom(presetConfig(preset, server));
}

void NewSocketDialog::loadFrom(const EndpointConfig &c)
{
    m_role->setCurrentIndex(m_role->findData(static_cast<int>(c.role)));
    m_endpoint->setText(c.role == Role::Pair ? QString()
                                             : QString::fromStdString(c.spec.toString()));
    m_pairType->setCurrentIndex(m_pairType->findData(static_cast<int>(c.spec.transport)));
    m_family->setCurrentIndex(m_family->findData(static_cast<int>(c.family)));
    m_localBind->clear();
    m_bindDatagram->setChecked(c.bindDatagram);
    m_remote->clear();
    m_connectDatagram->setChecked(c.connectDatagram);
    m_relayTarget->setText(c.relayTarget ? QString::fromStdString(c.relayTarget->toString())
                                         : QString());
    m_model->setCurrentIndex(m_model->findData(static_cast<int>(c.model)));
    m_backlog->setValue(c.backlog);
    m_responder->setCurrentIndex(m_responder->findData(static_cast<int>(c.responder.kind)));
    m_fixedReply->setText(QString::fromStdString(c.responder.fixed));
    m_rules->setDatagram(c.role == Role::Datagram);
    m_rules->setText(QString::fromStdString(c.responder.rulesText));
    m_options->clear();
    m_timeout->setValue(c.connectTimeoutMs);
    m_closeOnEof->setChecked(c.closeOnPeerEof);
    m_tls->load(c.tls);
    updateVisibility();
    validate();
}

void NewSocketDialog::setRowVisible(QWidget *field, bool visible)
{
    m_form->setRowVisible(field, visible);
}

void NewSocketDialog::updateVisibility()
{
    const auto role = static_cast<Role>(m_role->currentData().toInt());
    setRowVisible(m_endpoint, role != Role::Pair);
    setRowVisible(m_endpointError, role != Role::Pair && !m_endpointError->text().isEmpty());
    setRowVisible(m_pairType, role == Role::Pair);
    setRowVisible(m_family, role != Role::Pair);
    setRowVisible(m_localBind, role == Role::Client);
    setRowVisible(m_bindDatagram, role == Role::Datagram);
    setRowVisible(m_remote, role == Role::Datagram);
    setRowVisible(m_connectDatagram, role == Role::Datagram);
    setRowVisible(m_relayTarget, role == Role::Relay);
    setRowVisible(m_model, role == Role::Server);
    setRowVisible(m_backlog, role == Role::Server);
    setRowVisible(m_responder, role == Role::Server || role == Role::Datagram);
    setRowVisible(m_fixedReply,
                  (role == Role::Server || role == Role::Datagram)
                          && m_responder->currentData().toInt()
                                  == static_cast<int>(ResponderSpec::Kind::Fixed));
    setRowVisible(m_rules,
                  (role == Role::Server || role == Role::Datagram)
                          && m_responder->currentData().toInt()
                                  == static_cast<int>(ResponderSpec::Kind::Rules));
    m_rules->setDatagram(role == Role::Datagram);
    if (m_rules->isVisibleTo(this) && isVisible()) {
        // Rules are written in lines of 60 to 80 columns: room for them, within the screen.
        const QRect screen = this->screen() ? this->screen()->availableGeometry() : QRect();
        const int editorWidth
                = m_rules->editor()->fontMetrics().horizontalAdvance(QString(76, QLatin1Char('0')));
        int w = m_presets->width() + editorWidth + 200;
        if (screen.isValid())
            w = std::min(w, screen.width() - 40);
        if (width() < w) {
            QRect g = geometry();
            g.setWidth(w);
            if (screen.isValid() && g.right() > screen.right() - 20)
                g.moveRight(screen.right() - 20);
            if (screen.isValid() && g.left() < screen.left() + 20)
                g.moveLeft(screen.left() + 20);
            setGeometry(g);
        }
    }
    setRowVisible(m_timeout, role == Role::Client || role == Role::Relay);
    setRowVisible(m_closeOnEof, role == Role::Client || role == Role::Server);
}

void NewSocketDialog::validate()
{
    const auto role = static_cast<Role>(m_role->currentData().toInt());
    // Fields of the transport typed: a UNIX socket has no address family to prefer, and each
    // transport its own options (no TCP_NODELAY on UDP).
    const Result<EndpointSpec> typed = parseEndpoint(m_endpoint->text().toStdString());
    const Transport transport = role == Role::Pair ? Transport::UnixStream
            : typed                                ? typed->transport
                                                   : Transport::Tcp;
    setRowVisible(m_family, role != Role::Pair && !(typed && typed->isUnix()));
    const bool tls = typed && typed->tls && (role == Role::Client || role == Role::Server);
    m_tls->setRole(role);
    setRowVisible(m_tls, tls);
    m_options->setPlaceholderText(
            transport == Transport::Tcp
                    ? QStringLiteral("SO_REUSEADDR=1\nTCP_NODELAY=1\nSO_RCVBUF=65536")
                    : transport == Transport::Udp
                    ? QStringLiteral("SO_REUSEADDR=1\nSO_BROADCAST=1\nSO_RCVBUF=65536")
                    : QStringLiteral("SO_RCVBUF=65536\nSO_SNDBUF=65536"));
    QString fieldError;
    QString error;
    if (role != Role::Pair) {
        const Result<EndpointSpec> spec = parseEndpoint(m_endpoint->text().toStdString());
        if (!spec) {
            fieldError = QString::fromStdString(spec.error());
        } else {
            const bool connected = isConnectionOriented(spec->transport);
            if ((role == Role::Server || role == Role::Client) && !connected)
                fieldError = tr("%1 has no connections: choose the Datagram role")
                                     .arg(QString::fromLatin1(schemeName(spec->transport)));
            else if (role == Role::Datagram && connected)
                fieldError = tr("%1 is connection-oriented: choose Client or Server")
                                     .arg(QString::fromLatin1(schemeName(spec->transport)));
            else if (role == Role::Client && !spec->isUnix() && spec->port == 0)
                fieldError = tr("a client needs the server's port (0 is only for binding)");
            else if (role == Role::Relay && spec->tls)
                fieldError = tr("a relay forwards the bytes as they come and does not speak TLS: "
                                "give tcp:// (a TLS session passes through it unchanged)");
            else if (role == Role::Relay && spec->transport != Transport::Tcp
                     && spec->transport != Transport::UnixStream
                     && spec->transport != Transport::Udp)
                fieldError = tr("a relay forwards tcp://, unix:// or udp://");
        }
    }
    m_endpointError->setText(fieldError);
    m_endpoint->setToolTip(fieldError.isEmpty() ? QString() : fieldError);
    setRowVisible(m_endpointError, role != Role::Pair && !fieldError.isEmpty());
    if (!fieldError.isEmpty())
        error = tr("Endpoint: %1").arg(fieldError);
    auto checkOptional = [&error](QLineEdit *edit, const QString &what) {
        if (!error.isEmpty() || !edit->isVisibleTo(edit->window())
            || edit->text().trimmed().isEmpty())
            return;
        const Result<EndpointSpec> r = parseEndpoint(edit->text().toStdString());
        if (!r)
            error = what + QStringLiteral(": ") + QString::fromStdString(r.error());
    };
    if (role == Role::Client)
        checkOptional(m_localBind, tr("Local bind"));
    if (role == Role::Relay && error.isEmpty()) {
        const Result<EndpointSpec> target = parseEndpoint(m_relayTarget->text().toStdString());
        const bool udp = typed && typed->transport == Transport::Udp;
        if (!target)
            error = tr("Target: %1").arg(QString::fromStdString(target.error()));
        else if (target->tls)
            error = tr("Target: a relay does not speak TLS: give tcp:// (a TLS session passes "
                       "through it unchanged)");
        else if ((target->transport == Transport::Udp) != udp
                 || !(target->transport == Transport::Tcp
                      || target->transport == Transport::UnixStream
                      || target->transport == Transport::Udp))
            error = tr("Target: a relay forwards a stream to a stream (tcp://, unix://) or "
                       "udp:// to udp://");
        else if (!target->isUnix() && target->port == 0)
            error = tr("Target: the port the relay forwards to (0 is only for binding)");
    }
    if (role == Role::Datagram) {
        checkOptional(m_remote, tr("Remote"));
        if (error.isEmpty() && m_connectDatagram->isChecked()
            && m_remote->text().trimmed().isEmpty())
            error = tr("Remote: connect() needs a remote endpoint");
    }
    if (error.isEmpty() && tls)
        error = m_tls->errorText();
    if (error.isEmpty() && (role == Role::Server || role == Role::Datagram)
        && m_responder->currentData().toInt() == static_cast<int>(ResponderSpec::Kind::Rules)
        && !m_rules->rules())
        error = tr("Reply rules: %1").arg(m_rules->errorText());
    if (error.isEmpty()) {
        const auto opts = parseOptions(m_options->toPlainText());
        if (!opts)
            error = QString::fromStdString(opts.error());
    }
    m_errorText = error;
    m_error->setText(error);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(error.isEmpty());
}

EndpointConfig NewSocketDialog::config() const
{
    EndpointConfig c;
    c.role = static_cast<Role>(m_role->currentData().toInt());
    if (c.role == Role::Pair) {
        c.spec.transport = static_cast<Transport>(m_pairType->currentData().toInt());
    } else if (auto spec = parseEndpoint(m_endpoint->text().toStdString())) {
        c.spec = spec.value();
    }
    c.family = static_cast<FamilyPref>(m_family->currentData().toInt());
    if (c.role == Role::Client && !m_localBind->text().trimmed().isEmpty())
        if (auto local = parseEndpoint(m_localBind->text().toStdString()))
            c.localBind = local.value();
    if (c.role == Role::Datagram) {
        c.bindDatagram = m_bindDatagram->isChecked();
        if (!m_remote->text().trimmed().isEmpty())
            if (auto remote = parseEndpoint(m_remote->text().toStdString()))
                c.remote = remote.value();
        c.connectDatagram = m_connectDatagram->isChecked() && c.remote.has_value();
    }
    if (c.role == Role::Relay)
        if (auto target = parseEndpoint(m_relayTarget->text().toStdString()))
            c.relayTarget = target.value();
    c.model = static_cast<ServerModel>(m_model->currentData().toInt());
    c.backlog = m_backlog->value();
    c.responder.kind = static_cast<ResponderSpec::Kind>(m_responder->currentData().toInt());
    if (c.responder.kind == ResponderSpec::Kind::Fixed) {
        const auto reply
                = payloadFromInput(InputMode::Text, m_fixedReply->text(), LineEndingChoice::None);
        c.responder.fixed = reply ? reply.value() : m_fixedReply->text().toStdString();
    }
    if (c.responder.kind == ResponderSpec::Kind::Rules) {
        c.responder.rules = m_rules->rules();
        c.responder.rulesText = m_rules->text().toStdString();
    }
    if (auto opts = parseOptions(m_options->toPlainText()))
        c.options = opts.value();
    c.connectTimeoutMs = m_timeout->value();
    c.closeOnPeerEof = m_closeOnEof->isChecked();
    if (c.spec.tls && (c.role == Role::Client || c.role == Role::Server))
        c.tls = m_tls->settings();
    c.trace = m_trace->isChecked();
    c.label = m_label->text().toStdString();
    return c;
}

bool NewSocketDialog::startImmediately() const { return m_startNow->isChecked(); }

void NewSocketDialog::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("newSocket/preset"), m_presets->currentRow());
    settings.setValue(QStringLiteral("newSocket/trace"), m_trace->isChecked());
    settings.setValue(QStringLiteral("newSocket/startNow"), m_startNow->isChecked());
}

void NewSocketDialog::accept()
{
    validate();
    if (!m_errorText.isEmpty())
        return;
    saveSettings();
    QDialog::accept();
}

} // namespace sb
