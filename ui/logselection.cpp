#include "ui/logselection.h"

#include "ui/followingtableview.h"
#include "ui/logmodel.h"
#include "ui/logview.h"

#include <QAbstractProxyModel>
#include <QItemSelectionModel>

#include <cstdlib>
#include <limits>

namespace sb {

bool selectLogEntry(LogView *view, LogModel *model, ConnId conn, int64_t monoNs)
{
    int best = -1;
    int64_t bestDistance = std::numeric_limits<int64_t>::max();
    // Newest first: the row asked for is usually recent, and an exact hit ends the search.
    for (int row = model->rowCount() - 1; row >= 0; --row) {
        const LogEntry &e = model->entry(row);
        if (e.conn != conn)
            continue;
        const int64_t distance = std::llabs(e.monoNs - monoNs);
        if (distance < bestDistance
            || (distance == bestDistance && e.kind == LogEntry::Kind::Data)) {
            bestDistance = distance;
            best = row;
        }
        if (distance == 0 && e.kind == LogEntry::Kind::Data)
            break;
    }
    if (best < 0)
        return false;
    QModelIndex index = model->index(best, 0);
    QAbstractItemModel *shown = view->shownModel();
    if (shown != model) {
        auto *proxy = qobject_cast<QAbstractProxyModel *>(shown);
        index = proxy ? proxy->mapFromSource(index) : QModelIndex();
        if (!index.isValid())
            return false;
    }
    FollowingTableView *table = view->table();
    table->setFollowing(false);
    table->selectionModel()->setCurrentIndex(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    table->scrollTo(index, QAbstractItemView::PositionAtCenter);
    return true;
}

} // namespace sb
