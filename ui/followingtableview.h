#pragma once

#include <QTableView>

namespace sb {

/// A table for fast-growing logs: uniform row heights, no row header, and auto-scroll that
/// follows new rows only while the person is at the bottom (scrolling up stops it, scrolling
/// back down resumes it). GUI thread only.
class FollowingTableView : public QTableView
{
    Q_OBJECT
public:
    explicit FollowingTableView(QWidget *parent = nullptr);

    bool isFollowing() const { return m_follow; }
    void setFollowing(bool follow);

signals:
    void followingChanged(bool following);

private:
    void onRangeChanged(int min, int max);
    void onValueChanged(int value);

    bool m_follow = true;
    bool m_adjusting = false;
};

} // namespace sb
