// Plotted data to CSV: every column of a run's series together (t, v, i,
// state, R), headers naming their units. One block per series.
#pragma once

#include <vector>

#include <QString>

namespace ms::gui {

struct SeriesBuffer;

bool writeSeriesCsv(const std::vector<SeriesBuffer>& series, const QString& path, QString* error);

}  // namespace ms::gui
