#include "ui/tlssettingsbox.h"

#include "ui/display.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QStandardPaths>
#include <QToolButton>

namespace sb {

TlsSettingsBox::TlsSettingsBox(QWidget *parent)
    : QGroupBox(tr("TLS"), parent)
{
    m_cert = new QLineEdit;
    m_cert->setPlaceholderText(tr("PEM certificate (chain) this side presents"));
    m_key = new QLineEdit;
    m_key->setPlaceholderText(tr("PEM private key of the certificate"));
    m_ca = new QLineEdit;
    m_ca->setPlaceholderText(tr("PEM CA certificates (empty: the system's store)"));
    m_insecure = new QCheckBox(tr("Accept a certificate that fails verification (insecure)"));
    m_insecure->setToolTip(tr("The connection goes on; what verification found is still shown"));
    m_selfSigned = new QLineEdit;
    m_selfSigned->setPlaceholderText(tr("default: %1").arg(defaultSelfSignedDir()));
    m_selfSigned->setToolTip(tr("Without a certificate, a self-signed pair is made in this folder "
                                "(or the one made before is reused); no file is overwritten"));
    m_alpn = new QLineEdit;
    m_alpn->setPlaceholderText(tr("e.g. h2,http/1.1"));
    m_keylog = new QLineEdit;
    m_keylog->setPlaceholderText(tr("append the session secrets here (SSLKEYLOGFILE format)"));
    m_version = new QComboBox;
    m_version->addItem(tr("TLS 1.2 or 1.3"), 0);
    m_version->addItem(tr("TLS 1.2 only"), 12);
    m_version->addItem(tr("TLS 1.3 only"), 13);

    m_certRow = withPicker(m_cert, false, false);
    m_keyRow = withPicker(m_key, false, false);
    m_caRow = withPicker(m_ca, false, false);
    m_selfSignedRow = withPicker(m_selfSigned, true, false);
    m_form = new QFormLayout(this);
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_form->addRow(tr("Certificate:"), m_certRow);
    m_form->addRow(tr("Key:"), m_keyRow);
    m_form->addRow(tr("CA file:"), m_caRow);
    m_form->addRow(QString(), m_insecure);
    m_form->addRow(tr("Self-signed folder:"), m_selfSignedRow);
    m_form->addRow(tr("ALPN:"), m_alpn);
    m_form->addRow(tr("Key log file:"), withPicker(m_keylog, false, true));
    m_form->addRow(tr("Version:"), m_version);

    for (QLineEdit *e : {m_cert, m_key, m_ca, m_selfSigned, m_alpn, m_keylog})
        connect(e, &QLineEdit::textChanged, this, &TlsSettingsBox::changed);
    connect(m_insecure, &QCheckBox::toggled, this, &TlsSettingsBox::changed);
    connect(m_version, &QComboBox::currentIndexChanged, this, &TlsSettingsBox::changed);
    setRole(Role::Client);
}

QString TlsSettingsBox::defaultSelfSignedDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + QStringLiteral("/tls");
}

QWidget *TlsSettingsBox::withPicker(QLineEdit *edit, bool folder, bool save)
{
    auto *row = new QWidget;
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    edit->setFont(monospaceFont());
    auto *pick = new QToolButton;
    pick->setText(QStringLiteral("…"));
    pick->setToolTip(folder ? tr("Choose a folder") : tr("Choose a file"));
    h->addWidget(edit, 1);
    h->addWidget(pick);
    connect(pick, &QToolButton::clicked, this, [this, edit, folder, save] {
        const QString start = edit->text().isEmpty() ? QDir::homePath() : edit->text();
        const QString chosen = folder ? QFileDialog::getExistingDirectory(this, QString(), start)
                : save                ? QFileDialog::getSaveFileName(
                                         this, QString(), start, QString(), nullptr,
                                         QFileDialog::DontConfirmOverwrite) // appended to, never replaced
                       : QFileDialog::getOpenFileName(this, QString(), start);
        if (!chosen.isEmpty())
            edit->setText(chosen);
    });
    return row;
}

void TlsSettingsBox::setRole(Role role)
{
    m_role = role;
    const bool server = role == Role::Server;
    m_form->setRowVisible(m_caRow, !server);
    m_form->setRowVisible(m_insecure, !server);
    m_form->setRowVisible(m_selfSignedRow, server);
    m_cert->setPlaceholderText(server ? tr("PEM certificate (empty: a self-signed pair)")
                                      : tr("optional: a client certificate (PEM)"));
}

TlsSettings TlsSettingsBox::settings() const
{
    TlsSettings s;
    s.certFile = m_cert->text().trimmed().toStdString();
    s.keyFile = m_key->text().trimmed().toStdString();
    const bool server = m_role == Role::Server;
    if (!server) {
        s.caFile = m_ca->text().trimmed().toStdString();
        s.insecure = m_insecure->isChecked();
    } else if (s.certFile.empty()) {
        const QString dir = m_selfSigned->text().trimmed().isEmpty()
                ? defaultSelfSignedDir()
                : m_selfSigned->text().trimmed();
        QDir().mkpath(dir); // the folder only; the pair is made when the server starts
        s.selfSignedDir = dir.toStdString();
    }
    for (const QString &p : m_alpn->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        s.alpn.push_back(p.trimmed().toStdString());
    s.keylogFile = m_keylog->text().trimmed().toStdString();
    s.version = m_version->currentData().toInt();
    return s;
}

void TlsSettingsBox::load(const TlsSettings &s)
{
    m_cert->setText(QString::fromStdString(s.certFile));
    m_key->setText(QString::fromStdString(s.keyFile));
    m_ca->setText(QString::fromStdString(s.caFile));
    m_insecure->setChecked(s.insecure);
    m_selfSigned->setText(QString::fromStdString(s.selfSignedDir));
    QStringList alpn;
    for (const std::string &p : s.alpn)
        alpn << QString::fromStdString(p);
    m_alpn->setText(alpn.join(QLatin1Char(',')));
    m_keylog->setText(QString::fromStdString(s.keylogFile));
    m_version->setCurrentIndex(std::max(0, m_version->findData(s.version)));
}

QString TlsSettingsBox::errorText() const
{
    const QString cert = m_cert->text().trimmed();
    const QString key = m_key->text().trimmed();
    if (cert.isEmpty() != key.isEmpty())
        return cert.isEmpty() ? tr("TLS: the key needs its certificate")
                              : tr("TLS: the certificate needs its key");
    const bool server = m_role == Role::Server;
    const QList<std::pair<QString, QString>> files {
            {tr("certificate"), cert},
            {tr("key"), key},
            {tr("CA file"), server ? QString() : m_ca->text().trimmed()}};
    for (const auto &[what, path] : files) {
        if (path.isEmpty())
            continue;
        const QFileInfo info(path);
        if (!info.exists())
            return tr("TLS: %1 '%2' does not exist").arg(what, path);
        if (!info.isFile() || !info.isReadable())
            return tr("TLS: %1 '%2' is not a readable file").arg(what, path);
    }
    for (const QString &p : m_alpn->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (p.trimmed().isEmpty() || p.trimmed().toUtf8().size() > 255)
            return tr("TLS: each ALPN protocol is 1 to 255 bytes, comma-separated");
    return {};
}

} // namespace sb
