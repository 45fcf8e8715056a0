#pragma once

#include "core/tools/resolverjob.h"

#include <QElapsedTimer>
#include <QWidget>

class AddrInfoModel;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

/// The getaddrinfo tab: every hint and flag, the answer's rows in connect()'s order, the EAI_
/// error, and where the answer came from. Lookups run on a ResolverJob. GUI thread only.
class GetAddrInfoTab : public QWidget
{
    Q_OBJECT

public:
    explicit GetAddrInfoTab(QWidget *parent = nullptr);
    ~GetAddrInfoTab() override;

    AddrInfoModel *model() const { return m_model; }
    /// Starts a lookup of the fields as they are (also the Look up button).
    void lookUp();
    void cancel();
    bool busy() const;

signals:
    /// A person asked for a client panel on a row: "tcp://127.0.0.1:80".
    void openClientRequested(const QString &endpoint);
    /// A lookup ended (answer or error); not emitted for a cancelled one.
    void lookupFinished();

private:
    void openSelected();
    void updateOpenButton();

    AddrInfoModel *m_model;
    QLineEdit *m_host;
    QLineEdit *m_service;
    QComboBox *m_family;
    QComboBox *m_type;
    QComboBox *m_protocol;
    QList<QCheckBox *> m_flags;
    QPushButton *m_lookUp;
    QPushButton *m_cancel;
    QPushButton *m_open;
    QLabel *m_call;
    QLabel *m_status;
    QLabel *m_source;
    QTableView *m_view;
    QElapsedTimer m_clock;
    bool m_pending = false; ///< a lookup started and its answer not shown yet
    sb::ResolverJob m_job; // last member: dies first, dropping an answer on its way
};
