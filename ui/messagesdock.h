#pragma once

#include "core/demo/workspace.h"

#include <QDockWidget>

#include <vector>

class QTableWidget;

namespace sb {

/// The Saved messages dock: messages kept to send again (name, payload as text with escapes,
/// hex or a file, an optional target and shortcut), saved with the workspace. Send (a
/// double-click, the button or the message's shortcut) asks the window to send its bytes from
/// the current panel; Import reads Packet Sender's saved packets (packets.ini or its JSON
/// export). A log row's "Save this message" adds one. GUI thread only.
class MessagesDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit MessagesDock(QWidget *parent = nullptr);

    const std::vector<SavedMessage> &messages() const { return m_messages; }
    void setMessages(std::vector<SavedMessage> messages);
    /// Adds message, its name made unique ("reply (2)").
    void addMessage(SavedMessage message);
    /// Where a file payload's relative path starts: the workspace's folder.
    void setBaseDir(const QString &dir) { m_baseDir = dir; }
    QTableWidget *table() const { return m_table; }
    /// Sends the message of row (as the Send button does).
    void sendRow(int row);
    /// Imports Packet Sender's saved packets from path; false with the reason.
    bool importPacketSender(const QString &path, QString *error);

signals:
    /// Send these bytes from the current panel (to target when the message has one).
    void sendRequested(const QByteArray &bytes, const QString &target, const QString &name);
    /// A message's bytes could not be made (a missing file, bad hex).
    void sendFailed(const QString &why);

private:
    void refresh();
    void askImport();

    QTableWidget *m_table;
    std::vector<SavedMessage> m_messages;
    QList<QObject *> m_shortcuts;
    QString m_baseDir;
};

} // namespace sb
