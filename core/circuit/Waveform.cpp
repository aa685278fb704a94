#include "core/circuit/Waveform.h"

#include "core/common/Errors.h"

namespace ms::circuit {

Waveform makeWaveform(const std::optional<StimulusSpec>& spec, double dc, const std::string& path) {
    if (!spec || spec->id.empty()) return Waveform(dc, nullptr);
    const StimulusInfo* info = stimulusRegistry().find(spec->id);
    if (!info) {
        std::string known;
        for (const auto& id : stimulusRegistry().ids()) known += (known.empty() ? "" : ", ") + id;
        throw InputError(path + ".id", "unknown stimulus '" + spec->id + "' (known: " + known + ")");
    }
    const ParamValues values = withDefaults(info->params, spec->params);
    const auto issues = checkAgainstSpecs(info->params, values);
    if (!issues.empty()) throw InputError(path + ".params." + issues.front().key, issues.front().message);
    try {
        return Waveform(dc, std::shared_ptr<const Stimulus>(info->create(values, spec->points)));
    } catch (const InputError& e) {
        throw InputError(path + "." + e.path(), e.why());
    }
}

}  // namespace ms::circuit
