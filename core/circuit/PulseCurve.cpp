// LTP/LTD weight curve of a synapse cell under a train of programming pulses
// (identical, or one amplitude and width per pulse).
#include <algorithm>

#include "core/circuit/CellExperiments.h"
#include "core/common/Errors.h"

namespace ms::circuit {

namespace {
// One pulse: the program source held at `amplitude` for `width`, the states
// integrated with the circuit; they stay in `c` afterwards.
void applyPulse(const CellCircuit& cell, Circuit& c, double amplitude, double width, const Tolerances& tol,
                const StopToken& stop) {
    c.setStimulus(cell.programSource, std::nullopt, amplitude);
    CircuitTransientOptions o;
    o.duration = width;
    o.samples = 1;
    o.tol = tol;
    o.probes = {"x(" + cell.memristors.front() + ")"};
    NullSink null;
    runTransient(c, o, null, stop, "pulse");
    c.setStimulus(cell.programSource, std::nullopt, 0.0);
}
}  // namespace

std::vector<double> runCellPulseCurve(const CellCircuit& cell, const PulseCurveOptions& o,
                                      FrameSink& sink, const StopToken& stop) {
    if (!(o.width > 0.0)) throw InputError("options.width", "the pulse width must be positive");
    if (o.ltpPulses + o.ltdPulses == 0) throw InputError("options.ltpPulses", "at least one pulse is needed");
    Circuit c(cell.netlist);
    std::vector<Column> cols{{"pulse", ""}, {"phase", ""}, {"V", "V"}, {"w", cell.weightUnit}};
    for (const auto& m : cell.memristors) cols.push_back({"R(" + m + ")", "ohm"});
    sink.beginSeries("weight", cols);
    std::vector<double> weights{cellWeight(cell, c)};
    auto emit = [&](std::size_t k, double phase, double v) {
        std::vector<double> row{static_cast<double>(k), phase, v, weights.back()};
        for (double r : cellResistances(cell, c)) row.push_back(r);
        sink.appendRows("weight", row.data(), 1);
    };
    emit(0, 0.0, 0.0);
    const std::size_t total = o.ltpPulses + o.ltdPulses;
    for (std::size_t k = 1; k <= total; ++k) {
        if (stop.stopRequested()) throw Cancelled();
        const bool ltp = k <= o.ltpPulses;
        const std::size_t n = ltp ? k - 1 : k - 1 - o.ltpPulses;  // pulse of its branch, from 0
        const auto& amplitudes = ltp ? o.ltpAmplitudes : o.ltdAmplitudes;
        const auto& widths = ltp ? o.ltpWidths : o.ltdWidths;
        const double v = n < amplitudes.size() ? amplitudes[n] : (ltp ? o.ltpAmplitude : o.ltdAmplitude);
        const double width = n < widths.size() ? widths[n] : o.width;
        if (!(width > 0.0)) throw InputError("options.width", "every pulse width must be positive");
        applyPulse(cell, c, v, width, o.tol, stop);
        weights.push_back(cellWeight(cell, c));
        emit(k, ltp ? 1.0 : -1.0, v);
        sink.progress(static_cast<double>(k) / static_cast<double>(total));
    }
    sink.scalar("w_initial", weights.front(), cell.weightUnit);
    sink.scalar("w_max", *std::max_element(weights.begin(), weights.end()), cell.weightUnit);
    sink.scalar("w_min", *std::min_element(weights.begin(), weights.end()), cell.weightUnit);
    sink.scalar("w_final", weights.back(), cell.weightUnit);
    return weights;
}

}  // namespace ms::circuit
