#include "core/devices/ModelRegistry.h"

#include "core/common/Errors.h"

// Each model is one file in core/devices/models/ defining `ModelInfo <name>()`,
// and one line here.
#define MS_DEVICE_MODELS(X) \
    X(linearIonDriftModel)       \
    X(nonlinearIonDriftModel)    \
    X(simmonsTunnelModel)        \
    X(teamModel)                 \
    X(vteamModel)                \
    X(yakopcicModel)             \
    X(stanfordPkuModel)          \
    X(fluxCubicModel)            \
    X(volatileMemristorModel)

namespace ms {

#define MS_DECLARE(fn) ModelInfo fn();
MS_DEVICE_MODELS(MS_DECLARE)
#undef MS_DECLARE

const Registry<ModelInfo>& modelRegistry() {
    static const Registry<ModelInfo> reg = [] {
        Registry<ModelInfo> r;
#define MS_ADD(fn) r.add(fn());
        MS_DEVICE_MODELS(MS_ADD)
#undef MS_ADD
        return r;
    }();
    return reg;
}

const char* toString(ControlMechanism c) {
    return c == ControlMechanism::Current ? "current" : "voltage";
}

namespace {

// A device with the terminal-state lock: the model itself, with the setting
// in its StateInfo, where every engine that bounds the state reads it.
class TerminalLocked final : public MemristorModel {
public:
    explicit TerminalLocked(std::unique_ptr<MemristorModel> m) : m_(std::move(m)) {}
    double current(double v, double x) const override { return m_->current(v, x); }
    double voltage(double i, double x) const override { return m_->voltage(i, x); }
    double stateDerivative(double v, double i, double x) const override { return m_->stateDerivative(v, i, x); }
    double resistance(double x, double vRead) const override { return m_->resistance(x, vRead); }
    double initialState() const override { return m_->initialState(); }
    StateInfo stateInfo() const override {
        StateInfo s = m_->stateInfo();
        s.terminalLock = true;
        return s;
    }

private:
    std::unique_ptr<MemristorModel> m_;
};

}  // namespace

std::vector<ParamIssue> resolveDevice(const DeviceSpec& spec, ResolvedDevice& out) {
    std::vector<ParamIssue> issues;
    const ModelInfo* model = modelRegistry().find(spec.modelId);
    if (!model) {
        std::string known;
        for (const auto& id : modelRegistry().ids()) known += (known.empty() ? "" : ", ") + id;
        issues.push_back({"model", "unknown model '" + spec.modelId + "' (known: " + known + ")"});
        return issues;
    }
    out.model = model;
    ParamValues values = withDefaults(model->params);
    std::optional<WindowChoice> window;
    if (!spec.presetId.empty()) {
        const Preset* preset = nullptr;
        for (const auto& p : model->presets)
            if (p.id == spec.presetId) preset = &p;
        if (!preset) {
            std::vector<std::string> ids;
            for (const auto& p : model->presets) ids.push_back(p.id);
            issues.push_back({"preset", "model '" + model->id + "' has no preset '" + spec.presetId + "' (" +
                                            (ids.empty() ? std::string("it has none") : "known: " + joinedIds(ids)) + ")"});
            return issues;
        }
        for (const auto& [k, v] : preset->values) values[k] = v;
        window = preset->window;
    }
    for (const auto& [k, v] : spec.params) values[k] = v;
    for (auto& issue : checkAgainstSpecs(model->params, values)) issues.push_back({"params." + issue.key, issue.message});
    if (issues.empty() && model->checkParams)
        for (auto& issue : model->checkParams(values)) issues.push_back({"params." + issue.key, issue.message});
    out.params = values;

    if (spec.window) window = spec.window;
    out.window = window.value_or(WindowChoice{});
    if (!model->acceptsWindow) {
        if (spec.window && spec.window->id != "none")
            issues.push_back({"window", "model '" + model->id + "' takes no window function"});
        out.window = WindowChoice{};
        return issues;
    }
    const WindowInfo* w = windowRegistry().find(out.window.id);
    if (!w) {
        std::string known;
        for (const auto& id : windowRegistry().ids()) known += (known.empty() ? "" : ", ") + id;
        issues.push_back({"window.id", "unknown window '" + out.window.id + "' (known: " + known + ")"});
        return issues;
    }
    out.window.params = withDefaults(w->params, out.window.params);
    for (auto& issue : checkAgainstSpecs(w->params, out.window.params))
        issues.push_back({"window.params." + issue.key, issue.message});
    return issues;
}

std::unique_ptr<MemristorModel> instantiateDevice(const DeviceSpec& spec, const std::string& pathPrefix) {
    ResolvedDevice r;
    auto issues = resolveDevice(spec, r);
    if (!issues.empty()) throw InputError(pathPrefix + "." + issues.front().key, issues.front().message);
    std::unique_ptr<WindowFunction> window;
    if (r.model->acceptsWindow) window = windowRegistry().find(r.window.id)->create(r.window.params);
    auto model = r.model->create(r.params, std::move(window));
    if (spec.terminalLock) model = std::make_unique<TerminalLocked>(std::move(model));
    return model;
}

}  // namespace ms
