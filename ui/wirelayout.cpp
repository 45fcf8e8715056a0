#include "ui/wirelayout.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace sb {

int WireScene::laneOfLifeline(int lifeline) const
{
    for (size_t i = 0; i < lanes.size(); ++i)
        if (lanes[i].lifeline == lifeline)
            return static_cast<int>(i);
    return -1;
}

int WireScene::yOf(int64_t t) const
{
    if (rows.empty())
        return 0;
    auto it = std::upper_bound(rows.begin(), rows.end(), t,
                               [](int64_t v, const Row &r) { return v < r.t; });
    if (it == rows.begin())
        return rows.front().y;
    return std::prev(it)->y;
}

int64_t WireScene::timeAt(int y) const
{
    if (rows.empty())
        return 0;
    auto it = std::upper_bound(rows.begin(), rows.end(), y,
                               [](int v, const Row &r) { return v < r.y; });
    if (it == rows.begin())
        return rows.front().t;
    return std::prev(it)->t;
}

WireScene layoutWire(const WireModel &model, const WireLayoutParams &params)
{
    WireScene scene;
    scene.nsPerPx = std::max<int64_t>(params.nsPerPx, 1);
    // The layers shown: everything below reads this copy of the items.
    std::vector<WireItemPtr> items;
    items.reserve(model.items().size());
    for (const WireItemPtr &item : model.items())
        if (item->isSegment() ? params.showPackets : params.showCalls)
            items.push_back(item);
    const auto &lifelines = model.lifelines();

    // Lanes: every lifeline an item names, and the panels and connections still alive.
    std::vector<char> used(lifelines.size(), 0);
    for (const WireItemPtr &item : items) {
        if (item->from >= 0)
            used[item->from] = 1;
        if (item->to >= 0)
            used[item->to] = 1;
    }
    for (size_t i = 0; i < lifelines.size() && params.showCalls; ++i)
        if (lifelines[i].kind != WireLifeline::Kind::Outside && lifelines[i].endNs == 0)
            used[i] = 1;
    std::vector<int> order;
    for (size_t i = 0; i < lifelines.size(); ++i)
        if (used[i])
            order.push_back(static_cast<int>(i));
    // Panels in the order they were opened, each server's connections after it, peers outside
    // the workbench on the right.
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        const WireLifeline &la = lifelines[a], &lb = lifelines[b];
        const bool oa = la.kind == WireLifeline::Kind::Outside;
        const bool ob = lb.kind == WireLifeline::Kind::Outside;
        if (oa != ob)
            return ob;
        if (oa)
            return a < b;
        return std::tie(la.endpoint, la.conn) < std::tie(lb.endpoint, lb.conn);
    });
    std::vector<int> laneOf(lifelines.size(), -1);
    for (int lifeline : order) {
        laneOf[lifeline] = static_cast<int>(scene.lanes.size());
        scene.lanes.push_back({lifeline, 0, 0, false});
    }

    // Rows: every time something happened, merged when closer than a pixel.
    std::vector<int64_t> times;
    times.reserve(items.size() * 2 + order.size());
    for (const WireItemPtr &item : items) {
        times.push_back(item->t0);
        if (item->t1 > 0)
            times.push_back(item->t1);
    }
    const int64_t first = items.empty() ? 0 : items.front()->t0;
    for (int lifeline : order)
        if (lifelines[lifeline].endNs >= first && lifelines[lifeline].endNs > 0)
            times.push_back(lifelines[lifeline].endNs);
    std::sort(times.begin(), times.end());
    std::vector<int64_t> rowTimes;
    for (int64_t t : times)
        if (rowTimes.empty() || t - rowTimes.back() >= scene.nsPerPx)
            rowTimes.push_back(t);
    auto rowOf = [&](int64_t t) {
        const auto it = std::upper_bound(rowTimes.begin(), rowTimes.end(), t);
        return it == rowTimes.begin() ? 0 : static_cast<int>(it - rowTimes.begin()) - 1;
    };

    // Segments of different flags are different arrows: a SYN and the ACK after it between
    // the same two lanes never collapse into "2 segments".
    const auto kindKey = [](const WireItem &item) {
        return item.isSegment() && item.packet
                ? 1000 + int(item.packet->proto) * 256 + item.packet->tcpFlags
                : static_cast<int>(item.kind);
    };
    // A row where only packets start may sit closer to the one above (smaller labels).
    std::vector<char> onlySegments(rowTimes.size(), 1);
    for (const WireItemPtr &item : items)
        if (!item->isSegment()) {
            onlySegments[static_cast<size_t>(rowOf(item->t0))] = 0;
            if (item->t1 > 0)
                onlySegments[static_cast<size_t>(rowOf(item->t1))] = 0;
        }
    const int segmentGap = params.segmentGapPx > 0 ? params.segmentGapPx : params.minGapPx;

    // Tracks: within a row, what starts there (marks, arrows) goes one below the other in the
    // order it happened, one track per kind and lanes (the key arrows collapse by). So a
    // request and its reply that fall on one row are two arrows, the second under the first,
    // never one double-headed arrow; and a mark is not drawn above what came before it.
    using Key = std::tuple<int, int, int, bool>;
    std::vector<std::map<Key, int>> tracks(rowTimes.size());
    std::vector<std::vector<int64_t>> trackStart(rowTimes.size());
    std::vector<int> itemTrack(items.size(), 0);
    for (size_t i = 0; i < items.size(); ++i) {
        const WireItem &item = *items[i];
        if (item.from < 0)
            continue;
        const size_t r0 = static_cast<size_t>(rowOf(item.t0));
        const Key key {kindKey(item), item.from, item.isArrow() ? item.to : -1, item.failed};
        const auto [it, added] = tracks[r0].try_emplace(key, static_cast<int>(tracks[r0].size()));
        if (added)
            trackStart[r0].push_back(
                    trackStart[r0].empty() ? item.t0 : std::max(item.t0, trackStart[r0].back()));
        itemTrack[i] = it->second;
    }
    int y = params.topMarginPx;
    for (size_t r = 0; r < rowTimes.size(); ++r) {
        if (r > 0) {
            const int extra = std::max<int>(0, static_cast<int>(tracks[r - 1].size()) - 1)
                    * params.trackGapPx;
            const int64_t gap = rowTimes[r] - rowTimes[r - 1];
            const int64_t px = gap / scene.nsPerPx;
            if (px > params.maxGapPx) {
                scene.breaks.push_back({y + extra + params.maxGapPx / 2, gap});
                y += extra + params.maxGapPx;
            } else {
                const int least = onlySegments[r] ? segmentGap : params.minGapPx;
                y += extra + static_cast<int>(std::max<int64_t>(px, least));
            }
        }
        scene.rows.push_back({y, rowTimes[r]});
    }
    if (!tracks.empty())
        y += std::max<int>(0, static_cast<int>(tracks.back().size()) - 1) * params.trackGapPx;
    const bool anyPending = std::any_of(items.begin(), items.end(),
                                        [](const WireItemPtr &i) { return i->pending(); });
    const int liveEdge = y + (anyPending ? params.minGapPx : 0);
    scene.height = liveEdge + params.bottomMarginPx;

    // Where something that happened at t sits: on its row, at the first track that started
    // at or after it (an arrival is drawn where what it caused leaves from).
    auto yAt = [&](int64_t t) {
        if (scene.rows.empty())
            return 0;
        const size_t r = static_cast<size_t>(rowOf(t));
        const auto &starts = trackStart[r];
        const auto k = std::lower_bound(starts.begin(), starts.end(), t) - starts.begin();
        const int track = static_cast<int>(
                std::min<ptrdiff_t>(k, std::max<ptrdiff_t>(0, ptrdiff_t(starts.size()) - 1)));
        return scene.rows[r].y + track * params.trackGapPx;
    };
    for (WireScene::Lane &lane : scene.lanes) {
        const WireLifeline &l = lifelines[lane.lifeline];
        lane.beginY = l.beginNs > first ? yAt(l.beginNs) : 0;
        lane.ended = l.endNs > 0;
        lane.endY = lane.ended ? yAt(l.endNs) : scene.height;
    }

    // Arrows: one per item, except that items of one kind between the same two lanes that
    // start on the same row collapse into one.
    std::map<Key, size_t> open;
    int openRow = -1;
    for (size_t index = 0; index < items.size(); ++index) {
        const WireItemPtr &item = items[index];
        if (item->from < 0)
            continue;
        const int row = scene.yOf(item->t0);
        const int y0 = row + itemTrack[index] * params.trackGapPx;
        if (row != openRow) {
            open.clear();
            openRow = row;
        }
        const int from = laneOf[item->from];
        const int to = item->to >= 0 ? laneOf[item->to] : -1;
        const bool pending = item->pending();
        const bool flat = item->isArrow() && !pending && rowOf(item->t1) == rowOf(item->t0);
        const int y1 = !item->isArrow() || flat ? y0 : pending ? liveEdge : yAt(item->t1);
        const Key key {kindKey(*item), from, to, item->failed};
        if (const auto it = open.find(key); it != open.end()) {
            WireScene::Arrow &a = scene.arrows[it->second];
            ++a.count;
            a.bytes += item->bytes;
            a.pending = a.pending || pending;
            a.y1 = std::max(a.y1, y1);
            continue;
        }
        WireScene::Arrow a;
        a.item = item;
        a.from = from;
        a.to = item->isArrow() ? to : -1;
        a.y0 = y0;
        a.y1 = std::max(y0, y1);
        a.bytes = item->bytes;
        a.pending = pending;
        open.emplace(key, scene.arrows.size());
        scene.arrows.push_back(std::move(a));
    }
    return scene;
}

int64_t fitNsPerPx(const WireModel &model, WireLayoutParams params, int heightPx)
{
    int lo = 0, hi = 45; // 1 ns .. 9.7 hours per pixel
    // A view too small for the whole chart gets the finest zoom at which it is as short as it
    // gets, not the coarsest one (where nothing shows apart and the zoom reads in hours).
    params.nsPerPx = int64_t(1) << hi;
    heightPx = std::max(heightPx, layoutWire(model, params).height);
    while (lo < hi) {
        const int mid = (lo + hi) / 2;
        params.nsPerPx = int64_t(1) << mid;
        if (layoutWire(model, params).height <= heightPx)
            hi = mid;
        else
            lo = mid + 1;
    }
    return int64_t(1) << lo;
}

} // namespace sb
