// Parameter metadata shared by every extensible kind (device models, windows,
// drives, cells, neurons). The GUI's parameter editor, JSON load/save,
// validation messages, `memstudio-cli models` and docs are all generated from it.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace ms {

enum class Scale { Linear, Log };

struct ParamSpec {
    std::string key;     // stable JSON key, e.g. "Roff"
    std::string symbol;  // display symbol, e.g. "R_off"
    std::string unit;    // SI unit name as written in docs and CSV headers ("ohm", "m", "" = dimensionless)
    double defaultValue = 0.0;
    double min = 0.0;    // inclusive valid range
    double max = 0.0;
    Scale scale = Scale::Linear;  // slider mapping; Log only for strictly positive ranges
    std::string meaning;  // one line, shown as tooltip and in docs
    std::string source;   // literature source of the default
    bool integer = false; // value must be a whole number (e.g. window exponent p)
};

// Parameter values by key, SI units.
using ParamValues = std::map<std::string, double>;

// One validation problem. `key` is relative to the object validated (e.g. "Roff");
// callers prefix the JSON path (e.g. "experiments[1].device.params.").
struct ParamIssue {
    std::string key;
    std::string message;
};

// Checks presence, finiteness, range and integrality of every spec'd value and
// that no unknown keys are present. Cross-field rules are each kind's own.
std::vector<ParamIssue> checkAgainstSpecs(const std::vector<ParamSpec>& specs, const ParamValues& values);

// Defaults of all specs, overlaid with `overrides`.
ParamValues withDefaults(const std::vector<ParamSpec>& specs, const ParamValues& overrides = {});

const ParamSpec* findSpec(const std::vector<ParamSpec>& specs, const std::string& key);

// "100 ohm", "1e-14 m^2/(V*s)": how a value is quoted in messages.
std::string formatWithUnit(double value, const std::string& unit);

}  // namespace ms
