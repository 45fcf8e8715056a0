#pragma once

#include <QWidget>

class ByteOrderTab;
class GetAddrInfoTab;
class HostServicesTab;
class InetConvertTab;
class NameInfoTab;
class QTabWidget;

/// The address and resolver tools of the course, one tab each: getaddrinfo, getnameinfo,
/// host & services, inet_pton/ntop, byte order. Owns its tabs; lookups run off the GUI thread
/// and can be cancelled. GUI thread only.
class ResolverPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ResolverPanel(QWidget *parent = nullptr);

    GetAddrInfoTab *addrInfoTab() const { return m_addrInfo; }
    NameInfoTab *nameInfoTab() const { return m_nameInfo; }
    HostServicesTab *hostServicesTab() const { return m_hostServices; }
    InetConvertTab *inetConvertTab() const { return m_inetConvert; }
    ByteOrderTab *byteOrderTab() const { return m_byteOrder; }
    QTabWidget *tabs() const { return m_tabs; }

signals:
    /// A person asked for a client panel on a getaddrinfo row: "tcp://127.0.0.1:80",
    /// "udp://[::1]:53". The main window opens it.
    void openClientRequested(const QString &endpoint);

private:
    QTabWidget *m_tabs;
    GetAddrInfoTab *m_addrInfo;
    NameInfoTab *m_nameInfo;
    HostServicesTab *m_hostServices;
    InetConvertTab *m_inetConvert;
    ByteOrderTab *m_byteOrder;
};
