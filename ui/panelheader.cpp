#include "ui/panelheader.h"

#include "ui/display.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace sb {

PanelHeader::PanelHeader(QWidget *parent)
    : QFrame(parent)
{
    setFrameShape(QFrame::StyledPanel);
    setBackgroundRole(QPalette::AlternateBase);
    setAutoFillBackground(true);

    m_title = new QLabel;
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.1);
    m_title->setFont(bold);
    m_subtitle = new QLabel;
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    m_state = new QLabel;
    QFont stateFont = m_state->font();
    stateFont.setBold(true);
    m_state->setFont(stateFont);
    m_state->setTextFormat(Qt::RichText);
    m_close = new QToolButton;
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Close this panel and its sockets (Ctrl+W)"));

    m_addresses = new QLabel;
    m_addresses->setFont(monospaceFont());
    m_addresses->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Narrow panels wrap the address pair at the arrow instead of clipping it.
    m_addresses->setWordWrap(true);
    m_counters = new QLabel;
    m_counters->setFont(monospaceFont());
    m_counters->setToolTip(
            tr("Bytes (messages) received ↓ and sent ↑, exact; rate over the last second"));
    m_error = new QLabel;
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette p = m_error->palette();
    p.setColor(QPalette::WindowText, errorColor(p));
    m_error->setPalette(p);
    m_error->hide();
    m_tls = new QLabel;
    m_tls->setWordWrap(true);
    m_tls->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tls->hide();

    auto *top = new QHBoxLayout;
    top->addWidget(m_title);
    top->addWidget(m_subtitle);
    top->addStretch(1);
    top->addWidget(m_state);
    top->addWidget(m_close);
    auto *middle = new QHBoxLayout;
    middle->addWidget(m_addresses, 1);
    middle->addWidget(m_counters);
    m_actions = new QHBoxLayout;
    m_actions->setSpacing(4);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addLayout(middle);
    layout->addWidget(m_tls);
    layout->addLayout(m_actions);
    layout->addWidget(m_error);

    connect(m_close, &QToolButton::clicked, this, &PanelHeader::closeClicked);
}

void PanelHeader::setTitle(const QString &title, const QString &subtitle)
{
    m_title->setText(title);
    m_subtitle->setText(subtitle);
}

void PanelHeader::setState(const QString &state, const QString &detail)
{
    m_stateName = state;
    const QColor c = stateColor(state, palette());
    m_state->setText(QStringLiteral("<span style=\"color:%1\">● %2</span>%3")
                             .arg(c.name(), state.toHtmlEscaped(),
                                  detail.isEmpty() ? QString()
                                                   : QStringLiteral(" ") + detail.toHtmlEscaped()));
}

void PanelHeader::setAddresses(const QString &local, const QString &foreign)
{
    m_addresses->setText(foreign.isEmpty() ? local : local + QStringLiteral(" ↔ ") + foreign);
}

void PanelHeader::setCounters(const QString &text) { m_counters->setText(text); }

void PanelHeader::setError(const QString &error, const QString &cause)
{
    m_error->setText(cause.isEmpty() ? error : error + QStringLiteral("\n") + cause);
    m_error->setToolTip(cause);
    m_error->setVisible(!error.isEmpty());
}

void PanelHeader::setTls(const QString &text, const QString &chain, bool warning)
{
    m_tls->setText(text);
    m_tls->setToolTip(chain);
    QPalette p = palette();
    if (warning)
        p.setColor(QPalette::WindowText, errorColor(p));
    m_tls->setPalette(p);
    m_tls->setVisible(!text.isEmpty());
}

QString PanelHeader::tlsText() const { return m_tls->isVisible() ? m_tls->text() : QString(); }

void PanelHeader::setCurrent(bool current)
{
    // The panel the Socket menu acts on: a highlight-tinted header, readable on any theme.
    QPalette p = palette();
    const QColor base = QApplication::palette().color(QPalette::AlternateBase);
    const QColor hi = QApplication::palette().color(QPalette::Highlight);
    p.setColor(QPalette::AlternateBase,
               current ? QColor::fromRgbF(base.redF() * 0.8 + hi.redF() * 0.2,
                                          base.greenF() * 0.8 + hi.greenF() * 0.2,
                                          base.blueF() * 0.8 + hi.blueF() * 0.2)
                       : base);
    setPalette(p);
}

QString PanelHeader::stateText() const { return m_stateName; }

QString PanelHeader::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

QString PanelHeader::addressText() const { return m_addresses->text(); }

QString PanelHeader::countersText() const { return m_counters->text(); }

} // namespace sb
