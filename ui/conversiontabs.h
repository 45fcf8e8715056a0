#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableWidget;

/// The inet_pton / inet_ntop tab: text to the address's bytes and back, for IPv4 and IPv6.
/// Pure conversions, computed as the person types. GUI thread only.
class InetConvertTab : public QWidget
{
    Q_OBJECT

public:
    explicit InetConvertTab(QWidget *parent = nullptr);

private:
    void textToBytes();
    void bytesToText();

    QComboBox *m_family;
    QLineEdit *m_text;
    QLineEdit *m_bytes;
    QLabel *m_ptonResult;
    QLabel *m_ntopResult;
    bool m_updating = false;
};

/// The byte-order tab: htons/ntohs or htonl/ntohl of a value with its bytes in memory before
/// and after, and the host's byte order named. GUI thread only.
class ByteOrderTab : public QWidget
{
    Q_OBJECT

public:
    explicit ByteOrderTab(QWidget *parent = nullptr);

private:
    void update();

    QLineEdit *m_value;
    QComboBox *m_width;
    QTableWidget *m_table;
    QLabel *m_error;
};
