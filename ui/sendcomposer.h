#pragma once

#include "core/text/address.h"
#include "core/text/trace.h"
#include "ui/display.h"

#include <QStringList>
#include <QWidget>

#include <optional>
#include <string>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace sb {

/// What the person asked to send: bytes made from the composer's fields, how often, to whom.
struct SendRequest
{
    std::string bytes;
    int flags = 0; ///< MSG_OOB | MSG_DONTROUTE
    int repeat = 1;
    int intervalMs = 0;
    ConnId target = 0; ///< 0: every connection (server) or the one (client)
    std::vector<ConnId> targets; ///< when not empty: each of these, instead of target
    std::optional<Address> to; ///< datagram destination typed in the To field
};

/// The send composer of a panel: text with escapes, hex or a file; line ending; repeat count
/// and interval; MSG_OOB / MSG_DONTROUTE; a target (a server's clients, a socketpair's ends)
/// or a destination (an unconnected datagram socket); history with Up/Down; Enter sends.
/// Bad input is refused at the field with the parser's message. GUI thread only.
class SendComposer : public QWidget
{
    Q_OBJECT
public:
    explicit SendComposer(QWidget *parent = nullptr);

    QLineEdit *input() const { return m_input; }
    QComboBox *modeBox() const { return m_mode; }
    QComboBox *endingBox() const { return m_ending; }
    QSpinBox *repeatBox() const { return m_repeat; }
    QSpinBox *intervalBox() const { return m_interval; }
    QComboBox *targetBox() const { return m_target; }
    QLineEdit *destination() const { return m_to; }
    QLabel *errorLabel() const { return m_error; }
    QPushButton *sendButton() const { return m_send; }
    QProgressBar *progressBar() const { return m_progress; }
    QPushButton *cancelButton() const { return m_cancel; }

    void setMode(InputMode mode);
    /// Targets: (conn, label) pairs; an empty list hides the target box.
    void setTargets(const std::vector<std::pair<ConnId, QString>> &targets, bool withAll);
    void selectTarget(ConnId conn);
    /// Shows the To field for datagram sockets that are not connected.
    void setDestinationVisible(bool visible, const QString &placeholder = {});
    void setSendEnabled(bool enabled);
    /// The MSG_OOB box, for sockets that have urgent data (TCP).
    void setOobVisible(bool visible);
    QCheckBox *oobBox() const { return m_oob; }
    /// The request the fields make, or nothing (and the reason shown at the field).
    std::optional<SendRequest> request();
    /// A long send: bytes still queued of total; queued 0 ends it.
    void showProgress(uint64_t queued, uint64_t total, int repeatsLeft);
    void endProgress();
    QStringList history() const { return m_history; }
    /// Shows a message at the field (empty clears it).
    void showError(const QString &message);

public slots:
    /// Builds a request from the fields and emits sendRequested, or shows what is wrong.
    void send();

signals:
    void sendRequested(const sb::SendRequest &request);
    void cancelRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateModeUi();
    void browse();
    void recall(int step);
    void validate();

    QComboBox *m_mode;
    QLineEdit *m_input;
    QToolButton *m_browse;
    QPushButton *m_send;
    QComboBox *m_ending;
    QSpinBox *m_repeat;
    QSpinBox *m_interval;
    QCheckBox *m_oob;
    QCheckBox *m_dontRoute;
    QComboBox *m_target;
    QLabel *m_targetLabel;
    QLineEdit *m_to;
    QLabel *m_toLabel;
    QLabel *m_error;
    QProgressBar *m_progress;
    QPushButton *m_cancel;
    QStringList m_history;
    int m_historyPos = -1;
    bool m_sendEnabled = true;
};

} // namespace sb

Q_DECLARE_METATYPE(sb::SendRequest)
