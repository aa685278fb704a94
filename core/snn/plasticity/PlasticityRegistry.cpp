// The plasticity-rule registry: one line per rule file.
#include "core/common/Errors.h"
#include "core/snn/Plasticity.h"

namespace ms::snn {

PlasticityInfo pairStdpRule();
PlasticityInfo diehlCookRule();
PlasticityInfo deviceStdpRule();
PlasticityInfo stochasticBinaryRule();

const Registry<PlasticityInfo>& plasticityRegistry() {
    static const Registry<PlasticityInfo> reg = [] {
        Registry<PlasticityInfo> r;
        r.add(pairStdpRule());
        r.add(diehlCookRule());
        r.add(deviceStdpRule());
        r.add(stochasticBinaryRule());
        return r;
    }();
    return reg;
}

std::unique_ptr<PlasticityRule> makePlasticity(const std::string& id, const ParamValues& overrides,
                                               const DeviceSpec* device, std::uint64_t seed,
                                               const std::string& pathPrefix) {
    const PlasticityInfo* info = plasticityRegistry().find(id);
    if (!info) throw InputError(pathPrefix + ".rule", "unknown plasticity rule '" + id + "' (known: " + plasticityRegistry().idList() + ")");
    const ParamValues values = withDefaults(info->params, overrides);
    const auto issues = checkAgainstSpecs(info->params, values);
    if (!issues.empty()) throw InputError(pathPrefix + ".params." + issues.front().key, issues.front().message);
    return info->create(values, device, seed);
}

}  // namespace ms::snn
