// Validation of a project tree: the envelope (format, version), the devices
// section, and each experiment through its kind. Every problem is reported
// with the JSON path of the offending field.
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "core/circuit/CircuitObject.h"
#include "core/project/ExperimentKind.h"
#include "core/project/JsonFields.h"
#include "core/study/Study.h"

namespace ms {

using namespace json_fields;

namespace {

const std::vector<std::string> kDeviceKeys = {"id", "name", "model", "preset", "params", "window", "terminalLock"};

// Values nested deeper than this are refused before anything walks the tree
// recursively: nlohmann's dump, copy and == recurse, and a 200 kB file of
// '[' overflows the stack in them (the parser itself is iterative).
constexpr std::size_t kMaxNesting = 200;

// The top-level key whose value nests deeper than kMaxNesting, if any.
// Iterative on purpose.
std::optional<std::string> tooDeep(const nlohmann::json& root) {
    for (const auto& [key, value] : root.items()) {
        std::vector<std::pair<const nlohmann::json*, std::size_t>> stack{{&value, 1}};
        while (!stack.empty()) {
            const auto [v, depth] = stack.back();
            stack.pop_back();
            if (depth > kMaxNesting) return key;
            if (v->is_structured())
                for (const auto& child : *v) stack.emplace_back(&child, depth + 1);
        }
    }
    return std::nullopt;
}

// A value as a message quotes it: scalars as written (long strings cut),
// arrays and objects by their type only.
std::string quoteShort(const nlohmann::json& value) {
    if (value.is_string()) {
        const std::string& text = value.get_ref<const std::string&>();
        return nlohmann::json(text.size() > 60 ? text.substr(0, 60) + "..." : text).dump();
    }
    if (value.is_structured()) return "an " + typeName(value);
    return value.dump();
}

std::optional<WindowChoice> readWindow(const nlohmann::json& value, const std::string& path,
                                       std::vector<ProjectIssue>& issues) {
    if (value.is_string()) return WindowChoice{value.get<std::string>(), {}};
    if (!value.is_object()) {
        issues.push_back({path, "must be a window id or an object {\"id\", \"params\"} (got " + typeName(value) + ")"});
        return std::nullopt;
    }
    rejectUnknownKeys(value, {"id", "params"}, path, issues);
    WindowChoice w;
    if (!value.contains("id")) {
        issues.push_back({join(path, "id"), "missing (one of: " + joinIds(windowRegistry().ids()) + ")"});
        return std::nullopt;
    }
    w.id = readString(value, "id", path, issues);
    if (value.contains("params")) w.params = readNumbers(value["params"], join(path, "params"), issues);
    return w;
}

// A device object; `path` locates it. Structural problems first; parameter
// problems only once the structure is sound.
DeviceSpec readDeviceObject(const nlohmann::json& value, const std::string& path, bool inDevicesSection,
                            std::vector<ProjectIssue>& issues) {
    DeviceSpec spec;
    const std::size_t before = issues.size();
    if (inDevicesSection)
        rejectUnknownKeys(value, kDeviceKeys, path, issues);
    else
        rejectUnknownKeys(value, {"name", "model", "preset", "params", "window", "terminalLock"}, path, issues);
    if (!value.contains("model")) {
        issues.push_back({join(path, "model"), "missing (one of: " + joinIds(modelRegistry().ids()) + ")"});
        return spec;
    }
    spec.modelId = readString(value, "model", path, issues);
    spec.presetId = readString(value, "preset", path, issues);
    readString(value, "name", path, issues);
    if (value.contains("params")) spec.params = readNumbers(value["params"], join(path, "params"), issues);
    if (value.contains("window")) spec.window = readWindow(value["window"], join(path, "window"), issues);
    if (value.contains("terminalLock")) {
        const auto& lock = value["terminalLock"];
        if (lock.is_boolean())
            spec.terminalLock = lock.get<bool>();
        else
            issues.push_back({join(path, "terminalLock"),
                              "must be true (lock the state on a bound where the window is zero, as SPICE does) or "
                              "false (the exact solution, the default); got " + typeName(lock)});
    }
    if (issues.size() != before) return spec;

    ResolvedDevice resolved;
    auto problems = resolveDevice(spec, resolved);
    // resolveDevice names the window id "window.id"; when the file gave the
    // window as a bare string, the offending field is "window" itself.
    for (auto& p : problems)
        if (p.key == "window.id" && value.contains("window") && value["window"].is_string()) p.key = "window";
    appendParamIssues(problems, path, issues);
    return spec;
}

const nlohmann::json* findDevice(const Project& project, const std::string& id, std::size_t& at) {
    const auto& t = project.tree();
    if (!t.is_object() || !t.contains("devices") || !t["devices"].is_array()) return nullptr;
    for (std::size_t k = 0; k < t["devices"].size(); ++k) {
        const auto& d = t["devices"][k];
        if (d.is_object() && d.contains("id") && d["id"].is_string() && d["id"].get<std::string>() == id) {
            at = k;
            return &d;
        }
    }
    return nullptr;
}

std::vector<std::string> deviceIds(const Project& project) {
    std::vector<std::string> ids;
    const auto& t = project.tree();
    if (t.is_object() && t.contains("devices") && t["devices"].is_array())
        for (const auto& d : t["devices"])
            if (d.is_object() && d.contains("id") && d["id"].is_string()) ids.push_back(d["id"].get<std::string>());
    return ids;
}

void validateEnvelope(const nlohmann::json& t, std::vector<ProjectIssue>& issues) {
    if (!t.contains("format")) {
        issues.push_back({"format", std::string("missing; a Memristor Studio project starts with \"format\": \"") +
                                        kProjectFormat + "\""});
        return;
    }
    if (!t["format"].is_string() || t["format"].get<std::string>() != kProjectFormat) {
        issues.push_back({"format", std::string("not a Memristor Studio project (expected \"") + kProjectFormat +
                                        "\", got " + quoteShort(t["format"]) + ")"});
        return;
    }
    if (!t.contains("version")) {
        issues.push_back({"version", "missing (this build reads format version " + std::to_string(kProjectVersion) + ")"});
        return;
    }
    const auto& v = t["version"];
    if (!v.is_number_integer() || v.get<long long>() < 1) {
        issues.push_back({"version", "must be a whole number of at least 1 (got " + quoteShort(v) + ")"});
        return;
    }
    if (v.get<long long>() > kProjectVersion)
        issues.push_back({"version", "this project uses format version " + std::to_string(v.get<long long>()) +
                                         ", newer than this build of Memristor Studio reads (" +
                                         std::to_string(kProjectVersion) + "); open it with a newer Memristor Studio"});
}

}  // namespace

DeviceSpec parseDeviceSpec(const nlohmann::json& value, const Project& project, const std::string& path,
                           std::vector<ProjectIssue>& issues) {
    if (value.is_string()) {
        const std::string id = value.get<std::string>();
        std::size_t at = 0;
        const nlohmann::json* device = findDevice(project, id, at);
        if (!device) {
            const auto ids = deviceIds(project);
            issues.push_back({path, "no device with id '" + id + "' in devices" +
                                        (ids.empty() ? std::string(" (the project has none)")
                                                     : " (known: " + joinIds(ids) + ")")});
            return {};
        }
        // Problems inside the referenced device are located where it is defined.
        return readDeviceObject(*device, index("devices", at), true, issues);
    }
    if (!value.is_object()) {
        issues.push_back({path, "must be a device object {\"model\", \"preset\", \"params\", \"window\"} or the id of an "
                                "entry in devices (got " + typeName(value) + ")"});
        return {};
    }
    return readDeviceObject(value, path, false, issues);
}

std::vector<ProjectIssue> Project::validate() const {
    std::vector<ProjectIssue> issues;
    const auto& t = tree();
    if (!t.is_object()) {
        issues.push_back({"", "a project is a JSON object (got " + typeName(t) + ")"});
        return issues;
    }
    if (const auto key = tooDeep(t)) {
        issues.push_back({*key, "nested more than " + std::to_string(kMaxNesting) + " levels deep"});
        return issues;
    }
    validateEnvelope(t, issues);
    if (!issues.empty()) return issues;  // a foreign or newer file: its other fields may mean something else

    readString(t, "name", "", issues);
    readString(t, "description", "", issues);

    if (t.contains("devices")) {
        const auto& devices = t["devices"];
        if (!devices.is_array()) {
            issues.push_back({"devices", "must be an array of device objects (got " + typeName(devices) + ")"});
        } else {
            std::set<std::string> seen;
            for (std::size_t k = 0; k < devices.size(); ++k) {
                const std::string path = index("devices", k);
                const auto& d = devices[k];
                if (!d.is_object()) {
                    issues.push_back({path, "must be a device object (got " + typeName(d) + ")"});
                    continue;
                }
                if (!d.contains("id") || !d["id"].is_string() || d["id"].get<std::string>().empty())
                    issues.push_back({join(path, "id"), "missing: a device in devices needs a non-empty string id"});
                else if (!seen.insert(d["id"].get<std::string>()).second)
                    issues.push_back({join(path, "id"), "duplicate id '" + d["id"].get<std::string>() + "'"});
                readDeviceObject(d, path, true, issues);
            }
        }
    }

    // Circuits (docs/project-format.md, "Circuits"): each compiled, problems
    // located by index ("circuits[1].netlist.elements[2].nodes[1]").
    if (t.contains("circuits")) {
        const auto& circuits = t["circuits"];
        if (!circuits.is_array()) {
            issues.push_back({"circuits", "must be an array of circuit objects (got " + typeName(circuits) + ")"});
        } else {
            std::set<std::string> seen;
            for (std::size_t k = 0; k < circuits.size(); ++k) {
                const std::string path = index("circuits", k);
                const auto& c = circuits[k];
                if (c.is_object() && c.contains("id") && c["id"].is_string() && !c["id"].get<std::string>().empty() &&
                    !seen.insert(c["id"].get<std::string>()).second)
                    issues.push_back({join(path, "id"), "duplicate id '" + c["id"].get<std::string>() + "'"});
                for (auto& p : circuit::checkCircuitObject(c, path)) issues.push_back({std::move(p.path), std::move(p.message)});
            }
        }
    }

    if (t.contains("experiments")) {
        const auto& experiments = t["experiments"];
        if (!experiments.is_array()) {
            issues.push_back({"experiments", "must be an array of experiment objects (got " + typeName(experiments) + ")"});
        } else {
            std::set<std::string> seen;
            for (std::size_t k = 0; k < experiments.size(); ++k) {
                const std::string path = index("experiments", k);
                const auto& e = experiments[k];
                if (!e.is_object()) {
                    issues.push_back({path, "must be an experiment object (got " + typeName(e) + ")"});
                    continue;
                }
                if (!e.contains("id") || !e["id"].is_string() || e["id"].get<std::string>().empty())
                    issues.push_back({join(path, "id"), "missing: an experiment needs a non-empty string id"});
                else if (!seen.insert(e["id"].get<std::string>()).second)
                    issues.push_back({join(path, "id"), "duplicate id '" + e["id"].get<std::string>() + "'"});
                if (!e.contains("kind")) {
                    issues.push_back({join(path, "kind"), "missing (one of: " + joinIds(experimentKindRegistry().ids()) + ")"});
                    continue;
                }
                const std::string kindId = readString(e, "kind", path, issues);
                const ExperimentKindInfo* kind = experimentKindRegistry().find(kindId);
                if (!kind) {
                    if (e["kind"].is_string())
                        issues.push_back({join(path, "kind"), "unknown experiment kind '" + kindId + "' (known: " +
                                                                  joinIds(experimentKindRegistry().ids()) + ")"});
                    continue;
                }
                for (auto& issue : kind->validate(e, *this, path)) issues.push_back(std::move(issue));
            }
        }
    }

    // Studies (docs/studies.md): each down to its points' experiments.
    for (auto& issue : study::validateStudies(*this)) issues.push_back(std::move(issue));

    // An experiment naming a faulty device repeats that device's problems; keep each once.
    std::vector<ProjectIssue> unique;
    std::set<std::pair<std::string, std::string>> seen;
    for (auto& issue : issues)
        if (seen.insert({issue.path, issue.message}).second) unique.push_back(std::move(issue));
    return unique;
}

}  // namespace ms
