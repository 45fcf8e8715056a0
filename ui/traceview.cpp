#include "ui/traceview.h"

#include "ui/display.h"
#include "ui/followingtableview.h"
#include "ui/tracemodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
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

    m_counts = new QLabel;
    auto *clear = new QToolButton;
    clear->setText(tr("Clear"));
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_counts, 1);
    bar->addWidget(clear);

    m_explain = new QLabel;
    m_explain->setWordWrap(true);
    m_explain->setTextFormat(Qt::RichText);
    m_explain->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_explain->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_explain);

    connect(clear, &QToolButton::clicked, this, [this] {
        m_model->clear();
        refresh();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { explain(current.row()); });
    refresh();
}

QString TraceView::explanation() const
{
    return m_explain->isVisible() ? m_explain->text() : QString();
}

void TraceView::refresh()
{
    m_counts->setText(
            tr("%L1 calls shown, %L2 failed").arg(m_model->rowCount()).arg(m_model->failures()));
    // Only a new failure changes the explanation: the flood of good calls costs no scan.
    if (m_table->currentIndex().isValid() || m_model->failures() == m_explainedFailures)
        return;
    m_explainedFailures = m_model->failures();
    // With nothing selected, the newest failure explains itself.
    for (int row = m_model->rowCount() - 1; row >= 0; --row) {
        if (m_model->data(m_model->index(row, 0), TraceModel::FailedRole).toBool()) {
            explain(row);
            return;
        }
    }
    explain(-1);
}

void TraceView::explain(int row)
{
    if (row < 0 || row >= m_model->rowCount()
        || !m_model->data(m_model->index(row, 0), TraceModel::FailedRole).toBool()) {
        if (row >= 0)
            m_explain->hide();
        else if (m_model->failures() == 0)
            m_explain->hide();
        return;
    }
    const QModelIndex index = m_model->index(row, TraceModel::CallColumn);
    m_explain->setText(index.data(TraceModel::ExplanationRole).toString());
    QPalette p = m_explain->palette();
    p.setColor(QPalette::WindowText, errorColor(palette()));
    m_explain->setPalette(p);
    m_explain->show();
}

} // namespace sb
