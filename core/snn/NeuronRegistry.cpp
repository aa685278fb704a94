// The neuron-model registry: one line per model file.
#include "core/common/Errors.h"
#include "core/snn/NeuronGroup.h"

namespace ms::snn {

NeuronInfo lifCurrentNeuron();
NeuronInfo lifConductanceNeuron();
NeuronInfo izhikevichNeuron();
NeuronInfo hodgkinHuxleyNeuron();
NeuronInfo srm0Neuron();
NeuronInfo hindmarshRoseNeuron();
NeuronInfo fitzhughNagumoNeuron();

double NeuronGroup::state(const std::string& name, std::size_t i) const {
    if (name == "v") return membrane(i);
    std::vector<std::string> known{"v"};
    for (const auto& s : stateNames())
        if (s != "v") known.push_back(s);
    throw InputError("state", "unknown state variable '" + name + "' (known: " + joinedIds(known) + ")");
}

const Registry<NeuronInfo>& neuronRegistry() {
    static const Registry<NeuronInfo> reg = [] {
        Registry<NeuronInfo> r;
        r.add(lifCurrentNeuron());
        r.add(lifConductanceNeuron());
        r.add(izhikevichNeuron());
        r.add(hodgkinHuxleyNeuron());
        r.add(srm0Neuron());
        r.add(hindmarshRoseNeuron());
        r.add(fitzhughNagumoNeuron());
        return r;
    }();
    return reg;
}

ParamValues resolveNeuronParams(const std::string& modelId, const ParamValues& overrides, const std::string& presetId,
                                const std::string& pathPrefix) {
    const NeuronInfo* info = neuronRegistry().find(modelId);
    if (!info) throw InputError(pathPrefix + ".model", "unknown neuron model '" + modelId + "' (known: " + neuronRegistry().idList() + ")");
    ParamValues values = withDefaults(info->params);
    if (!presetId.empty()) {
        const NeuronPreset* preset = nullptr;
        for (const auto& p : info->presets)
            if (p.id == presetId) preset = &p;
        if (!preset) {
            std::vector<std::string> ids;
            for (const auto& p : info->presets) ids.push_back(p.id);
            throw InputError(pathPrefix + ".preset", "unknown preset '" + presetId + "' of " + modelId + " (" +
                                                         (ids.empty() ? std::string("it has none") : "known: " + joinedIds(ids)) + ")");
        }
        for (const auto& [k, v] : preset->values) values[k] = v;
    }
    for (const auto& [k, v] : overrides) values[k] = v;
    const auto issues = checkAgainstSpecs(info->params, values);
    if (!issues.empty()) throw InputError(pathPrefix + ".params." + issues.front().key, issues.front().message);
    return values;
}

std::unique_ptr<NeuronGroup> makeNeuronGroup(const std::string& modelId, std::size_t n, const ParamValues& overrides,
                                             const std::string& presetId, const std::string& pathPrefix) {
    if (n == 0) throw InputError(pathPrefix + ".size", "a neuron group needs at least one neuron");
    const ParamValues values = resolveNeuronParams(modelId, overrides, presetId, pathPrefix);
    return neuronRegistry().find(modelId)->create(values, n);
}

}  // namespace ms::snn
