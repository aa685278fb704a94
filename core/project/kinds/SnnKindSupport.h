// Shared pieces of the spiking-network experiment kinds (Snn*Kind.cpp,
// Neuron*Kind.cpp): the neuron object {"model", "preset", "params"}, the
// built-in data sets, and the key check that every kind does first.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/common/Errors.h"
#include "core/data/DataPaths.h"
#include "core/data/Dataset.h"
#include "core/data/DigitPatterns.h"
#include "core/project/JsonFields.h"
#include "core/project/Project.h"
#include "core/snn/NeuronGroup.h"

namespace ms::snn_kinds {

struct NeuronSetup {
    std::string model = "lif";
    std::string preset;
    ParamValues params;    // overrides as written
    ParamValues resolved;  // defaults + preset + overrides (when valid)
};

// {"model": id, "preset": id, "params": {...}} at `path`; problems are
// located at the offending key ("experiments[0].neuron.params.tau_m").
inline NeuronSetup readNeuron(const nlohmann::json& e, const std::string& key, const std::string& path,
                              std::vector<ProjectIssue>& issues) {
    NeuronSetup n;
    const std::string at = json_fields::join(path, key);
    if (!e.contains(key)) {
        issues.push_back({at, "missing (a neuron object {\"model\": \"lif\" | \"izhikevich\" | ..., \"preset\", \"params\"})"});
        return n;
    }
    const auto& v = e[key];
    if (!v.is_object()) {
        issues.push_back({at, "must be an object (got " + json_fields::typeName(v) + ")"});
        return n;
    }
    json_fields::rejectUnknownKeys(v, {"model", "preset", "params"}, at, issues);
    if (v.contains("model")) n.model = json_fields::readString(v, "model", at, issues);
    if (v.contains("preset")) n.preset = json_fields::readString(v, "preset", at, issues);
    if (v.contains("params")) {
        if (!v["params"].is_object())
            issues.push_back({json_fields::join(at, "params"), "must be an object of numbers"});
        else
            n.params = json_fields::readNumbers(v["params"], json_fields::join(at, "params"), issues);
    }
    const snn::NeuronInfo* info = snn::neuronRegistry().find(n.model);
    if (!info) {
        issues.push_back({json_fields::join(at, "model"),
                          "unknown neuron model '" + n.model + "' (known: " +
                              json_fields::joinIds(snn::neuronRegistry().ids()) + ")"});
        return n;
    }
    for (const auto& [k, _] : n.params)
        if (!findSpec(info->params, k)) {
            std::vector<std::string> keys;
            for (const auto& s : info->params) keys.push_back(s.key);
            issues.push_back({json_fields::join(json_fields::join(at, "params"), k),
                              "unknown parameter of " + n.model + " (known: " + json_fields::joinIds(keys) + ")"});
            return n;
        }
    try {
        n.resolved = snn::resolveNeuronParams(n.model, n.params, n.preset, at);
    } catch (const InputError& err) {
        issues.push_back({err.path(), err.why()});
    }
    return n;
}

// A built-in data file (core/data/DataPaths.h finds it); InputError at `path`
// saying where it looked when it is absent.
inline std::string findBuiltinDataFile(const std::string& file, const std::string& path) {
    std::string found = data_paths::findDataFile(file);
    if (found.empty())
        throw InputError(path, "cannot find the data file " + file + " (" + data_paths::whereDataWasSought(file) + ")");
    return found;
}

// "digits" (8x8, 1,797 images, values 0..16), "iris", or "digit-patterns-5x6"
// (the ten digits as 5x6 binary pixels, core/data/DigitPatterns.h); features as stored.
inline Dataset loadBuiltinDataset(const std::string& name, const std::string& path) {
    if (name == "digits") return loadDigitsCsv(findBuiltinDataFile("digits.csv.gz", path));
    if (name == "iris") return loadIrisCsv(findBuiltinDataFile("iris.csv", path));
    if (name == "digit-patterns-5x6") return digitPatterns5x6();
    throw InputError(path, "unknown data set '" + name + "' (known: digits, iris, digit-patterns-5x6)");
}

// Images in resources/data/digits.csv.gz.
inline constexpr int kDigitsImages = 1797;

// Samples splitDataset (core/data) puts in the held-out part of `n` for
// `testFraction`: round(n f). Validation uses it to check counts before a run.
inline int heldOutCount(int n, double testFraction) {
    return static_cast<int>(std::lround(static_cast<double>(n) * testFraction));
}

// The string field `key` when it is one of `allowed` (else an issue); `fallback` when absent.
inline std::string readChoice(const nlohmann::json& e, const std::string& key, const std::vector<std::string>& allowed,
                              const std::string& fallback, const std::string& path, std::vector<ProjectIssue>& issues) {
    if (!e.contains(key)) return fallback;
    const std::string v = json_fields::readString(e, key, path, issues);
    for (const auto& a : allowed)
        if (a == v) return v;
    if (e[key].is_string())
        issues.push_back({json_fields::join(path, key), "must be one of " + json_fields::joinIds(allowed) + " (got \"" + v + "\")"});
    return fallback;
}

// Known keys = the common experiment keys + `extra` + the settings' keys.
inline void rejectUnknown(const nlohmann::json& e, const std::vector<ParamSpec>& settings,
                          std::vector<std::string> extra, const std::string& path, std::vector<ProjectIssue>& issues) {
    for (const char* k : {"id", "kind", "name", "description"}) extra.emplace_back(k);
    for (const auto& s : settings) extra.push_back(s.key);
    json_fields::rejectUnknownKeys(e, extra, path, issues);
}

// Energy per operation, 45 nm, 32-bit float (Horowitz, ISSCC 2014): one
// accumulate per synaptic event (add, 0.9 pJ), one multiply-accumulate per
// ANN weight (3.7 pJ + 0.9 pJ).
inline constexpr double kEnergyPerAc = 0.9e-12;   // J
inline constexpr double kEnergyPerMac = 4.6e-12;  // J

}  // namespace ms::snn_kinds
