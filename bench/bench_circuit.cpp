// Transient throughput of the circuit engine on synapse cells: accepted
// TR-BDF2 steps per second (each step two Newton solves of the whole MNA
// system with the memristor states). Prints a table; never a test.
#include <chrono>
#include <cstdio>

#include "core/circuit/Analysis.h"
#include "core/circuit/SynapseCell.h"

using namespace ms;
using namespace ms::circuit;

namespace {

void row(const char* name, const std::string& cellId, const DeviceSpec& dev, const StimulusSpec& st, double relTol) {
    CellCircuit cell = buildCell(cellId, dev);
    Circuit c(cell.netlist);
    c.setStimulus(cell.programSource, st, 0.0);
    CircuitTransientOptions o;
    o.samples = 100;
    o.tol.relTol = relTol;
    NullSink sink;
    StopToken stop;
    const auto t0 = std::chrono::steady_clock::now();
    const auto s = runTransient(c, o, sink, stop);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("| %-28s | %4d | %7.0e | %8zu | %8zu | %6.2f | %10.0f | %9.1f |\n", name, c.unknownCount(), relTol,
                s.acceptedSteps, s.rejectedSteps, double(s.newtonIterations) / double(s.acceptedSteps + s.rejectedSteps),
                double(s.acceptedSteps) / secs, 1e3 * secs);
}

}  // namespace

int main() {
    const DeviceSpec hp{"linear_ion_drift", "hp_tio2", {}, WindowChoice{"joglekar", {{"p", 2}}}};
    const DeviceSpec vteam{"vteam", "analog_vteam", {}, std::nullopt};
    const StimulusSpec sine{"sine", {{"amplitude", 1.0}, {"frequency", 1.0}, {"cycles", 10}}, {}};
    const StimulusSpec pulses{"pulse_train", {{"amplitude", -1.4}, {"width", 1e-6}, {"period", 2e-6}, {"count", 50}}, {}};
    std::printf("| %-28s | %4s | %7s | %8s | %8s | %6s | %10s | %9s |\n", "circuit", "n", "relTol", "accepted",
                "rejected", "Newton", "steps/s", "ms");
    std::printf("|------------------------------|------|---------|----------|----------|--------|------------|-----------|\n");
    for (double tol : {1e-4, 1e-6}) {
        row("4M HP, 10 sine cycles", "4m", hp, sine, tol);
        row("4M VTEAM, 50 pulses", "4m", vteam, pulses, tol);
        row("2M VTEAM, 50 pulses", "2m", vteam, pulses, tol);
        row("1M-1T VTEAM, 50 pulses", "1m1t", vteam, pulses, tol);
    }
    return 0;
}
