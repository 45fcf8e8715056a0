#include "ui/panelarea.h"

#include "ui/endpointpanel.h"
#include "ui/panelheader.h"

#include <QActionGroup>
#include <QApplication>
#include <QEvent>
#include <QLabel>
#include <QMenu>
#include <QPointer>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace sb {
namespace {

const QString kModeKey = QStringLiteral("panels/layout");

QString modeName(PanelArea::Mode mode)
{
    return mode == PanelArea::Mode::Tabs ? QStringLiteral("tabs") : QStringLiteral("tiles");
}

} // namespace

PanelArea::PanelArea(QWidget *parent)
    : QWidget(parent)
    , m_scroll(new QScrollArea)
    , m_menu(new QMenu(tr("Panel &layout"), this))
    , m_modeGroup(new QActionGroup(this))
{
    m_empty = new QLabel(tr("<h3>No sockets open</h3>"
                            "<p>Open one with <b>Socket › New socket…</b> (Ctrl+N) or a preset "
                            "of the toolbar: a TCP server and a TCP client side by side is the "
                            "usual start.</p>"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    // The area scrolls rather than crushing panels or widening the window: its own minimum
    // size is small whatever the panels need.
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_empty);
    layout->addWidget(m_scroll);

    QAction *tiles = m_menu->addAction(tr("&Tiles (double-click a panel's header to maximise it)"));
    QAction *tabs = m_menu->addAction(tr("T&abs (one panel at a time)"));
    tiles->setObjectName(QStringLiteral("panelLayoutTiles"));
    tabs->setObjectName(QStringLiteral("panelLayoutTabs"));
    tiles->setData(static_cast<int>(Mode::Tiles));
    tabs->setData(static_cast<int>(Mode::Tabs));
    for (QAction *a : {tiles, tabs}) {
        a->setCheckable(true);
        m_modeGroup->addAction(a);
    }
    connect(m_modeGroup, &QActionGroup::triggered, this,
            [this](QAction *a) { setMode(static_cast<Mode>(a->data().toInt())); });

    m_mode = QSettings().value(kModeKey).toString() == modeName(Mode::Tabs) ? Mode::Tabs
                                                                            : Mode::Tiles;
    (m_mode == Mode::Tabs ? tabs : tiles)->setChecked(true);
    layoutPanels();
}

int PanelArea::columnsFor(int count)
{
    if (count <= 3)
        return std::max(1, count);
    return static_cast<int>(std::ceil(std::sqrt(static_cast<double>(count))));
}

int PanelArea::minimumTileWidth()
{
    // About 40 characters: a log's time, direction and a useful part of the data.
    return QFontMetrics(QFont()).averageCharWidth() * 40 + 40;
}

void PanelArea::addPanel(EndpointPanel *panel)
{
    m_panels.push_back(panel);
    // A double-click on the header maximises the panel (and restores it): the header's labels
    // pass the click on to it.
    panel->header()->installEventFilter(this);
    layoutPanels();
}

void PanelArea::removePanel(EndpointPanel *panel)
{
    std::erase(m_panels, panel);
    panel->header()->removeEventFilter(this);
    if (m_maximised == panel)
        m_maximised = nullptr;
    panel->hide();
    panel->setParent(nullptr);
    layoutPanels();
}

void PanelArea::setMode(Mode mode)
{
    QSettings().setValue(kModeKey, modeName(mode));
    for (QAction *a : m_modeGroup->actions())
        if (a->data().toInt() == static_cast<int>(mode))
            a->setChecked(true);
    if (mode == m_mode)
        return;
    m_mode = mode;
    m_maximised = nullptr;
    layoutPanels();
}

void PanelArea::setMaximised(EndpointPanel *panel)
{
    if (m_mode != Mode::Tiles || panel == m_maximised)
        return;
    m_maximised = panel;
    layoutPanels();
}

void PanelArea::showPanel(EndpointPanel *panel)
{
    if (!panel)
        return;
    if (m_mode == Mode::Tabs && m_tabs) {
        m_tabs->setCurrentWidget(panel);
    } else if (m_maximised && m_maximised != panel) {
        setMaximised(panel);
    } else if (m_rows && panel->visibleRegion().isEmpty()) {
        // Only a panel scrolled out of view: one clicked in part stays under the mouse.
        m_scroll->ensureWidgetVisible(panel, 0, 0);
    }
}

void PanelArea::retile()
{
    m_maximised = nullptr;
    layoutPanels();
}

int PanelArea::fittingColumns() const
{
    const int count = static_cast<int>(m_panels.size());
    int tile = minimumTileWidth();
    for (EndpointPanel *p : m_panels)
        tile = std::max(tile, p->minimumSizeHint().width());
    // The vertical scroll bar may come: count without its width, so the columns stay put.
    const int room = width() - m_scroll->verticalScrollBar()->sizeHint().width();
    return std::clamp(room / std::max(tile, 1), 1, columnsFor(count));
}

void PanelArea::layoutPanels()
{
    // Hiding the panel that holds the focus would pass it on to a field of another panel,
    // making that one current (and showing it, which lays the panels out again from inside
    // this). The focus waits on the area meanwhile and goes back where it was.
    QPointer<QWidget> focus = QApplication::focusWidget();
    if (focus && isAncestorOf(focus))
        setFocus(Qt::OtherFocusReason);
    else
        focus = nullptr;
    rebuild();
    if (focus && focus->isVisible())
        focus->setFocus(Qt::OtherFocusReason);
}

void PanelArea::rebuild()
{
    // Panels are moved out of the old containers before those go, so none is deleted with them.
    for (EndpointPanel *p : m_panels) {
        p->hide();
        p->setParent(this);
    }
    if (m_scroll->widget())
        delete m_scroll->takeWidget();
    m_rows = nullptr;
    if (m_tabs) {
        layout()->removeWidget(m_tabs);
        delete m_tabs;
        m_tabs = nullptr;
    }
    m_columns = 0;
    m_empty->setVisible(m_panels.empty());
    m_scroll->setVisible(!m_panels.empty() && m_mode == Mode::Tiles);
    if (m_panels.empty())
        return;
    if (m_mode == Mode::Tabs)
        buildTabs();
    else
        buildTiles();
}

void PanelArea::buildTiles()
{
    m_rows = new QSplitter(Qt::Vertical);
    m_rows->setChildrenCollapsible(false);
    if (m_maximised) {
        m_rows->addWidget(m_maximised);
        m_maximised->show();
        m_columns = 1;
    } else {
        m_columns = fittingColumns();
        QSplitter *row = nullptr;
        for (size_t i = 0; i < m_panels.size(); ++i) {
            if (i % static_cast<size_t>(m_columns) == 0) {
                row = new QSplitter(Qt::Horizontal);
                row->setChildrenCollapsible(false);
                m_rows->addWidget(row);
            }
            row->addWidget(m_panels[i]);
            m_panels[i]->show();
        }
        for (int r = 0; r < m_rows->count(); ++r) {
            auto *split = static_cast<QSplitter *>(m_rows->widget(r));
            split->setSizes(QList<int>(split->count(), 1000));
        }
        m_rows->setSizes(QList<int>(m_rows->count(), 1000));
    }
    m_scroll->setWidget(m_rows);
}

void PanelArea::buildTabs()
{
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("panelTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setUsesScrollButtons(true);
    m_tabs->setElideMode(Qt::ElideRight);
    for (EndpointPanel *p : m_panels) {
        m_tabs->addTab(p, p->title());
        p->show();
    }
    m_tabs->setCurrentIndex(m_tabs->count() - 1);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (auto *panel = qobject_cast<EndpointPanel *>(m_tabs->widget(index)))
            emit panelShown(panel);
    });
    static_cast<QVBoxLayout *>(layout())->addWidget(m_tabs, 1);
}

bool PanelArea::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::MouseButtonDblClick && m_mode == Mode::Tiles) {
        for (EndpointPanel *p : m_panels) {
            if (p->header() != watched)
                continue;
            // Deferred: the panel is reparented, which must not happen inside its own event.
            QTimer::singleShot(0, this, [this, p] {
                if (std::find(m_panels.begin(), m_panels.end(), p) != m_panels.end())
                    setMaximised(m_maximised == p ? nullptr : p);
            });
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void PanelArea::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // More or fewer columns fit now: laid out again once the resize is over.
    if (m_mode == Mode::Tiles && !m_maximised && !m_panels.empty() && fittingColumns() != m_columns)
        QTimer::singleShot(0, this, [this] {
            if (m_mode == Mode::Tiles && !m_maximised && fittingColumns() != m_columns)
                layoutPanels();
        });
}

} // namespace sb
