// Experiment kind "fit_pulse_curve": fits a conductance-vs-pulse curve with
// the NeuroSim NL form, a registered pulse-synapse model, or builds a lookup
// table from it (core/fit/PulseFit.h; docs/measured-devices.md).
//
//   { "id", "kind": "fit_pulse_curve", "name", "description",
//     "measurement": {"file", "delimiter", "columns", "units"} | {"data": {"pulse", "g", "phase"}},
//     "model": "neurosim_form" | "<synapse model id>" | "lookup_table",
//     "fixed": {...}, "free": {"<param>": {"min", "max", "start", "log"}},   (synapse models)
//     "starts", "seed", "maxIterations" }
#include <nlohmann/json.hpp>

#include "core/fit/FitJson.h"
#include "core/fit/PulseFit.h"
#include "core/project/ExperimentKind.h"
#include "core/project/KindSetup.h"
#include "core/project/JsonFields.h"
#include "core/synapses/PulseSynapse.h"

namespace ms {

using namespace json_fields;

namespace {

const std::vector<ParamSpec>& fitSettings() {
    static const std::vector<ParamSpec> specs = {
        {"starts", "starts", "", 4, 1, 100, Scale::Linear, "Optimiser starts: the given values, then random ones around them", "", true},
        {"seed", "seed", "", 1, 0, 1e15, Scale::Linear, "Seed of the random starts", "", true},
        {"maxIterations", "iterations", "", 60, 1, 10000, Scale::Log, "Levenberg-Marquardt iterations per start", "", true},
    };
    return specs;
}

struct PulseSetup {
    std::string model = "neurosim_form";
    ParamValues fixed;
    nlohmann::json free = nlohmann::json::object();
    fit::LmOptions lm;
};

PulseSetup readSetup(const nlohmann::json& e, const std::string& path, std::vector<ProjectIssue>& issues) {
    PulseSetup s;
    rejectUnknownKeys(e, kind_setup::experimentKeys(fitSettings(), {"measurement", "model", "fixed", "free"}), path, issues);
    if (!e.contains("measurement"))
        issues.push_back({join(path, "measurement"), "missing ({\"file\": path} or {\"data\": {\"pulse\", \"g\", \"phase\"}})"});
    else
        for (const auto& i : fit::checkMeasurement(e["measurement"], "pulse")) issues.push_back({join(path, i.key), i.message});
    if (e.contains("model")) s.model = readString(e, "model", path, issues);
    const ParamValues v = readSettings(e, fitSettings(), path, issues);
    s.lm.starts = static_cast<int>(v.at("starts"));
    s.lm.seed = static_cast<std::uint64_t>(v.at("seed"));
    s.lm.maxIterations = static_cast<int>(v.at("maxIterations"));
    if (s.model == "neurosim_form" || s.model == "lookup_table") {
        if (e.contains("free")) issues.push_back({join(path, "free"), "only for synapse models (the " + s.model + " has none to choose)"});
        return s;
    }
    const SynapseModelInfo* m = synapseRegistry().find(s.model);
    if (!m) {
        issues.push_back({join(path, "model"), "must be \"neurosim_form\", \"lookup_table\" or a synapse model (" +
                                                   joinIds(synapseRegistry().ids()) + "), got \"" + s.model + "\""});
        return s;
    }
    if (e.contains("fixed")) s.fixed = readNumbers(e["fixed"], join(path, "fixed"), issues);
    for (const auto& [k, val] : s.fixed)
        if (!findSpec(m->params, k)) issues.push_back({join(path, "fixed." + k), "not a parameter of " + s.model});
    std::vector<ParamIssue> free;
    if (e.contains("free")) s.free = e["free"];
    fit::readFreeParameters(s.free, m->params, withDefaults(m->params, s.fixed), free);
    appendParamIssues(free, path, issues);
    return s;
}

void runFit(const nlohmann::json& e, const Project& project, FrameSink& sink, const StopToken& stop) {
    const PulseSetup s = kind_setup::validSetup(readSetup, e, project);
    const fit::PulseCurve curve = fit::loadPulseMeasurement(e["measurement"], project.baseDirectory());
    fit::FitReport r;
    if (s.model == "neurosim_form") {
        r = fit::fitNeuroSimCurve(curve, s.lm, sink, stop);
    } else if (s.model == "lookup_table") {
        const ParamValues table = fit::lookupTableFromCurve(curve);
        r.x = curve.pulse;
        r.measured = curve.g;
        r.phase = curve.phase;
        r.fitted = fit::simulateSynapseCurve("lookup_table", table, curve);
        for (const char* key : {"Gmax", "onOff", "levelsLTP", "levelsLTD"})
            r.params.push_back({key, std::string(key) == "Gmax" ? "S" : "", table.at(key), 0.0, false});
        fit::computeGoodness(r);
    } else {
        fit::SynapseFitOptions o;
        o.modelId = s.model;
        o.fixed = s.fixed;
        std::vector<ParamIssue> ignored;
        const SynapseModelInfo* m = synapseRegistry().find(s.model);
        ParamValues start = fit::synapseStartValues(s.model, curve);
        for (const auto& [k, v] : s.fixed) start[k] = v;
        o.free = fit::readFreeParameters(s.free, m->params, start, ignored);
        o.lm = s.lm;
        r = fit::fitSynapseModel(curve, o, sink, stop);
    }
    fit::streamReport(r, sink, "pulse", "", "G", "S");
    sink.progress(1.0);
}

}  // namespace

ExperimentKindInfo fitPulseCurveKind() {
    ExperimentKindInfo k;
    k.id = "fit_pulse_curve";
    k.name = "Fit a conductance-vs-pulse curve";
    k.summary = "NeuroSim NL form, a pulse-synapse model, or a lookup table fitted to a measured LTP/LTD curve";
    k.settings = fitSettings();
    k.validate = kind_setup::validator(readSetup);
    k.run = runFit;
    k.memoryEstimate = [](const nlohmann::json&, const Project&) { return 8e6; };
    return k;
}

}  // namespace ms
