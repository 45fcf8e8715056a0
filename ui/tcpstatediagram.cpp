#include "ui/tcpstatediagram.h"

#include <QPainter>
#include <QPainterPath>

#include <array>
#include <cmath>

namespace sb {
namespace {

// The figure's own coordinates: painted scaled to the widget.
constexpr qreal kWidth = 560;
constexpr qreal kHeight = 400;
constexpr qreal kBoxW = 108;
constexpr qreal kBoxH = 25;

// Box 11 is the second CLOSED, where the RFC ends a connection.
constexpr int kBoxCount = 12;
constexpr int kClosedAfter = 11;

struct Box
{
    TcpState state;
    QPointF center;
};

constexpr qreal kLeft = 58, kMid = 280, kRight = 502;
constexpr qreal kRow[] = {26, 84, 142, 200, 258, 316, 380};

const std::array<Box, kBoxCount> kBoxes {{
        {TcpState::Closed, {kMid, kRow[0]}},
        {TcpState::Listen, {kMid, kRow[1]}},
        {TcpState::SynRecv, {kLeft, kRow[2]}},
        {TcpState::SynSent, {kRight, kRow[2]}},
        {TcpState::Established, {kMid, kRow[3]}},
        {TcpState::FinWait1, {kLeft, kRow[4]}},
        {TcpState::CloseWait, {kRight, kRow[4]}},
        {TcpState::FinWait2, {kLeft, kRow[5]}},
        {TcpState::Closing, {kMid, kRow[5]}},
        {TcpState::LastAck, {kRight, kRow[5]}},
        {TcpState::TimeWait, {kMid, kRow[6]}},
        {TcpState::Closed, {kRight, kRow[6]}},
}};

struct Edge
{
    int from; ///< box index
    int to;
    std::vector<QPointF> points; ///< the polyline, ending at the arrow head
    const char *label; ///< event, then "\n" and action
    QPointF labelAt;
    int align; ///< Qt::Alignment of the label around labelAt
};

constexpr int R = Qt::AlignRight, L = Qt::AlignLeft, H = Qt::AlignHCenter, T = Qt::AlignTop,
              B = Qt::AlignBottom, V = Qt::AlignVCenter;

const std::vector<Edge> &edges()
{
    const qreal hw = kBoxW / 2, hh = kBoxH / 2;
    static const std::vector<Edge> all = {
            {0,
             1,
             {{kMid - 14, kRow[0] + hh}, {kMid - 14, kRow[1] - hh}},
             QT_TRANSLATE_NOOP("sb::TcpStateDiagram", "passive open"),
             {kMid - 20, (kRow[0] + kRow[1]) / 2},
             R | V},
            {1,
             0,
             {{kMid + 14, kRow[1] - hh}, {kMid + 14, kRow[0] + hh}},
             QT_TRANSLATE_NOOP("sb::TcpStateDiagram", "close"),
             {kMid + 20, (kRow[0] + kRow[1]) / 2},
             L | V},
            {0,
             3,
             {{kMid + hw, kRow[0] - 6}, {kRight + 30, kRow[0] - 6}, {kRight + 30, kRow[2] - hh}},
             QT_TRANSLATE_NOOP("sb::TcpStateDiagram", "active open / snd SYN"),
             {(kMid + hw + kRight + 30) / 2, kRow[0] - 8},
             H | B},
            {3,
             0,
             {{kRight - 20, kRow[2] - hh}, {kRight - 20, kRow[0] + 6}, {kMid + hw, kRow[0] + 6}},
             QT_TRANSLATE_NOOP("sb::TcpStateDiagram", "close"),
             {kRight - 26, kRow[0] + 22},
             R | T},
            {1,
             3,
             {{kMid + hw, kRow[1] + 4}, {kRight - hw + 8, kRow[2] - hh}},
             QT_TRANSLATE_NOOP("sb::TcpStateDiagram", "send\nsnd SYN"),
             {kMid + hw + 34, kRow[1] + 10},
             L | T},
            {1,
             2,
             {{kMid - hw, kRow[1] + 4}, {kLeft + hw - 8, kRow[2] - hh}},
             QT_TRANSLATE_NOOP("sb::TcpStateDiagram", "rcv SYN\nsnd SYN,ACK"),
             {kMid - hw - 34, kRow[1] + 10},
             R | T},
            {2,
             1,
             {{kLeft - 20, kRow[2] - hh}, {kLeft - 20, kRow[1]}, {kMid - hw, kRow[1]}},
             QT_TRANSLATE_NOOP("sb::TcpStateDiagram", "rcv RST"),
             {kLeft - 14, kRow[1] - 2},
             L | B},
            {3,
             2,
             {{kRight - hw, kRow[2]}, {kLeft + hw, kRow[2]}},
             QT_TRANSLATE_NOOP("sb::TcpStateDiagram", "rcv SYN / snd SYN,ACK"),
             {kMid, kRow[2] - 2},
             H | B},
            {2,
             4,
             {{kLeft + hw - 10, kRow[2] + hh}, {kMid - hw + 10, kRow[3] - hh}},
             QT_TRANSLATE_NOOP("sb::TcpStateDiagram", "rcv ACK of SYN"),
             {kLeft + hw + 36, kRow[2] + hh + 2},
             L | T},
            {3,
             4,
             {{kRight - hw + 10, kRow[2] + hh}, {kMid + hw - 10, kRow[3] - hh}},
             QT_TRANSLATE_NOOP("sb::TcpStateDiagram", "rcv SYN,ACK\nsnd ACK"),
             {kRight - hw + 4, kRow[2] + hh + 6},
             L | T},
            {2,
             5,
             {{kLeft - 20, kRow[2] + hh}, {kLeft - 20, kRow[4] - hh}},
             QT_TRANSLATE_NOOP("sb::TcpStateDiagram", "close\nsnd FIN"),
             {kLeft - 10, (kRow[2] + kRow[4]) / 2 + 4},
             L | V},
            {4,
             5,
             {{kMid - hw, kRow[3] + 6}, {kLeft + hw, kRow[4] - 6}},
             QT_TRANSLATE_NOOP("sb::TcpStateDiagram", "close\nsnd FIN"),
             {kMid - hw - 20, kRow[3] + 26},
             L | T},
            {4,
             6,
             {{kMid + hw, kRow[3] + 6}, {kRight - hw, kRow[4] - 6}},
             QT_TRANSLATE_NOOP("sb::TcpStateDiagram", "rcv FIN\nsnd ACK"),
             {kMid + hw + 36, kRow[3] + 30},
             R | T},
            {5,
             7,
             {{kLeft - 20, kRow[4] + hh}, {kLeft - 20, kRow[5] - hh}},
             QT_TRANSLATE_NOOP("sb::TcpStateDiagram", "rcv ACK of FIN"),
             {kLeft - 10, (kRow[4] + kRow[5]) / 2},
             L | V},
            {5,
             8,
             {{kLeft + hw, kRow[4] + 6}, {kMid - hw, kRow[5] - 6}},
             QT_TRANSLATE_NOOP("sb::TcpStateDiagram", "rcv FIN\nsnd ACK"),
             {kMid - 30, kRow[4] + 4},
             L | T},
            {6,
             9,
             {{kRight, kRow[4] + hh}, {kRight, kRow[5] - hh}},
             QT_TRANSLATE_NOOP("sb::TcpStateDiagram", "close\nsnd FIN"),
             {kRight - 6, (kRow[4] + kRow[5]) / 2},
             R | V},
            {7,
             10,
             {{kLeft, kRow[5] + hh}, {kLeft, kRow[6]}, {kMid - hw, kRow[6]}},
             QT_TRANSLATE_NOOP("sb::TcpStateDiagram", "rcv FIN\nsnd ACK"),
             {kLeft + 6, kRow[6] - 4},
             L | B},
            {8,
             10,
             {{kMid, kRow[5] + hh}, {kMid, kRow[6] - hh}},
             QT_TRANSLATE_NOOP("sb::TcpStateDiagram", "rcv ACK of FIN"),
             {kMid + 6, (kRow[5] + kRow[6]) / 2},
             L | V},
            {9,
             11,
             {{kRight, kRow[5] + hh}, {kRight, kRow[6] - hh}},
             QT_TRANSLATE_NOOP("sb::TcpStateDiagram", "rcv ACK of FIN"),
             {kRight - 6, (kRow[5] + kRow[6]) / 2},
             R | V},
            {10,
             11,
             {{kMid + hw, kRow[6]}, {kRight - hw, kRow[6]}},
             QT_TRANSLATE_NOOP("sb::TcpStateDiagram", "2MSL timeout"),
             {(kMid + kRight) / 2, kRow[6] - 3},
             H | B},
    };
    return all;
}

/// The box a state is drawn in: CLOSED is the top box before a connection and the bottom one
/// after it.
int boxOf(TcpState state, bool afterConnection)
{
    if (state == TcpState::Closed)
        return afterConnection ? kClosedAfter : 0;
    for (int i = 0; i < kBoxCount; ++i)
        if (kBoxes[static_cast<size_t>(i)].state == state)
            return i;
    return 0;
}

bool endsConnection(TcpState from)
{
    return from != TcpState::Closed && from != TcpState::Listen && from != TcpState::SynSent;
}

QRectF boxRect(int box)
{
    const QPointF c = kBoxes[static_cast<size_t>(box)].center;
    return {c.x() - kBoxW / 2, c.y() - kBoxH / 2, kBoxW, kBoxH};
}

/// Where the segment from a (inside a box) to b leaves that box.
QPointF borderPoint(const QRectF &r, QPointF a, QPointF b)
{
    const QPointF d = b - a;
    qreal t = 1;
    if (d.x() != 0)
        t = std::min(t, std::abs((d.x() > 0 ? r.right() - a.x() : a.x() - r.left()) / d.x()));
    if (d.y() != 0)
        t = std::min(t, std::abs((d.y() > 0 ? r.bottom() - a.y() : a.y() - r.top()) / d.y()));
    return a + d * t;
}

void drawArrow(QPainter &p, const std::vector<QPointF> &points, qreal head)
{
    QPainterPath path(points.front());
    for (size_t i = 1; i < points.size(); ++i)
        path.lineTo(points[i]);
    p.drawPath(path);
    const QPointF tip = points.back();
    const QPointF from = points[points.size() - 2];
    const qreal angle = std::atan2(tip.y() - from.y(), tip.x() - from.x());
    const QPointF a = tip - QPointF(std::cos(angle - 0.45), std::sin(angle - 0.45)) * head;
    const QPointF b = tip - QPointF(std::cos(angle + 0.45), std::sin(angle + 0.45)) * head;
    p.save();
    p.setBrush(p.pen().color());
    p.setPen(Qt::NoPen);
    p.drawPolygon(QPolygonF {tip, a, b});
    p.restore();
}

// The middle of the last segment, the one that carries the arrow head: the labels stand beside
// the arrows' other parts.
QPointF midPoint(const std::vector<QPointF> &points)
{
    return (points[points.size() - 1] + points[points.size() - 2]) / 2;
}

} // namespace

TcpStateDiagram::TcpStateDiagram(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setToolTip(tr("RFC 9293's TCP state diagram: the state now is lit, the path the "
                  "connection took is drawn thicker, numbered as in the list below."));
}

void TcpStateDiagram::setPath(const std::vector<TcpStep> &path, std::optional<TcpState> current)
{
    m_path = path;
    m_current = current;
    update();
}

void TcpStateDiagram::setInactive(bool inactive)
{
    m_inactive = inactive;
    update();
}

QSize TcpStateDiagram::sizeHint() const { return {int(kWidth), int(kHeight)}; }

// Below about 70% of its size the labels' letters get too small to read.
QSize TcpStateDiagram::minimumSizeHint() const { return {int(kWidth * 0.66), int(kHeight * 0.66)}; }

int TcpStateDiagram::heightForWidth(int width) const
{
    return static_cast<int>(width * kHeight / kWidth);
}

void TcpStateDiagram::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal scale = std::min(width() / kWidth, height() / kHeight);
    p.translate((width() - kWidth * scale) / 2, (height() - kHeight * scale) / 2);
    p.scale(scale, scale);

    const QPalette &pal = palette();
    const QColor text
            = pal.color(m_inactive ? QPalette::Disabled : QPalette::Active, QPalette::WindowText);
    QColor line = text;
    line.setAlphaF(0.55);
    const QColor pathColor = m_inactive ? line : QColor(0x1f, 0x6f, 0xd0);
    const QColor lit(0xf0, 0xa0, 0x20);
    QColor visited = pathColor;
    visited.setAlphaF(0.16);
    // Pixel sizes in the figure's coordinates: the scale makes them the screen's.
    QFont font = this->font();
    font.setPixelSize(13);
    QFont small = font;
    small.setPixelSize(12);
    p.setFont(small);

    // Which arrows (and boxes) the path went through, and the steps of each arrow.
    const auto &all = edges();
    std::vector<QStringList> edgeSteps(all.size());
    struct Loose
    {
        int from, to, step;
    };
    std::vector<Loose> loose; // steps with no arrow of the figure
    std::array<bool, kBoxCount> seen {};
    for (size_t i = 0; i < m_path.size(); ++i) {
        const TcpStep &s = m_path[i];
        const int from = boxOf(s.from, false);
        const int to = boxOf(s.to, endsConnection(s.from));
        seen[static_cast<size_t>(from)] = seen[static_cast<size_t>(to)] = true;
        if (s.from == s.to)
            continue;
        bool drawn = false;
        for (size_t e = 0; e < all.size(); ++e)
            if (all[e].from == from && all[e].to == to) {
                edgeSteps[e] << QString::number(i + 1);
                drawn = true;
            }
        if (!drawn)
            loose.push_back({from, to, static_cast<int>(i + 1)});
    }
    int currentBox = -1;
    if (m_current) {
        const bool after = !m_path.empty() && *m_current == TcpState::Closed
                && endsConnection(m_path.back().from);
        currentBox = boxOf(*m_current, after);
    }

    // Arrows: the figure's in thin lines, the path's thick.
    for (size_t e = 0; e < all.size(); ++e) {
        const bool onPath = !edgeSteps[e].isEmpty();
        p.setPen(QPen(onPath ? pathColor : line, onPath ? 2.6 : 1));
        drawArrow(p, all[e].points, onPath ? 9 : 7);
        const QString label = tr(all[e].label);
        QFont f = small;
        f.setBold(onPath);
        p.setFont(f);
        QRectF at(all[e].labelAt, QSizeF(0, 0));
        const QRectF bounds = p.fontMetrics().boundingRect(QRect(), 0, label);
        const int a = all[e].align;
        at.setWidth(bounds.width() + 2);
        at.setHeight(bounds.height());
        at.moveLeft(a & R           ? at.left() - at.width()
                            : a & H ? at.left() - at.width() / 2
                                    : at.left());
        at.moveTop(a & B ? at.top() - at.height() : a & V ? at.top() - at.height() / 2 : at.top());
        p.setPen(onPath ? pathColor : text);
        p.drawText(at, int(a & (L | R | H)) | Qt::AlignVCenter, label);
        p.setFont(small);
    }
    p.setPen(QPen(pathColor, 2.6, Qt::DashLine));
    for (const Loose &l : loose) {
        const QRectF a = boxRect(l.from), b = boxRect(l.to);
        const QPointF start = borderPoint(a, a.center(), b.center());
        const QPointF end = borderPoint(b, b.center(), a.center());
        drawArrow(p, {start, end}, 9);
    }

    // Boxes.
    for (int i = 0; i < kBoxCount; ++i) {
        const QRectF r = boxRect(i);
        const bool isCurrent = i == currentBox && !m_inactive;
        p.setPen(QPen(isCurrent                 ? lit.darker(160)
                              : seen[size_t(i)] ? pathColor
                                                : line,
                      isCurrent                 ? 2.6
                              : seen[size_t(i)] ? 1.8
                                                : 1.2));
        p.setBrush(isCurrent ? lit : seen[size_t(i)] ? visited : pal.color(QPalette::Base));
        p.drawRoundedRect(r, 5, 5);
        QFont f = font;
        f.setBold(isCurrent || seen[size_t(i)]);
        p.setFont(f);
        p.setPen(isCurrent ? QColor(Qt::black) : text);
        p.drawText(r, Qt::AlignCenter, QString::fromLatin1(ssStateName(kBoxes[size_t(i)].state)));
    }

    // Step numbers, in discs on the path's arrows.
    QFont numberFont = small;
    numberFont.setBold(true);
    p.setFont(numberFont);
    const auto disc = [&](QPointF at, const QString &number) {
        const qreal w = std::max<qreal>(16, p.fontMetrics().horizontalAdvance(number) + 8);
        const QRectF r(at.x() - w / 2, at.y() - 8, w, 16);
        p.setPen(Qt::NoPen);
        p.setBrush(pathColor);
        p.drawRoundedRect(r, 8, 8);
        p.setPen(Qt::white);
        p.drawText(r, Qt::AlignCenter, number);
    };
    for (size_t e = 0; e < all.size(); ++e)
        if (!edgeSteps[e].isEmpty())
            disc(midPoint(all[e].points), edgeSteps[e].join(QLatin1Char(',')));
    for (const Loose &l : loose) {
        const QRectF a = boxRect(l.from), b = boxRect(l.to);
        disc((a.center() + b.center()) / 2, QString::number(l.step));
    }
}

} // namespace sb
