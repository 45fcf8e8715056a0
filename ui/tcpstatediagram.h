#pragma once

#include "core/capture/tcpstate.h"

#include <QWidget>

#include <optional>
#include <vector>

namespace sb {

/// RFC 9293's connection state diagram (figure 5) painted from a table: the eleven states as
/// boxes where the RFC puts them (CLOSED twice, at the top and after the close), each arrow
/// labelled with its event and action. The current state is lit, the states a connection went
/// through are tinted and its path is drawn thicker with step numbers; a step the figure has no
/// arrow for (a RST, a jump the kernel reported) is drawn dashed. Scales to fit, keeping its
/// proportions. GUI thread only.
class TcpStateDiagram : public QWidget
{
    Q_OBJECT
public:
    explicit TcpStateDiagram(QWidget *parent = nullptr);

    void setPath(const std::vector<TcpStep> &path, std::optional<TcpState> current);
    std::optional<TcpState> current() const { return m_current; }
    /// Grey the whole figure (a socket with no TCP state machine, or nothing followed).
    void setInactive(bool inactive);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    std::vector<TcpStep> m_path;
    std::optional<TcpState> m_current;
    bool m_inactive = false;
};

} // namespace sb
