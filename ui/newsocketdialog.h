#pragma once

#include "core/net/endpoint.h"

#include <QDialog>
#include <QStringList>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QSpinBox;

namespace sb {

class RulesEditor;
class TlsSettingsBox;

/// "New socket": a preset list (TCP server, TCP client, UDP, UNIX stream server/client, UNIX
/// datagram, UNIX seqpacket server/client, socketpair, TCP and UDP fault relays) and every field of
/// EndpointConfig, each checked as it is typed with the message shown at the field. GUI thread
/// only.
class NewSocketDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Preset {
        TcpServer,
        TcpClient,
        Udp,
        UnixStreamServer,
        UnixStreamClient,
        UnixDgram,
        UnixSeqpacketServer,
        UnixSeqpacketClient,
        Socketpair,
        TcpRelay,
        UdpRelay,
    };
    static constexpr int kPresetCount = 11;
    static QString presetName(Preset preset);
    /// A working configuration for a preset: loopback, port 0, echo on servers, a UNIX path in
    /// the temporary directory. server: the endpoint a client preset connects to.
    static EndpointConfig presetConfig(Preset preset, const QString &server = {});

    explicit NewSocketDialog(QWidget *parent = nullptr);

    void applyPreset(Preset preset);
    /// Listening endpoints of the workbench ("tcp://127.0.0.1:40000"): client presets pick one.
    void setKnownServers(const QStringList &servers);
    void setLabel(const QString &label);

    /// The configuration the fields describe (valid only when errorText() is empty).
    EndpointConfig config() const;
    bool startImmediately() const;
    /// What is wrong with the fields, or "".
    QString errorText() const { return m_errorText; }

    QLineEdit *endpointEdit() const { return m_endpoint; }
    QLabel *endpointError() const { return m_endpointError; }
    QComboBox *roleBox() const { return m_role; }
    QComboBox *responderBox() const { return m_responder; }
    QLineEdit *relayTargetEdit() const { return m_relayTarget; }
    QListWidget *presetList() const { return m_presets; }
    QPlainTextEdit *optionsEdit() const { return m_options; }
    TlsSettingsBox *tlsBox() const { return m_tls; }
    RulesEditor *rulesEditor() const { return m_rules; }

    void accept() override;

private:
    void validate();
    void updateVisibility();
    void loadFrom(const EndpointConfig &config);
    void saveSettings() const;
    void setRowVisible(QWidget *field, bool visible);

    QListWidget *m_presets;
    QFormLayout *m_form;
    QLineEdit *m_label;
    QComboBox *m_role;
    QLineEdit *m_endpoint;
    QLabel *m_endpointError;
    QComboBox *m_pairType;
    QComboBox *m_family;
    QLineEdit *m_localBind;
    QCheckBox *m_bindDatagram;
    QLineEdit *m_remote;
    QCheckBox *m_connectDatagram;
    QLineEdit *m_relayTarget;
    QComboBox *m_model;
    QSpinBox *m_backlog;
    QComboBox *m_responder;
    QLineEdit *m_fixedReply;
    RulesEditor *m_rules; ///< shown for the reply rules responder
    QPlainTextEdit *m_options;
    QSpinBox *m_timeout;
    QCheckBox *m_closeOnEof;
    QCheckBox *m_trace;
    QCheckBox *m_startNow;
    QLabel *m_error;
    TlsSettingsBox *m_tls; ///< shown for a tls:// client or server
    QDialogButtonBox *m_buttons;
    QStringList m_servers;
    QString m_errorText;
};

} // namespace sb
