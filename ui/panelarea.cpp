#include "ui/panelarea.h"

#include "ui/endpointpanel.h"

#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

#include <cmath>

namespace sb {

PanelArea::PanelArea(QWidget *parent)
    : QWidget(parent)
{
    m_empty = new QLabel(tr("<h3>No sockets open</h3>"
                            "<p>Open one with <b>Socket › New socket…</b> (Ctrl+N) or a preset "
                            "of the toolbar: a TCP server and a TCP client side by side is the "
                            "usual start.</p>"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_empty);
    retile();
}

int PanelArea::columnsFor(int count)
{
    if (count <= 3)
        return std::max(1, count);
    return static_cast<int>(std::ceil(std::sqrt(static_cast<double>(count))));
}

void PanelArea::addPanel(EndpointPanel *panel)
{
    m_panels.push_back(panel);
    retile();
}

void PanelArea::removePanel(EndpointPanel *panel)
{
    std::erase(m_panels, panel);
    panel->setParent(nullptr);
    retile();
}

void PanelArea::retile()
{
    // Panels are moved out of the old splitters before those go, so none is deleted with them.
    for (EndpointPanel *p : m_panels)
        p->setParent(this);
    delete m_rows;
    m_rows = nullptr;
    m_empty->setVisible(m_panels.empty());
    if (m_panels.empty())
        return;
    m_rows = new QSplitter(Qt::Vertical);
    m_rows->setChildrenCollapsible(false);
    const int columns = columnsFor(static_cast<int>(m_panels.size()));
    QSplitter *row = nullptr;
    for (size_t i = 0; i < m_panels.size(); ++i) {
        if (i % static_cast<size_t>(columns) == 0) {
            row = new QSplitter(Qt::Horizontal);
            row->setChildrenCollapsible(false);
            m_rows->addWidget(row);
        }
        row->addWidget(m_panels[i]);
        m_panels[i]->show();
    }
    for (int r = 0; r < m_rows->count(); ++r) {
        auto *split = static_cast<QSplitter *>(m_rows->widget(r));
        split->setSizes(QList<int>(split->count(), 1000));
    }
    m_rows->setSizes(QList<int>(m_rows->count(), 1000));
    layout()->addWidget(m_rows);
}

} // namespace sb
