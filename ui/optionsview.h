#pragma once

#include "core/net/event.h"
#include "core/text/endpointspec.h"
#include "core/text/groupspec.h"

#include <QWidget>

#include <span>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QStandardItem;
class QStandardItemModel;
class QTableView;

namespace sb {

/// A panel's Options tab: every socket option of the core's table with the value getsockopt
/// read back, editable in place (setsockopt, then read back again). Values arrive as Option
/// events; nothing here touches a socket. GUI thread only.
class OptionsView : public QWidget
{
    Q_OBJECT
public:
    enum Column { NameColumn, ValueColumn, StatusColumn, ColumnCount };

    explicit OptionsView(QWidget *parent = nullptr);

    void addEvents(std::span<const Event> events);
    /// Which sockets can be asked: (conn, label); conn 0 is the endpoint's own socket.
    void setTargets(const std::vector<std::pair<ConnId, QString>> &targets);
    ConnId target() const;
    QStandardItemModel *model() const { return m_model; }
    /// Lists the options of the core's table that apply to this kind of socket.
    void setSocketKind(Transport transport, int family);
    /// The value shown for an option ("" if it was not read yet).
    QString valueOf(const QString &name) const;
    /// UDP sockets: the group field (GROUP[%IFACE]) and the SO_BROADCAST check box.
    QLineEdit *groupField() const { return m_group; }
    QCheckBox *broadcastBox() const { return m_broadcast; }

signals:
    void readRequested(sb::ConnId conn);
    void setRequested(sb::ConnId conn, const QString &name, const QString &value);
    /// The person chose another socket to show the options of.
    void targetChanged(sb::ConnId conn);
    /// Join (true) or leave the multicast group of the group field, parsed already.
    void groupRequested(const sb::GroupSpec &group, bool join);

private:
    int rowFor(const QString &name);
    void onItemChanged(QStandardItem *item);
    QWidget *makeMulticastBar();
    void requestGroup(bool join);

    QComboBox *m_target;
    QTableView *m_table;
    QStandardItemModel *m_model;
    QLabel *m_hint;
    QWidget *m_multicastBar;
    QLineEdit *m_group;
    QCheckBox *m_broadcast;
    bool m_filling = false;
    Transport m_transport = Transport::Tcp;
    int m_family = -1;
};

} // namespace sb
