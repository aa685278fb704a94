#include "core/project/JsonFields.h"

#include <algorithm>

namespace ms::json_fields {

std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
}

std::string index(const std::string& path, std::size_t i) {
    return path + "[" + std::to_string(i) + "]";
}

std::string typeName(const nlohmann::json& value) {
    if (value.is_number()) return "number";
    return value.type_name();
}

std::string joinIds(const std::vector<std::string>& ids) {
    std::string out;
    for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
    return out;
}

void rejectUnknownKeys(const nlohmann::json& object, const std::vector<std::string>& known, const std::string& path,
                       std::vector<ProjectIssue>& issues) {
    if (!object.is_object()) return;
    for (const auto& [key, value] : object.items()) {
        (void)value;
        if (std::find(known.begin(), known.end(), key) == known.end())
            issues.push_back({join(path, key), "unknown field (known here: " + joinIds(known) + ")"});
    }
}

ParamValues readNumbers(const nlohmann::json& object, const std::string& path, std::vector<ProjectIssue>& issues) {
    ParamValues out;
    if (!object.is_object()) {
        issues.push_back({path, "must be an object of numbers (got " + typeName(object) + ")"});
        return out;
    }
    for (const auto& [key, value] : object.items()) {
        if (value.is_number())
            out[key] = value.get<double>();
        else
            issues.push_back({join(path, key), "must be a number (got " + typeName(value) + ")"});
    }
    return out;
}

ParamValues readSettings(const nlohmann::json& object, const std::vector<ParamSpec>& specs, const std::string& path,
                         std::vector<ProjectIssue>& issues) {
    ParamValues given;
    for (const auto& s : specs) {
        if (!object.is_object() || !object.contains(s.key)) continue;
        const auto& value = object.at(s.key);
        if (value.is_number())
            given[s.key] = value.get<double>();
        else
            issues.push_back({join(path, s.key), "must be a number (got " + typeName(value) + ")"});
    }
    ParamValues values = withDefaults(specs, given);
    const auto problems = checkAgainstSpecs(specs, values);
    appendParamIssues(problems, path, issues);
    // A refused value is replaced by its default, so a kind reading on to
    // collect its other issues never casts NaN or 1e300 to an integer nor
    // loops 1e9 times (points = 1e9 hung neuron_fi_curve's validator).
    for (const auto& p : problems)
        if (const ParamSpec* spec = findSpec(specs, p.key)) values[p.key] = spec->defaultValue;
    return values;
}

void appendParamIssues(const std::vector<ParamIssue>& from, const std::string& path, std::vector<ProjectIssue>& issues) {
    for (const auto& issue : from) issues.push_back({join(path, issue.key), issue.message});
}

std::string readString(const nlohmann::json& object, const std::string& key, const std::string& path,
                       std::vector<ProjectIssue>& issues) {
    if (!object.is_object() || !object.contains(key)) return {};
    const auto& value = object.at(key);
    if (!value.is_string()) {
        issues.push_back({join(path, key), "must be a string (got " + typeName(value) + ")"});
        return {};
    }
    return value.get<std::string>();
}

}  // namespace ms::json_fields
