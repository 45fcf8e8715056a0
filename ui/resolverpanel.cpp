#include "ui/resolverpanel.h"

#include "ui/conversiontabs.h"
#include "ui/getaddrinfotab.h"
#include "ui/lookuptabs.h"

#include <QTabWidget>
#include <QVBoxLayout>

ResolverPanel::ResolverPanel(QWidget *parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget)
    , m_addrInfo(new GetAddrInfoTab)
    , m_nameInfo(new NameInfoTab)
    , m_hostServices(new HostServicesTab)
    , m_inetConvert(new InetConvertTab)
    , m_byteOrder(new ByteOrderTab)
{
    setObjectName("resolverPanel");
    m_tabs->addTab(m_addrInfo, tr("getaddrinfo"));
    m_tabs->addTab(m_nameInfo, tr("getnameinfo"));
    m_tabs->addTab(m_hostServices, tr("Host && services"));
    m_tabs->addTab(m_inetConvert, tr("inet_pton / ntop"));
    m_tabs->addTab(m_byteOrder, tr("Byte order"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    connect(m_addrInfo, &GetAddrInfoTab::openClientRequested, this,
            &ResolverPanel::openClientRequested);
}
