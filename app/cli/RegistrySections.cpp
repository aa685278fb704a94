#include "app/cli/RegistrySections.h"

#include <sstream>

#include "core/circuit/SynapseCell.h"
#include "core/devices/ModelRegistry.h"
#include "core/project/ExperimentKind.h"
#include "core/sim/Stimulus.h"
#include "core/snn/NeuronGroup.h"
#include "core/snn/Plasticity.h"
#include "core/synapses/PulseSynapse.h"

namespace ms::cli {

namespace {

using ojson = nlohmann::ordered_json;

std::string num(double v) {
    std::ostringstream os;
    os.precision(6);
    os << v;
    return os.str();
}

const char* yesNo(bool b) { return b ? "yes" : "no"; }

ListedFact fact(std::string key, std::string label, ojson value, std::string text, bool inTable = true) {
    return {std::move(key), std::move(label), std::move(value), std::move(text), inTable};
}

// The review's Table 1 next to this registry's facts: both, and why they differ.
ListedFact reviewFact(const ModelInfo& m) {
    if (!m.reviewTable1) return fact("reviewTable1", "review Table 1", nullptr, "not listed there");
    const ReviewClass& r = *m.reviewTable1;
    const std::string said = r.control + "-controlled, threshold " + r.threshold + ", " + r.accuracy + " accuracy";
    return fact("reviewTable1", "review Table 1",
                ojson{{"control", r.control}, {"threshold", r.threshold}, {"accuracy", r.accuracy}, {"differs", r.differs}},
                said + (r.differs.empty() ? "; agrees" : "; differs: " + r.differs));
}

ListedSection deviceModels() {
    ListedSection s{"models", "DEVICE MODELS", "Device models (`device.model`)", "params",
                    "Control, threshold, I-V and accuracy follow Kvatinsky et al. (TCAS-I 2013, Table I). Under each model, "
                    "*review Table 1* gives how Xu, Wang & Yan (Front. Neurosci. 2021, Table 1) class it, in their "
                    "words, and why this registry differs where it does.",
                    {}};
    for (const auto& m : modelRegistry().all()) {
        ListedEntry e{m.id, m.name, m.summary, m.source, {}, m.params, {}};
        e.facts = {fact("control", "control", toString(m.control), toString(m.control)),
                   fact("hasThreshold", "threshold", m.hasThreshold, yesNo(m.hasThreshold)),
                   fact("ivRelation", "I-V", m.ivRelation, m.ivRelation),
                   fact("accuracy", "accuracy", m.accuracy, m.accuracy),
                   fact("acceptsWindow", "window", m.acceptsWindow, yesNo(m.acceptsWindow)),
                   fact("stiff", "stiff", m.stiff, yesNo(m.stiff)),
                   fact("state", "state",
                        ojson{{"symbol", m.state.symbol}, {"unit", m.state.unit}, {"min", m.state.min}, {"max", m.state.max}},
                        m.state.symbol + (m.state.unit.empty() ? "" : " (" + m.state.unit + ")") + " in [" +
                            num(m.state.min) + ", " + num(m.state.max) + "]"),
                   reviewFact(m)};
        e.facts.back().inTable = false;  // a paragraph, not a cell
        for (const auto& p : m.presets) {
            ListedPreset lp{p.id, p.name, p.description, p.source, p.values, ojson::object(), ""};
            if (p.window) {
                ojson w{{"id", p.window->id}, {"params", ojson::object()}};
                std::string t = "window " + p.window->id;
                for (const auto& [k, v] : p.window->params) {
                    w["params"][k] = v;
                    t += " " + k + " = " + num(v);
                }
                lp.extra["window"] = w;
                lp.extraText = t;
            }
            e.presets.push_back(lp);
        }
        s.entries.push_back(e);
    }
    return s;
}

ListedSection windows() {
    ListedSection s{"windows", "WINDOW FUNCTIONS", "Window functions (`device.window`)", "params", "", {}};
    for (const auto& w : windowRegistry().all())
        s.entries.push_back({w.id, w.name, "", w.source, {fact("formula", "formula", w.formula, w.formula)}, w.params, {}});
    return s;
}

ListedSection drives() {
    ListedSection s{"drives", "DRIVES", "Drives (`drive.kind`)", "params", "", {}};
    for (const auto& d : stimulusRegistry().all()) s.entries.push_back({d.id, d.name, d.summary, "", {}, d.params, {}});
    return s;
}

ListedSection pulseSynapses() {
    ListedSection s{"synapses", "PULSE-SYNAPSE MODELS", "Pulse-synapse models (`synapse.model`, `synapse.preset`)",
                    "params",
                    "Behavioural models of how a device's conductance moves with each programming pulse, used by "
                    "the ANN kinds' in situ training. A preset overrides the defaults; `params` override the preset.",
                    {}};
    for (const auto& m : synapseRegistry().all()) {
        ListedEntry e{m.id, m.name, m.summary, m.source, {}, m.params, {}};
        for (const auto& p : m.presets) e.presets.push_back({p.id, p.name, "", p.source, p.values, ojson::object(), ""});
        s.entries.push_back(e);
    }
    return s;
}

ListedSection cells() {
    ListedSection s{"cells", "SYNAPSE CELLS", "Synapse cells (`circuits[].cell.id`)", "params",
                    "The memristive synapse structures of Xu, Wang & Yan (Front. Neurosci. 2021, Table 2), with "
                    "their layout area in F² (F: the feature size) and the weight each computes from its devices.",
                    {}};
    for (const auto& c : circuit::cellRegistry().all()) {
        ListedEntry e{c.id, c.name, "", c.source, {}, c.params, {}};
        e.facts = {fact("areaF2", "area (F²)", c.areaF2, num(c.areaF2)),
                   fact("weightExpression", "weight", c.weightExpression, c.weightExpression),
                   fact("range", "weight range", c.range, c.range),
                   fact("weightUnit", "weight unit", c.weightUnit, c.weightUnit.empty() ? "ratio" : c.weightUnit),
                   fact("structure", "structure", c.structure, c.structure, false)};
        s.entries.push_back(e);
    }
    return s;
}

ListedSection neurons() {
    ListedSection s{"neurons", "NEURON MODELS", "Neuron models (`neuron.model`, `neuron.preset`)", "params", "", {}};
    for (const auto& n : snn::neuronRegistry().all()) {
        ListedEntry e{n.id, n.name, n.summary, n.source, {}, n.params, {}};
        e.facts = {fact("inputUnit", "input unit", n.inputUnit, n.inputUnit.empty() ? "dimensionless" : n.inputUnit)};
        for (const auto& p : n.presets) e.presets.push_back({p.id, p.name, p.description, "", p.values, ojson::object(), ""});
        s.entries.push_back(e);
    }
    return s;
}

ListedSection plasticityRules() {
    ListedSection s{"plasticityRules", "PLASTICITY RULES", "Plasticity rules", "params", "", {}};
    for (const auto& r : snn::plasticityRegistry().all()) s.entries.push_back({r.id, r.name, r.summary, r.source, {}, r.params, {}});
    return s;
}

ListedSection experimentKinds() {
    ListedSection s{"experimentKinds", "EXPERIMENT KINDS", "Experiment kinds: scalar settings", "settings", "", {}};
    for (const auto& k : experimentKindRegistry().all()) s.entries.push_back({k.id, k.name, k.summary, "", {}, k.settings, {}});
    return s;
}

}  // namespace

std::vector<ListedSection> registrySections() {
    return {deviceModels(), windows(), drives(), pulseSynapses(), cells(), neurons(), plasticityRules(), experimentKinds()};
}

}  // namespace ms::cli
