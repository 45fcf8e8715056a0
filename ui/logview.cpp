#include "ui/logview.h"

#include "ui/display.h"
#include "ui/followingtableview.h"
#include "ui/logexport.h"
#include "ui/logmodel.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

namespace sb {

LogView::LogView(LogModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
{
    m_proxy->setFilterKeyColumn(LogModel::DataColumn);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_filter = new QLineEdit;
    m_filter->setPlaceholderText(tr("Filter data (text)…"));
    m_filter->setClearButtonEnabled(true);
    m_follow = new QToolButton;
    m_follow->setText(tr("Follow"));
    m_follow->setCheckable(true);
    m_follow->setChecked(true);
    m_follow->setToolTip(tr("Keep the newest entry in view. Scrolling up stops it."));
    auto *clear = new QToolButton;
    clear->setText(tr("Clear"));
    clear->setToolTip(tr("Clear the log (counters are kept)"));
    auto *exportButton = new QToolButton;
    exportButton->setText(tr("Export…"));
    exportButton->setToolTip(tr("Save the log as text or CSV"));
    m_dropped = new QLabel;
    m_dropped->setToolTip(
            tr("The log keeps the newest %1 entries; counters stay exact.").arg(model->capacity()));
    m_dropped->hide();

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_dropped);
    bar->addWidget(m_follow);
    bar->addWidget(clear);
    bar->addWidget(exportButton);

    m_table = new FollowingTableView;
    m_table->setModel(m_model);
    m_table->setFont(monospaceFont());
    m_table->verticalHeader()->setDefaultSectionSize(QFontMetrics(monospaceFont()).height() + 4);
    applyColumnWidths();

    m_hex = new QPlainTextEdit;
    m_hex->setReadOnly(true);
    m_hex->setFont(monospaceFont());
    m_hex->setLineWrapMode(QPlainTextEdit::NoWrap);
    // Shown when a row is selected: small panels keep their height for the table.
    m_hex->hide();

    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_table);
    split->addWidget(m_hex);
    // The table gets the room; the dump a few lines until the person drags the handle.
    m_table->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
    m_hex->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
    m_hex->setMinimumHeight(QFontMetrics(monospaceFont()).lineSpacing() * 3 + 10);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    connect(m_filter, &QLineEdit::textChanged, this, &LogView::setFilter);
    connect(m_follow, &QToolButton::toggled, m_table, &FollowingTableView::setFollowing);
    connect(m_table, &FollowingTableView::followingChanged, m_follow, &QToolButton::setChecked);
    connect(clear, &QToolButton::clicked, this, [this] {
        m_model->clear();
        m_hex->clear();
        m_hex->hide();
    });
    connect(exportButton, &QToolButton::clicked, this, &LogView::exportWithDialog);
    connect(m_model, &LogModel::droppedChanged, this, &LogView::updateDropped);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &LogView::showSelected);
}

void LogView::applyColumnWidths()
{
    QHeaderView *header = m_table->horizontalHeader();
    const QFontMetrics fm(monospaceFont());
    header->resizeSection(LogModel::TimeColumn,
                          fm.horizontalAdvance(QStringLiteral("00:00:00.000000")) + 12);
    header->resizeSection(LogModel::DirColumn, fm.horizontalAdvance(QStringLiteral("⇅")) + 18);
    header->resizeSection(LogModel::PeerColumn,
                          fm.horizontalAdvance(QStringLiteral("#1 127.0.0.1:55555")) + 12);
    header->resizeSection(LogModel::LengthColumn,
                          fm.horizontalAdvance(QStringLiteral("000000")) + 12);
}

void LogView::setShownModel(QAbstractItemModel *model)
{
    if (m_table->model() == model)
        return;
    // setModel makes a new selection model and leaves the old one to its owner: us.
    QItemSelectionModel *old = m_table->selectionModel();
    m_table->setModel(model);
    delete old;
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &LogView::showSelected);
    applyColumnWidths();
}

QAbstractItemModel *LogView::shownModel() const { return m_table->model(); }

void LogView::setFilter(const QString &text)
{
    // The proxy only stands between model and view while a filter is typed: unfiltered, the
    // flood goes straight from the ring to the view.
    if (text.isEmpty()) {
        setShownModel(m_model);
        m_proxy->setSourceModel(nullptr);
    } else {
        if (m_proxy->sourceModel() != m_model)
            m_proxy->setSourceModel(m_model);
        m_proxy->setFilterFixedString(text);
        setShownModel(m_proxy);
    }
    m_hex->clear();
    m_hex->hide();
}

void LogView::showSelected()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_hex->clear();
        m_hex->hide();
        return;
    }
    const QString dump = current.data(LogModel::HexDumpRole).toString();
    m_hex->setPlainText(dump.isEmpty() ? current.data(LogModel::FullTextRole).toString() : dump);
    m_hex->show();
}

void LogView::updateDropped(quint64 dropped)
{
    m_dropped->setVisible(dropped > 0);
    m_dropped->setText(tr("%L1 entries dropped from view").arg(dropped));
}

QString LogView::exportTo(const QString &path)
{
    return exportLog(*shownModel(), path, exportFormatFor(path));
}

void LogView::exportWithDialog()
{
    QSettings settings;
    const QString last = settings.value(QStringLiteral("log/exportDir")).toString();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export log"), last,
                                                      tr("CSV (*.csv);;Text (*.txt *.log)"));
    if (path.isEmpty())
        return;
    settings.setValue(QStringLiteral("log/exportDir"), QFileInfo(path).absolutePath());
    const QString error = exportTo(path);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export log"), tr("Could not write %1: %2").arg(path, error));
}

} // namespace sb
