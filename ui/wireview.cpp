#include "ui/wireview.h"

#include "core/text/errnoinfo.h"
#include "ui/display.h"

#include <QElapsedTimer>
#include <QHelpEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace sb {
namespace {

constexpr int kRelayoutMs = 40; // at most 25 layouts a second while traffic flows
constexpr int64_t kMinNsPerPx = 1;
constexpr int64_t kMaxNsPerPx = int64_t(1) << 44;
constexpr int kLabelChars = 34; // a label's length in monospace characters, preview included
constexpr int kHitPx = 6;

double distanceToSegment(QPointF p, QPointF a, QPointF b)
{
    const QPointF ab = b - a;
    const double len2 = QPointF::dotProduct(ab, ab);
    const double t = len2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / len2, 0.0, 1.0) : 0;
    const QPointF d = p - (a + t * ab);
    return std::sqrt(QPointF::dotProduct(d, d));
}

} // namespace

WireView::WireView(WireModel *model, QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_model(model)
{
    const QFontMetrics fm(font());
    const QFontMetrics mono(monospaceFont());
    m_params.minGapPx = fm.height() + mono.height() + 10;
    m_params.maxGapPx = m_params.minGapPx * 4;
    m_params.topMarginPx = m_params.minGapPx / 2 + 6;
    m_params.trackGapPx = mono.height() + 8;
    m_params.segmentGapPx = QFontMetrics(packetFont()).height() + 10;
    setMouseTracking(true);
    viewport()->setMouseTracking(true);
    viewport()->setBackgroundRole(QPalette::Base);
    m_relayoutTimer.setSingleShot(true);
    m_relayoutTimer.setInterval(kRelayoutMs);
    connect(&m_relayoutTimer, &QTimer::timeout, this, &WireView::relayout);
    connect(m_model, &WireModel::changed, this, [this] {
        // The scene's lanes index the model's lifelines: once the model is cleared (a demo
        // opened, reset or closed) the old scene points past them, and painting it would read
        // freed strings. Such a scene is replaced now, paused or not.
        if (sceneIsStale())
            relayout();
        else if (!m_paused && !m_relayoutTimer.isActive())
            m_relayoutTimer.start();
    });
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (m_adjusting)
            return;
        const bool atBottom = value >= verticalScrollBar()->maximum();
        if (atBottom != m_follow) {
            m_follow = atBottom;
            emit followingChanged(m_follow);
        }
    });
    relayout();
}

QSize WireView::sizeHint() const
{
    // The header and about five rows: a request, its reply and what came before them.
    const Geometry g = geometry(600);
    return {600, g.header + m_params.topMarginPx + m_params.minGapPx * 5};
}

QSize WireView::minimumSizeHint() const
{
    const Geometry g = geometry(200);
    return {200, g.header + m_params.topMarginPx + m_params.minGapPx * 3};
}

void WireView::setFollowing(bool follow)
{
    if (follow == m_follow)
        return;
    m_follow = follow;
    if (follow) {
        m_adjusting = true;
        verticalScrollBar()->setValue(verticalScrollBar()->maximum());
        m_adjusting = false;
    }
    emit followingChanged(follow);
}

void WireView::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    if (!paused)
        relayout();
    viewport()->update();
    emit pausedChanged(paused);
}

void WireView::setNsPerPx(int64_t nsPerPx)
{
    nsPerPx = std::clamp(nsPerPx, kMinNsPerPx, kMaxNsPerPx);
    if (nsPerPx == m_params.nsPerPx)
        return;
    m_params.nsPerPx = nsPerPx;
    relayout();
    emit zoomChanged(nsPerPx);
}

void WireView::zoomIn() { zoomBy(0.5, viewport()->height() / 2); }

void WireView::zoomOut() { zoomBy(2.0, viewport()->height() / 2); }

void WireView::zoomToFit()
{
    const Geometry g = geometry(viewport()->width());
    setNsPerPx(fitNsPerPx(*m_model, m_params, std::max(100, viewport()->height() - g.header)));
}

void WireView::zoomBy(double factor, int anchorViewportY)
{
    const Geometry g = geometry(viewport()->width());
    const int chartY = anchorViewportY - g.header + verticalScrollBar()->value();
    const int64_t anchor = m_scene.timeAt(chartY);
    setNsPerPx(static_cast<int64_t>(std::llround(double(m_params.nsPerPx) * factor)));
    if (!m_follow) {
        m_adjusting = true;
        verticalScrollBar()->setValue(m_scene.yOf(anchor) - (anchorViewportY - g.header));
        m_adjusting = false;
    }
}

bool WireView::sceneIsStale() const
{
    const int lifelines = static_cast<int>(m_model->lifelines().size());
    return std::any_of(m_scene.lanes.begin(), m_scene.lanes.end(),
                       [lifelines](const WireScene::Lane &l) { return l.lifeline >= lifelines; });
}

void WireView::relayout()
{
    m_relayoutTimer.stop();
    QElapsedTimer clock;
    clock.start();
    m_scene = layoutWire(*m_model, m_params);
    // Under a flood the chart is laid out less often, never taking over a fifth of the GUI
    // thread: a full ring takes milliseconds (tens in a debug build).
    m_relayoutTimer.setInterval(
            static_cast<int>(std::clamp<qint64>(clock.elapsed() * 5, kRelayoutMs, 1000)));
    m_selected = -1;
    if (m_selectedItem)
        for (size_t i = 0; i < m_scene.arrows.size(); ++i)
            if (m_scene.arrows[i].item == m_selectedItem)
                m_selected = static_cast<int>(i);
    findRelated();
    updateScrollBars();
    viewport()->update();
}

WireView::Geometry WireView::geometry(int width) const
{
    const QFontMetrics fm(font());
    const QFontMetrics mono(monospaceFont());
    Geometry g;
    g.gutter = fm.horizontalAdvance(QStringLiteral("00:00:00.000000")) + 20;
    const int lanes = std::max<int>(1, static_cast<int>(m_scene.lanes.size()));
    const int minColumn = mono.horizontalAdvance(QLatin1Char('x')) * kLabelChars + 24;
    g.column = std::max(minColumn, (width - g.gutter) / lanes);
    g.header = fm.height() * 2 + 22;
    return g;
}

int WireView::contentWidth() const
{
    const Geometry g = geometry(viewport()->width());
    return g.gutter + g.column * std::max<int>(1, static_cast<int>(m_scene.lanes.size()));
}

int WireView::laneX(int lane) const
{
    const Geometry g = geometry(viewport()->width());
    return g.gutter + g.column * lane + g.column / 2 - horizontalScrollBar()->value();
}

int WireView::viewportY(int chartY) const
{
    return geometry(viewport()->width()).header + chartY - verticalScrollBar()->value();
}

void WireView::updateScrollBars()
{
    const Geometry g = geometry(viewport()->width());
    const int visible = std::max(0, viewport()->height() - g.header);
    m_adjusting = true;
    verticalScrollBar()->setRange(0, std::max(0, m_scene.height - visible));
    verticalScrollBar()->setPageStep(visible);
    verticalScrollBar()->setSingleStep(m_params.minGapPx / 2);
    horizontalScrollBar()->setRange(0, std::max(0, contentWidth() - viewport()->width()));
    horizontalScrollBar()->setPageStep(viewport()->width());
    horizontalScrollBar()->setSingleStep(g.column / 4);
    if (m_follow)
        verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    m_adjusting = false;
}

void WireView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void WireView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const int steps = event->angleDelta().y() / 120;
        if (steps != 0)
            zoomBy(std::pow(2.0, -steps), static_cast<int>(event->position().y()));
        event->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

int WireView::arrowAt(const QPoint &pos) const
{
    const Geometry g = geometry(viewport()->width());
    if (pos.y() < g.header)
        return -1;
    const QPointF p(pos.x() + horizontalScrollBar()->value(),
                    pos.y() - g.header + verticalScrollBar()->value());
    auto x = [&](int lane) { return double(g.gutter + g.column * lane + g.column / 2); };
    int best = -1;
    double bestDistance = kHitPx + 1;
    for (size_t i = 0; i < m_scene.arrows.size(); ++i) {
        const WireScene::Arrow &a = m_scene.arrows[i];
        if (p.y() < a.y0 - 20 || p.y() > a.y1 + 20)
            continue;
        double d;
        if (a.isMark()) {
            // The symbol and the label to its right.
            const QRectF r(x(a.from) - 8, a.y0 - 10, g.column / 2.0 + 8, 20);
            d = r.contains(p) ? 0 : kHitPx + 1;
        } else {
            d = distanceToSegment(p, {x(a.from), double(a.y0)}, {x(a.to), double(a.y1)});
        }
        if (d < bestDistance) {
            bestDistance = d;
            best = static_cast<int>(i);
        }
    }
    return best;
}

void WireView::selectArrow(int index)
{
    if (index < 0 || index >= static_cast<int>(m_scene.arrows.size()))
        return;
    m_selected = index;
    m_selectedItem = m_scene.arrows[index].item;
    findRelated();
    viewport()->update();
    // A segment's rows in the logs are its call's.
    emit arrowSelected(m_selectedItem->sendEnd, m_selectedItem->recvEnd);
}

void WireView::findRelated()
{
    m_related.clear();
    if (m_selected < 0 || !m_selectedItem)
        return;
    std::vector<const WireItem *> related;
    if (m_selectedItem->isSegment()) {
        if (const WireItemPtr cause = m_selectedItem->cause.lock())
            related.push_back(cause.get());
    } else {
        for (const WireItemPtr &segment : m_model->segmentsOf(m_selectedItem.get()))
            related.push_back(segment.get());
    }
    if (related.empty())
        return;
    for (size_t i = 0; i < m_scene.arrows.size(); ++i)
        if (std::find(related.begin(), related.end(), m_scene.arrows[i].item.get())
            != related.end())
            m_related.push_back(static_cast<int>(i));
}

void WireView::setNotice(const QString &notice)
{
    if (notice == m_notice)
        return;
    m_notice = notice;
    viewport()->update();
}

void WireView::setLayers(bool calls, bool packets)
{
    if (calls == m_params.showCalls && packets == m_params.showPackets)
        return;
    m_params.showCalls = calls;
    m_params.showPackets = packets;
    relayout();
}

void WireView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        const int hit = arrowAt(event->position().toPoint());
        if (hit >= 0)
            selectArrow(hit);
    }
    QAbstractScrollArea::mousePressEvent(event);
}

bool WireView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int hit = arrowAt(help->pos());
        if (hit >= 0)
            QToolTip::showText(help->globalPos(), arrowToolTip(m_scene.arrows[hit]), viewport());
        else
            QToolTip::hideText();
        return true;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

} // namespace sb
