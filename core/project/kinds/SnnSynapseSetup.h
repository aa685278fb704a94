// The "synapse" object of the spiking-network kinds (docs/snn-synapses.md):
//   absent | {"type": "abstract"}
//   {"type": "device_stdp", "device": "<id in devices>" | {model, preset, params},
//    "waveform": {"shape", "V_plus", "t_plus", "V_minus", "tau_tail", "t_spike", "delay", "post_gain"},
//    "V_sel", "v_read", "weight_per_S", "substeps"}
//   {"type": "stochastic_binary", "p_plus", "p_minus", "t_ltp", "G_off", "G_on", "weight_per_S"}
//   {"type": "pulse_stdp", "model": "<pulse-synapse id>", "preset", "params": {...},
//    "A_plus", "A_minus", "tau_plus", "tau_minus", "weight_per_S"}
// A kind takes it with one line: s.o.synapse = readSynapse(e, project, path, issues)
// (and lists "synapse" among its fields). Every problem is reported at its
// path ("experiments[0].synapse.waveform.t_plus").
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/project/JsonFields.h"
#include "core/project/Project.h"
#include "core/snn/Plasticity.h"
#include "core/snn/SynapseChoice.h"
#include "core/synapses/PulseSynapse.h"

namespace ms::snn_kinds {

// The device rule's numeric fields, split as the JSON object is: waveform
// keys inside "waveform", the rest at the synapse's top level. Ranges are the
// plasticity registry's (core/snn/plasticity/DeviceStdp.cpp).
inline std::vector<ParamSpec> deviceStdpSpecs(bool waveform) {
    static const std::vector<std::string> wave = {"V_plus", "t_plus", "V_minus", "tau_tail", "t_spike", "delay", "post_gain"};
    std::vector<ParamSpec> out;
    for (const auto& s : snn::plasticityRegistry().find("device_stdp")->params) {
        if (s.key == "shape") continue;  // a string in JSON
        const bool isWave = std::find(wave.begin(), wave.end(), s.key) != wave.end();
        if (isWave == waveform) out.push_back(s);
    }
    return out;
}

inline const std::vector<ParamSpec>& stochasticBinarySpecs() {
    static const snn::StochasticBinaryOptions d;
    static const std::string src = "Suri et al., IEDM 2012; Querlioz et al., IEEE TNANO 12:288 (2013)";
    static const std::vector<ParamSpec> specs = {
        {"p_plus", "p_+", "", d.pPlus, 0, 1, Scale::Linear, "SET probability for inputs active in the LTP window", src},
        {"p_minus", "p_-", "", d.pMinus, 0, 1, Scale::Linear, "RESET probability for the other inputs", src},
        {"t_ltp", "t_LTP", "s", d.tLtp, 0, 10, Scale::Linear, "LTP window after a presynaptic arrival", src},
        {"G_off", "G_off", "S", d.gOff, 0, 1, Scale::Linear, "Conductance of an OFF device", ""},
        {"G_on", "G_on", "S", d.gOn, 0, 1, Scale::Linear, "Conductance of an ON device", ""},
        {"weight_per_S", "k_w", "1/S", d.weightPerSiemens, 1e-12, 1e12, Scale::Log, "Network weight per siemens", ""},
    };
    return specs;
}

inline const std::vector<ParamSpec>& pulseStdpSpecs() {
    static const snn::PulseStdpOptions d;
    static const std::string src = "Song, Miller & Abbott, Nat. Neurosci. 3:919 (2000); pulses per update as MLP+NeuroSim V3.0";
    static const std::vector<ParamSpec> specs = {
        {"A_plus", "A_+", "", d.aPlus, 0, 1, Scale::Linear, "Potentiation asked for at dt -> 0+, as a fraction of the device's range", src},
        {"A_minus", "A_-", "", d.aMinus, 0, 1, Scale::Linear, "Depression asked for at dt -> 0-, as a fraction of the device's range", src},
        {"tau_plus", "tau_+", "s", d.tauPlus, 1e-5, 10, Scale::Log, "Potentiation window time constant", src},
        {"tau_minus", "tau_-", "s", d.tauMinus, 1e-5, 10, Scale::Log, "Depression window time constant", src},
        {"weight_per_S", "k_w", "1/S", d.weightPerSiemens, 1e-12, 1e12, Scale::Log, "Network weight per siemens", ""},
    };
    return specs;
}

inline snn::SynapseChoice readSynapse(const nlohmann::json& e, const Project& project, const std::string& path,
                                      std::vector<ProjectIssue>& issues) {
    using namespace json_fields;
    snn::SynapseChoice c;
    if (!e.contains("synapse")) return c;
    const std::string at = join(path, "synapse");
    const auto& v = e["synapse"];
    if (!v.is_object()) {
        issues.push_back({at, "must be an object {\"type\": \"abstract\" | \"device_stdp\" | \"pulse_stdp\" | \"stochastic_binary\", ...} (got " +
                                  typeName(v) + ")"});
        return c;
    }
    const std::string type = v.contains("type") ? readString(v, "type", at, issues) : "";
    if (v.contains("type") && !v["type"].is_string()) return c;  // readString said so
    if (type == "abstract") {
        rejectUnknownKeys(v, {"type"}, at, issues);
        return c;
    }
    if (type == "stochastic_binary") {
        c.type = snn::SynapseChoice::Type::StochasticBinary;
        std::vector<std::string> keys = {"type"};
        for (const auto& s : stochasticBinarySpecs()) keys.push_back(s.key);
        rejectUnknownKeys(v, keys, at, issues);
        const ParamValues p = readSettings(v, stochasticBinarySpecs(), at, issues);
        auto& o = c.stochastic;
        o = {p.at("p_plus"), p.at("p_minus"), p.at("t_ltp"), p.at("G_off"), p.at("G_on"), p.at("weight_per_S")};
        if (!(o.gOn > o.gOff)) issues.push_back({join(at, "G_on"), "must exceed G_off (" + formatWithUnit(o.gOff, "S") + ")"});
        return c;
    }
    if (type == "pulse_stdp") {
        c.type = snn::SynapseChoice::Type::PulseStdp;
        std::vector<std::string> keys = {"type", "model", "preset", "params"};
        for (const auto& s : pulseStdpSpecs()) keys.push_back(s.key);
        rejectUnknownKeys(v, keys, at, issues);
        auto& o = c.pulse;
        if (!v.contains("model"))
            issues.push_back({join(at, "model"), "missing (a pulse-synapse model: " + joinIds(synapseRegistry().ids()) + ")"});
        else
            o.model = readString(v, "model", at, issues);
        o.preset = readString(v, "preset", at, issues);
        if (v.contains("params")) {
            if (!v["params"].is_object()) issues.push_back({join(at, "params"), "must be an object of numbers"});
            else o.params = readNumbers(v["params"], join(at, "params"), issues);
        }
        const ParamValues p = readSettings(v, pulseStdpSpecs(), at, issues);
        o.aPlus = p.at("A_plus");
        o.aMinus = p.at("A_minus");
        o.tauPlus = p.at("tau_plus");
        o.tauMinus = p.at("tau_minus");
        o.weightPerSiemens = p.at("weight_per_S");
        if (v.contains("model") && v["model"].is_string()) try {
                instantiateSynapse(o.model, o.params, o.preset, at);
            } catch (const InputError& err) {
                issues.push_back({err.path(), err.why()});
            }
        return c;
    }
    if (type != "device_stdp") {
        issues.push_back({join(at, "type"), v.contains("type") ? "must be one of abstract, device_stdp, pulse_stdp, stochastic_binary (got \"" + type + "\")"
                                                               : "missing (abstract, device_stdp, pulse_stdp or stochastic_binary)"});
        return c;
    }
    c.type = snn::SynapseChoice::Type::DeviceStdp;
    std::vector<std::string> keys = {"type", "device", "waveform"};
    for (const auto& s : deviceStdpSpecs(false)) keys.push_back(s.key);
    rejectUnknownKeys(v, keys, at, issues);
    if (!v.contains("device"))
        issues.push_back({join(at, "device"), "missing (a device object {\"model\", ...} or the id of an entry in devices)"});
    else
        c.device = parseDeviceSpec(v["device"], project, join(at, "device"), issues);
    const ParamValues top = readSettings(v, deviceStdpSpecs(false), at, issues);
    auto& o = c.deviceStdp;
    o.vSel = top.at("V_sel");
    o.vRead = top.at("v_read");
    o.weightPerSiemens = top.at("weight_per_S");
    o.substeps = static_cast<int>(top.at("substeps"));
    nlohmann::json wave = nlohmann::json::object();
    const std::string wat = join(at, "waveform");
    if (v.contains("waveform")) {
        if (v["waveform"].is_object()) wave = v["waveform"];
        else issues.push_back({wat, "must be an object (got " + typeName(v["waveform"]) + ")"});
    }
    std::vector<std::string> waveKeys = {"shape"};
    for (const auto& s : deviceStdpSpecs(true)) waveKeys.push_back(s.key);
    rejectUnknownKeys(wave, waveKeys, wat, issues);
    auto& w = o.waveform;
    if (wave.contains("shape")) {
        const std::string shape = readString(wave, "shape", wat, issues);
        if (wave["shape"].is_string() && !snn::spikeShapeFromId(shape, w.shape))
            issues.push_back({join(wat, "shape"), "must be one of " + joinIds(snn::spikeShapeIds()) + " (got \"" + shape + "\")"});
    }
    const ParamValues p = readSettings(wave, deviceStdpSpecs(true), wat, issues);
    w.vPlus = p.at("V_plus");
    w.tPlus = p.at("t_plus");
    w.vMinus = p.at("V_minus");
    w.tauTail = p.at("tau_tail");
    w.tSpike = p.at("t_spike");
    w.delay = p.at("delay");
    w.postGain = p.at("post_gain");
    if (!(w.tPlus < w.tSpike))
        issues.push_back({join(wat, "t_plus"), "the pulse (" + formatWithUnit(w.tPlus, "s") + ") must end before the spike does (t_spike " +
                                                    formatWithUnit(w.tSpike, "s") + ")"});
    if (!(w.delay < w.tSpike))
        issues.push_back({join(wat, "delay"), "must be shorter than t_spike (" + formatWithUnit(w.tSpike, "s") +
                                                  "), or no pre waveform overlaps the post spike that follows it"});
    return c;
}

}  // namespace ms::snn_kinds
