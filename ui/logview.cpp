#include "ui/logview.h"

#include "ui/display.h"
#include "ui/followingtableview.h"
#include "ui/logexport.h"
#include "ui/logmodel.h"
#include "ui/payloadcopy.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace sb {

LogView::LogView(LogModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new QSortFilterProxyModel(this))
{
    m_proxy->setFilterKeyColumn(LogModel::DataColumn);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_filter = new QLineEdit;
    m_filter->setPlaceholderText(tr("Filter data (text), or peer:ADDRESS…"));
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
    // Several rows copy (or resend) together, as in Wireshark's packet list.
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
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
    // Neither a small panel nor the dump under it takes the table below four rows: a panel
    // area with many panels scrolls instead.
    m_table->setMinimumHeight(m_table->horizontalHeader()->sizeHint().height()
                              + m_table->verticalHeader()->defaultSectionSize() * 4
                              + 2 * m_table->frameWidth());
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
    connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu *menu = contextMenuAt(pos);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_table->viewport()->mapToGlobal(pos));
    });
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
    static const QString peerPrefix = QStringLiteral("peer:");
    const bool byPeer = text.startsWith(peerPrefix, Qt::CaseInsensitive);
    if (text.isEmpty()) {
        setShownModel(m_model);
        m_proxy->setSourceModel(nullptr);
    } else {
        if (m_proxy->sourceModel() != m_model)
            m_proxy->setSourceModel(m_model);
        m_proxy->setFilterKeyColumn(byPeer ? LogModel::PeerColumn : LogModel::DataColumn);
        m_proxy->setFilterFixedString(byPeer ? text.mid(peerPrefix.size()).trimmed() : text);
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

void LogView::filterByPeer(const QString &peer)
{
    m_filter->setText(QStringLiteral("peer:") + peer);
}

QList<LogEntry> LogView::selectedEntries() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows()) {
        const QModelIndex source
                = m_table->model() == m_proxy ? m_proxy->mapToSource(index) : index;
        if (source.isValid())
            rows << source.row();
    }
    std::sort(rows.begin(), rows.end());
    QList<LogEntry> out;
    for (int row : rows)
        out << m_model->entry(row);
    return out;
}

QMenu *LogView::contextMenuAt(const QPoint &pos)
{
    const QModelIndex at = m_table->indexAt(pos);
    if (at.isValid() && !m_table->selectionModel()->isRowSelected(at.row(), at.parent()))
        m_table->selectionModel()->setCurrentIndex(
                at, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    // Values, not row numbers: the ring may drop its oldest rows while the menu is open.
    const QList<LogEntry> entries = selectedEntries();
    QStringList rows;
    QList<QByteArray> payloads;
    QModelIndexList selected = m_table->selectionModel()->selectedRows();
    std::sort(selected.begin(), selected.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    for (const QModelIndex &index : selected)
        rows << rowText(*m_table->model(), index.row());
    for (const LogEntry &e : entries)
        if (e.kind == LogEntry::Kind::Data && e.bytes)
            payloads << QByteArray(e.bytes->data(), static_cast<qsizetype>(e.bytes->size()));

    auto *menu = new QMenu(this);
    QAction *copyRows = menu->addAction(
            rows.size() > 1 ? tr("&Copy %n rows", nullptr, static_cast<int>(rows.size()))
                            : tr("&Copy row"),
            menu, [rows] { copyToClipboard(rows.join(QLatin1Char('\n'))); });
    copyRows->setObjectName(QStringLiteral("copyRow"));
    copyRows->setEnabled(!rows.isEmpty());
    addPayloadCopyActions(menu, payloads);
    menu->addSeparator();
    const QString peer = at.isValid()
            ? m_table->model()->index(at.row(), LogModel::PeerColumn).data().toString()
            : QString();
    QAction *byPeer = menu->addAction(peer.isEmpty() ? tr("&Filter by this peer")
                                                     : tr("&Filter by this peer (%1)").arg(peer),
                                      this, [this, peer] { filterByPeer(peer); });
    byPeer->setObjectName(QStringLiteral("filterByPeer"));
    byPeer->setEnabled(!peer.isEmpty());
    if (!m_filter->text().isEmpty()) {
        QAction *all = menu->addAction(tr("Show &all rows"), m_filter, &QLineEdit::clear);
        all->setObjectName(QStringLiteral("clearFilter"));
    }
    emit contextMenuRequested(menu, entries);
    return menu;
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
