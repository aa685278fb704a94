// Closed-loop write-verify programming after Alibart, Gao & Strukov,
// Nanotechnology 23, 075201 (2012): program, read, adjust the amplitude.
#include <cmath>

#include "core/circuit/CellExperiments.h"
#include "core/common/Errors.h"

namespace ms::circuit {

double readConductance(const CellCircuit& cell, Circuit& c) {
    c.setStimulus(cell.programSource, std::nullopt, cell.readVoltage);
    const Solution s = dcOperatingPoint(c);
    const double g = std::fabs(c.current(s, cell.readCurrentElement)) / cell.readVoltage;
    c.setStimulus(cell.programSource, std::nullopt, 0.0);
    return g;
}

WriteVerifyResult runWriteVerify(const CellCircuit& cell, Circuit& c, const WriteVerifyOptions& o, FrameSink& sink,
                                 const StopToken& stop) {
    if (!(o.targetConductance > 0.0)) throw InputError("options.targetConductance", "must be a positive conductance");
    if (!(o.tolerance > 0.0 && o.tolerance < 1.0)) throw InputError("options.tolerance", "must lie in (0, 1)");
    if (!(o.width > 0.0)) throw InputError("options.width", "the pulse width must be positive");
    if (!(o.setStart != 0.0) || !(o.resetStart != 0.0) || (o.setStart > 0) == (o.resetStart > 0))
        throw InputError("options.resetStart", "SET and RESET start amplitudes must be nonzero and of opposite sign");
    if (!(o.step >= 0.0)) throw InputError("options.step", "must not be negative");
    sink.beginSeries("write_verify", {{"pulse", ""}, {"V", "V"}, {"G", "S"}, {"error", ""}});
    WriteVerifyResult r;
    double g = readConductance(cell, c);
    auto error = [&](double gg) { return (gg - o.targetConductance) / o.targetConductance; };
    double row0[4] = {0.0, 0.0, g, error(g)};
    sink.appendRows("write_verify", row0, 1);
    int direction = 0;
    double amplitude = 0.0;
    while (std::fabs(error(g)) > o.tolerance && r.pulses < o.maxPulses) {
        if (stop.stopRequested()) throw Cancelled();
        const int want = g < o.targetConductance ? 1 : -1;
        if (want != direction) {
            amplitude = want > 0 ? o.setStart : o.resetStart;
            direction = want;
        } else {
            amplitude += (amplitude > 0 ? 1.0 : -1.0) * o.step;
            if (std::fabs(amplitude) > o.vMax) amplitude = std::copysign(o.vMax, amplitude);
        }
        c.setStimulus(cell.programSource, std::nullopt, amplitude);
        CircuitTransientOptions to;
        to.duration = o.width;
        to.samples = 1;
        to.tol = o.tol;
        to.probes = {"x(" + cell.memristors.front() + ")"};
        NullSink null;
        runTransient(c, to, null, stop, "write_pulse");
        ++r.pulses;
        g = readConductance(cell, c);
        const double row[4] = {static_cast<double>(r.pulses), amplitude, g, error(g)};
        sink.appendRows("write_verify", row, 1);
        sink.progress(static_cast<double>(r.pulses) / static_cast<double>(o.maxPulses));
    }
    r.finalConductance = g;
    r.finalError = error(g);
    r.converged = std::fabs(r.finalError) <= o.tolerance;
    sink.scalar("pulses_used", static_cast<double>(r.pulses), "");
    sink.scalar("final_error", r.finalError, "");
    sink.scalar("final_conductance", g, "S");
    sink.scalar("converged", r.converged ? 1.0 : 0.0, "");
    if (!r.converged)
        sink.log(LogLevel::Warning, "write-verify stopped after " + std::to_string(r.pulses) +
                                        " pulses without reaching the tolerance");
    return r;
}

}  // namespace ms::circuit
