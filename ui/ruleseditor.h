#pragma once

#include "core/text/rules.h"

#include <QWidget>

#include <memory>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace sb {

/// The reply rules of a server or datagram socket, typed in the rules language (docs/rules.md)
/// and checked as they are typed: the status line says how many rules and which framing, or the
/// parser's "LINE:COLUMN: what was expected" with that line marked in the text. "Load…" reads a
/// rules file into the editor. GUI thread only.
class RulesEditor : public QWidget
{
    Q_OBJECT
public:
    explicit RulesEditor(QWidget *parent = nullptr);

    void setText(const QString &text);
    QString text() const;
    /// For a datagram socket: raw framing only, and no shutdown, close or abort.
    void setDatagram(bool datagram);
    /// The rules as parsed, or null while the text has an error (errorText() says which).
    std::shared_ptr<const RuleSet> rules() const { return m_rules; }
    QString errorText() const { return m_error; }
    QPlainTextEdit *editor() const { return m_edit; }

signals:
    void changed();

private:
    void check();
    void load();
    void markLine(int line);

    QPlainTextEdit *m_edit;
    QLabel *m_status;
    QPushButton *m_load;
    std::shared_ptr<const RuleSet> m_rules;
    QString m_error;
    bool m_datagram = false;
};

} // namespace sb
