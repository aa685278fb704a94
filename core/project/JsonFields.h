// Reading typed fields out of a project's JSON tree while collecting
// path-precise problems ("experiments[1].drive.params.frequency: must be a
// number"). Shared by the project validator and the experiment kinds.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/common/ParamSpec.h"
#include "core/project/Project.h"

namespace ms::json_fields {

// "experiments[1]" + "device" -> "experiments[1].device"; "" + "format" -> "format".
std::string join(const std::string& path, const std::string& key);
// "experiments" + 1 -> "experiments[1]".
std::string index(const std::string& path, std::size_t i);

// JSON type name as a user sees it ("string", "number", "object", ...).
std::string typeName(const nlohmann::json& value);

// Adds "unknown field" issues for keys of `object` not in `known`.
void rejectUnknownKeys(const nlohmann::json& object, const std::vector<std::string>& known, const std::string& path,
                       std::vector<ProjectIssue>& issues);

// The numbers of a {"key": number} object; non-numbers become issues.
ParamValues readNumbers(const nlohmann::json& object, const std::string& path, std::vector<ProjectIssue>& issues);

// Reads the spec'd scalar settings of `object` (keys that are present), checks
// them against `specs` (range, integrality, finiteness) and returns them with
// defaults filled in. Keys not in `specs` are ignored here.
ParamValues readSettings(const nlohmann::json& object, const std::vector<ParamSpec>& specs, const std::string& path,
                         std::vector<ProjectIssue>& issues);

// Appends ParamIssues (keys relative to `path`) as ProjectIssues.
void appendParamIssues(const std::vector<ParamIssue>& from, const std::string& path, std::vector<ProjectIssue>& issues);

// A string field: empty and an issue when present but not a string.
std::string readString(const nlohmann::json& object, const std::string& key, const std::string& path,
                       std::vector<ProjectIssue>& issues);

std::string joinIds(const std::vector<std::string>& ids);

}  // namespace ms::json_fields
