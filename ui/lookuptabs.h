#pragma once

#include "core/tools/resolverjob.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

/// The getnameinfo tab: an address and port to names, with the NI_ flags. Lookups run on a
/// ResolverJob. GUI thread only.
class NameInfoTab : public QWidget
{
    Q_OBJECT

public:
    explicit NameInfoTab(QWidget *parent = nullptr);
    void lookUp();
    void cancel();

signals:
    void lookupFinished();

private:
    QLineEdit *m_address;
    QSpinBox *m_port;
    QList<QCheckBox *> m_flags;
    QLabel *m_call;
    QLabel *m_host;
    QLabel *m_service;
    QLabel *m_status;
    QPushButton *m_cancel;
    bool m_pending = false; ///< a lookup started and its answer not shown yet
    sb::ResolverJob m_job; // last: dies first
};

/// The "host & services" tab: gethostname and the FQDN, getservbyname/getservbyport, and where
/// a host name's answer comes from (nsswitch.conf, /etc/hosts). GUI thread only; the lookups
/// run on ResolverJobs.
class HostServicesTab : public QWidget
{
    Q_OBJECT

public:
    explicit HostServicesTab(QWidget *parent = nullptr);
    void refreshHostNames();
    void lookUpService();
    void lookUpSource();

signals:
    void hostNamesShown();
    void serviceShown();
    void sourceShown();

private:
    QLabel *m_hostname;
    QLabel *m_fqdn;
    QLineEdit *m_serviceQuery;
    QComboBox *m_serviceProto;
    QLabel *m_serviceAnswer;
    QLineEdit *m_sourceHost;
    QLabel *m_sourceAnswer;
    sb::ResolverJob m_hostJob;
    sb::ResolverJob m_serviceJob;
    sb::ResolverJob m_sourceJob;
};
