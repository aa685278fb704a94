// The shape every experiment kind shares: it reads its JSON object once into a
// Setup, collecting every problem with its path; validate, memoryEstimate, run
// and exportSpice all start from that one reader. These helpers spell the shape
// once so a kind file holds only what is its own.
#pragma once

#include <initializer_list>
#include <string>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/common/Errors.h"
#include "core/common/ParamSpec.h"
#include "core/project/Project.h"

namespace ms::kind_setup {

// Fields an experiment object may carry: those of every experiment ("id",
// "kind", "name", "description"), the kind's own `fields`, and its settings' keys.
std::vector<std::string> experimentKeys(const std::vector<ParamSpec>& settings,
                                        std::initializer_list<std::string> fields);

// A run or an export starts only from a valid setup: the first problem becomes
// the InputError the user sees (the same text validate reports).
inline void throwFirst(const std::vector<ProjectIssue>& issues) {
    if (!issues.empty()) throw InputError(issues.front().path, issues.front().message);
}

// Calls a reader of either shape: read(e, project, path, issues) or, for
// kinds that need nothing from the project, read(e, path, issues).
template <class Read>
auto readWith(const Read& read, const nlohmann::json& e, const Project& project, const std::string& path,
              std::vector<ProjectIssue>& issues) {
    if constexpr (std::is_invocable_v<const Read&, const nlohmann::json&, const Project&, const std::string&,
                                      std::vector<ProjectIssue>&>)
        return read(e, project, path, issues);
    else
        return read(e, path, issues);
}

// ExperimentKindInfo::validate from the kind's reader.
template <class Read>
auto validator(Read read) {
    return [read](const nlohmann::json& e, const Project& project, const std::string& path) {
        std::vector<ProjectIssue> issues;
        readWith(read, e, project, path, issues);
        return issues;
    };
}

// The setup of an experiment about to run or be exported; InputError when invalid.
template <class Read>
auto validSetup(const Read& read, const nlohmann::json& e, const Project& project) {
    std::vector<ProjectIssue> issues;
    auto setup = readWith(read, e, project, "experiment", issues);
    throwFirst(issues);
    return setup;
}

// The setup as far as it reads, for estimates made before validation has
// reported (an invalid field keeps its default, which the estimate may use).
template <class Read>
auto setupAsRead(const Read& read, const nlohmann::json& e, const Project& project) {
    std::vector<ProjectIssue> issues;
    return readWith(read, e, project, "experiment", issues);
}

}  // namespace ms::kind_setup
