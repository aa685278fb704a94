// The JSON of the fit experiment kinds (docs/measured-devices.md): a
// measurement (a file relative to the project, or inline data) and the free
// parameters with their bounds. Problems come back as issues with keys
// relative to the object read ("measurement.columns.current", "free.Ron.min").
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/common/ParamSpec.h"
#include "core/fit/LevenbergMarquardt.h"
#include "core/fit/Measurements.h"

namespace ms::fit {

// Checks the shape of a "measurement" object without reading its file.
// `kind` is "iv" or "pulse".
std::vector<ParamIssue> checkMeasurement(const nlohmann::json& m, const std::string& kind);

// Loads it: the file (relative paths against baseDirectory) with the columns
// and units named, or the inline "data" arrays (SI). InputError naming
// file:line:column or the JSON key.
IvSweep loadIvMeasurement(const nlohmann::json& m, const std::string& baseDirectory);
PulseCurve loadPulseMeasurement(const nlohmann::json& m, const std::string& baseDirectory);

// "free": {"key": {"min", "max", "start", "log"} | {}} against the specs;
// missing bounds from defaultFreeParameter, missing start from `start`.
std::vector<FreeParameter> readFreeParameters(const nlohmann::json& free, const std::vector<ParamSpec>& specs,
                                              const ParamValues& start, std::vector<ParamIssue>& issues);

// JSON of inline data for a measurement ("data": {...}), as the GUI's import
// dialog writes it.
nlohmann::json ivDataJson(const IvSweep& s);
nlohmann::json pulseDataJson(const PulseCurve& c);

}  // namespace ms::fit
