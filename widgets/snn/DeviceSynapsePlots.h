// Panels of a spiking run on memristor synapses (docs/snn-synapses.md): the
// device's STDP window as the engine measured it through the rule ("stdp_window"
// with dG in siemens) and the conductance histogram at the end of learning
// ("conductance_histogram"). They draw into SnnView's window and histogram
// plots; the view decides when.
#pragma once

#include <cstddef>

class QCustomPlot;
class QCPBars;

namespace ms::gui {

struct SeriesBuffer;

// True when `s` is a device window (dt s, dG S) rather than an abstract one.
bool isDeviceWindow(const SeriesBuffer& s);
// Adds rows [first, first + count) to the window plot's two branches and labels its axes in siemens.
void addDeviceWindowRows(QCustomPlot* window, const SeriesBuffer& s, std::size_t first, std::size_t count);

// Replaces the bars with the histogram (G S, count): a log conductance axis
// when the bins span more than a decade; rescales and replots.
void drawConductanceHistogram(QCustomPlot* plot, QCPBars* bars, const SeriesBuffer& s);
// Back to the abstract weight histogram's axes (weight / g_max, linear).
void resetWeightHistogramAxes(QCustomPlot* plot, QCPBars* bars);

}  // namespace ms::gui
