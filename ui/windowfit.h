#pragma once

class QWidget;

namespace sb {

/// Keeps a top-level window within the available area of its screen: smaller when it is
/// larger (down to its minimum size), moved when it sticks out. A restored geometry saved on a
/// larger screen, or grown by a wide dock, comes back whole on this one. GUI thread only.
void clampToScreen(QWidget *window);

} // namespace sb
