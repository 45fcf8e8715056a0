#include "ui/wiredock.h"

#include "ui/corebridge.h"
#include "ui/wireview.h"

#include <QAction>
#include <QActionGroup>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace sb {

WireDock::WireDock(CoreBridge *bridge, QWidget *parent)
    : QDockWidget(tr("Wire"), parent)
    , m_model(new WireModel(this))
    , m_bridge(bridge)
{
    setObjectName(QStringLiteral("wireDock"));
    m_model->attach(bridge);
    // The packet layer: the bridge captures the workbench's packets when it may.
    bridge->enableCapture();
    m_view = new WireView(m_model);
    m_view->setToolTip(QString());

    auto *bar = new QToolBar;
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->setIconSize(QSize(16, 16));
    m_follow = bar->addAction(tr("Follow"));
    m_follow->setCheckable(true);
    m_follow->setChecked(true);
    m_follow->setToolTip(tr("Keep the newest messages in view. Scrolling up stops it."));
    connect(m_follow, &QAction::toggled, m_view, &WireView::setFollowing);
    connect(m_view, &WireView::followingChanged, m_follow, &QAction::setChecked);
    m_pause = bar->addAction(tr("Pause"));
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("Freeze the chart to look at it; traffic is still recorded and "
                           "shows again on resume"));
    connect(m_pause, &QAction::toggled, m_view, &WireView::setPaused);
    bar->addSeparator();
    QAction *zoomIn = bar->addAction(tr("Zoom in"), m_view, &WireView::zoomIn);
    zoomIn->setToolTip(tr("Spread events further apart in time (Ctrl+wheel)"));
    QAction *zoomOut = bar->addAction(tr("Zoom out"), m_view, &WireView::zoomOut);
    zoomOut->setToolTip(tr("Bring events closer; arrows closer than a pixel collapse into one "
                           "\"N messages\" arrow (Ctrl+wheel)"));
    QAction *fit = bar->addAction(tr("Fit"), m_view, &WireView::zoomToFit);
    fit->setToolTip(tr("The zoom at which everything recorded fits the view"));
    bar->addSeparator();
    auto *layers = new QActionGroup(this);
    m_callsOnly = bar->addAction(tr("Calls"));
    m_callsOnly->setToolTip(tr("Draw only the system calls and the messages they carry"));
    m_packetsOnly = bar->addAction(tr("Packets"));
    m_packetsOnly->setToolTip(tr("Draw only the packets captured on lo (flags, sequence "
                                 "numbers, lengths)"));
    m_both = bar->addAction(tr("Both"));
    m_both->setToolTip(tr("Draw the calls with the packets each one caused beneath it"));
    for (QAction *a : {m_callsOnly, m_packetsOnly, m_both}) {
        a->setCheckable(true);
        layers->addAction(a);
        connect(a, &QAction::toggled, this, &WireDock::applyLayers);
    }
    m_both->setChecked(true);
    bar->addSeparator();
    QAction *clear = bar->addAction(tr("Clear"), m_model, &WireModel::clear);
    clear->setToolTip(tr("Forget the chart drawn so far"));
    QAction *exportAction = bar->addAction(tr("Export…"), this, &WireDock::exportWithDialog);
    exportAction->setToolTip(tr("Save the chart as a PNG image or an SVG drawing"));
    m_status = new QLabel;
    m_status->setContentsMargins(8, 0, 4, 0);
    auto *spacer = new QWidget;
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    bar->addWidget(m_status);

    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(bar);
    layout->addWidget(m_view, 1);
    setWidget(content);

    connect(m_view, &WireView::arrowSelected, this, &WireDock::arrowSelected);
    connect(m_model, &WireModel::changed, this, &WireDock::updateStatus);
    connect(m_view, &WireView::zoomChanged, this, &WireDock::updateStatus);
    updateStatus();
}

void WireDock::applyLayers()
{
    m_view->setLayers(!m_packetsOnly->isChecked(), !m_callsOnly->isChecked());
}

QString WireDock::packetNotice() const
{
    if (m_bridge && !m_bridge->capturing() && !m_bridge->captureProblem().empty())
        return tr("No packets are drawn: %1")
                .arg(QString::fromStdString(m_bridge->captureProblem()));
    if (m_model->onlyUnixSockets() && !m_model->hasPackets())
        return tr("UNIX sockets put no packets on the wire: only their calls are drawn.");
    return {};
}

void WireDock::updateStatus()
{
    m_view->setNotice(packetNotice());
    QString text = tr("%n item(s)", nullptr, static_cast<int>(m_model->items().size()));
    const uint64_t dropped = m_model->droppedItems();
    if (dropped)
        text += tr(", %L1 older ones dropped").arg(dropped);
    if (m_model->droppedEvents())
        text += tr(", %L1 events lost in a flood").arg(m_model->droppedEvents());
    const double us = double(m_view->nsPerPx()) / 1000.0;
    text += us < 1000      ? tr("  ·  %1 µs/px").arg(us, 0, 'g', 3)
            : us < 1000000 ? tr("  ·  %1 ms/px").arg(us / 1000.0, 0, 'g', 3)
                           : tr("  ·  %1 s/px").arg(us / 1e6, 0, 'f', 1);
    m_status->setText(text);
}

QString WireDock::exportTo(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("svg"))
        return m_view->exportSvg(path);
    if (suffix == QLatin1String("png"))
        return m_view->exportPng(path);
    return tr("unknown format \"%1\": the name must end in .png or .svg").arg(suffix);
}

void WireDock::exportWithDialog()
{
    QString filter;
    const QString path = QFileDialog::getSaveFileName(
            this, tr("Export the wire chart"), QStringLiteral("wire.png"),
            tr("PNG image (*.png);;SVG drawing (*.svg)"), &filter);
    if (path.isEmpty())
        return;
    QString target = path;
    if (QFileInfo(path).suffix().isEmpty())
        target += filter.contains(QLatin1String("svg")) ? QStringLiteral(".svg")
                                                        : QStringLiteral(".png");
    const QString error = exportTo(target);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export failed"), error);
}

} // namespace sb
