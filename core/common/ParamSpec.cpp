#include "core/common/ParamSpec.h"

#include <cmath>
#include <sstream>

namespace ms {

const ParamSpec* findSpec(const std::vector<ParamSpec>& specs, const std::string& key) {
    for (const auto& s : specs)
        if (s.key == key) return &s;
    return nullptr;
}

std::string formatWithUnit(double value, const std::string& unit) {
    std::ostringstream os;
    os.precision(6);
    os << value;
    if (!unit.empty()) os << ' ' << unit;
    return os.str();
}

std::vector<ParamIssue> checkAgainstSpecs(const std::vector<ParamSpec>& specs, const ParamValues& values) {
    std::vector<ParamIssue> issues;
    std::string known;
    for (const auto& s : specs) known += (known.empty() ? "" : ", ") + s.key;
    for (const auto& [key, v] : values)
        if (!findSpec(specs, key))
            issues.push_back({key, known.empty() ? "unknown parameter (this takes none)" : "unknown parameter (known: " + known + ")"});
    for (const auto& s : specs) {
        auto it = values.find(s.key);
        if (it == values.end()) {
            issues.push_back({s.key, "missing"});
            continue;
        }
        const double v = it->second;
        if (!std::isfinite(v)) {
            issues.push_back({s.key, "must be a finite number"});
        } else if (v < s.min || v > s.max) {
            issues.push_back({s.key, "must be between " + formatWithUnit(s.min, s.unit) + " and " +
                                         formatWithUnit(s.max, s.unit) + " (got " + formatWithUnit(v, s.unit) + ")"});
        } else if (s.integer && v != std::round(v)) {
            issues.push_back({s.key, "must be a whole number (got " + formatWithUnit(v, s.unit) + ")"});
        }
    }
    return issues;
}

ParamValues withDefaults(const std::vector<ParamSpec>& specs, const ParamValues& overrides) {
    ParamValues out;
    for (const auto& s : specs) out[s.key] = s.defaultValue;
    for (const auto& [k, v] : overrides) out[k] = v;
    return out;
}

}  // namespace ms
