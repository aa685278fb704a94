// Experiment kind "neuron_trace": one neuron under a current step (the
// neuron explorer's membrane trace, Izhikevich phase plane, HH gates).
//
//   { "id", "kind": "neuron_trace", "name",
//     "neuron": {"model", "preset", "params"},
//     "current", "onset", "stepDuration", "after", "dt", "samples" }
//
// Series "trace": t (s), I (input unit), v (V) and the model's own state
// variables: u (mV/ms) for Izhikevich, the gates m, h, n for Hodgkin-Huxley.
// The dimensionless models have v, I and their states without units
// (Hindmarsh-Rose: v = x, y, z; FitzHugh-Nagumo: v, w); their time unit is
// mapped onto seconds by the neuron's time_unit parameter.
// Series "spikes": t (s). For Izhikevich also "nullclines" under the step
// current: v (V), the v-nullcline u = 0.04 v^2 + 5 v + 140 + I and the
// u-nullcline u = b v (v in mV; Izhikevich 2003, eq. 1-2).
#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/project/ExperimentKind.h"
#include "core/project/KindSetup.h"
#include "core/project/kinds/SnnKindSupport.h"
#include "core/snn/Network.h"

namespace ms {

using namespace json_fields;
using namespace snn_kinds;

namespace {

const std::vector<ParamSpec>& traceSettings() {
    static const std::vector<ParamSpec> specs = {
        {"current", "I", "", 10.0, -1e6, 1e6, Scale::Linear,
         "Step amplitude, in the neuron model's input unit (A for lif, A/m^2 for HH, paper units for Izhikevich, "
         "dimensionless for hindmarsh_rose and fitzhugh_nagumo)", ""},
        {"onset", "t_on", "s", 10e-3, 0, 100, Scale::Linear, "Time before the step (no input)", ""},
        {"stepDuration", "T_step", "s", 0.2, 1e-4, 100, Scale::Log, "Length of the current step", ""},
        {"after", "t_after", "s", 20e-3, 0, 100, Scale::Linear, "Time after the step (no input)", ""},
        {"dt", "dt", "s", 1e-5, 1e-7, 1e-2, Scale::Log, "Time step", ""},
        {"samples", "N", "", 4000, 10, 1e6, Scale::Log, "Trace rows at most (every k-th step is kept)", "", true},
    };
    return specs;
}

struct TraceSetup {
    NeuronSetup neuron;
    ParamValues v;
};

TraceSetup readSetup(const nlohmann::json& e, const std::string& path, std::vector<ProjectIssue>& issues) {
    TraceSetup s;
    rejectUnknown(e, traceSettings(), {"neuron"}, path, issues);
    s.neuron = readNeuron(e, "neuron", path, issues);
    s.v = readSettings(e, traceSettings(), path, issues);
    if (issues.empty() && s.v.at("dt") * 4 > s.v.at("stepDuration"))
        issues.push_back({join(path, "dt"), "must be at most a quarter of stepDuration"});
    return s;
}

double totalSteps(const ParamValues& v) {
    return std::round((v.at("onset") + v.at("stepDuration") + v.at("after")) / v.at("dt"));
}

void runTrace(const nlohmann::json& e, const Project& project, FrameSink& sink, const StopToken& stop) {
    const TraceSetup s = kind_setup::validSetup(readSetup, e, project);
    const auto& v = s.v;
    const snn::NeuronInfo* info = snn::neuronRegistry().find(s.neuron.model);
    snn::Network net(v.at("dt"));
    auto& g = net.add("neuron", snn::makeNeuronGroup(s.neuron.model, 1, s.neuron.params, s.neuron.preset));
    std::vector<std::string> extra;
    if (s.neuron.model == "izhikevich") extra = {"u"};
    if (s.neuron.model == "hodgkin_huxley") extra = {"m", "h", "n"};
    // Dimensionless models (Hindmarsh-Rose: y, z; FitzHugh-Nagumo: w): every
    // state beyond the membrane variable, which is itself unitless.
    if (info->membraneUnit.empty())
        for (const auto& name : g.stateNames())
            if (name != "v") extra.push_back(name);
    std::vector<Column> cols = {{"t", "s"}, {"I", info->inputUnit}, {"v", info->membraneUnit}};
    for (const auto& x : extra) cols.push_back({x, x == "u" ? "mV/ms" : ""});
    sink.beginSeries("trace", cols);
    sink.beginSeries("spikes", {{"t", "s"}});

    const auto steps = static_cast<long long>(totalSteps(v));
    const auto every = std::max<long long>(1, steps / static_cast<long long>(v.at("samples")));
    const auto onStep = static_cast<long long>(std::round(v.at("onset") / v.at("dt")));
    const auto offStep = onStep + static_cast<long long>(std::round(v.at("stepDuration") / v.at("dt")));
    std::vector<double> rows, spikes;
    auto flush = [&] {
        if (!rows.empty()) sink.appendRows("trace", rows.data(), rows.size() / cols.size());
        if (!spikes.empty()) sink.appendRows("spikes", spikes.data(), spikes.size());
        rows.clear();
        spikes.clear();
    };
    std::vector<double> spikeTimes;
    auto sample = [&](double t) {
        rows.insert(rows.end(), {t, g.Iext[0], g.membrane(0)});
        for (const auto& x : extra) rows.push_back(g.state(x, 0));
    };
    sample(0.0);
    for (long long k = 0; k < steps; ++k) {
        g.Iext[0] = (k >= onStep && k < offStep) ? v.at("current") : 0.0;
        net.run(v.at("dt"));
        if (!net.lastSpikes(g).empty()) {
            spikes.push_back(static_cast<double>(k) * v.at("dt"));
            spikeTimes.push_back(spikes.back());
        }
        if ((k + 1) % every == 0) sample(static_cast<double>(k + 1) * v.at("dt"));
        if ((k + 1) % 4096 == 0) {
            if (stop.stopRequested()) throw Cancelled();
            flush();
            sink.progress(static_cast<double>(k + 1) / static_cast<double>(steps));
        }
        if (!std::isfinite(g.membrane(0)))
            throw SimulationError("neuron_trace: membrane potential is not finite at t = " +
                                  formatWithUnit(static_cast<double>(k) * v.at("dt"), "s") + " (reduce dt)");
    }
    flush();

    if (s.neuron.model == "izhikevich") {
        const double b = s.neuron.resolved.at("b"), I = v.at("current");
        sink.beginSeries("nullclines", {{"v", "V"}, {"u_v_nullcline", "mV/ms"}, {"u_u_nullcline", "mV/ms"}});
        std::vector<double> nc;
        for (int q = 0; q <= 200; ++q) {
            const double vm = -90.0 + 125.0 * q / 200.0;  // mV, -90 .. 35
            nc.insert(nc.end(), {vm * 1e-3, 0.04 * vm * vm + 5 * vm + 140 + I, b * vm});
        }
        sink.appendRows("nullclines", nc.data(), nc.size() / 3);
    }
    const double t0 = v.at("onset");
    std::size_t during = 0;
    for (double t : spikeTimes)
        if (t >= t0 - 1e-12 && t < t0 + v.at("stepDuration")) ++during;
    sink.scalar("spikes", static_cast<double>(during), "");
    sink.scalar("mean_rate", static_cast<double>(during) / v.at("stepDuration"), "Hz");
    for (double t : spikeTimes)
        if (t >= t0 - 1e-12) {
            sink.scalar("first_spike_latency", t - t0, "s");
            break;
        }
    // Spike-frequency adaptation: last interspike interval over the first.
    std::vector<double> isi;
    for (std::size_t q = 1; q < spikeTimes.size(); ++q)
        if (spikeTimes[q - 1] >= t0 - 1e-12) isi.push_back(spikeTimes[q] - spikeTimes[q - 1]);
    if (isi.size() >= 2) sink.scalar("isi_last_over_first", isi.back() / isi.front(), "");
    sink.progress(1.0);
}

}  // namespace

ExperimentKindInfo neuronTraceKind() {
    ExperimentKindInfo k;
    k.id = "neuron_trace";
    k.name = "Neuron step response";
    k.summary = "Membrane potential and state variables of one neuron under a current step";
    k.settings = traceSettings();
    k.validate = kind_setup::validator(readSetup);
    k.run = runTrace;
    k.memoryEstimate = [](const nlohmann::json& e, const Project&) {
        std::vector<ProjectIssue> issues;  // an invalid setup gets the floor estimate
        const TraceSetup s = readSetup(e, "experiment", issues);
        if (!issues.empty()) return 4e6;
        // Rows (6 columns) held about four times by the sink chain, plus spike times.
        const double rows = std::min(totalSteps(s.v), s.v.at("samples"));
        return 4e6 + rows * 6 * 8 * 4 + totalSteps(s.v) * 8 * 0.01;
    };
    return k;
}

}  // namespace ms
