// Human names for the key figures experiments report (sink.scalar() keys such
// as "elmore_delay" or "read_margin_worst"), in one table, so every figures
// table and readout names a figure the same way. A key may carry a series
// prefix ("100 Hz:r_max"), an "@preset" suffix, a fit's "_stderr" or the ANN
// view's " (%)"; these are kept around the name.
#pragma once

#include <QString>
#include <QStringList>

namespace ms::gui {

// "Elmore delay (worst cell)" for "elmore_delay"; an unknown key comes back
// with its underscores as spaces.
QString figureName(const QString& key);
// Whether the table (or a pattern such as "dc_v(node)") names this key.
bool figureNameKnown(const QString& key);
// Text for a figure's value that needs explaining: why ∞ or 0 ("" if none).
QString figureNote(const QString& key, double value);

}  // namespace ms::gui
