#include <cmath>

#include "core/common/Errors.h"
#include "core/synapses/PulseSynapse.h"

// Each model is one file in core/synapses/models/ defining
// `SynapseModelInfo <name>()`, and one line here.
#define MS_SYNAPSE_MODELS(X) \
    X(neuroSimNonlinearSynapse) \
    X(constantStepSynapse) \
    X(linearStepSynapse) \
    X(softBoundsSynapse) \
    X(powStepSynapse) \
    X(expStepSynapse) \
    X(lookupTableSynapse)

namespace ms {

#define MS_DECLARE(fn) SynapseModelInfo fn();
MS_SYNAPSE_MODELS(MS_DECLARE)
#undef MS_DECLARE

const Registry<SynapseModelInfo>& synapseRegistry() {
    static const Registry<SynapseModelInfo> reg = [] {
        Registry<SynapseModelInfo> r;
#define MS_ADD(fn) r.add(fn());
        MS_SYNAPSE_MODELS(MS_ADD)
#undef MS_ADD
        return r;
    }();
    return reg;
}

std::vector<ParamSpec> conductanceSpecs(double gMaxDefault, double onOffDefault, const std::string& source) {
    return {
        {"Gmax", "G_max", "S", gMaxDefault, 1e-12, 1.0, Scale::Log, "Largest conductance (x = 1)", source},
        {"onOff", "G_max/G_min", "", onOffDefault, 1.0001, 1e6, Scale::Log, "On/off conductance ratio", source},
    };
}

std::unique_ptr<PulseSynapse> instantiateSynapse(const std::string& modelId, const ParamValues& overrides,
                                                 const std::string& presetId, const std::string& pathPrefix) {
    const SynapseModelInfo* m = synapseRegistry().find(modelId);
    if (!m) {
        std::string known;
        for (const auto& id : synapseRegistry().ids()) known += (known.empty() ? "" : ", ") + id;
        throw InputError(pathPrefix + ".model", "unknown synapse model '" + modelId + "' (known: " + known + ")");
    }
    ParamValues v = withDefaults(m->params);
    if (!presetId.empty()) {
        const SynapsePreset* p = nullptr;
        for (const auto& pr : m->presets)
            if (pr.id == presetId) p = &pr;
        if (!p) {
            std::vector<std::string> ids;
            for (const auto& pr : m->presets) ids.push_back(pr.id);
            throw InputError(pathPrefix + ".preset", "model '" + modelId + "' has no preset '" + presetId + "' (" +
                                                         (ids.empty() ? std::string("it has none") : "known: " + joinedIds(ids)) + ")");
        }
        for (const auto& [k, val] : p->values) v[k] = val;
    }
    for (const auto& [k, val] : overrides) v[k] = val;
    auto issues = checkAgainstSpecs(m->params, v);
    if (issues.empty() && m->checkParams) issues = m->checkParams(v);
    if (!issues.empty()) throw InputError(pathPrefix + ".params." + issues.front().key, issues.front().message);
    return m->create(v);
}

DevicePopulation::DevicePopulation(const PulseSynapse& model, std::size_t count, double x0, SynapseRng& rng)
    : model_(&model), stride_(model.deviceParamCount()), x_(count, x0),
      params_(count * static_cast<std::size_t>(model.deviceParamCount())), stuck_(count, StuckState::Healthy) {
    // data() + offset, not &params_[k]: a model with no per-device parameters
    // (lookup_table) has an empty vector, and indexing it is undefined.
    for (std::size_t i = 0; i < count; ++i) model.drawDevice(params_.data() + i * stride_, rng);
}

void DevicePopulation::injectStuckFaults(double pOff, double pOn, SynapseRng& rng) {
    if (pOff < 0 || pOn < 0 || pOff + pOn > 1)
        throw InputError("faults", "stuck-at probabilities must be >= 0 and sum to at most 1");
    for (std::size_t i = 0; i < x_.size(); ++i) {
        const double u = rng.uniform();
        if (u < pOff) {
            stuck_[i] = StuckState::StuckOff;
            x_[i] = 0.0;
        } else if (u < pOff + pOn) {
            stuck_[i] = StuckState::StuckOn;
            x_[i] = 1.0;
        }
    }
}

std::size_t DevicePopulation::stuckCount() const {
    std::size_t n = 0;
    for (auto s : stuck_) n += s != StuckState::Healthy;
    return n;
}

}  // namespace ms
