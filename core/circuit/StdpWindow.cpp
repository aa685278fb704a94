// STDP window of a memristor from overlapping pre- and post-synaptic spikes.
#include <algorithm>
#include <cmath>

#include "core/circuit/CellExperiments.h"
#include "core/common/Errors.h"

namespace ms::circuit {

double spikeVoltage(const SpikeShape& sh, double s) {
    if (s < 0.0 || s > sh.tPlus + sh.tTail) return 0.0;
    if (s < sh.tPlus) return sh.aPlus;
    return -sh.aMinus * std::exp(-(s - sh.tPlus) / sh.tau);
}

namespace {
// The spike as PWL points starting at `onset`: the pulse with steep edges
// (1e-3 tPlus), the tail sampled every tau/8.
std::vector<std::pair<double, double>> spikePoints(const SpikeShape& sh, double onset, double end) {
    const double edge = 1e-3 * sh.tPlus;
    std::vector<std::pair<double, double>> p;
    if (onset > edge) p.push_back({0.0, 0.0});
    p.push_back({onset - (onset > edge ? edge : 0.0), 0.0});
    if (onset <= edge) p.back() = {onset, 0.0};
    p.push_back({onset + (onset > edge ? 0.0 : edge), sh.aPlus});
    p.push_back({onset + sh.tPlus, sh.aPlus});
    const int n = std::max(8, static_cast<int>(std::ceil(8.0 * sh.tTail / sh.tau)));
    for (int k = 0; k <= n; ++k) {
        const double s = sh.tTail * k / n;
        p.push_back({onset + sh.tPlus + edge + s, -sh.aMinus * std::exp(-s / sh.tau)});
    }
    p.push_back({onset + sh.tPlus + sh.tTail + 2.0 * edge, 0.0});
    if (end > p.back().first) p.push_back({end, 0.0});
    return p;
}
}  // namespace

StdpPairCircuit stdpPairCircuit(const DeviceSpec& device, const StdpOptions& o, double dt) {
    const SpikeShape& sh = o.spike;
    if (!(sh.tPlus > 0.0) || !(sh.tau > 0.0) || !(sh.tTail > 0.0))
        throw InputError("options.spike", "tPlus, tau and tTail must be positive");
    const double spikeLength = sh.tPlus + sh.tTail + 4e-3 * sh.tPlus;
    const double tPre = 0.1 * sh.tPlus + std::max(0.0, -dt), tPost = tPre + dt;
    StdpPairCircuit pair;
    pair.duration = std::max(tPre, tPost) + spikeLength + 0.1 * sh.tPlus;
    Netlist& n = pair.netlist;
    n.title = "STDP: pre and post spikes across one memristor";
    n.voltageSource("Vpre", "pre", "0", 0.0, StimulusSpec{"pwl", {}, spikePoints(sh, tPre, pair.duration)});
    n.voltageSource("Vpost", "post", "0", 0.0, StimulusSpec{"pwl", {}, spikePoints(sh, tPost, pair.duration)});
    if (o.polarity >= 0) n.memristor("M1", "pre", "post", device);
    else n.memristor("M1", "post", "pre", device);
    return pair;
}

std::vector<StdpPoint> runStdpWindow(const DeviceSpec& device, const StdpOptions& o, FrameSink& sink,
                                     const StopToken& stop) {
    if (o.deltaT.empty()) throw InputError("options.deltaT", "give at least one spike-timing difference");
    stdpPairCircuit(device, o, o.deltaT.front());  // checks the spike shape before the series starts
    sink.beginSeries("stdp", {{"dt", "s"}, {"dw", ""}});
    std::vector<StdpPoint> out;
    for (std::size_t k = 0; k < o.deltaT.size(); ++k) {
        if (stop.stopRequested()) throw Cancelled();
        const double dt = o.deltaT[k];
        const StdpPairCircuit pair = stdpPairCircuit(device, o, dt);
        Circuit c(pair.netlist);  // fresh device for every pair
        const double g0 = 1.0 / c.readResistance("M1", o.readVoltage);
        CircuitTransientOptions to;
        to.duration = pair.duration;
        to.samples = 1;
        to.tol = o.tol;
        to.probes = {"x(M1)"};
        NullSink null;
        runTransient(c, to, null, stop, "stdp_pair");
        const double g1 = 1.0 / c.readResistance("M1", o.readVoltage);
        out.push_back({dt, (g1 - g0) / g0});
        const double row[2] = {dt, out.back().dw};
        sink.appendRows("stdp", row, 1);
        sink.progress(static_cast<double>(k + 1) / static_cast<double>(o.deltaT.size()));
    }
    return out;
}

}  // namespace ms::circuit
