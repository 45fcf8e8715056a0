#pragma once

#include "core/net/registry.h"
#include "core/tools/igmp.h"
#include "core/tools/resolverjob.h"
#include "ui/netstatmodel.h"

#include <QElapsedTimer>
#include <QWidget>

#include <memory>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QSpinBox;
class QStandardItemModel;
class QTableView;
class QTimer;

/// Every socket of the machine, read from /proc/net by core on a worker thread, in netstat's
/// two tables, with its filters, numeric or resolved names, refresh by hand or on a timer,
/// and SockBench's own sockets highlighted. GUI thread only.
class NetstatPanel : public QWidget
{
    Q_OBJECT

public:
    explicit NetstatPanel(QWidget *parent = nullptr);

    NetstatModel *inetModel() const { return m_inetModel; }
    NetstatModel *unixModel() const { return m_unixModel; }
    QTableView *inetView() const { return m_inetView; }
    QTableView *unixView() const { return m_unixView; }
    /// netstat -g: the machine's multicast group memberships (Interface, RefCnt, Group).
    QStandardItemModel *groupsModel() const { return m_groupsModel; }

    /// The options as the check boxes set them (netstat's -t -u -x -a -l -n -p).
    sb::NetstatOptions options() const;
    /// "netstat -tuxan": the command line that prints what the tables show.
    QString commandLine() const;

    /// Read /proc now (on the worker); a refresh already under way is replaced.
    void refresh();
    void setAutoRefresh(bool on, int intervalMs = 2000);

    struct NameCache;

    /// Marks sockets as SockBench's, by inode, with the owning panel's id and label.
    void setOwnInodes(const QHash<quint64, NetstatModel::Owner> &owners);
    /// Marks SockBench's sockets from the Registry's rows (RegistryMonitor's callback hands
    /// them over): matched by protocol and numeric local and foreign addresses.
    void setOwnSockets(const std::vector<sb::SocketRow> &rows);

signals:
    /// A refresh reached the tables.
    void refreshed();
    /// A person double-clicked one of SockBench's own sockets: show its panel.
    void ownSocketActivated(quint32 endpoint);

private:
    void activated(const QModelIndex &proxyIndex);
    void optionsChanged();
    void showGroups(const std::vector<sb::GroupMembershipRow> &rows);

    NetstatModel *m_inetModel;
    NetstatModel *m_unixModel;
    QSortFilterProxyModel *m_inetProxy;
    QSortFilterProxyModel *m_unixProxy;
    QCheckBox *m_tcp;
    QCheckBox *m_udp;
    QCheckBox *m_unix;
    QComboBox *m_which;
    QCheckBox *m_numeric;
    QCheckBox *m_programs;
    QCheckBox *m_auto;
    QSpinBox *m_interval;
    QLineEdit *m_filter;
    QLabel *m_command;
    QLabel *m_status;
    QTableView *m_inetView;
    QTableView *m_unixView;
    QStandardItemModel *m_groupsModel;
    QTableView *m_groupsView;
    QTimer *m_timer;
    QElapsedTimer m_clock;
    bool m_columnsSized = false;
    std::shared_ptr<NameCache> m_names; // shared with the worker, which may outlive a refresh
    sb::ResolverJob m_job; // last: dies first
};
