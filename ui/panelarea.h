#pragma once

#include <QWidget>

#include <vector>

class QLabel;
class QSplitter;

namespace sb {

class EndpointPanel;

/// The tiled area of the main window: panels side by side in rows of splitters, so two or
/// more are watched at once; re-tiled whenever a panel comes or goes. Shows a hint when empty.
/// GUI thread only.
class PanelArea : public QWidget
{
    Q_OBJECT
public:
    explicit PanelArea(QWidget *parent = nullptr);

    void addPanel(EndpointPanel *panel);
    /// Takes the panel out (the caller deletes it).
    void removePanel(EndpointPanel *panel);
    const std::vector<EndpointPanel *> &panels() const { return m_panels; }
    /// Panels per row: all in one row up to three, then a grid.
    static int columnsFor(int count);

public slots:
    void retile();

private:
    std::vector<EndpointPanel *> m_panels;
    QSplitter *m_rows = nullptr;
    QLabel *m_empty;
};

} // namespace sb
