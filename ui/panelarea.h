#pragma once

#include <QWidget>

#include <vector>

class QActionGroup;
class QLabel;
class QMenu;
class QScrollArea;
class QSplitter;
class QTabWidget;

namespace sb {

class EndpointPanel;

/// The panel area of the main window, in the layout the person chose (View › Panel layout,
/// remembered in QSettings): tiles (rows of splitters, as many columns as fit the width, one
/// panel maximised by a double-click on its header) or tabs (one panel at a time). Tiles never
/// crush a panel below a height where its log shows several rows: the area scrolls instead.
/// Re-lays out whenever a panel comes or goes; shows a hint when empty. GUI thread only.
class PanelArea : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { Tiles, Tabs };

    explicit PanelArea(QWidget *parent = nullptr);

    void addPanel(EndpointPanel *panel);
    /// Takes the panel out (the caller deletes it).
    void removePanel(EndpointPanel *panel);
    const std::vector<EndpointPanel *> &panels() const { return m_panels; }

    Mode mode() const { return m_mode; }
    /// Switches layout and remembers the choice for the next start.
    void setMode(Mode mode);
    /// The panel shown alone in tiles mode, or nullptr when all are tiled.
    EndpointPanel *maximisedPanel() const { return m_maximised; }
    /// Shows panel alone (nullptr: all of them again). Tiles mode only.
    void setMaximised(EndpointPanel *panel);
    /// Brings a panel into view: its tab, or the panel that replaces the maximised one.
    void showPanel(EndpointPanel *panel);
    /// The View menu's "Panel layout" entries (a checkable action per mode).
    QMenu *layoutMenu() const { return m_menu; }
    /// Columns the tiles have now (1 in tabs mode or when a panel is maximised).
    int columns() const { return m_columns; }

    /// Panels per row wanted for count panels: all in one row up to three, then a grid.
    static int columnsFor(int count);
    /// The narrowest a tile gets before the area goes to fewer columns.
    static int minimumTileWidth();

public slots:
    /// Lays the panels out again (all of them: a maximised panel is restored).
    void retile();

signals:
    /// The person picked a panel's tab: it is the current panel now.
    void panelShown(sb::EndpointPanel *panel);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void layoutPanels();
    /// layoutPanels' work: the containers of the mode, built anew.
    void rebuild();
    void buildTiles();
    void buildTabs();
    int fittingColumns() const;

    std::vector<EndpointPanel *> m_panels;
    Mode m_mode = Mode::Tiles;
    EndpointPanel *m_maximised = nullptr;
    int m_columns = 0;
    QScrollArea *m_scroll;
    QSplitter *m_rows = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_empty;
    QMenu *m_menu;
    QActionGroup *m_modeGroup;
};

} // namespace sb
