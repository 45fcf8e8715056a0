#pragma once

#include <QFrame>

class QHBoxLayout;
class QLabel;
class QToolButton;

namespace sb {

/// The top of a panel: kind and name, state in colour, local ↔ foreign address, counters and
/// rate, the row of action buttons, and an inline error line (no modal dialog per error).
/// Shows what it is told; owns no state of its own. GUI thread only.
class PanelHeader : public QFrame
{
    Q_OBJECT
public:
    explicit PanelHeader(QWidget *parent = nullptr);

    void setTitle(const QString &title, const QString &subtitle);
    void setState(const QString &state, const QString &detail);
    void setAddresses(const QString &local, const QString &foreign);
    void setCounters(const QString &text);
    /// An error line under the buttons, with the usual cause as its tooltip; empty hides it.
    void setError(const QString &error, const QString &cause);
    /// TLS: what the handshake agreed and the peer's certificate, the chain as its tooltip;
    /// warning: drawn as an error (verification failed, accepted anyway). Empty hides it.
    void setTls(const QString &text, const QString &chain, bool warning);
    QHBoxLayout *actionRow() const { return m_actions; }
    /// Marks the header of the panel the Socket menu acts on.
    void setCurrent(bool current);

    QString stateText() const;
    QString errorText() const;
    QString addressText() const;
    QString countersText() const;
    QString tlsText() const;

signals:
    void closeClicked();

private:
    QLabel *m_title;
    QLabel *m_subtitle;
    QLabel *m_state;
    QLabel *m_addresses;
    QLabel *m_counters;
    QLabel *m_error;
    QLabel *m_tls;
    QToolButton *m_close;
    QHBoxLayout *m_actions;
    QString m_stateName;
};

} // namespace sb
