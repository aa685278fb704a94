// Experiment kind "snn_stdp_song": Song, Miller & Abbott (2000) as in
// Brian2's examples/synapses/STDP: Poisson inputs drive one conductance LIF
// neuron through pair-STDP synapses; the weights become bimodal.
//
//   { "id", "kind": "snn_stdp_song", "name",
//     "inputs", "inputRate", "duration", "dt", "gmax", "bins", "snapshotEvery", "seed",
//     "synapse": {"type": "abstract" | "device_stdp" | "pulse_stdp" | "stochastic_binary", ...} }
//
// Series "histogram" (t, w / gmax, fraction), "rate" (t, Hz) and
// "stdp_window": the pair rule's weight change for one pre/post pair,
// dt = t_post - t_pre (s) -> dw (gmax): +0.01 e^{-dt/20 ms} for dt > 0,
// -0.0105 e^{dt/20 ms} for dt < 0 (Song et al. 2000, Fig. 1).
//
// A device synapse (kinds/SnnSynapseSetup.h, docs/snn-synapses.md) replaces
// the pair rule: weight = weight_per_S G, the bounds are the device's
// conductance range, and gmax plays no part. The histogram's w column is then
// the bin centre's G in siemens over that range (stochastic_binary: two bars,
// G_off and G_on), "conductance_histogram" (G S, count) and the figures G_min,
// G_max come at the end, and for device_stdp "stdp_window" is the device's
// measured window (dt s, dG S); stochastic_binary has none.
#include <nlohmann/json.hpp>

#include "core/project/ExperimentKind.h"
#include "core/project/KindSetup.h"
#include "core/project/kinds/SnnKindSupport.h"
#include "core/project/kinds/SnnSynapseSetup.h"
#include "core/snn/Plasticity.h"
#include "core/snn/experiments/SongStdp.h"

namespace ms {

using namespace json_fields;
using namespace snn_kinds;

namespace {

const std::vector<ParamSpec>& songSettings() {
    static const snn::SongStdpOptions d;
    static const std::vector<ParamSpec> specs = {
        {"inputs", "N", "", double(d.inputs), 1, 100000, Scale::Log, "Poisson inputs", "Song, Miller & Abbott 2000", true},
        {"inputRate", "r", "Hz", d.inputRate, 0.1, 1000, Scale::Log, "Rate of every input", "Song, Miller & Abbott 2000"},
        {"duration", "T", "s", d.duration, 0.01, 10000, Scale::Log, "Simulated time (Brian2's example: 100 s)", ""},
        {"dt", "dt", "s", d.dt, 1e-6, 1e-3, Scale::Log, "Time step", ""},
        {"gmax", "g_max", "", d.gmax, 1e-5, 1, Scale::Log, "Upper weight bound (conductance relative to leak)", ""},
        {"bins", "bins", "", double(d.bins), 2, 200, Scale::Linear, "Histogram bins over [0, gmax]", "", true},
        {"snapshotEvery", "T_snap", "s", d.snapshotEvery, 1e-3, 10000, Scale::Log, "Time between streamed histograms", ""},
        {"seed", "seed", "", double(d.seed), 0, 4294967295.0, Scale::Linear, "Random seed (inputs, initial weights)", "", true},
    };
    return specs;
}

snn::SongStdpOptions readOptions(const nlohmann::json& e, const Project& project, const std::string& path,
                                 std::vector<ProjectIssue>& issues) {
    rejectUnknown(e, songSettings(), {"synapse"}, path, issues);
    const ParamValues v = readSettings(e, songSettings(), path, issues);
    snn::SongStdpOptions o;
    o.inputs = static_cast<std::size_t>(v.at("inputs"));
    o.inputRate = v.at("inputRate");
    o.duration = v.at("duration");
    o.dt = v.at("dt");
    o.gmax = v.at("gmax");
    o.bins = static_cast<std::size_t>(v.at("bins"));
    o.snapshotEvery = v.at("snapshotEvery");
    o.seed = static_cast<std::uint64_t>(v.at("seed"));
    o.synapse = readSynapse(e, project, path, issues);
    if (issues.empty() && o.dt * 10 > o.duration) issues.push_back({join(path, "dt"), "must be at most a tenth of duration"});
    return o;
}

void runSong(const nlohmann::json& e, const Project& project, FrameSink& sink, const StopToken& stop) {
    const auto o = kind_setup::validSetup(readOptions, e, project);
    // The window first: the view draws it before the long run starts. A
    // device's is measured on the device; a binary device has none.
    if (o.synapse.isDevice()) {
        snn::emitDeviceStdpWindow(o.synapse, sink);
    } else {
        sink.beginSeries("stdp_window", {{"dt", "s"}, {"dw", "gmax"}});
        const double aPlus = o.aPreOverGmax, aMinus = -o.depressionRatio * o.aPreOverGmax * o.tauPre / o.tauPost;
        std::vector<double> rows;
        for (int k = -100; k <= 100; ++k) {
            if (k == 0) continue;
            const double dt = k * 1e-3;
            rows.insert(rows.end(), {dt, snn::pairStdpWindow(dt, aPlus, aMinus, o.tauPre, o.tauPost)});
        }
        sink.appendRows("stdp_window", rows.data(), rows.size() / 2);
    }
    const auto r = snn::runSongStdp(o, sink, stop);
    sink.scalar("simulated_time", r.simulatedSeconds, "s");
}

}  // namespace

ExperimentKindInfo snnStdpSongKind() {
    ExperimentKindInfo k;
    k.id = "snn_stdp_song";
    k.name = "STDP: bimodal weights (Song et al.)";
    k.summary = "Poisson inputs onto one LIF neuron through pair-STDP synapses; the weights split to the bounds";
    k.settings = songSettings();
    k.validate = kind_setup::validator(readOptions);
    k.run = runSong;
    k.memoryEstimate = [](const nlohmann::json& e, const Project& project) {
        const auto o = kind_setup::setupAsRead(readOptions, e, project);
        // Synapses with traces and delay queues; histograms are small.
        return 4e6 + static_cast<double>(o.inputs) * 200.0 + (o.duration / o.snapshotEvery) * o.bins * 3 * 8 * 4;
    };
    return k;
}

}  // namespace ms
