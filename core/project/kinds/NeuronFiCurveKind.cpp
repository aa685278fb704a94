// Experiment kind "neuron_fi_curve": the firing rate of one neuron model
// under constant currents (one neuron per current, simulated together).
//
//   { "id", "kind": "neuron_fi_curve", "name",
//     "neuron": {"model", "preset", "params"},
//     "currentMin", "currentMax", "points", "duration", "dt" }
//
// Series "fi": I (the model's input unit), rate (Hz), and for the
// current-based LIF the closed form rate_theory (Hz): starting from V_reset,
// V relaxes to V_inf = E_L + R I with time constant tau_m and reaches V_th
// after T = tau_m ln((V_inf - V_reset) / (V_inf - V_th)), so
// f = 1 / (t_ref + T) when V_inf > V_th, else 0 (Gerstner et al., Neuronal
// Dynamics, 2014, eq. 1.11 with refractoriness).
#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/project/ExperimentKind.h"
#include "core/project/KindSetup.h"
#include "core/project/kinds/SnnKindSupport.h"
#include "core/snn/experiments/NeuronExperiments.h"

namespace ms {

using namespace json_fields;
using namespace snn_kinds;

namespace {

const std::vector<ParamSpec>& fiSettings() {
    static const std::vector<ParamSpec> specs = {
        {"currentMin", "I_min", "", 0.0, -1e6, 1e6, Scale::Linear,
         "Smallest current, in the neuron model's input unit (A for lif, A/m^2 for HH, paper units for Izhikevich)", ""},
        {"currentMax", "I_max", "", 1e-9, -1e6, 1e6, Scale::Linear, "Largest current, in the model's input unit", ""},
        {"points", "N", "", 41, 2, 5000, Scale::Log, "Currents, evenly spaced from currentMin to currentMax", "", true},
        {"duration", "T", "s", 1.0, 1e-3, 100, Scale::Log, "Simulated time per current", ""},
        {"dt", "dt", "s", 1e-4, 1e-7, 1e-2, Scale::Log, "Time step", ""},
    };
    return specs;
}

struct FiSetup {
    NeuronSetup neuron;
    snn::FiCurveOptions options;
};

FiSetup readSetup(const nlohmann::json& e, const std::string& path, std::vector<ProjectIssue>& issues) {
    FiSetup s;
    rejectUnknown(e, fiSettings(), {"neuron"}, path, issues);
    s.neuron = readNeuron(e, "neuron", path, issues);
    const ParamValues v = readSettings(e, fiSettings(), path, issues);
    if (issues.empty() && !(v.at("currentMax") > v.at("currentMin")))
        issues.push_back({join(path, "currentMax"), "must be greater than currentMin"});
    if (issues.empty() && v.at("dt") * 2 > v.at("duration"))
        issues.push_back({join(path, "dt"), "must be at most half the duration"});
    auto& o = s.options;
    o.modelId = s.neuron.model;
    o.presetId = s.neuron.preset;
    o.params = s.neuron.params;
    o.duration = v.at("duration");
    o.dt = v.at("dt");
    const auto n = static_cast<std::size_t>(v.at("points"));
    for (std::size_t k = 0; k < n; ++k)
        o.currents.push_back(v.at("currentMin") +
                             (v.at("currentMax") - v.at("currentMin")) * static_cast<double>(k) / static_cast<double>(n - 1));
    return s;
}

// Steady firing rate of the current-based LIF (closed form, see above).
double lifRate(const ParamValues& p, double current) {
    const double vInf = p.at("E_L") + p.at("R") * current;
    if (vInf <= p.at("V_th")) return 0.0;
    const double T = p.at("tau_m") * std::log((vInf - p.at("V_reset")) / (vInf - p.at("V_th")));
    return 1.0 / (p.at("t_ref") + T);
}

void runFi(const nlohmann::json& e, const Project& project, FrameSink& sink, const StopToken& stop) {
    FiSetup s = kind_setup::validSetup(readSetup, e, project);
    // The engine streams "fi" (I, rate); this kind streams its own with the closed form.
    NullSink quiet;
    const auto points = snn::runFiCurve(s.options, quiet, stop);
    const snn::NeuronInfo* info = snn::neuronRegistry().find(s.neuron.model);
    const bool closedForm = s.neuron.model == "lif";
    std::vector<Column> cols = {{"I", info->inputUnit}, {"rate", "Hz"}};
    if (closedForm) cols.push_back({"rate_theory", "Hz"});
    sink.beginSeries("fi", cols);
    double threshold = NAN, maxRate = 0, worst = 0;
    for (const auto& p : points) {
        std::vector<double> row = {p.current, p.rate};
        if (closedForm) {
            const double f = lifRate(s.neuron.resolved, p.current);
            row.push_back(f);
            // Compare where the neuron fires steadily (>= 3 interspike intervals).
            if (f > 0 && p.spikes >= 4) worst = std::max(worst, std::abs(p.rate - f) / f);
        }
        sink.appendRows("fi", row.data(), 1);
        if (p.spikes > 0 && std::isnan(threshold)) threshold = p.current;
        maxRate = std::max(maxRate, p.rate);
    }
    if (!std::isnan(threshold)) sink.scalar("threshold_current", threshold, info->inputUnit);
    sink.scalar("max_rate", maxRate, "Hz");
    if (closedForm) {
        const auto& p = s.neuron.resolved;
        sink.scalar("rheobase_theory", (p.at("V_th") - p.at("E_L")) / p.at("R"), "A");
        sink.scalar("max_relative_error_vs_theory", worst, "");
    }
    sink.progress(1.0);
}

}  // namespace

ExperimentKindInfo neuronFiCurveKind() {
    ExperimentKindInfo k;
    k.id = "neuron_fi_curve";
    k.name = "Neuron F-I curve";
    k.summary = "Firing rate vs constant input current of one neuron model (closed form for LIF)";
    k.settings = fiSettings();
    k.validate = kind_setup::validator(readSetup);
    k.run = runFi;
    k.memoryEstimate = [](const nlohmann::json& e, const Project& project) {
        const FiSetup s = kind_setup::setupAsRead(readSetup, e, project);
        // Recorded spike times: at most one per step per neuron (refractoriness makes it far fewer).
        const double steps = s.options.duration / s.options.dt;
        return 4e6 + static_cast<double>(s.options.currents.size()) * (200.0 + std::min(steps, 1e5) * 16.0);
    };
    return k;
}

}  // namespace ms
