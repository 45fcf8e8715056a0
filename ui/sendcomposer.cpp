#include "ui/sendcomposer.h"

#include "core/text/endpointspec.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace sb {
namespace {

constexpr int kHistoryMax = 50;

Result<Address> destinationFrom(const QString &text)
{
    Result<EndpointSpec> spec = parseEndpoint(text.trimmed().toStdString());
    if (!spec)
        return InputError {spec.error()};
    if (spec->isUnix())
        return Address::unixPath(spec->host);
    Address a = Address::ip(spec->host, spec->port);
    if (!a.valid())
        return InputError {"'" + spec->host
                           + "' is not a numeric address: type an IP literal here"};
    return a;
}

} // namespace

SendComposer::SendComposer(QWidget *parent)
    : QWidget(parent)
{
    m_mode = new QComboBox;
    m_mode->addItem(tr("Text"), static_cast<int>(InputMode::Text));
    m_mode->addItem(tr("Hex"), static_cast<int>(InputMode::Hex));
    m_mode->addItem(tr("File"), static_cast<int>(InputMode::File));
    m_mode->setToolTip(
            tr("Text with C escapes (\\n \\r \\t \\0 \\\\ \\xNN), hex bytes, or a file"));
    m_input = new QLineEdit;
    m_input->setFont(monospaceFont());
    m_input->installEventFilter(this);
    m_browse = new QToolButton;
    m_browse->setText(tr("Browse…"));
    m_send = new QPushButton(tr("Send"));
    m_send->setDefault(true);
    m_send->setToolTip(tr("Send (Enter)"));

    m_ending = new QComboBox;
    m_ending->addItem(tr("no EOL"), static_cast<int>(LineEndingChoice::None));
    m_ending->addItem(QStringLiteral("LF"), static_cast<int>(LineEndingChoice::Lf));
    m_ending->addItem(QStringLiteral("CRLF"), static_cast<int>(LineEndingChoice::CrLf));
    m_ending->setToolTip(tr("Line ending appended to text: none, LF (\\n) or CRLF (\\r\\n)"));
    m_repeat = new QSpinBox;
    m_repeat->setRange(1, 1'000'000);
    m_repeat->setPrefix(QStringLiteral("× "));
    m_repeat->setToolTip(tr("How many times to send it"));
    m_interval = new QSpinBox;
    m_interval->setRange(0, 600'000);
    m_interval->setSuffix(tr(" ms"));
    m_interval->setToolTip(tr("Pause between repeats (0: queue them all at once)"));
    m_oob = new QCheckBox(QStringLiteral("OOB"));
    m_oob->setToolTip(tr("MSG_OOB: send as TCP urgent data"));
    m_dontRoute = new QCheckBox(QStringLiteral("DONTROUTE"));
    m_dontRoute->setToolTip(tr("MSG_DONTROUTE: bypass the routing table"));
    m_targetLabel = new QLabel(tr("to"));
    m_target = new QComboBox;
    m_target->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_toLabel = new QLabel(tr("To:"));
    m_to = new QLineEdit;
    m_to->setFont(monospaceFont());
    m_to->setToolTip(tr("Destination of each datagram, e.g. udp://127.0.0.1:9000"));

    m_error = new QLabel;
    m_error->setWordWrap(true);
    QPalette p = m_error->palette();
    p.setColor(QPalette::WindowText, errorColor(p));
    m_error->setPalette(p);
    m_error->hide();
    m_progress = new QProgressBar;
    m_progress->setTextVisible(true);
    m_progress->hide();
    m_cancel = new QPushButton(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop repeating and drop what is still queued"));
    m_cancel->hide();

    const QFontMetrics fm(font());
    m_repeat->setFixedWidth(fm.horizontalAdvance(QStringLiteral("× 1000000")) + 32);
    m_interval->setFixedWidth(fm.horizontalAdvance(QStringLiteral("600000 ms")) + 32);
    m_target->setMaximumWidth(fm.horizontalAdvance(QStringLiteral("#10 127.0.0.1:55555")) + 40);

    auto *row0 = new QHBoxLayout;
    row0->addWidget(m_toLabel);
    row0->addWidget(m_to, 1);
    auto *row1 = new QHBoxLayout;
    row1->addWidget(m_mode);
    row1->addWidget(m_input, 1);
    row1->addWidget(m_browse);
    row1->addWidget(m_targetLabel);
    row1->addWidget(m_target);
    row1->addWidget(m_send);
    auto *row2 = new QHBoxLayout;
    row2->addWidget(m_ending);
    row2->addWidget(m_repeat);
    row2->addWidget(m_interval);
    row2->addWidget(m_oob);
    row2->addWidget(m_dontRoute);
    row2->addStretch(1);
    auto *row3 = new QHBoxLayout;
    row3->addWidget(m_progress, 1);
    row3->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(row0);
    layout->addLayout(row1);
    layout->addLayout(row2);
    layout->addWidget(m_error);
    layout->addLayout(row3);

    m_history = QSettings().value(QStringLiteral("composer/history")).toStringList();
    setTargets({}, false);
    setDestinationVisible(false);
    updateModeUi();

    connect(m_mode, &QComboBox::currentIndexChanged, this, &SendComposer::updateModeUi);
    connect(m_input, &QLineEdit::returnPressed, this, &SendComposer::send);
    connect(m_input, &QLineEdit::textChanged, this, &SendComposer::validate);
    connect(m_send, &QPushButton::clicked, this, &SendComposer::send);
    connect(m_browse, &QToolButton::clicked, this, &SendComposer::browse);
    connect(m_cancel, &QPushButton::clicked, this, &SendComposer::cancelRequested);
}

void SendComposer::setMode(InputMode mode)
{
    m_mode->setCurrentIndex(m_mode->findData(static_cast<int>(mode)));
}

void SendComposer::updateModeUi()
{
    const auto mode = static_cast<InputMode>(m_mode->currentData().toInt());
    m_browse->setVisible(mode == InputMode::File);
    m_ending->setEnabled(mode == InputMode::Text);
    m_input->setPlaceholderText(mode == InputMode::Text ? tr("Text to send, e.g. hello\\r\\n")
                                        : mode == InputMode::Hex
                                        ? tr("Hex bytes, e.g. 48 65 6c 6c 6f 0a")
                                        : tr("Path of a file to send"));
    validate();
}

void SendComposer::setTargets(const std::vector<std::pair<ConnId, QString>> &targets, bool withAll)
{
    const QVariant current = m_target->currentData();
    m_target->clear();
    if (withAll)
        m_target->addItem(tr("All clients"), 0u);
    for (const auto &[conn, label] : targets)
        m_target->addItem(label, static_cast<uint>(conn));
    const int keep = m_target->findData(current);
    if (keep >= 0)
        m_target->setCurrentIndex(keep);
    const bool show = m_target->count() > 1 || (!withAll && !targets.empty());
    m_target->setVisible(show);
    m_targetLabel->setVisible(show);
}

void SendComposer::selectTarget(ConnId conn)
{
    const int i = m_target->findData(static_cast<uint>(conn));
    if (i >= 0)
        m_target->setCurrentIndex(i);
}

void SendComposer::setDestinationVisible(bool visible, const QString &placeholder)
{
    m_to->setVisible(visible);
    m_toLabel->setVisible(visible);
    if (!placeholder.isEmpty())
        m_to->setPlaceholderText(placeholder);
}

void SendComposer::setSendEnabled(bool enabled)
{
    m_sendEnabled = enabled;
    m_send->setEnabled(enabled);
}

void SendComposer::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
    m_input->setToolTip(message);
}

void SendComposer::validate()
{
    const auto mode = static_cast<InputMode>(m_mode->currentData().toInt());
    if (mode == InputMode::File || m_input->text().isEmpty()) {
        showError({});
        return;
    }
    const Result<std::string> r = payloadFromInput(mode, m_input->text(), LineEndingChoice::None);
    showError(r ? QString() : QString::fromStdString(r.error()));
}

void SendComposer::setOobVisible(bool visible)
{
    m_oob->setVisible(visible);
    if (!visible)
        m_oob->setChecked(false);
}

void SendComposer::send()
{
    if (!m_sendEnabled)
        return;
    if (std::optional<SendRequest> r = request())
        emit sendRequested(*r);
}

std::optional<SendRequest> SendComposer::request()
{
    const auto mode = static_cast<InputMode>(m_mode->currentData().toInt());
    const auto ending = static_cast<LineEndingChoice>(m_ending->currentData().toInt());
    Result<std::string> bytes = payloadFromInput(mode, m_input->text(), ending);
    if (!bytes) {
        showError(QString::fromStdString(bytes.error()));
        return std::nullopt;
    }
    SendRequest request;
    request.bytes = std::move(bytes).value();
    if (request.bytes.empty()) {
        showError(tr("Nothing to send: type text, hex bytes or choose a file"));
        return std::nullopt;
    }
    request.flags = (m_oob->isVisibleTo(this) && m_oob->isChecked() ? MSG_OOB : 0)
            | (m_dontRoute->isChecked() ? MSG_DONTROUTE : 0);
    request.repeat = m_repeat->value();
    request.intervalMs = m_interval->value();
    request.target = m_target->isVisibleTo(this) ? m_target->currentData().toUInt() : 0;
    if (m_to->isVisibleTo(this) && !m_to->text().trimmed().isEmpty()) {
        Result<Address> to = destinationFrom(m_to->text());
        if (!to) {
            showError(tr("To: %1").arg(QString::fromStdString(to.error())));
            return std::nullopt;
        }
        request.to = to.value();
    }
    showError({});
    if (mode != InputMode::File) {
        const QString entry = m_input->text();
        m_history.removeAll(entry);
        m_history.append(entry);
        while (m_history.size() > kHistoryMax)
            m_history.removeFirst();
        QSettings().setValue(QStringLiteral("composer/history"), m_history);
    }
    m_historyPos = -1;
    return request;
}

void SendComposer::showProgress(uint64_t queued, uint64_t total, int repeatsLeft)
{
    if (total == 0)
        return;
    m_progress->show();
    m_cancel->show();
    // QProgressBar is int-based: show permille of the bytes.
    m_progress->setRange(0, 1000);
    m_progress->setValue(
            static_cast<int>(1000.0 * static_cast<double>(total - std::min(queued, total))
                             / static_cast<double>(total)));
    m_progress->setFormat(
            repeatsLeft > 0
                    ? tr("%1 queued, %2 repeats to go").arg(sizeText(queued)).arg(repeatsLeft)
                    : tr("%1 still queued").arg(sizeText(queued)));
}

void SendComposer::endProgress()
{
    m_progress->hide();
    m_cancel->hide();
}

void SendComposer::browse()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("File to send"), m_input->text());
    if (!path.isEmpty())
        m_input->setText(path);
}

void SendComposer::recall(int step)
{
    if (m_history.isEmpty())
        return;
    if (m_historyPos < 0)
        m_historyPos = static_cast<int>(m_history.size());
    m_historyPos = std::clamp(m_historyPos + step, 0, static_cast<int>(m_history.size()));
    m_input->setText(m_historyPos < m_history.size() ? m_history.at(m_historyPos) : QString());
}

bool SendComposer::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_input && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Up) {
            recall(-1);
            return true;
        }
        if (key->key() == Qt::Key_Down) {
            recall(+1);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace sb
