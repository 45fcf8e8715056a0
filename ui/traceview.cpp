#include "ui/traceview.h"

#include "core/text/trace.h"
#include "ui/display.h"
#include "ui/followingtableview.h"
#include "ui/payloadcopy.h"
#include "ui/tracemodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QSplitter>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

namespace sb {

TraceView::TraceView(TraceModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    m_table = new FollowingTableView;
    m_table->setModel(model);
    m_table->setFont(monospaceFont());
    m_table->verticalHeader()->setDefaultSectionSize(QFontMetrics(monospaceFont()).height() + 4);
    const QFontMetrics fm(monospaceFont());
    m_table->horizontalHeader()->resizeSection(
            TraceModel::TimeColumn, fm.horizontalAdvance(QStringLiteral("00:00:00.000000")) + 12);
    m_table->horizontalHeader()->resizeSection(TraceModel::ConnColumn,
                                               fm.horizontalAdvance(QStringLiteral("Conn")) + 16);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);

    m_counts = new QLabel;
    auto *clear = new QToolButton;
    clear->setText(tr("Clear"));
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_counts, 1);
    bar->addWidget(clear);

    // The table elides a long call in the middle; the pane shows it whole, wrapped.
    m_detail = new QTextBrowser;
    m_detail->setObjectName(QStringLiteral("traceDetail"));
    m_detail->setOpenLinks(false);
    m_detail->setFrameShape(QFrame::StyledPanel);
    m_detail->setMinimumHeight(fm.height() * 2 + 8);
    m_detail->hide();

    m_split = new QSplitter(Qt::Vertical);
    m_split->setChildrenCollapsible(false);
    m_split->addWidget(m_table);
    m_split->addWidget(m_detail);
    m_split->setStretchFactor(0, 3);
    m_split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_split, 1);

    connect(clear, &QToolButton::clicked, this, [this] {
        m_model->clear();
        showDetail(-1);
        refresh();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showDetail(current.row()); });
    connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu *menu = contextMenuAt(pos);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_table->viewport()->mapToGlobal(pos));
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { showDetail(-1); });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, [this] {
        // Rows leave from the top of the ring: the shown one has moved, or gone.
        const QModelIndex current = m_table->currentIndex();
        showDetail(current.isValid() ? current.row() : -1);
    });
    refresh();
}

QMenu *TraceView::contextMenuAt(const QPoint &pos)
{
    auto *menu = new QMenu(this);
    const QModelIndex at = m_table->indexAt(pos);
    if (!at.isValid()) {
        menu->addAction(tr("&Copy call"))->setEnabled(false);
        addPayloadCopyActions(menu, {});
        return menu;
    }
    m_table->setCurrentIndex(at);
    // A copy of the record: the ring may drop the row while the menu is open.
    const TraceRecord record = m_model->record(at.row());
    const QString line = TraceModel::callText(record);
    QAction *copy = menu->addAction(tr("&Copy call"), menu, [line] { copyToClipboard(line); });
    copy->setObjectName(QStringLiteral("copyCall"));
    const std::string_view carried = TraceModel::carriedBytes(record);
    addPayloadCopyActions(menu,
                          carried.empty()
                                  ? QList<QByteArray>()
                                  : QList<QByteArray> {QByteArray(
                                          carried.data(), static_cast<qsizetype>(carried.size()))});
    if (record.addr.valid()) {
        const QString peer = QString::fromStdString(record.addr.toString());
        menu->addSeparator();
        QAction *filter = menu->addAction(tr("&Filter the log by this address (%1)").arg(peer),
                                          this, [this, peer] { emit logFilterRequested(peer); });
        filter->setObjectName(QStringLiteral("filterByPeer"));
    }
    emit contextMenuRequested(menu, record);
    return menu;
}

QString TraceView::detailText() const
{
    return m_detail->isHidden() ? QString() : m_detail->toPlainText();
}

QString TraceView::explanation() const { return m_explanation; }

void TraceView::refresh()
{
    m_counts->setText(
            tr("%L1 calls shown, %L2 failed").arg(m_model->rowCount()).arg(m_model->failures()));
    // Only a new failure changes what is shown: the flood of good calls costs no scan.
    if (m_table->currentIndex().isValid() || m_model->failures() == m_explainedFailures)
        return;
    m_explainedFailures = m_model->failures();
    // With nothing selected, the newest failure explains itself.
    for (int row = m_model->rowCount() - 1; row >= 0; --row) {
        if (m_model->data(m_model->index(row, 0), TraceModel::FailedRole).toBool()) {
            showDetail(row);
            return;
        }
    }
    showDetail(-1);
}

void TraceView::showDetail(int row)
{
    if (row < 0 || row >= m_model->rowCount()) {
        m_detailRow = -1;
        m_explanation.clear();
        m_detail->clear();
        m_detail->hide();
        return;
    }
    m_detailRow = row;
    const TraceRecord &r = m_model->record(row);
    const QPalette &pal = palette();
    const bool failed = TraceModel::isFailure(r);
    const QString mono = monospaceFont().family().toHtmlEscaped();
    // Compact paragraphs: the pane is small, the call and the dump matter, not the spacing.
    const QString para = QStringLiteral("<p style=\"margin:0 0 4px 0; %1\">%2</p>");
    QString html = para.arg(QStringLiteral("white-space:pre-wrap; font-family:'%1'").arg(mono),
                            TraceModel::callText(r).toHtmlEscaped());
    QString where = tr("at %1").arg(wallClockText(r.monoNs));
    if (r.conn)
        where += tr(", connection #%1").arg(r.conn);
    if (r.fd >= 0)
        where += tr(", descriptor %1").arg(r.fd);
    html += para.arg(QString(), where.toHtmlEscaped());
    m_explanation = m_model->explanation(row);
    if (!m_explanation.isEmpty()) {
        const QString color = failed ? errorColor(pal).name() : pal.color(QPalette::Text).name();
        html += para.arg(QStringLiteral("color:%1").arg(color), m_explanation);
    }
    const std::string_view bytes = TraceModel::carriedBytes(r);
    if (!bytes.empty()) {
        html += para.arg(QString(), tr("Bytes carried: %1").arg(bytes.size()).toHtmlEscaped());
        html += QStringLiteral("<pre style=\"margin:0; font-family:'%1'\">%2</pre>")
                        .arg(mono, hexDumpText(bytes).toHtmlEscaped());
    }
    m_detail->setHtml(html);
    if (m_detail->isHidden()) {
        m_detail->show();
        // Shown again: room for the call, the errno lines and a few lines of dump, unless the
        // tab is too short for that (the table keeps three rows).
        const int total = m_split->height();
        const int lines = QFontMetrics(monospaceFont()).lineSpacing();
        const int pane = std::min(lines * 7, std::max(total - lines * 4, total / 3));
        if (isVisible() && total > lines * 6)
            m_split->setSizes({total - pane, pane});
        else // not laid out yet (a tab behind): shares, which the splitter scales when shown
            m_split->setSizes({600, 400});
    }
}

} // namespace sb
