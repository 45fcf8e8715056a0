#pragma once

#include "ui/wirelayout.h"
#include "ui/wiremodel.h"

#include <QAbstractScrollArea>
#include <QImage>
#include <QTimer>

#include <vector>

namespace sb {

/// The sequence chart of a WireModel, painted: lifeline headers fixed on top, time flowing
/// down, arrows labelled with length and an escaped preview, marks for set-up, FIN, close and
/// errors. Follows the newest items (until the person scrolls up), can be paused (the chart
/// stops changing while the model keeps recording), zooms in time (Ctrl+wheel) and selects an
/// arrow on click. Paints only what is in view. GUI thread only.
class WireView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    explicit WireView(WireModel *model, QWidget *parent = nullptr);

    WireModel *model() const { return m_model; }
    const WireScene &scene() const { return m_scene; }

    bool isFollowing() const { return m_follow; }
    bool isPaused() const { return m_paused; }
    int64_t nsPerPx() const { return m_params.nsPerPx; }
    void setNsPerPx(int64_t nsPerPx);

    /// Index into scene().arrows of the arrow (or mark) under a viewport point, or -1.
    int arrowAt(const QPoint &viewportPos) const;
    int selectedArrow() const { return m_selected; }
    /// Selects an arrow and emits arrowSelected.
    void selectArrow(int index);
    /// What the selection brings out with it (indexes into scene().arrows): a call's
    /// segments, or the call that caused a selected segment.
    const std::vector<int> &relatedArrows() const { return m_related; }
    bool showsCalls() const { return m_params.showCalls; }
    bool showsPackets() const { return m_params.showPackets; }
    /// A sentence drawn over the bottom of the chart (why there are no packets); empty: none.
    /// Painted, not a widget: it never changes the dock's size.
    void setNotice(const QString &notice);
    const QString &notice() const { return m_notice; }
    /// Where a lane's line runs, in viewport coordinates (tests click on arrows with it).
    int laneX(int lane) const;
    /// The viewport y of a chart y.
    int viewportY(int chartY) const;

    /// Where the last paint put its arrow and mark labels (chart coordinates): none overlaps.
    const std::vector<QRect> &labelRects() const { return m_labelRects; }
    /// Tall enough for a handful of rows: the chart is readable as soon as its dock opens.
    QSize sizeHint() const override;
    /// The header and three rows: squeezed below that the chart shows nothing readable.
    QSize minimumSizeHint() const override;

    /// The whole chart (up to kMaxExportHeight pixels of it, then the part in view) as an image.
    QImage renderImage() const;
    /// "" on success, else what went wrong.
    QString exportPng(const QString &path) const;
    QString exportSvg(const QString &path) const;
    static constexpr int kMaxExportHeight = 30000;
    /// The gutter's text for time skipped at a break: "15.77 s later".
    static QString gapText(int64_t ns);

public slots:
    void setFollowing(bool follow);
    void setPaused(bool paused);
    void zoomIn();
    void zoomOut();
    void zoomToFit();
    /// Lays the chart out again now (the model changed, the zoom changed).
    void relayout();
    /// Which layers are drawn: the calls, the packets beneath them, or both.
    void setLayers(bool calls, bool packets);

signals:
    void followingChanged(bool following);
    void pausedChanged(bool paused);
    void zoomChanged(qint64 nsPerPx);
    /// A person clicked an arrow: the rows of both ends in the panels' logs.
    void arrowSelected(const sb::WireEnd &sendEnd, const sb::WireEnd &recvEnd);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    struct Geometry
    {
        int gutter;
        int column;
        int header;
    };
    Geometry geometry(int width) const;
    int contentWidth() const;
    void updateScrollBars();
    /// The scene names lifelines the model no longer has (it was cleared since the layout).
    bool sceneIsStale() const;
    void paintChart(QPainter &p, int scrollX, int scrollY, QSize size) const;
    void paintHeader(QPainter &p, const Geometry &g, int width) const;
    QString arrowLabel(const WireScene::Arrow &a) const;
    QString arrowToolTip(const WireScene::Arrow &a) const;
    void zoomBy(double factor, int anchorViewportY);
    void findRelated();

    WireModel *m_model;
    WireScene m_scene;
    WireLayoutParams m_params;
    QTimer m_relayoutTimer;
    bool m_follow = true;
    bool m_paused = false;
    bool m_adjusting = false;
    int m_selected = -1;
    WireItemPtr m_selectedItem;
    std::vector<int> m_related;
    QString m_notice;
    mutable std::vector<QRect> m_labelRects;
};

} // namespace sb
