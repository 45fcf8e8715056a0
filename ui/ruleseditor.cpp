#include "ui/ruleseditor.h"

#include "ui/display.h"

#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBlock>
#include <QVBoxLayout>

namespace sb {

namespace {

/// What a new rules editor holds: a small line protocol a person can try at once with nc.
const char *const kExample = "# Each line goes to the first rule that matches it.\n"
                             "framing: line \"\\n\"\n"
                             "\n"
                             "rule: greet\n"
                             "match: regex \"^hello (?<who>.+)$\"\n"
                             "do: reply \"hi {{who}}, line {{counter}} of this connection\\n\"\n"
                             "\n"
                             "rule: quit\n"
                             "match: equals \"quit\"\n"
                             "do: reply \"bye\\n\"\n"
                             "do: close\n"
                             "\n"
                             "rule: anything else\n"
                             "match: any\n"
                             "do: reply \"? {{message}}\\n\"\n";

const char *const kDatagramExample = "# Each datagram goes to the first rule that matches it.\n"
                                     "rule: ping\n"
                                     "match: starts-with \"ping\"\n"
                                     "do: reply \"pong {{server_counter}}\\n\"\n"
                                     "\n"
                                     "rule: anything else\n"
                                     "match: any\n"
                                     "do: reply \"? {{length}} bytes\\n\"\n";

/// The line of a parser error "LINE:COLUMN: ...", or 0.
int errorLine(const std::string &error)
{
    const size_t colon = error.find(':');
    if (colon == 0 || colon == std::string::npos)
        return 0;
    int line = 0;
    for (size_t i = 0; i < colon; ++i) {
        if (error[i] < '0' || error[i] > '9')
            return 0;
        line = line * 10 + (error[i] - '0');
    }
    return line;
}

} // namespace

RulesEditor::RulesEditor(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QPlainTextEdit)
    , m_status(new QLabel)
    , m_load(new QPushButton(tr("&Load rules file…")))
{
    m_edit->setFont(monospaceFont());
    m_edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_edit->setMinimumHeight(m_edit->fontMetrics().lineSpacing() * 10 + 12);
    m_edit->setToolTip(tr("framing: first, then rule: / match: / do: lines; see docs/rules.md"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *bottom = new QHBoxLayout;
    bottom->setContentsMargins(0, 0, 0, 0);
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_load);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit, 1);
    layout->addLayout(bottom);
    m_edit->setPlainText(QString::fromUtf8(kExample));
    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        check();
        emit changed();
    });
    connect(m_load, &QPushButton::clicked, this, &RulesEditor::load);
    check();
}

void RulesEditor::setText(const QString &text)
{
    m_edit->setPlainText(
            text.isEmpty() ? QString::fromUtf8(m_datagram ? kDatagramExample : kExample) : text);
}

QString RulesEditor::text() const { return m_edit->toPlainText(); }

void RulesEditor::setDatagram(bool datagram)
{
    if (datagram == m_datagram)
        return;
    // The example of the other kind is swapped for this kind's; what a person wrote is kept.
    const bool untouched = text() == QString::fromUtf8(m_datagram ? kDatagramExample : kExample);
    m_datagram = datagram;
    if (untouched)
        setText(QString());
    else
        check();
}

void RulesEditor::check()
{
    const std::string text = m_edit->toPlainText().toStdString();
    auto parsed = RuleSet::parse(text);
    m_rules.reset();
    m_error.clear();
    int line = 0;
    if (!parsed) {
        m_error = QString::fromStdString(parsed.error());
        line = errorLine(parsed.error());
    } else if (const std::string problem = m_datagram ? (*parsed)->datagramProblem() : "";
               !problem.empty()) {
        m_error = QString::fromStdString(problem);
        line = errorLine(problem);
    } else if ((*parsed)->rules().empty()) {
        m_error = tr("no rule yet: add rule:, match: and do: lines");
    } else {
        m_rules = *parsed;
    }
    markLine(line);
    QPalette p = m_status->palette();
    if (m_rules) {
        const Framing &f = m_rules->framing();
        const QString framing = f.kind == Framing::Kind::Line ? tr("line framing")
                : f.kind == Framing::Kind::Length ? tr("%1-byte length framing").arg(f.width)
                : f.kind == Framing::Kind::Fixed  ? tr("messages of %1 bytes").arg(f.size)
                                                  : tr("each read is a message");
        m_status->setText(tr("%n rule(s), %1; the first that matches answers", "",
                             int(m_rules->rules().size()))
                                  .arg(framing));
        p.setColor(QPalette::WindowText, palette().color(QPalette::WindowText));
    } else {
        m_status->setText(m_error);
        p.setColor(QPalette::WindowText, QColor(0xb0, 0x00, 0x20));
    }
    m_status->setPalette(p);
}

void RulesEditor::markLine(int line)
{
    QList<QTextEdit::ExtraSelection> marks;
    if (line > 0) {
        QTextEdit::ExtraSelection mark;
        mark.format.setBackground(QColor(0xff, 0xd7, 0xd7));
        mark.format.setProperty(QTextFormat::FullWidthSelection, true);
        mark.cursor = QTextCursor(m_edit->document()->findBlockByNumber(line - 1));
        marks << mark;
    }
    m_edit->setExtraSelections(marks);
}

void RulesEditor::load()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load reply rules"), QString(),
                                                      tr("Rules (*.rules);;All files (*)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() > (1 << 20)) {
        m_status->setText(tr("%1: %2").arg(
                path, file.size() > (1 << 20) ? tr("larger than 1 MiB") : file.errorString()));
        return;
    }
    m_edit->setPlainText(QString::fromUtf8(file.readAll()));
}

} // namespace sb
