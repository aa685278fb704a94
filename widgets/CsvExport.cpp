#include "widgets/CsvExport.h"

#include <QSaveFile>
#include <QTextStream>

#include "widgets/ExperimentRunner.h"

namespace ms::gui {

bool writeSeriesCsv(const std::vector<SeriesBuffer>& series, const QString& path, QString* error) {
    if (series.empty()) {
        if (error) *error = QObject::tr("Nothing to export: no run has produced data yet");
        return false;
    }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error) *error = QObject::tr("Cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    QTextStream out(&f);
    out.setRealNumberPrecision(10);
    for (std::size_t s = 0; s < series.size(); ++s) {
        const SeriesBuffer& b = series[s];
        if (series.size() > 1) out << (s ? "\n" : "") << "# series " << b.id << "\n";
        for (std::size_t c = 0; c < b.columns.size(); ++c) {
            const QString name = QString::fromStdString(b.columns[c].name);
            const QString unit = QString::fromStdString(b.columns[c].unit);
            out << (c ? "," : "") << (unit.isEmpty() ? name : QStringLiteral("%1 (%2)").arg(name, unit));
        }
        out << "\n";
        for (std::size_t r = 0; r < b.rows(); ++r) {
            for (std::size_t c = 0; c < b.columns.size(); ++c)
                out << (c ? "," : "") << b.at(r, static_cast<int>(c));
            out << "\n";
        }
    }
    out.flush();
    if (!f.commit()) {
        if (error) *error = QObject::tr("Cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

}  // namespace ms::gui
