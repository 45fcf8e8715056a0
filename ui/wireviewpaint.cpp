#include "core/text/errnoinfo.h"
#include "ui/display.h"
#include "ui/wireview.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QSvgGenerator>

#include <algorithm>
#include <cmath>

// WireView's painting, labels and export; interaction and layout are in wireview.cpp.

namespace sb {
namespace {

QString relativeTime(int64_t ns)
{
    if (ns < 1'000'000)
        return QStringLiteral("+%1 µs").arg(ns / 1000);
    if (ns < 1'000'000'000)
        return QStringLiteral("+%1 ms").arg(double(ns) / 1e6, 0, 'f', 3);
    return QStringLiteral("+%1 s").arg(double(ns) / 1e9, 0, 'f', 6);
}

void drawArrowHead(QPainter &p, QPointF from, QPointF to, const QColor &color, double size = 10)
{
    const QPointF d = to - from;
    const double len = std::sqrt(QPointF::dotProduct(d, d));
    if (len < 1)
        return;
    const QPointF u = d / len;
    const QPointF n(-u.y(), u.x());
    QPolygonF head;
    head << to << to - u * size + n * size * 0.45 << to - u * size - n * size * 0.45;
    p.save();
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawPolygon(head);
    p.restore();
}

} // namespace

QString WireView::gapText(int64_t ns)
{
    if (ns < 1'000'000'000)
        return tr("%1 ms later").arg(double(ns) / 1e6, 0, 'f', 1);
    return tr("%1 s later").arg(double(ns) / 1e9, 0, 'f', 2);
}

QString WireView::arrowLabel(const WireScene::Arrow &a) const
{
    const WireItem &item = *a.item;
    const QString text = QString::fromStdString(item.text);
    switch (item.kind) {
    case WireItem::Kind::Message: {
        if (a.count > 1)
            return tr("%n messages, ", nullptr, static_cast<int>(a.count)) + sizeText(a.bytes);
        QString s = QStringLiteral("%1 B  %2").arg(item.bytes).arg(text);
        if (item.flags & MSG_OOB)
            s.prepend(QStringLiteral("OOB "));
        if (item.flags & MSG_TRUNC)
            s += tr(" (truncated)");
        return s;
    }
    case WireItem::Kind::Connect:
        return item.failed ? QStringLiteral("connect(): %1")
                                     .arg(QString::fromLatin1(
                                             errnoName(item.err) ? errnoName(item.err) : "failed"))
                           : text;
    case WireItem::Kind::Fin:
        return text == QLatin1String("FIN") ? tr("FIN → EOF") : text + tr(" → EOF");
    case WireItem::Kind::Reset:
        return tr("abort → RST");
    default:
        return a.count > 1 ? QStringLiteral("%1  ×%2").arg(text).arg(a.count) : text;
    }
}

QString WireView::arrowToolTip(const WireScene::Arrow &a) const
{
    const WireItem &item = *a.item;
    const auto &lifelines = m_model->lifelines();
    auto name = [&](int lifeline) {
        return lifeline >= 0 && lifeline < static_cast<int>(lifelines.size())
                ? lifelines[lifeline].name
                : QString();
    };
    QString tip = QStringLiteral("<b>%1</b>").arg(arrowLabel(a).toHtmlEscaped());
    if (item.isArrow())
        tip += QStringLiteral("<br>%1 → %2")
                       .arg(name(item.from).toHtmlEscaped(), name(item.to).toHtmlEscaped());
    tip += tr("<br>at %1").arg(wallClockText(item.t0));
    if (item.isArrow() && item.t1 > 0)
        tip += tr(", arrived %1 later").arg(relativeTime(item.t1 - item.t0).mid(1));
    if (a.pending)
        tip += tr("<br>not received yet");
    else if (item.failed && item.err == 0)
        tip += tr("<br>not delivered: lost, or the receiver closed first");
    if (item.err)
        tip += QStringLiteral("<br>") + errnoLine(item.err).toHtmlEscaped();
    if (a.count > 1)
        tip += tr("<br>%1 items closer than a pixel; zoom in to see them apart").arg(a.count);
    if (item.isSegment() && item.packet) {
        tip += QStringLiteral("<br><tt>%1</tt>")
                       .arg(QString::fromStdString(packetSummary(*item.packet)).toHtmlEscaped());
        if (const WireItemPtr cause = item.cause.lock())
            tip += tr("<br>caused by %1").arg(QString::fromStdString(cause->text).toHtmlEscaped());
    }
    return tip;
}

void WireView::paintEvent(QPaintEvent *)
{
    QPainter p(viewport());
    paintChart(p, horizontalScrollBar()->value(), verticalScrollBar()->value(), viewport()->size());
    if (!m_notice.isEmpty()) {
        // Over the bottom of the chart, wrapped, in the tooltip's colours.
        const QFontMetrics fm(font());
        const int width = std::max(100, viewport()->width() - 24);
        const QRect text
                = fm.boundingRect(QRect(0, 0, width - 16, 1000), Qt::TextWordWrap, m_notice);
        const QRect box(12, viewport()->height() - text.height() - 20, width, text.height() + 10);
        QColor back = palette().color(QPalette::ToolTipBase);
        back.setAlpha(235);
        p.setPen(QPen(palette().color(QPalette::Mid), 1));
        p.setBrush(back);
        p.drawRoundedRect(box, 4, 4);
        p.setPen(palette().color(QPalette::ToolTipText));
        p.drawText(box.adjusted(8, 5, -8, -5), Qt::TextWordWrap | Qt::AlignVCenter, m_notice);
    }
    if (m_paused) {
        const QString text = tr("Paused");
        const QFontMetrics fm(font());
        const QRect r(viewport()->width() - fm.horizontalAdvance(text) - 24,
                      geometry(viewport()->width()).header + 6, fm.horizontalAdvance(text) + 16,
                      fm.height() + 6);
        p.setPen(Qt::NoPen);
        p.setBrush(palette().color(QPalette::Highlight));
        p.drawRoundedRect(r, 4, 4);
        p.setPen(palette().color(QPalette::HighlightedText));
        p.drawText(r, Qt::AlignCenter, text);
    }
}

void WireView::paintChart(QPainter &p, int scrollX, int scrollY, QSize size) const
{
    const QPalette &pal = palette();
    const Geometry g = geometry(viewport()->width());
    const QFont uiFont = font();
    const QFont mono = monospaceFont();
    const QFontMetrics fm(uiFont);
    const QFontMetrics fmMono(mono);
    const QColor text = pal.color(QPalette::Text);
    QColor lineColor = text;
    lineColor.setAlpha(150);
    QColor faint = text;
    faint.setAlpha(90);
    const QColor sent = sentColor(pal);
    const QColor packet = packetColor(pal);
    const QColor error = errorColor(pal);
    const QColor highlight = pal.color(QPalette::Highlight);
    const auto &lifelines = m_model->lifelines();
    const int width = std::max(size.width(), contentWidth());

    p.fillRect(QRect(QPoint(0, 0), size), pal.color(QPalette::Base));
    p.setRenderHint(QPainter::Antialiasing);
    const int top = scrollY;
    const int bottom = scrollY + size.height() - g.header;
    auto x = [&](int lane) { return g.gutter + g.column * lane + g.column / 2; };

    p.save();
    p.setClipRect(QRect(0, g.header, size.width(), size.height() - g.header));
    p.translate(-scrollX, g.header - scrollY);

    // Gutter: the time of each row, the first one as a clock time.
    p.setFont(uiFont);
    int lastLabel = -1000000;
    for (const WireScene::Row &row : m_scene.rows) {
        if (row.y < top - 20 || row.y > bottom + 20 || row.y - lastLabel < fm.height())
            continue;
        lastLabel = row.y;
        const bool first = row.t == m_scene.rows.front().t;
        p.setPen(first ? text : lineColor);
        const QString label
                = first ? wallClockText(row.t) : relativeTime(row.t - m_scene.rows.front().t);
        p.drawText(QRect(scrollX + 4, row.y - fm.height() / 2, g.gutter - 10, fm.height()),
                   Qt::AlignRight | Qt::AlignVCenter, label);
        p.setPen(QPen(faint, 1, Qt::DotLine));
        p.drawLine(scrollX + g.gutter - 4, row.y, scrollX + g.gutter, row.y);
    }

    // Breaks: time skipped, drawn as a wavy cut across the chart.
    for (const WireScene::Break &b : m_scene.breaks) {
        if (b.y < top - 20 || b.y > bottom + 20)
            continue;
        QPainterPath wave;
        wave.moveTo(g.gutter, b.y);
        for (int xx = g.gutter; xx < width; xx += 16)
            wave.quadTo(xx + 4, b.y - 4, xx + 8, b.y), wave.quadTo(xx + 12, b.y + 4, xx + 16, b.y);
        p.setPen(QPen(faint, 1));
        p.setBrush(Qt::NoBrush);
        p.drawPath(wave);
        p.setPen(lineColor);
        p.drawText(QRect(scrollX + 4, b.y - fm.height() / 2, g.gutter - 10, fm.height()),
                   Qt::AlignRight | Qt::AlignVCenter, gapText(b.gapNs));
    }

    // Lifelines.
    for (size_t i = 0; i < m_scene.lanes.size(); ++i) {
        const WireScene::Lane &lane = m_scene.lanes[i];
        const WireLifeline &l = lifelines[lane.lifeline];
        const int lx = x(static_cast<int>(i));
        const int y0 = std::max(lane.beginY, top - 10);
        const int y1 = std::min(lane.endY, bottom + 10);
        if (y0 < y1) {
            Qt::PenStyle style = l.kind == WireLifeline::Kind::Panel ? Qt::SolidLine
                    : l.kind == WireLifeline::Kind::Connection       ? Qt::DashLine
                                                                     : Qt::DotLine;
            p.setPen(QPen(lineColor, l.kind == WireLifeline::Kind::Panel ? 2.0 : 1.5, style));
            p.drawLine(lx, y0, lx, y1);
        }
        if (lane.ended && lane.endY >= top - 10 && lane.endY <= bottom + 10) {
            p.setPen(QPen(text, 2));
            p.drawLine(lx - 6, lane.endY - 6, lx + 6, lane.endY + 6);
            p.drawLine(lx - 6, lane.endY + 6, lx + 6, lane.endY - 6);
        }
    }

    // Arrows and marks first, then their labels where they cover neither one another nor a
    // mark: a label that does not fit is tried elsewhere along its arrow, then shortened, and
    // skipped last (its tooltip still tells it).
    struct Label
    {
        QString text;
        QFont font;
        QColor color;
        bool background;
        std::vector<QPoint> anchors; ///< candidate centres (arrows) or left-middle (marks)
        int maxWidth;
        bool leftOfMark; ///< a mark's label may also go to the left of its symbol
        int markX;
    };
    std::vector<Label> labels;
    std::vector<QRect> taken;
    auto fits = [&](const QRect &r) {
        return std::none_of(taken.begin(), taken.end(),
                            [&](const QRect &t) { return t.intersects(r); });
    };
    for (size_t i = 0; i < m_scene.arrows.size(); ++i) {
        const WireScene::Arrow &a = m_scene.arrows[i];
        if (a.y1 < top - 40 || a.y0 > bottom + 40)
            continue;
        const WireItem &item = *a.item;
        const bool related
                = std::find(m_related.begin(), m_related.end(), int(i)) != m_related.end();
        const bool selected = static_cast<int>(i) == m_selected || related;
        const int x0 = x(a.from);
        if (a.isMark()) {
            QColor c = item.kind == WireItem::Kind::Error ? error : text;
            p.setPen(QPen(selected ? highlight : c, 2));
            p.setBrush(Qt::NoBrush);
            switch (item.kind) {
            case WireItem::Kind::Error:
                p.setPen(Qt::NoPen);
                p.setBrush(selected ? highlight : error);
                p.drawEllipse(QPoint(x0, a.y0), 6, 6);
                break;
            case WireItem::Kind::Close:
                p.drawLine(x0 - 6, a.y0 - 6, x0 + 6, a.y0 + 6);
                p.drawLine(x0 - 6, a.y0 + 6, x0 + 6, a.y0 - 6);
                break;
            case WireItem::Kind::Shutdown:
                p.drawLine(x0 - 9, a.y0, x0 + 9, a.y0);
                break;
            default:
                p.setPen(Qt::NoPen);
                p.setBrush(selected ? highlight : sent.darker(110));
                p.drawRect(QRect(x0 - 5, a.y0 - 5, 10, 10));
                break;
            }
            taken.push_back(QRect(x0 - 7, a.y0 - 7, 14, 14));
            QFont f = uiFont;
            f.setBold(item.kind == WireItem::Kind::Error);
            labels.push_back({arrowLabel(a),
                              f,
                              item.kind == WireItem::Kind::Error ? error : text,
                              true,
                              {QPoint(x0 + 10, a.y0)},
                              g.column - 20,
                              true,
                              x0});
            continue;
        }

        const int x1 = x(a.to);
        const bool segment = item.isSegment();
        QColor c = segment ? packet : item.kind == WireItem::Kind::Message ? sent : text;
        if (item.kind == WireItem::Kind::Reset || (item.failed && item.err != 0))
            c = error;
        if (item.failed && item.err == 0)
            c = lineColor;
        if (selected)
            c = highlight;
        const bool dashed = !segment
                && (a.pending || item.kind == WireItem::Kind::Connect
                    || item.kind == WireItem::Kind::Fin || item.kind == WireItem::Kind::Reset
                    || item.failed);
        // The packet layer is drawn thinner than the calls above it.
        const double widthPx = segment ? (selected ? 2.0 : 1.0)
                : selected             ? 3.0
                : a.count > 1          ? 2.5
                                       : 1.6;
        p.setPen(QPen(c, widthPx, dashed ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap));
        p.setBrush(Qt::NoBrush);
        QPointF start(x0, a.y0), end(x1, a.y1);
        if (a.from == a.to) {
            // To itself (a datagram sent to its own address): a loop to the right.
            QPainterPath loop;
            loop.moveTo(start);
            loop.cubicTo(x0 + 60, a.y0, x0 + 60, a.y1 + 16, x0 + 4, a.y1 + 16);
            p.drawPath(loop);
            drawArrowHead(p, QPointF(x0 + 30, a.y1 + 16), QPointF(x0 + 2, a.y1 + 16), c);
        } else {
            const double dir = x1 > x0 ? 1 : -1;
            start.rx() += dir * 3;
            end.rx() -= dir * 2;
            p.drawLine(start, end);
            if (item.failed) {
                p.setPen(QPen(c, 2));
                p.drawLine(end + QPointF(-5, -5), end + QPointF(5, 5));
                p.drawLine(end + QPointF(-5, 5), end + QPointF(5, -5));
            } else {
                drawArrowHead(p, start, end, c, segment ? 7 : 10);
            }
        }

        // The label sits above the arrow, in monospace for the bytes.
        const bool monoLabel = item.kind == WireItem::Kind::Message && a.count == 1;
        Label label {arrowLabel(a),
                     segment             ? packetFont()
                             : monoLabel ? mono
                                         : uiFont,
                     c == lineColor ? text : c,
                     true,
                     {},
                     0,
                     false,
                     x0};
        const int span = a.from == a.to ? g.column / 2 : std::abs(x1 - x0) - 24;
        label.maxWidth = std::max(span, 40);
        for (double t : {0.5, 0.3, 0.7, 0.15, 0.85}) {
            const double mx = a.from == a.to ? x0 + 40 : start.x() + (end.x() - start.x()) * t;
            const double my = start.y() + (end.y() - start.y()) * t;
            label.anchors.push_back(QPoint(int(mx), int(my)));
        }
        labels.push_back(std::move(label));
    }

    QColor back = pal.color(QPalette::Base);
    back.setAlpha(225);
    m_labelRects.clear();
    for (const Label &label : labels) {
        const QFontMetrics lfm(label.font);
        const int full = std::min(lfm.horizontalAdvance(label.text) + 6, label.maxWidth);
        // Whole first; then shortened to two thirds, a half, a third (never under 6 characters).
        const int shortest = std::min(full, lfm.horizontalAdvance(QStringLiteral("xxxxx…")) + 6);
        QRect placed;
        for (int w : {full, full * 2 / 3, full / 2, full / 3}) {
            if (w < shortest && w != full)
                continue;
            for (const QPoint &anchor : label.anchors) {
                QRect r = label.leftOfMark
                        ? QRect(anchor.x(), anchor.y() - lfm.height() / 2, w, lfm.height())
                        : QRect(anchor.x() - w / 2, anchor.y() - lfm.height() - 2, w, lfm.height());
                if (fits(r)) {
                    placed = r;
                    break;
                }
                if (label.leftOfMark) {
                    r.moveRight(label.markX - 10);
                    if (r.left() > g.gutter && fits(r)) {
                        placed = r;
                        break;
                    }
                }
            }
            if (!placed.isNull())
                break;
        }
        if (placed.isNull())
            continue;
        taken.push_back(placed);
        m_labelRects.push_back(placed);
        if (label.background)
            p.fillRect(placed, back);
        p.setFont(label.font);
        p.setPen(label.color);
        p.drawText(placed, (label.leftOfMark ? Qt::AlignLeft : Qt::AlignHCenter) | Qt::AlignVCenter,
                   lfm.elidedText(label.text, Qt::ElideRight, placed.width() - 4));
    }
    p.restore();

    // Headers last: they stay on top while the chart scrolls under them.
    p.save();
    p.fillRect(QRect(0, 0, size.width(), g.header), pal.color(QPalette::Window));
    p.translate(-scrollX, 0);
    paintHeader(p, g, width);
    p.restore();
    p.setPen(QPen(lineColor, 1));
    p.drawLine(0, g.header - 1, size.width(), g.header - 1);
}

void WireView::paintHeader(QPainter &p, const Geometry &g, int) const
{
    const QPalette &pal = palette();
    const auto &lifelines = m_model->lifelines();
    QFont bold = font();
    bold.setBold(true);
    QFont small = font();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.9));
    const QFontMetrics fb(bold);
    const QFontMetrics fs(small);
    p.setFont(small);
    p.setPen(pal.color(QPalette::WindowText));
    p.drawText(QRect(4, 0, g.gutter - 10, g.header), Qt::AlignRight | Qt::AlignVCenter,
               m_scene.lanes.empty() ? tr("no traffic yet") : tr("time"));
    for (size_t i = 0; i < m_scene.lanes.size(); ++i) {
        const WireLifeline &l = lifelines[m_scene.lanes[i].lifeline];
        const QRect box(g.gutter + g.column * static_cast<int>(i) + 6, 6, g.column - 12,
                        g.header - 12);
        const bool outside = l.kind == WireLifeline::Kind::Outside;
        p.setBrush(pal.color(l.kind == WireLifeline::Kind::Panel ? QPalette::Button
                                                                 : QPalette::AlternateBase));
        QColor border = pal.color(QPalette::WindowText);
        border.setAlpha(l.kind == WireLifeline::Kind::Panel ? 160 : 100);
        p.setPen(QPen(border, 1, outside ? Qt::DashLine : Qt::SolidLine));
        p.drawRoundedRect(box, 5, 5);
        const QRect inner = box.adjusted(6, 3, -6, -3);
        p.setFont(bold);
        p.setPen(pal.color(QPalette::ButtonText));
        p.drawText(QRect(inner.left(), inner.top(), inner.width(), fb.height()), Qt::AlignCenter,
                   fb.elidedText(l.name, Qt::ElideRight, inner.width()));
        p.setFont(small);
        QColor detail = pal.color(QPalette::ButtonText);
        detail.setAlpha(170);
        p.setPen(detail);
        p.drawText(QRect(inner.left(), inner.bottom() - fs.height(), inner.width(), fs.height()),
                   Qt::AlignCenter, fs.elidedText(l.detail, Qt::ElideMiddle, inner.width()));
    }
}

QImage WireView::renderImage() const
{
    const Geometry g = geometry(viewport()->width());
    const int chartHeight = std::min(m_scene.height, kMaxExportHeight);
    const int startY = m_scene.height - chartHeight; // the newest part when too tall
    const QSize size(std::max(contentWidth(), 320), g.header + chartHeight);
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(palette().color(QPalette::Base));
    QPainter p(&image);
    paintChart(p, 0, startY, size);
    return image;
}

QString WireView::exportPng(const QString &path) const
{
    const QImage image = renderImage();
    if (image.isNull())
        return tr("the chart is too large to render");
    if (!image.save(path, "PNG"))
        return tr("could not write %1").arg(path);
    return {};
}

QString WireView::exportSvg(const QString &path) const
{
    const Geometry g = geometry(viewport()->width());
    const int chartHeight = std::min(m_scene.height, kMaxExportHeight);
    const QSize size(std::max(contentWidth(), 320), g.header + chartHeight);
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setTitle(tr("SockBench wire view"));
    svg.setDescription(tr("Messages between SockBench's panels, time flowing down"));
    QPainter p;
    if (!p.begin(&svg))
        return tr("could not write %1").arg(path);
    paintChart(p, 0, m_scene.height - chartHeight, size);
    p.end();
    if (!QFileInfo(path).exists() || QFileInfo(path).size() == 0)
        return tr("could not write %1").arg(path);
    return {};
}

} // namespace sb
