#include "ui/logexport.h"

#include "ui/logmodel.h"

#include <QFile>
#include <QSaveFile>
#include <QTextStream>

namespace sb {
namespace {

QString csvField(QString s)
{
    if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"'))
        || s.contains(QLatin1Char('\n'))) {
        s.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        return QLatin1Char('"') + s + QLatin1Char('"');
    }
    return s;
}

} // namespace

LogExportFormat exportFormatFor(const QString &path)
{
    return path.endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive) ? LogExportFormat::Csv
                                                                      : LogExportFormat::Text;
}

QString exportLog(const QAbstractItemModel &model, const QString &path, LogExportFormat format)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return file.errorString();
    QTextStream out(&file);
    auto cell = [&model](int row, int column, int role = Qt::DisplayRole) {
        return model.data(model.index(row, column), role).toString();
    };
    if (format == LogExportFormat::Csv)
        out << "time,direction,peer,length,text,hex\n";
    for (int row = 0; row < model.rowCount(); ++row) {
        const QString dir = cell(row, LogModel::DirColumn);
        const QString dirWord = dir == QStringLiteral("↑") ? QStringLiteral("sent")
                : dir == QStringLiteral("↓")               ? QStringLiteral("received")
                : dir == QStringLiteral("!")               ? QStringLiteral("error")
                                                           : QStringLiteral("note");
        const QString text = cell(row, 0, LogModel::FullTextRole);
        if (format == LogExportFormat::Csv) {
            const QByteArray payload
                    = model.data(model.index(row, 0), LogModel::PayloadRole).toByteArray();
            out << csvField(cell(row, LogModel::TimeColumn)) << ',' << dirWord << ','
                << csvField(cell(row, LogModel::PeerColumn)) << ','
                << cell(row, LogModel::LengthColumn) << ',' << csvField(text) << ','
                << QString::fromLatin1(payload.toHex()) << '\n';
        } else {
            out << cell(row, LogModel::TimeColumn) << "  " << dir << "  "
                << cell(row, LogModel::PeerColumn).leftJustified(24) << ' '
                << cell(row, LogModel::LengthColumn).rightJustified(6) << "  " << text << '\n';
        }
    }
    out.flush();
    if (!file.commit())
        return file.errorString();
    return {};
}

} // namespace sb
