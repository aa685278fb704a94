#include "core/fit/FitJson.h"

#include <nlohmann/json.hpp>

#include "core/common/Errors.h"
#include "core/fit/FitReport.h"

namespace ms::fit {
namespace {

using nlohmann::json;

const std::vector<std::string>& ivData() {
    static const std::vector<std::string> k = {"t", "v", "i"};
    return k;
}
const std::vector<std::string>& pulseData() {
    static const std::vector<std::string> k = {"pulse", "g", "phase"};
    return k;
}

std::string str(const json& o, const std::string& key, const std::string& fallback = "") {
    return o.contains(key) && o[key].is_string() ? o[key].get<std::string>() : fallback;
}

std::vector<double> numbers(const json& a, const std::string& where) {
    if (!a.is_array()) throw InputError(where, "must be an array of numbers");
    std::vector<double> out;
    for (std::size_t k = 0; k < a.size(); ++k) {
        if (!a[k].is_number()) throw InputError(where + "[" + std::to_string(k) + "]", "must be a number");
        out.push_back(a[k].get<double>());
    }
    return out;
}

std::string resolvePath(const std::string& file, const std::string& base) {
    if (file.empty() || file[0] == '/' || base.empty()) return file;
    return base + "/" + file;
}

MeasurementTable loadTable(const json& m, const std::string& base) {
    const Delimiter d = parseDelimiter(str(m, "delimiter", "auto"), "measurement.delimiter");
    return readMeasurementFile(resolvePath(str(m, "file"), base), d);
}

}  // namespace

std::vector<ParamIssue> checkMeasurement(const json& m, const std::string& kind) {
    std::vector<ParamIssue> out;
    if (!m.is_object()) return {{"measurement", "must be an object with \"file\" or \"data\""}};
    const bool hasFile = m.contains("file"), hasData = m.contains("data");
    if (hasFile == hasData) out.push_back({"measurement", "give exactly one of \"file\" (a path) and \"data\" (inline arrays)"});
    for (const auto& [k, v] : m.items())
        if (k != "file" && k != "data" && k != "columns" && k != "units" && k != "delimiter" && k != "samplePeriod")
            out.push_back({"measurement." + k, "unknown field (known here: file, data, columns, units, delimiter, samplePeriod)"});
    if (hasFile && (!m["file"].is_string() || m["file"].get<std::string>().empty()))
        out.push_back({"measurement.file", "must be a non-empty path (relative to the project file)"});
    for (const char* key : {"columns", "units"})
        if (m.contains(key)) {
            if (!m[key].is_object())
                out.push_back({std::string("measurement.") + key, "must be an object of strings"});
            else
                for (const auto& [k, v] : m[key].items())
                    if (!v.is_string()) out.push_back({std::string("measurement.") + key + "." + k, "must be a string"});
        }
    if (m.contains("delimiter")) {
        try {
            parseDelimiter(m["delimiter"].is_string() ? m["delimiter"].get<std::string>() : "?", "measurement.delimiter");
        } catch (const InputError& e) {
            out.push_back({"measurement.delimiter", e.why()});
        }
    }
    if (hasData) {
        const auto& d = m["data"];
        const auto& keys = kind == "iv" ? ivData() : pulseData();
        if (!d.is_object()) {
            out.push_back({"measurement.data", "must be an object of arrays"});
        } else {
            std::size_t n = 0;
            for (std::size_t k = 0; k < keys.size(); ++k) {
                const std::string where = "measurement.data." + keys[k];
                const bool optional = kind == "pulse" && keys[k] != "g";
                if (!d.contains(keys[k])) {
                    if (!optional) out.push_back({where, "missing"});
                    continue;
                }
                try {
                    const auto v = numbers(d[keys[k]], where);
                    if (n == 0) n = v.size();
                    else if (v.size() != n) out.push_back({where, "has " + std::to_string(v.size()) + " values, not " + std::to_string(n)});
                } catch (const InputError& e) {
                    out.push_back({e.path(), e.why()});
                }
            }
        }
    }
    return out;
}

IvSweep loadIvMeasurement(const json& m, const std::string& base) {
    const auto issues = checkMeasurement(m, "iv");
    if (!issues.empty()) throw InputError(issues.front().key, issues.front().message);
    if (m.contains("data")) {
        IvSweep s{numbers(m["data"]["t"], "measurement.data.t"), numbers(m["data"]["v"], "measurement.data.v"),
                  numbers(m["data"]["i"], "measurement.data.i")};
        for (std::size_t k = 1; k < s.t.size(); ++k)
            if (!(s.t[k] > s.t[k - 1])) throw InputError("measurement.data.t[" + std::to_string(k) + "]", "time must increase");
        if (s.size() < 3) throw InputError("measurement.data", "an I-V sweep needs at least 3 points");
        return s;
    }
    const MeasurementTable t = loadTable(m, base);
    const json cols = m.value("columns", json::object()), units = m.value("units", json::object());
    IvColumns c;
    c.time = str(cols, "time");
    c.voltage = str(cols, "voltage", "V");
    c.current = str(cols, "current", "I");
    c.timeUnit = str(units, "time", "s");
    c.voltageUnit = str(units, "voltage", "V");
    c.currentUnit = str(units, "current", "A");
    if (m.contains("samplePeriod") && m["samplePeriod"].is_number()) c.samplePeriod = m["samplePeriod"].get<double>();
    return ivSweepFromTable(t, c);
}

PulseCurve loadPulseMeasurement(const json& m, const std::string& base) {
    const auto issues = checkMeasurement(m, "pulse");
    if (!issues.empty()) throw InputError(issues.front().key, issues.front().message);
    if (m.contains("data")) {
        const auto& d = m["data"];
        PulseCurve c;
        c.g = numbers(d["g"], "measurement.data.g");
        if (d.contains("pulse")) c.pulse = numbers(d["pulse"], "measurement.data.pulse");
        else for (std::size_t k = 0; k < c.g.size(); ++k) c.pulse.push_back(static_cast<double>(k));
        for (std::size_t k = 0; k < c.g.size(); ++k)
            if (!(c.g[k] > 0)) throw InputError("measurement.data.g[" + std::to_string(k) + "]", "conductance must be positive");
        if (d.contains("phase")) {
            for (double p : numbers(d["phase"], "measurement.data.phase")) c.phase.push_back(p > 0 ? 1 : p < 0 ? -1 : 0);
        } else {
            // Same rule as a file without a phase column.
            MeasurementTable t;
            t.origin = "measurement.data";
            t.names = {"g"};
            t.columns = {c.g};
            for (std::size_t k = 0; k < c.g.size(); ++k) t.line.push_back(static_cast<int>(k + 1));
            PulseColumns pc;
            pc.conductance = "g";
            c.phase = pulseCurveFromTable(t, pc).phase;
        }
        return c;
    }
    const MeasurementTable t = loadTable(m, base);
    const json cols = m.value("columns", json::object()), units = m.value("units", json::object());
    PulseColumns c;
    c.pulse = str(cols, "pulse");
    c.pulseUnit = str(units, "pulse");
    c.conductance = str(cols, "conductance");
    c.resistance = str(cols, "resistance");
    if (c.conductance.empty() && c.resistance.empty()) c.conductance = "G";
    c.conductanceUnit = str(units, "conductance", "S");
    c.resistanceUnit = str(units, "resistance", "ohm");
    c.phase = str(cols, "phase");
    return pulseCurveFromTable(t, c);
}

std::vector<FreeParameter> readFreeParameters(const json& free, const std::vector<ParamSpec>& specs,
                                              const ParamValues& start, std::vector<ParamIssue>& issues) {
    std::vector<FreeParameter> out;
    if (!free.is_object() || free.empty()) {
        issues.push_back({"free", "name at least one free parameter: {\"key\": {\"min\", \"max\"} or {}}"});
        return out;
    }
    for (const auto& [key, v] : free.items()) {
        const std::string where = "free." + key;
        const ParamSpec* spec = findSpec(specs, key);
        if (!spec) {
            issues.push_back({where, "not a parameter of the model"});
            continue;
        }
        if (spec->integer) {
            issues.push_back({where, "is a whole-number setting and cannot be fitted"});
            continue;
        }
        if (!v.is_object()) {
            issues.push_back({where, "must be an object {\"min\", \"max\", \"start\", \"log\"} (all optional)"});
            continue;
        }
        const auto it = start.find(key);
        double s = it != start.end() ? it->second : spec->defaultValue;
        if (v.contains("start") && v["start"].is_number()) s = v["start"].get<double>();
        FreeParameter f = defaultFreeParameter(*spec, s);
        for (const auto& [k, x] : v.items()) {
            if (k == "log") {
                if (!x.is_boolean()) issues.push_back({where + ".log", "must be true or false"});
                else f.logScale = x.get<bool>();
            } else if (k == "min" || k == "max" || k == "start") {
                if (!x.is_number()) issues.push_back({where + "." + k, "must be a number"});
                // The fitter evaluates the model anywhere between the bounds,
                // so they must lie in the parameter's own valid range.
                else if (!(x.get<double>() >= spec->min && x.get<double>() <= spec->max))
                    issues.push_back({where + "." + k, formatWithUnit(x.get<double>(), spec->unit) + " lies outside " +
                                                           spec->symbol + "'s valid range " +
                                                           formatWithUnit(spec->min, spec->unit) + " .. " +
                                                           formatWithUnit(spec->max, spec->unit)});
                else if (k == "min") f.min = x.get<double>();
                else if (k == "max") f.max = x.get<double>();
            } else {
                issues.push_back({where + "." + k, "unknown field (min, max, start, log)"});
            }
        }
        if (!(f.min < f.max)) issues.push_back({where, "min must be below max"});
        else if (f.logScale && f.min * f.max <= 0) issues.push_back({where + ".log", "a log scale needs bounds of one sign, not zero"});
        else if (!(f.start >= f.min && f.start <= f.max))
            issues.push_back({where, "start " + formatWithUnit(f.start, spec->unit) + " lies outside " +
                                         formatWithUnit(f.min, spec->unit) + " .. " + formatWithUnit(f.max, spec->unit)});
        out.push_back(f);
    }
    return out;
}

json ivDataJson(const IvSweep& s) { return {{"t", s.t}, {"v", s.v}, {"i", s.i}}; }
json pulseDataJson(const PulseCurve& c) { return {{"pulse", c.pulse}, {"g", c.g}, {"phase", c.phase}}; }

}  // namespace ms::fit
