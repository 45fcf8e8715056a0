#include "ui/demoplayerdock.h"

#include "ui/demosession.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

namespace sb {

namespace {

QString qs(const std::string &text) { return QString::fromStdString(text); }

} // namespace

DemoPlayerDock::DemoPlayerDock(QWidget *parent)
    : QDockWidget(tr("Demo player"), parent)
    , m_title(new QLabel)
    , m_narration(new QLabel)
    , m_checks(new QLabel)
    , m_steps(new QListWidget)
    , m_next(new QPushButton(tr("&Next")))
    , m_play(new QPushButton(tr("&Play")))
    , m_pause(new QPushButton(tr("P&ause")))
    , m_reset(new QPushButton(tr("&Reset")))
    , m_pace(new QDoubleSpinBox)
{
    setObjectName(QStringLiteral("demoPlayerDock"));
    auto *body = new QWidget;
    auto *layout = new QVBoxLayout(body);

    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    layout->addWidget(m_title);

    // Large, readable from the back of a classroom.
    QFont narrationFont = m_narration->font();
    narrationFont.setPointSizeF(narrationFont.pointSizeF() * 1.6);
    m_narration->setFont(narrationFont);
    m_narration->setWordWrap(true);
    m_narration->setTextFormat(Qt::RichText);
    m_narration->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_narration->setStyleSheet(QStringLiteral(
            "QLabel { background: #fffbe6; border: 1px solid #e0d090; padding: 8px; }"));
    m_checks->setWordWrap(true);

    QFont stepFont = m_steps->font();
    stepFont.setPointSizeF(stepFont.pointSizeF() * 1.2);
    m_steps->setFont(stepFont);
    m_steps->setSelectionMode(QAbstractItemView::NoSelection);
    m_steps->setToolTip(tr("The steps of the demo: ▶ the current one, ✓ passed, ✗ failed"));

    auto *split = new QSplitter(Qt::Vertical);
    auto *top = new QWidget;
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    // A long narration in a narrow dock scrolls; it is never cut at the label's edge.
    auto *narrationScroll = new QScrollArea;
    narrationScroll->setObjectName(QStringLiteral("narrationScroll"));
    narrationScroll->setWidgetResizable(true);
    narrationScroll->setFrameShape(QFrame::NoFrame);
    narrationScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    narrationScroll->setWidget(m_narration);
    narrationScroll->setMinimumHeight(120);
    topLayout->addWidget(narrationScroll, 1);
    topLayout->addWidget(m_checks);
    split->addWidget(top);
    split->addWidget(m_steps);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    auto *buttons = new QHBoxLayout;
    m_next->setToolTip(tr("Run the next step: its calls on real sockets"));
    m_play->setToolTip(tr("Run the remaining steps one after another, at the chosen pace"));
    m_pause->setToolTip(tr("Stop playing after the running step"));
    m_reset->setToolTip(tr("Close every socket of the demo and go back to the first step"));
    m_pace->setRange(0.2, 30.0);
    m_pace->setSingleStep(0.5);
    m_pace->setValue(2.0);
    m_pace->setSuffix(tr(" s"));
    m_pace->setToolTip(tr("Pause between steps when playing, in seconds"));
    auto *paceLabel = new QLabel(tr("Pace:"));
    paceLabel->setBuddy(m_pace);
    // Two rows: the buttons stay on screen in a narrow dock and in Spanish.
    buttons->addWidget(m_next);
    buttons->addWidget(m_play);
    buttons->addWidget(m_pause);
    buttons->addWidget(m_reset);
    buttons->addStretch();
    layout->addLayout(buttons);
    auto *pace = new QHBoxLayout;
    pace->addWidget(paceLabel);
    pace->addWidget(m_pace);
    pace->addStretch();
    layout->addLayout(pace);
    setWidget(body);

    connect(m_next, &QPushButton::clicked, this, [this] {
        if (m_session)
            m_session->next();
    });
    connect(m_play, &QPushButton::clicked, this, [this] {
        if (m_session)
            m_session->play(static_cast<int>(m_pace->value() * 1000));
    });
    connect(m_pause, &QPushButton::clicked, this, [this] {
        if (m_session)
            m_session->pause();
    });
    connect(m_reset, &QPushButton::clicked, this, [this] {
        if (m_session)
            m_session->reset();
    });
    refresh();
}

void DemoPlayerDock::setSession(DemoSession *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (m_session) {
        connect(m_session, &DemoSession::changed, this, &DemoPlayerDock::refresh);
        connect(m_session, &DemoSession::destroyed, this, [this] {
            m_session = nullptr;
            rebuildSteps();
            refresh();
        });
    }
    rebuildSteps();
    refresh();
}

QString DemoPlayerDock::stepText(int index) const
{
    const DemoPlayer &player = m_session->player();
    const DemoStep &step = player.script().steps[static_cast<size_t>(index)];
    QString title = qs(step.title.in(player.language()));
    if (title.isEmpty()) {
        // No title: the narration's first sentence stands for it.
        title = qs(player.narration(index)).section(QLatin1Char('.'), 0, 0).left(70);
    }
    QString mark = QStringLiteral("   ");
    const auto &reports = player.reports();
    if (index < static_cast<int>(reports.size()) && reports[static_cast<size_t>(index)].finished)
        mark = reports[static_cast<size_t>(index)].passed() ? QStringLiteral("✓ ")
                                                            : QStringLiteral("✗ ");
    else if (index == player.currentStep())
        mark = QStringLiteral("▶ ");
    return QStringLiteral("%1%2. %3").arg(mark).arg(index + 1).arg(title);
}

void DemoPlayerDock::rebuildSteps()
{
    m_steps->clear();
    if (!m_session)
        return;
    for (int i = 0; i < m_session->player().stepCount(); ++i)
        m_steps->addItem(QString());
}

void DemoPlayerDock::refresh()
{
    const bool have = m_session != nullptr;
    m_next->setEnabled(have && m_session->player().state() == DemoPlayer::State::Ready);
    m_play->setEnabled(have && m_session->player().state() != DemoPlayer::State::Finished
                       && !m_session->player().playing());
    m_pause->setEnabled(have && m_session->player().playing());
    m_reset->setEnabled(have);
    if (!have) {
        m_title->setText(tr("No demo open: choose one in the Demos menu."));
        m_narration->clear();
        m_checks->clear();
        return;
    }
    const DemoPlayer &player = m_session->player();
    const DemoLang lang = player.language();
    m_title->setText(qs(player.script().title.in(lang)));
    if (m_steps->count() != player.stepCount())
        rebuildSteps();
    const int current = player.currentStep();
    for (int i = 0; i < m_steps->count(); ++i) {
        QListWidgetItem *item = m_steps->item(i);
        item->setText(stepText(i));
        QFont font = item->font();
        font.setBold(i == current);
        item->setFont(font);
        const auto &reports = player.reports();
        const bool failed = i < static_cast<int>(reports.size())
                && reports[static_cast<size_t>(i)].finished
                && !reports[static_cast<size_t>(i)].passed();
        item->setForeground(failed ? QColor(0xc0, 0x20, 0x20) : palette().text().color());
        item->setBackground(i == current ? QColor(0xd8, 0xe8, 0xff) : QColor(Qt::transparent));
        // Hover a step for what its checks found (why a ✗ failed).
        QStringList found;
        if (i < static_cast<int>(reports.size()))
            for (const DemoCheck &check : reports[static_cast<size_t>(i)].checks)
                found << (check.passed ? QStringLiteral("✓ ") + qs(check.source)
                                       : QStringLiteral("✗ %1 — %2")
                                                 .arg(qs(check.source), qs(check.detail)));
        item->setToolTip(found.join(QLatin1Char('\n')));
    }
    if (current >= 0 && current < m_steps->count())
        m_steps->scrollToItem(m_steps->item(current));

    // The narration of the step running, or of the last one when the demo is over.
    // The narration of the step that ran last (or runs now), next to what it did: the class
    // reads why while it looks at the new rows. Before the first step, the demo's summary.
    const int shown = player.state() == DemoPlayer::State::Running ? current : current - 1;
    QString next;
    if (current < player.stepCount() && player.state() != DemoPlayer::State::Running) {
        QString nextTitle = qs(player.script().steps[static_cast<size_t>(current)].title.in(lang));
        next = QStringLiteral("<p style='color:#555'>%1</p>")
                       .arg(tr("Next: %1")
                                    .arg((nextTitle.isEmpty() ? tr("step %1").arg(current + 1)
                                                              : nextTitle)
                                                 .toHtmlEscaped()));
    }
    if (shown < 0) {
        m_narration->setText(QStringLiteral("<p>%1</p>")
                                     .arg(qs(player.script().summary.in(lang)).toHtmlEscaped())
                             + next);
        m_checks->clear();
        return;
    }
    const QString stepTitle = qs(player.script().steps[static_cast<size_t>(shown)].title.in(lang));
    QString html = QStringLiteral("<p style='color:#555'>%1</p>")
                           .arg(tr("Step %1 of %2").arg(shown + 1).arg(player.stepCount()));
    if (!stepTitle.isEmpty())
        html += QStringLiteral("<p><b>%1</b></p>").arg(stepTitle.toHtmlEscaped());
    html += QStringLiteral("<p>%1</p>").arg(qs(player.narration(shown)).toHtmlEscaped());
    if (player.state() == DemoPlayer::State::Finished)
        html += QStringLiteral("<p style='color:#555'>%1</p>")
                        .arg(player.allPassed()
                                     ? tr("End of the demo: every step did what it should.")
                                     : tr("End of the demo: some steps did not do what they "
                                          "should."));
    html += next;
    m_narration->setText(html);

    // What the checks of the shown step found, failures first.
    QStringList lines;
    const auto &reports = player.reports();
    if (shown < static_cast<int>(reports.size())) {
        for (const DemoCheck &check : reports[static_cast<size_t>(shown)].checks) {
            if (check.passed)
                lines << QStringLiteral("✓ %1").arg(qs(check.source).toHtmlEscaped());
            else
                lines << QStringLiteral("<span style='color:#c02020'>✗ %1 — %2</span>")
                                 .arg(qs(check.source).toHtmlEscaped(),
                                      qs(check.detail).toHtmlEscaped());
        }
    }
    // The expect: lines as the demo file writes them, in monospace: they are the script's words.
    m_checks->setText(
            lines.isEmpty()
                    ? QString()
                    : QStringLiteral("<tt>%1</tt>").arg(lines.join(QStringLiteral("<br>"))));
}

} // namespace sb
