// The live plot of a study: one figure against the first axis, a curve per
// combination of the other axes, mean over seeds with +-1 standard deviation
// error bars (core/study/StudyAggregate.h). Text axis values become labelled
// ticks; positive values spanning two decades or more get a log axis.
#pragma once

#include <QString>

class QCustomPlot;

namespace ms::study {
struct Aggregate;
}

namespace ms::gui {

void drawStudyFigure(QCustomPlot* plot, const ms::study::Aggregate& a, const QString& figureName);

}  // namespace ms::gui
