#pragma once

#include "core/net/endpoint.h"

#include <QGroupBox>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLineEdit;

namespace sb {

/// The TLS section of the New socket dialog, for a tls:// client or server: certificate and
/// key, CA file and "accept anyway" (client), self-signed folder (server), ALPN, key log,
/// version. Checks what can be checked without making anything (files exist); the endpoint
/// says the rest when it starts. GUI thread only.
class TlsSettingsBox : public QGroupBox
{
    Q_OBJECT
public:
    explicit TlsSettingsBox(QWidget *parent = nullptr);

    /// Shows the rows of a client or of a server.
    void setRole(Role role);
    TlsSettings settings() const;
    void load(const TlsSettings &settings);
    /// What is wrong with the fields, or "".
    QString errorText() const;
    /// Where a server without a certificate makes (or reuses) its self-signed pair.
    static QString defaultSelfSignedDir();

    QLineEdit *certEdit() const { return m_cert; }
    QLineEdit *caEdit() const { return m_ca; }
    QCheckBox *insecureBox() const { return m_insecure; }
    QLineEdit *alpnEdit() const { return m_alpn; }
    QLineEdit *keylogEdit() const { return m_keylog; }

signals:
    void changed();

private:
    /// A line edit with a "…" button that opens a file (or folder) dialog.
    QWidget *withPicker(QLineEdit *edit, bool folder, bool save);

    Role m_role = Role::Client;
    QLineEdit *m_cert;
    QLineEdit *m_key;
    QLineEdit *m_ca;
    QCheckBox *m_insecure;
    QLineEdit *m_selfSigned;
    QLineEdit *m_alpn;
    QLineEdit *m_keylog;
    QComboBox *m_version;
    QWidget *m_certRow;
    QWidget *m_keyRow;
    QWidget *m_caRow;
    QWidget *m_selfSignedRow;
    QFormLayout *m_form;
};

} // namespace sb
