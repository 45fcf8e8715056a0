#include "ui/demostage.h"

#include "ui/followingtableview.h"
#include "ui/logmodel.h"
#include "ui/logview.h"
#include "ui/tracemodel.h"
#include "ui/traceview.h"

#include <QFrame>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace sb {

namespace {

/// About 30 characters of a call or of the data: narrower, the columns go.
int minimumBoxWidth() { return QFontMetrics(QFont()).averageCharWidth() * 30 + 40; }

} // namespace

DemoStage::DemoStage(QWidget *parent)
    : QWidget(parent)
    , m_scroll(new QScrollArea)
    , m_canvas(new QWidget)
    , m_grid(new QGridLayout(m_canvas))
{
    m_grid->setContentsMargins(4, 4, 4, 4);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidget(m_canvas);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_scroll);
}

QWidget *DemoStage::panelWidget(int index) const
{
    return m_views.at(static_cast<size_t>(index)).widget;
}

int DemoStage::fittingColumns() const
{
    const int count = static_cast<int>(m_views.size());
    // Up to three panels in one row (a client-server dialog reads left to right), then two
    // rows; fewer columns when the screen is narrow.
    const int wanted = count <= 3 ? std::max(count, 1) : (count + 1) / 2;
    int box = minimumBoxWidth();
    for (const View &view : m_views)
        box = std::max(box, view.widget->minimumSizeHint().width() + m_grid->horizontalSpacing());
    const int room = width() - m_scroll->verticalScrollBar()->sizeHint().width();
    return std::clamp(room / box, 1, wanted);
}

void DemoStage::placePanels()
{
    m_columns = fittingColumns();
    for (const View &view : m_views)
        m_grid->removeWidget(view.widget);
    for (int c = 0; c < m_grid->columnCount(); ++c)
        m_grid->setColumnStretch(c, 0);
    for (size_t i = 0; i < m_views.size(); ++i) {
        const int index = static_cast<int>(i);
        m_grid->addWidget(m_views[i].widget, index / m_columns, index % m_columns);
        m_grid->setColumnStretch(index % m_columns, 1);
    }
}

void DemoStage::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (!m_views.empty() && fittingColumns() != m_columns)
        QTimer::singleShot(0, this, [this] {
            if (fittingColumns() != m_columns)
                placePanels();
        });
}

QString DemoStage::panelName(int index) const
{
    return m_views.at(static_cast<size_t>(index)).name;
}

TraceModel *DemoStage::traceModel(int index) const
{
    return m_views.at(static_cast<size_t>(index)).trace;
}

LogModel *DemoStage::logModel(int index) const
{
    return m_views.at(static_cast<size_t>(index)).log;
}

int DemoStage::indexOf(const QString &name) const
{
    for (size_t i = 0; i < m_views.size(); ++i)
        if (m_views[i].name == name)
            return static_cast<int>(i);
    return -1;
}

void DemoStage::setScript(const DemoScript &script)
{
    for (View &view : m_views)
        delete view.widget;
    m_views.clear();
    m_byEndpoint.clear();
    const int count = static_cast<int>(script.panels.size());
    for (int i = 0; i < count; ++i) {
        const DemoPanel &panel = script.panels[static_cast<size_t>(i)];
        View view;
        view.name = QString::fromStdString(panel.name);
        auto *box = new QFrame(m_canvas);
        box->setFrameShape(QFrame::StyledPanel);
        box->setObjectName(QStringLiteral("demoPanel_") + view.name);
        auto *layout = new QVBoxLayout(box);
        layout->setContentsMargins(4, 4, 4, 4);
        const QString kind = panel.kind == DemoPanel::Kind::Raw ? tr("system calls, one per step")
                : panel.role == Role::Server                    ? tr("server")
                : panel.role == Role::Relay                     ? tr("fault relay")
                : panel.role == Role::Datagram                  ? tr("datagram socket")
                                                                : tr("client");
        auto *title
                = new QLabel(QStringLiteral("<b>%1</b> &nbsp;<span style='color:gray'>%2</span>")
                                     .arg(view.name.toHtmlEscaped(), kind.toHtmlEscaped()),
                             box);
        QFont font = title->font();
        font.setPointSizeF(font.pointSizeF() * 1.4);
        title->setFont(font);
        layout->addWidget(title);
        auto *split = new QSplitter(Qt::Vertical, box);
        view.trace = new TraceModel(box);
        view.log = new LogModel(box);
        view.traceView = new TraceView(view.trace, split);
        split->addWidget(view.traceView);
        auto *logView = new LogView(view.log, split);
        split->addWidget(logView);
        // On a projector the calls and the bytes matter, not the microseconds: the room goes
        // to the System call and Data columns.
        view.traceView->table()->setColumnHidden(TraceModel::TimeColumn, true);
        logView->table()->setColumnHidden(LogModel::TimeColumn, true);
        split->setStretchFactor(0, 1);
        split->setStretchFactor(1, 1);
        layout->addWidget(split, 1);
        // A few rows of calls and of data stay in view, however many panels: below that the
        // stage scrolls.
        const int row = view.traceView->table()->verticalHeader()->defaultSectionSize();
        view.traceView->table()->setMinimumHeight(row * 5);
        logView->table()->setMinimumHeight(row * 4);
        view.widget = box;
        m_views.push_back(view);
    }
    placePanels();
}

void DemoStage::clear()
{
    for (View &view : m_views) {
        view.trace->clear();
        view.log->clear();
        view.traceView->refresh();
    }
    m_byEndpoint.clear();
}

int DemoStage::viewFor(const DemoEntry &entry)
{
    const QString name = QString::fromStdString(entry.panel);
    int index = indexOf(name);
    if (index < 0 && name.contains(QLatin1Char('#')))
        index = indexOf(name.section(QLatin1Char('#'), 0, 0));
    if (index >= 0) {
        if (entry.event.endpoint != 0)
            m_byEndpoint.emplace(entry.event.endpoint, index);
        return index;
    }
    // An alias (accept ... as conn): the socket lives in the panel whose endpoint made it.
    const auto it = m_byEndpoint.find(entry.event.endpoint);
    return it == m_byEndpoint.end() ? -1 : it->second;
}

void DemoStage::addEntries(const std::vector<DemoEntry> &entries)
{
    std::vector<std::vector<Event>> batches(m_views.size());
    for (const DemoEntry &entry : entries) {
        if (entry.panel.empty())
            continue; // the player's own notes show in the player dock
        const int index = viewFor(entry);
        if (index < 0)
            continue;
        View &view = m_views[static_cast<size_t>(index)];
        if (entry.panel != view.name.toStdString() && entry.event.conn != 0)
            view.log->setConnLabel(entry.event.conn, QString::fromStdString(entry.panel));
        batches[static_cast<size_t>(index)].push_back(entry.event);
    }
    for (size_t i = 0; i < batches.size(); ++i) {
        if (batches[i].empty())
            continue;
        m_views[i].trace->addEvents(batches[i]);
        m_views[i].log->addEvents(batches[i]);
        m_views[i].traceView->refresh(); // the counts and the latest failure's explanation
    }
}

} // namespace sb
