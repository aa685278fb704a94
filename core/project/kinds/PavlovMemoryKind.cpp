// Experiment kind "pavlov_associative_memory": Pavlov's dog on one memristor
// synapse (core/snn/experiments/PavlovMemory.h; the review cites Ma et al.,
// IEEE Access 6:61614, 2018; docs/pavlov.md).
//
//   { "id", "kind": "pavlov_associative_memory", "name",
//     "device": {model, preset, params, window} | "<id in devices>",
//     "neuron": {"model": "lif", "preset", "params"},
//     "protocol": [{"phase": "test" | "acquisition" | "extinction" | "relearning",
//                   "trials": n, "bell": bool, "food": bool}, ...],
//     "bellAmplitude", "bellWidth", "bellPeriod", "foodAmplitude", "foodWidth",
//     "foodPeriod", "foodConductance", "feedbackPaired", "feedbackUnpaired",
//     "feedbackWidth", "trialDuration", "interTrial", "dt", "readVoltage", "recordEvery" }
//
// "bell" and "food" default by phase: test and extinction ring the bell
// alone, acquisition and relearning pair it with food.
// Series "timeline", "spikes", "trials" (PavlovMemory.cpp); scalars
// G_initial, G_after_<phase>, responds_before, responds_after_<phase>,
// trials_to_acquire, trials_to_extinguish, trials_to_relearn.
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/devices/ModelRegistry.h"
#include "core/project/ExperimentKind.h"
#include "core/project/KindSetup.h"
#include "core/project/kinds/SnnKindSupport.h"
#include "core/snn/experiments/PavlovMemory.h"

namespace ms {

using namespace json_fields;
using namespace snn_kinds;

namespace {

const std::vector<ParamSpec>& pavlovSettings() {
    static const snn::PavlovOptions d;
    static const std::string src = "Ma et al., IEEE Access 6:61614 (2018), via Xu, Wang & Yan (2021)";
    static const std::vector<ParamSpec> specs = {
        {"bellAmplitude", "V_bell", "V", d.bell.amplitude, 0, 10, Scale::Linear,
         "Bell (conditioned stimulus) pulse height; below the device's threshold, a read", src},
        {"bellWidth", "w_bell", "s", d.bell.width, 1e-12, 1, Scale::Log, "Bell pulse width", ""},
        {"bellPeriod", "T_bell", "s", d.bell.period, 1e-12, 1, Scale::Log, "Bell pulse period within a trial", ""},
        {"foodAmplitude", "V_food", "V", d.food.amplitude, 0, 10, Scale::Linear,
         "Food (unconditioned stimulus) pulse height", src},
        {"foodWidth", "w_food", "s", d.food.width, 1e-12, 1, Scale::Log, "Food pulse width", ""},
        {"foodPeriod", "T_food", "s", d.food.period, 1e-12, 1, Scale::Log, "Food pulse period within a trial", ""},
        {"foodConductance", "G_food", "S", d.foodConductance, 1e-12, 10, Scale::Log,
         "Fixed (strong) conductance of the food synapse", src},
        {"feedbackPaired", "V_fb+", "V", d.feedbackPaired, -10, 10, Scale::Linear,
         "Added to the bell pulse across the memristor by an output spike while food is on (SET)", src},
        {"feedbackUnpaired", "V_fb-", "V", d.feedbackUnpaired, -10, 10, Scale::Linear,
         "Added by an output spike without food (RESET: extinction)", src},
        {"feedbackWidth", "t_fb", "s", d.feedbackWidth, 1e-12, 1, Scale::Log, "Width of the feedback pulse", ""},
        {"trialDuration", "T_trial", "s", d.trialDuration, 1e-12, 10, Scale::Log, "Window of pulses in one trial", ""},
        {"interTrial", "T_gap", "s", d.interTrial, 0, 10, Scale::Linear, "Silence after each trial", ""},
        {"dt", "dt", "s", d.dt, 1e-12, 1e-2, Scale::Log, "Time step of the neuron and the synapse", ""},
        {"readVoltage", "V_read", "V", d.readVoltage, 1e-3, 10, Scale::Log, "Voltage at which G = 1/R is read", ""},
        {"recordEvery", "N_rec", "", double(d.recordEvery), 1, 1e6, Scale::Log, "Timeline rows: one per this many steps",
         "", true},
    };
    return specs;
}

struct PavlovSetup {
    DeviceSpec device;
    const ModelInfo* model = nullptr;
    snn::PavlovOptions o;
    bool valid = false;
};

std::vector<snn::PavlovStage> readProtocol(const nlohmann::json& e, const std::string& path,
                                           std::vector<ProjectIssue>& issues) {
    std::vector<snn::PavlovStage> out;
    const std::string at = join(path, "protocol");
    if (!e.contains("protocol")) {
        issues.push_back({at, "missing (an array of {\"phase\", \"trials\", \"bell\", \"food\"})"});
        return out;
    }
    const auto& list = e["protocol"];
    if (!list.is_array() || list.empty() || list.size() > 1000) {
        issues.push_back({at, "must be an array of 1 to 1000 stages (got " + typeName(list) + ")"});
        return out;
    }
    for (std::size_t k = 0; k < list.size(); ++k) {
        const std::string sp = index(at, k);
        const auto& s = list[k];
        if (!s.is_object()) {
            issues.push_back({sp, "must be an object {\"phase\", \"trials\", \"bell\", \"food\"}"});
            continue;
        }
        rejectUnknownKeys(s, {"phase", "trials", "bell", "food"}, sp, issues);
        snn::PavlovStage st;
        const std::string phase = s.contains("phase") ? readString(s, "phase", sp, issues) : "";
        if (!s.contains("phase"))
            issues.push_back({join(sp, "phase"), "missing (one of " + joinIds(snn::pavlovPhaseIds()) + ")"});
        else if (s["phase"].is_string() && !snn::pavlovPhaseFromId(phase, st.phase))
            issues.push_back({join(sp, "phase"), "unknown phase '" + phase + "' (known: " +
                                                     joinIds(snn::pavlovPhaseIds()) + ")"});
        st.bell = true;
        st.food = st.phase == snn::PavlovPhase::Acquisition || st.phase == snn::PavlovPhase::Relearning;
        if (s.contains("trials")) {
            const auto& t = s["trials"];
            if (!t.is_number() || t.get<double>() != std::floor(t.get<double>()) || t.get<double>() < 1 ||
                t.get<double>() > 10000)
                issues.push_back({join(sp, "trials"), "must be a whole number from 1 to 10000 (got " + t.dump() + ")"});
            else
                st.trials = static_cast<int>(t.get<double>());
        }
        for (const char* key : {"bell", "food"}) {
            if (!s.contains(key)) continue;
            if (!s[key].is_boolean())
                issues.push_back({join(sp, key), "must be true or false (got " + typeName(s[key]) + ")"});
            else
                (std::string(key) == "bell" ? st.bell : st.food) = s[key].get<bool>();
        }
        out.push_back(st);
    }
    return out;
}

PavlovSetup readSetup(const nlohmann::json& e, const Project& project, const std::string& path,
                      std::vector<ProjectIssue>& issues) {
    PavlovSetup s;
    const std::size_t before = issues.size();
    rejectUnknown(e, pavlovSettings(), {"device", "neuron", "protocol"}, path, issues);
    const ParamValues v = readSettings(e, pavlovSettings(), path, issues);
    auto& o = s.o;
    o.bell = {v.at("bellAmplitude"), v.at("bellWidth"), v.at("bellPeriod")};
    o.food = {v.at("foodAmplitude"), v.at("foodWidth"), v.at("foodPeriod")};
    o.foodConductance = v.at("foodConductance");
    o.feedbackPaired = v.at("feedbackPaired");
    o.feedbackUnpaired = v.at("feedbackUnpaired");
    o.feedbackWidth = v.at("feedbackWidth");
    o.trialDuration = v.at("trialDuration");
    o.interTrial = v.at("interTrial");
    o.dt = v.at("dt");
    o.readVoltage = v.at("readVoltage");
    o.recordEvery = static_cast<int>(v.at("recordEvery"));
    for (const auto& [line, pulse] : {std::pair{"bell", o.bell}, std::pair{"food", o.food}}) {
        const std::string w = std::string(line) + "Width", p = std::string(line) + "Period";
        if (pulse.width >= pulse.period)
            issues.push_back({join(path, w), "must be shorter than " + p + " (" + formatWithUnit(pulse.period, "s") +
                                                 "): a pulse wider than its period never ends"});
        if (pulse.width < 10 * o.dt)
            issues.push_back({join(path, "dt"), "must be at most a tenth of " + w + " (" +
                                                    formatWithUnit(pulse.width, "s") + ")"});
        if (o.recordEvery * o.dt > pulse.width / 2)
            issues.push_back({join(path, "recordEvery"), "recordEvery * dt must be at most half of " + w +
                                                             ", or the timeline misses pulses"});
    }
    if (o.feedbackWidth < o.dt)
        issues.push_back({join(path, "feedbackWidth"), "must be at least dt (" + formatWithUnit(o.dt, "s") + ")"});
    if (o.bell.period > o.trialDuration)
        issues.push_back({join(path, "trialDuration"), "must hold at least one bell period"});
    o.protocol = readProtocol(e, path, issues);

    const NeuronSetup n = readNeuron(e, "neuron", path, issues);
    if (const snn::NeuronInfo* info = snn::neuronRegistry().find(n.model); info && info->inputUnit != "A")
        issues.push_back({join(join(path, "neuron"), "model"),
                          "must take an input current in amperes (the synapse currents); " + n.model + " takes " +
                              (info->inputUnit.empty() ? std::string("model units") : info->inputUnit)});
    o.neuronModel = n.model;
    o.neuronParams = n.resolved;

    const std::string dp = join(path, "device");
    if (!e.contains("device")) {
        issues.push_back({dp, "missing (a device object {\"model\", ...} or the id of an entry in devices)"});
        return s;
    }
    const std::size_t beforeDevice = issues.size();
    s.device = parseDeviceSpec(e["device"], project, dp, issues);
    if (issues.size() != beforeDevice) return s;
    s.model = modelRegistry().find(s.device.modelId);
    if (s.model && !s.model->hasThreshold) {
        issues.push_back({dp, "model '" + s.device.modelId + "' has no switching threshold: every bell read would "
                                  "change the synapse, so the bell would be learnt without food (use a threshold "
                                  "model: vteam, team, yakopcic, stanford_pku)"});
        return s;
    }
    o.deviceStiff = s.model && s.model->stiff;
    o.deviceName = s.device.modelId;
    if (issues.size() != before) return s;  // the check below needs valid settings
    try {
        const auto model = instantiateDevice(s.device, dp);
        const snn::PavlovDeviceCheck c = snn::checkPavlovDevice(*model, o);
        if (c.polarity == 0.0)
            issues.push_back({join(path, c.field), c.problem + " (device " + s.device.modelId + ")"});
    } catch (const InputError& err) {
        issues.push_back({err.path(), err.why()});
    }
    s.valid = issues.size() == before;
    return s;
}

double totalSteps(const snn::PavlovOptions& o) {
    double trials = 0;
    for (const auto& st : o.protocol) trials += st.trials;
    return trials * (o.trialDuration + o.interTrial) / o.dt;
}

void run(const nlohmann::json& e, const Project& project, FrameSink& sink, const StopToken& stop) {
    const PavlovSetup s = kind_setup::validSetup(readSetup, e, project);
    const auto model = instantiateDevice(s.device, "experiment.device");
    try {
        snn::runPavlovMemory(*model, s.o, sink, stop);
    } catch (const InputError& err) {
        throw InputError(join("experiment", err.path()), err.why());
    }
    sink.progress(1.0);
}

}  // namespace

ExperimentKindInfo pavlovMemoryKind() {
    ExperimentKindInfo k;
    k.id = "pavlov_associative_memory";
    k.name = "Pavlov's associative memory";
    k.summary = "Bell and food onto one output neuron; the bell synapse is a memristor that pairing potentiates and "
                "unrewarded responses depress (acquisition, extinction, relearning)";
    k.settings = pavlovSettings();
    k.validate = kind_setup::validator(readSetup);
    k.run = run;
    k.memoryEstimate = [](const nlohmann::json& e, const Project& project) {
        const PavlovSetup s = kind_setup::setupAsRead(readSetup, e, project);
        return 2e6 + totalSteps(s.o) / std::max(1, s.o.recordEvery) * 9.0 * 8.0 * 2.0;
    };
    k.workEstimate = [](const nlohmann::json& e, const Project& project) {
        const PavlovSetup s = kind_setup::setupAsRead(readSetup, e, project);
        WorkEstimate w;
        w.unit = "integration steps";
        w.limit = 1e8;
        w.field = "dt";
        w.amount = totalSteps(s.o);
        w.detail = "the protocol's trials times (trialDuration + interTrial) / dt";
        return w;
    };
    return k;
}

}  // namespace ms
