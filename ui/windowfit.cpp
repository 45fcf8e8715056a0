#include "ui/windowfit.h"

#include <QScreen>
#include <QWidget>

#include <algorithm>

namespace sb {

void clampToScreen(QWidget *window)
{
    QScreen *screen = window->screen();
    if (!screen || window->isMaximized() || window->isFullScreen())
        return;
    const QRect available = screen->availableGeometry();
    // The frame (title bar, borders) counts against the screen too.
    const QRect frame = window->frameGeometry();
    const QSize decoration = frame.size() - window->size();
    const QSize room = available.size() - decoration;
    const QSize size(std::max(std::min(window->width(), room.width()), window->minimumWidth()),
                     std::max(std::min(window->height(), room.height()), window->minimumHeight()));
    if (size != window->size())
        window->resize(size);
    const QSize frameSize = size + decoration;
    const int x = std::clamp(frame.x(), available.left(),
                             std::max(available.left(), available.right() + 1 - frameSize.width()));
    const int y
            = std::clamp(frame.y(), available.top(),
                         std::max(available.top(), available.bottom() + 1 - frameSize.height()));
    if (QPoint(x, y) != frame.topLeft())
        window->move(x, y);
}

} // namespace sb
