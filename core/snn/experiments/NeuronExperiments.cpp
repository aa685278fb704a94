#include "core/snn/experiments/NeuronExperiments.h"

#include "core/common/Errors.h"
#include "core/snn/Network.h"

namespace ms::snn {

std::vector<FiPoint> runFiCurve(const FiCurveOptions& o, FrameSink& sink, const StopToken& stop) {
    if (o.currents.empty()) throw InputError("currents", "give at least one current");
    if (!(o.duration > 0)) throw InputError("duration", "must be positive");
    Network net(o.dt);
    auto& g = net.add("neurons", makeNeuronGroup(o.modelId, o.currents.size(), o.params, o.presetId));
    for (std::size_t i = 0; i < o.currents.size(); ++i) g.Iext[i] = o.currents[i];
    auto& mon = net.monitorSpikes(g);
    net.run(o.duration, &stop);
    std::vector<FiPoint> out(o.currents.size());
    std::vector<double> first(out.size(), -1), last(out.size(), -1);
    for (const auto& s : mon.spikes) {
        if (first[s.neuron] < 0) first[s.neuron] = s.t;
        last[s.neuron] = s.t;
    }
    sink.beginSeries("fi", {{"I", neuronRegistry().find(o.modelId)->inputUnit}, {"rate", "Hz"}});
    for (std::size_t i = 0; i < out.size(); ++i) {
        out[i].current = o.currents[i];
        out[i].spikes = mon.counts[i];
        out[i].firstSpike = first[i];
        if (mon.counts[i] >= 2) out[i].rate = static_cast<double>(mon.counts[i] - 1) / (last[i] - first[i]);
        const double row[2] = {out[i].current, out[i].rate};
        sink.appendRows("fi", row, 1);
    }
    return out;
}

double findRheobase(const std::string& modelId, const ParamValues& params, double lo, double hi, double tolerance,
                    double duration, double dt, const StopToken& stop) {
    auto fires = [&](double I) {
        Network net(dt);
        auto& g = net.add("n", makeNeuronGroup(modelId, 1, params));
        g.Iext[0] = I;
        auto& mon = net.monitorSpikes(g, false);
        net.run(duration, &stop);
        return mon.counts[0] > 0;
    };
    if (fires(lo)) throw InputError("rheobase.lo", "the neuron already fires at the lower bound");
    if (!fires(hi)) throw InputError("rheobase.hi", "the neuron does not fire at the upper bound");
    while (hi - lo > tolerance) {
        const double mid = 0.5 * (lo + hi);
        (fires(mid) ? hi : lo) = mid;
    }
    return 0.5 * (lo + hi);
}

std::vector<PresetRun> runIzhikevichPresets(const IzhikevichPresetOptions& o, FrameSink& sink,
                                            const StopToken& stop) {
    const NeuronInfo* info = neuronRegistry().find("izhikevich");
    std::vector<PresetRun> out;
    for (const auto& preset : info->presets) {
        Network net(o.dt);
        auto& g = net.add("n", makeNeuronGroup("izhikevich", 1, {}, preset.id));
        auto& mon = net.monitorSpikes(g);
        auto& trace = net.monitorState(g, "v", {0}, o.traceEvery);
        if (o.onset > 0) net.run(o.onset, &stop);
        g.Iext[0] = o.current;
        net.run(o.duration, &stop);
        PresetRun run{preset.id, {}};
        for (const auto& s : mon.spikes)
            if (s.t >= o.onset - 1e-12) run.spikeTimes.push_back(s.t - o.onset);
        const std::string id = "v@" + preset.id;
        sink.beginSeries(id, {{"t", "s"}, {"v", "V"}});
        for (std::size_t k = 0; k < trace.t.size(); ++k) {
            const double row[2] = {trace.t[k], trace.values[k][0]};
            sink.appendRows(id, row, 1);
        }
        sink.scalar("spikes@" + preset.id, static_cast<double>(run.spikeTimes.size()), "");
        out.push_back(std::move(run));
    }
    return out;
}

}  // namespace ms::snn
