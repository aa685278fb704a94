#include "app/cli/ExportSpiceCommand.h"

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/common/Errors.h"
#include "core/project/ExperimentKind.h"
#include "core/project/Project.h"

namespace ms::cli {

namespace {

const ExperimentKindInfo* kindOf(const nlohmann::json& experiment) {
    return experimentKindRegistry().find(experiment.value("kind", std::string()));
}

bool exportable(const nlohmann::json& experiment) {
    const auto* kind = kindOf(experiment);
    return kind && static_cast<bool>(kind->exportSpice);
}

}  // namespace

void exportSpice(const ExportSpiceOptions& o) {
    const Project project = loadProjectFile(o.projectFile);
    std::string id = o.experimentId;
    if (id.empty()) {
        std::vector<std::string> candidates;
        for (const auto& e : project.experimentIds())
            if (exportable(*project.experiment(e))) candidates.push_back(e);
        if (candidates.size() != 1) {
            std::string list;
            for (const auto& c : candidates) list += (list.empty() ? "" : ", ") + c;
            throw InputError("--experiment", candidates.empty()
                                                 ? "the project has no experiment with a circuit to export"
                                                 : "name the experiment to export (one of: " + list + ")");
        }
        id = candidates.front();
    }
    const nlohmann::json* e = project.experiment(id);
    if (!e) throw InputError("--experiment", "no experiment with id '" + id + "' in " + o.projectFile);
    const auto* kind = kindOf(*e);
    if (!kind || !kind->exportSpice)
        throw InputError("--experiment", "experiment '" + id + "' (kind " + e->value("kind", std::string("?")) +
                                             ") has no circuit to export");
    const std::string netlist = kind->exportSpice(*e, project);

    // Write beside the target, then rename: a failed write leaves the old file.
    const std::filesystem::path target(o.outFile);
    const std::filesystem::path temp = target.string() + ".part";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out) throw InputError(o.outFile, "cannot write the netlist here");
        out << netlist;
        out.close();
        if (!out) {
            std::error_code ec;
            std::filesystem::remove(temp, ec);
            throw InputError(o.outFile, "write failed (disk full?)");
        }
    }
    std::error_code ec;
    std::filesystem::rename(temp, target, ec);
    if (ec) {
        std::filesystem::remove(temp, ec);
        throw InputError(o.outFile, "cannot replace the file: " + ec.message());
    }
}

}  // namespace ms::cli
