#pragma once

#include "ui/wiremodel.h"

#include <cstdint>
#include <vector>

namespace sb {

/// How time maps to pixels. Events closer than nsPerPx share a row (and their arrows between
/// the same lifelines collapse into one "N messages" arrow); rows further apart get at least
/// minGapPx, so every label has room, and at most maxGapPx, past which a break marks the
/// skipped time. Between the two, the gap grows with the time elapsed. A row whose arrows
/// start and end on it gets one track per arrow, in the order they were sent.
struct WireLayoutParams
{
    int64_t nsPerPx = 2000;
    int minGapPx = 36;
    int maxGapPx = 150;
    int topMarginPx = 28;
    int bottomMarginPx = 36;
    /// Arrows that start and end on one row (a request and its reply at a coarse zoom) each
    /// get a track of their own, this far below the one before, instead of being drawn on top
    /// of one another as one double-headed arrow.
    int trackGapPx = 24;
    /// The two layers: the calls (messages, connects, marks) and the packets beneath them.
    /// What is hidden is not laid out at all: the rows close up.
    bool showCalls = true;
    bool showPackets = true;
    /// The least gap above a row where only packets start (their labels are smaller);
    /// 0: minGapPx.
    int segmentGapPx = 0;
};

/// The chart of a WireModel at one zoom, in pixels down from the top of the chart: the
/// lifelines shown (left to right), the arrows and marks (aggregated), the time of each row
/// and the breaks. A value: the view paints it; tests read it. GUI thread only.
struct WireScene
{
    struct Lane
    {
        int lifeline; ///< index into WireModel::lifelines()
        int beginY;
        int endY;
        bool ended; ///< closed: drawn with a cross at endY
    };
    struct Arrow
    {
        WireItemPtr item; ///< the first item of the group
        int from = -1; ///< lane index (position in lanes)
        int to = -1; ///< lane index; -1 for a mark
        int y0 = 0;
        int y1 = 0; ///< the live edge while pending
        uint32_t count = 1; ///< items collapsed into this arrow
        uint64_t bytes = 0;
        bool pending = false;
        bool isMark() const { return to < 0; }
    };
    struct Row
    {
        int y;
        int64_t t;
    };
    struct Break
    {
        int y; ///< middle of the gap
        int64_t gapNs;
    };

    std::vector<Lane> lanes;
    std::vector<Arrow> arrows;
    std::vector<Row> rows;
    std::vector<Break> breaks;
    int height = 0;
    int64_t nsPerPx = 0;

    int laneOfLifeline(int lifeline) const;
    /// The y of the row holding time t (the first row before t's, past the end the last).
    int yOf(int64_t t) const;
    /// The time of the row at or above y.
    int64_t timeAt(int y) const;
};

WireScene layoutWire(const WireModel &model, const WireLayoutParams &params);
/// The finest zoom (a power of two, in ns per pixel) at which the chart fits heightPx.
int64_t fitNsPerPx(const WireModel &model, WireLayoutParams params, int heightPx);

} // namespace sb
