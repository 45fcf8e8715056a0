#include "ui/faultsview.h"

#include "core/text/faulttext.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace sb {

FaultsView::FaultsView(bool datagrams, const FaultPlan &up, const FaultPlan &down, QWidget *parent)
    : QWidget(parent)
    , m_datagrams(datagrams)
    , m_plans {up, down}
{
    auto *inner = new QWidget;
    auto *grid = new QGridLayout(inner);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(2, 1);
    auto *upTitle = new QLabel(tr("<b>Up</b> (client → target)"));
    auto *downTitle = new QLabel(tr("<b>Down</b> (target → client)"));
    grid->addWidget(upTitle, 0, 1);
    grid->addWidget(downTitle, 0, 2);
    const QString ms = tr(" ms");
    if (!datagrams) {
        addNumber(grid, QStringLiteral("chop"), tr("Chop into pieces of"), 65536, tr(" B"),
                  tr("Each piece of at most this many bytes is its own send(), a gap apart, so "
                     "the peer's recv() gets pieces: recv is not a message. 0: off"));
        addNumber(grid, QStringLiteral("chop-gap"), tr("Gap between pieces"), 3600000, ms,
                  tr("How long the relay waits between two pieces of a chop"));
        addNumber(grid, QStringLiteral("coalesce"), tr("Coalesce up to"), 16 << 20, tr(" B"),
                  tr("Gathers until this many bytes (or 100 ms after the first) and sends them "
                     "in one send(): several sends arrive as one recv. 0: off"));
    } else {
        addNumber(grid, QStringLiteral("drop"), tr("Drop"), 100, tr(" %"),
                  tr("The chance that a datagram is read and not forwarded"));
        addNumber(grid, QStringLiteral("duplicate"), tr("Duplicate"), 100, tr(" %"),
                  tr("The chance that a datagram is forwarded twice"));
        addNumber(grid, QStringLiteral("reorder"), tr("Reorder"), 100, tr(" %"),
                  tr("The chance that a datagram is held back and forwarded after the next "
                     "one"));
    }
    addNumber(grid, QStringLiteral("delay"), tr("Delay"), 3600000, ms,
              tr("Everything leaves this long after it arrived"));
    addNumber(grid, QStringLiteral("throttle"), tr("Throttle to"), 1000000000, tr(" kB/s"),
              tr("At most this many thousand bytes per second. 0: off"));
    if (!datagrams) {
        addFlag(grid, QStringLiteral("stall"), tr("Stall"),
                tr("Stop forwarding and stop reading: the sender's buffers fill and its sends "
                   "block"));
        addFlag(grid, QStringLiteral("close"), tr("Close"),
                tr("Send what is held, then shutdown(SHUT_WR) the destination: the peer reads "
                   "end of file"));
        addNumber(grid, QStringLiteral("reset-after"), tr("Reset after"), 2000000000, tr(" B"),
                  tr("Once this many bytes went on, both legs close with SO_LINGER {1, 0}: both "
                     "peers get a RST. 0: off"));
    } else {
        addNumber(grid, QStringLiteral("seed"), tr("Random seed"), 2000000000, QString(),
                  tr("The same seed makes the same choices: a run can be repeated"));
    }
    const int row = grid->rowCount();
    for (int d = 0; d < 2; ++d) {
        m_summaries[d] = new QLabel;
        m_summaries[d]->setWordWrap(true);
        m_summaries[d]->setForegroundRole(QPalette::PlaceholderText);
        grid->addWidget(m_summaries[d], row, 1 + d);
    }
    if (!datagrams) {
        m_reset = new QPushButton(tr("Reset every connection now"));
        m_reset->setToolTip(tr("SO_LINGER {1, 0} and close on both legs of every client: both "
                               "peers see ECONNRESET"));
        connect(m_reset, &QPushButton::clicked, this, &FaultsView::resetRequested);
        grid->addWidget(m_reset, row + 1, 0, 1, 3, Qt::AlignLeft);
    }
    grid->setRowStretch(grid->rowCount(), 1);

    auto *scroll = new QScrollArea;
    scroll->setWidget(inner);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
    load(0);
    load(1);
}

void FaultsView::addNumber(QGridLayout *grid, const QString &key, const QString &label, int max,
                           const QString &suffix, const QString &tip)
{
    const int r = grid->rowCount();
    auto *name = new QLabel(label);
    name->setToolTip(tip);
    grid->addWidget(name, r, 0);
    Row row {key, {}};
    for (int d = 0; d < 2; ++d) {
        auto *box = new QSpinBox;
        box->setRange(0, max);
        box->setSuffix(suffix);
        box->setToolTip(tip);
        box->setObjectName(key + (d == 0 ? QStringLiteral("-up") : QStringLiteral("-down")));
        if (key != QLatin1String("chop-gap") && key != QLatin1String("seed"))
            box->setSpecialValueText(tr("off"));
        box->setKeyboardTracking(false); // a value is applied when typed in full
        connect(box, &QSpinBox::valueChanged, this, [this, d] { collect(d); });
        grid->addWidget(box, r, 1 + d);
        row.editors[d] = box;
    }
    m_rows.push_back(row);
}

void FaultsView::addFlag(QGridLayout *grid, const QString &key, const QString &label,
                         const QString &tip)
{
    const int r = grid->rowCount();
    Row row {key, {}};
    for (int d = 0; d < 2; ++d) {
        auto *box = new QCheckBox(label);
        box->setToolTip(tip);
        box->setObjectName(key + (d == 0 ? QStringLiteral("-up") : QStringLiteral("-down")));
        connect(box, &QCheckBox::toggled, this, [this, d] { collect(d); });
        grid->addWidget(box, r, 1 + d);
        row.editors[d] = box;
    }
    m_rows.push_back(row);
}

QWidget *FaultsView::editor(const QString &fault, RelayDir dir) const
{
    for (const Row &row : m_rows) {
        if (row.key == fault)
            return row.editors[index(dir)];
    }
    return nullptr;
}

void FaultsView::load(int dir)
{
    m_loading = true;
    const FaultPlan &p = m_plans[dir];
    for (const Row &row : m_rows) {
        QWidget *w = row.editors[dir];
        const std::string key = row.key.toStdString();
        if (auto *check = qobject_cast<QCheckBox *>(w)) {
            check->setChecked(key == "stall" ? p.stall : p.close);
            continue;
        }
        auto *box = static_cast<QSpinBox *>(w);
        const uint64_t v = key == "chop" ? p.chop
                : key == "chop-gap"      ? uint64_t(p.chopGapMs)
                : key == "coalesce"      ? p.coalesceBytes
                : key == "delay"         ? uint64_t(p.delayMs)
                : key == "throttle"      ? p.throttleBps / 1000
                : key == "reset-after"   ? p.resetAfter
                : key == "drop"          ? p.dropPercent
                : key == "duplicate"     ? p.duplicatePercent
                : key == "reorder"       ? p.reorderPercent
                                         : p.seed;
        box->setValue(int(std::min<uint64_t>(v, uint64_t(box->maximum()))));
    }
    m_summaries[dir]->setText(QString::fromStdString(describePlan(p)));
    m_loading = false;
}

void FaultsView::collect(int dir)
{
    if (m_loading)
        return;
    FaultPlan p = m_plans[dir];
    for (const Row &row : m_rows) {
        QWidget *w = row.editors[dir];
        const std::string key = row.key.toStdString();
        if (auto *check = qobject_cast<QCheckBox *>(w)) {
            (key == "stall" ? p.stall : p.close) = check->isChecked();
            continue;
        }
        const auto v = uint64_t(static_cast<QSpinBox *>(w)->value());
        if (key == "chop")
            p.chop = size_t(v);
        else if (key == "chop-gap")
            p.chopGapMs = int(v);
        else if (key == "coalesce") {
            p.coalesceBytes = v >= 2 ? size_t(v) : 0; // one byte gathers nothing
            p.coalesceMs = p.coalesceBytes ? 100 : 0;
        } else if (key == "delay")
            p.delayMs = int(v);
        else if (key == "throttle")
            p.throttleBps = v * 1000;
        else if (key == "reset-after")
            p.resetAfter = v;
        else if (key == "drop")
            p.dropPercent = unsigned(v);
        else if (key == "duplicate")
            p.duplicatePercent = unsigned(v);
        else if (key == "reorder")
            p.reorderPercent = unsigned(v);
        else if (key == "seed")
            p.seed = v;
    }
    if (p == m_plans[dir])
        return;
    m_plans[dir] = p;
    m_summaries[dir]->setText(QString::fromStdString(describePlan(p)));
    emit faultsChanged(dir == 0 ? RelayDir::Up : RelayDir::Down, p);
}

} // namespace sb
