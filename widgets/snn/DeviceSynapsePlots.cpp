#include "widgets/snn/DeviceSynapsePlots.h"

#include <algorithm>
#include <cmath>

#include <qcustomplot.h>

#include "widgets/ExperimentRunner.h"
#include "widgets/plots/PlotTools.h"

namespace ms::gui {

namespace {
// The plot's title (stylePlot puts it in row 0 of the layout).
void setTitle(QCustomPlot* plot, const QString& text) {
    if (auto* t = qobject_cast<QCPTextElement*>(plot->plotLayout()->element(0, 0))) t->setText(text);
}
}  // namespace

bool isDeviceWindow(const SeriesBuffer& s) { return s.column("dG") >= 0; }

void addDeviceWindowRows(QCustomPlot* window, const SeriesBuffer& s, std::size_t first, std::size_t count) {
    const int ct = s.column("dt"), cg = s.column("dG");
    for (std::size_t r = first; r < first + count; ++r) {
        const double dt = s.at(r, ct), dG = s.at(r, cg);
        window->graph(dt > 0 ? 0 : 1)->addData(dt, dG);
    }
    // No quantity before the symbol: the panel is short at 1280x720.
    styleAxis(window->yAxis, "ΔG", "S");
}

void drawConductanceHistogram(QCustomPlot* plot, QCPBars* bars, const SeriesBuffer& s) {
    const int cg = s.column("G"), cc = s.column("count");
    QVector<double> keys, values;
    for (std::size_t r = 0; r < s.rows(); ++r) {
        keys << s.at(r, cg);
        values << s.at(r, cc);
    }
    if (keys.isEmpty()) return;
    const bool logAxis = keys.front() > 0 && keys.back() / keys.front() > 10;
    setTitle(plot, QObject::tr("Conductance histogram"));
    styleAxis(plot->xAxis, "G", "S", logAxis, QObject::tr("conductance at V_read"));
    styleAxis(plot->yAxis, QObject::tr("synapses"), "");
    // Bars as wide as a bin on screen whatever the axis scale.
    bars->setWidthType(QCPBars::wtAxisRectRatio);
    bars->setWidth(0.85 / std::max<qsizetype>(1, keys.size()));
    bars->setData(keys, values, true);
    const double step = keys.size() > 1 ? (logAxis ? keys[1] / keys[0] : keys[1] - keys[0]) : 1.0;
    if (logAxis)
        plot->xAxis->setRange(keys.front() / std::sqrt(step), keys.back() * std::sqrt(step));
    else
        plot->xAxis->setRange(keys.front() - step, keys.back() + step);
    const double top = *std::max_element(values.begin(), values.end());
    plot->yAxis->setRange(0, std::max(1.0, top * 1.1));
    plot->replot(QCustomPlot::rpQueuedReplot);
}

void resetWeightHistogramAxes(QCustomPlot* plot, QCPBars* bars) {
    setTitle(plot, QObject::tr("Weight histogram"));
    styleAxis(plot->xAxis, "w", "", false, QObject::tr("weight / g_max"));
    styleAxis(plot->yAxis, QObject::tr("fraction of synapses"), "");
    bars->setWidthType(QCPBars::wtPlotCoords);
}

}  // namespace ms::gui
