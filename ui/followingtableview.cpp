#include "ui/followingtableview.h"

#include <QHeaderView>
#include <QScrollBar>

namespace sb {

FollowingTableView::FollowingTableView(QWidget *parent)
    : QTableView(parent)
{
    verticalHeader()->hide();
    // Fixed, uniform row heights: the view never measures rows, so 20 000 rows cost nothing.
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 4);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setStretchLastSection(true);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setShowGrid(false);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this,
            &FollowingTableView::onRangeChanged);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this,
            &FollowingTableView::onValueChanged);
}

void FollowingTableView::setFollowing(bool follow)
{
    if (m_follow == follow)
        return;
    m_follow = follow;
    if (follow) {
        m_adjusting = true;
        verticalScrollBar()->setValue(verticalScrollBar()->maximum());
        m_adjusting = false;
    }
    emit followingChanged(follow);
}

void FollowingTableView::onRangeChanged(int, int max)
{
    if (!m_follow)
        return;
    m_adjusting = true;
    verticalScrollBar()->setValue(max);
    m_adjusting = false;
}

void FollowingTableView::onValueChanged(int value)
{
    if (m_adjusting)
        return;
    const bool atBottom = value >= verticalScrollBar()->maximum();
    if (atBottom != m_follow) {
        m_follow = atBottom;
        emit followingChanged(m_follow);
    }
}

} // namespace sb
