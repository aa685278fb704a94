#include "core/snn/experiments/SongStdp.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "core/common/Errors.h"
#include "core/snn/Network.h"
#include "core/snn/Plasticity.h"
#include "core/snn/SpikeSources.h"

namespace ms::snn {

SongStdpResult runSongStdp(const SongStdpOptions& o, FrameSink& sink, const StopToken& stop) {
    if (o.inputs == 0) throw InputError("inputs", "must be at least 1");
    if (!(o.duration > 0)) throw InputError("duration", "must be positive");
    if (!(o.dt > 0) || o.dt > 1e-3) throw InputError("dt", "must be in (0, 1 ms]");
    if (!(o.gmax > 0)) throw InputError("gmax", "must be positive");
    if (o.bins < 3) throw InputError("bins", "needs at least 3 bins");
    if (!(o.snapshotEvery > 0)) throw InputError("snapshotEvery", "must be positive");
    std::mt19937_64 rng(o.seed);
    Network net(o.dt);
    auto& in = net.addGroup("input", std::make_unique<PoissonGroup>(o.inputs, rng()));
    std::fill(in.rates.begin(), in.rates.end(), o.inputRate);
    // Brian2's example: dv/dt = (ge (Ee - v) + El - v)/taum, v starts at vr, no refractory period.
    auto& out = net.add("output", makeNeuronGroup("lif_cond", 1,
                                                  {{"E_L", o.eL}, {"V_reset", o.vReset}, {"V_th", o.vTh},
                                                   {"V_init", o.vReset}, {"t_ref", 0.0}, {"tau_m", o.tauM},
                                                   {"tau_e", o.tauE}, {"E_e", o.eE}, {"theta_plus", 0.0}},
                                                  "", "neuron"));
    std::uniform_real_distribution<double> u(0.0, 1.0);
    auto syn = allToAll(o.inputs, 1, 0.0);
    for (auto& s : syn) s.weight = u(rng) * o.gmax;  // w = rand() * gmax
    auto& proj = net.connect(in, out, SynapseTarget::Excitatory, syn);
    const SynapseChoice& c = o.synapse;
    const bool device = c.isDevice(), binary = c.type == SynapseChoice::Type::StochasticBinary;
    if (!device) {
        const double aPre = o.aPreOverGmax * o.gmax;
        const double aPost = -o.depressionRatio * aPre * o.tauPre / o.tauPost;
        proj.setPlasticity(makePlasticity("pair_stdp",
                                          {{"A_plus", aPre}, {"A_minus", aPost}, {"tau_plus", o.tauPre},
                                           {"tau_minus", o.tauPost}, {"w_min", 0.0}, {"w_max", o.gmax}},
                                          nullptr, rng(), "stdp"));
    } else {
        // The device rule sets the bounds [wMin, wMax] = k_w [G_min, G_max];
        // the devices start uniformly over them, as w = rand() gmax does.
        proj.setPlasticity(makeSynapseRule(c, "", rng()));
        startDevices(c, proj, rng, [&] { return u(rng); });
    }
    auto& mon = net.monitorSpikes(out, false);
    // Position in the weight range: w / gmax, or where G lies in the device's range.
    const double wLo = device ? proj.wMin : 0.0, wSpan = device ? proj.wMax - proj.wMin : o.gmax;
    const double siemens = c.siemensPerWeight();
    auto position = [&](double w) { return device ? (w - wLo) / wSpan : w / o.gmax; };

    SongStdpResult r;
    if (device) {
        r.gMin = proj.wMin * siemens;
        r.gMax = proj.wMax * siemens;
    }
    sink.beginSeries("histogram", {{"t", "s"}, {"w", device ? "S" : "gmax"}, {"fraction", ""}});
    sink.beginSeries("rate", {{"t", "s"}, {"rate", "Hz"}});
    sink.log(LogLevel::Info, "Song-Miller-Abbott STDP: " + std::to_string(o.inputs) + " inputs at " +
                                 std::to_string(o.inputRate) + " Hz, " + (device ? std::string(c.id()) + " synapses, " : "") +
                                 "seed " + std::to_string(o.seed));
    // Binary devices hold G_off or G_on: two bars.
    const std::size_t bins = binary ? 2 : o.bins;
    auto histogram = [&]() {
        std::vector<double> h(bins, 0.0);
        for (double w : proj.w) {
            const auto b = std::min(bins - 1, static_cast<std::size_t>(std::max(0.0, position(w)) * static_cast<double>(bins)));
            h[b] += 1.0 / static_cast<double>(proj.size());
        }
        return h;
    };
    auto binCentre = [&](std::size_t b) {
        const double f = binary ? static_cast<double>(b) : (static_cast<double>(b) + 0.5) / static_cast<double>(bins);
        return device ? (wLo + f * wSpan) * siemens : f;
    };
    double t = 0;
    while (t < o.duration - 1e-12) {
        const double chunk = std::min(o.snapshotEvery, o.duration - t);
        mon.resetCounts();
        net.run(chunk, &stop);
        t += chunk;
        r.outputRate = static_cast<double>(mon.counts[0]) / chunk;
        const double rateRow[2] = {t, r.outputRate};
        sink.appendRows("rate", rateRow, 1);
        r.histogram = histogram();
        std::vector<double> rows;
        for (std::size_t b = 0; b < bins; ++b) rows.insert(rows.end(), {t, binCentre(b), r.histogram[b]});
        sink.appendRows("histogram", rows.data(), bins);
        sink.progress(t / o.duration);
    }
    r.weights.reserve(proj.size());
    for (double w : proj.w) {
        const double x = position(w);
        r.weights.push_back(x);
        if (device) r.conductances.push_back(w * siemens);
        if (x < 0.2) r.fractionLow += 1;
        else if (x > 0.8) r.fractionHigh += 1;
        else r.fractionMiddle += 1;
    }
    const auto n = static_cast<double>(proj.size());
    r.fractionLow /= n;
    r.fractionHigh /= n;
    r.fractionMiddle /= n;
    r.simulatedSeconds = net.time();
    sink.scalar("fraction_low", r.fractionLow, "");
    sink.scalar("fraction_middle", r.fractionMiddle, "");
    sink.scalar("fraction_high", r.fractionHigh, "");
    sink.scalar("output_rate", r.outputRate, "Hz");
    if (device) {
        emitConductanceHistogram(c, proj, sink);
        sink.scalar("G_min", r.gMin, "S");
        sink.scalar("G_max", r.gMax, "S");
    }
    return r;
}

}  // namespace ms::snn
