// Shared by the crossbar experiment kinds (crossbar_read, crossbar_read_margin_sweep,
// crossbar_mvm, crossbar_write): reading the experiment's "crossbar" (inline
// or an id into "crossbars"), its per-cell device, and the bias scheme, with
// problems collected as path-precise ProjectIssues.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "core/common/Errors.h"
#include "core/crossbar/BiasScheme.h"
#include "core/crossbar/CrossbarJson.h"
#include "core/project/JsonFields.h"
#include "core/project/Project.h"

namespace ms::crossbar_kind {

struct Setup {
    CrossbarDesign design;
    std::optional<DeviceSpec> device;
};

// False (with an issue) when the crossbar or its device is unusable.
inline bool readSetup(const nlohmann::json& e, const Project& project, const std::string& path, Setup& out,
                      std::vector<ProjectIssue>& issues, bool requireDevice = false) {
    const std::string at = json_fields::join(path, "crossbar");
    if (!e.contains("crossbar")) {
        issues.push_back({at, "missing (a crossbar object {\"size\", \"cellType\", \"conductance\", ...} or the id of "
                              "an entry in crossbars)"});
        return false;
    }
    try {
        out.design = readCrossbarJson(e["crossbar"], project.tree(), at);
    } catch (const InputError& err) {
        issues.push_back({err.path(), err.why()});
        return false;
    }
    const auto& d = out.design;
    if (d.device.is_null()) {
        if (requireDevice) {
            issues.push_back({json_fields::join(d.path, "device"),
                              "missing: a write needs the device model of each cell ({\"model\", \"preset\", ...} or "
                              "the id of an entry in devices)"});
            return false;
        }
        return true;
    }
    const std::size_t before = issues.size();
    DeviceSpec spec = parseDeviceSpec(d.device, project, d.devicePath, issues);
    if (issues.size() != before) return false;
    out.device = spec;
    if (d.source == "device") {
        try {
            const auto model = instantiateDevice(spec, d.devicePath);
            const double v = d.deviceReadVoltage;
            const double g = model->current(v, model->initialState()) / v;
            if (!(g > 0) || !std::isfinite(g)) {
                issues.push_back({d.devicePath, "reads a non-positive conductance at its initial state"});
                return false;
            }
            out.design.spec.conductance.assign(d.spec.rows * d.spec.cols, g);
        } catch (const InputError& err) {
            issues.push_back({err.path(), err.why()});
            return false;
        }
    }
    return true;
}

inline BiasScheme readBias(const nlohmann::json& e, const std::string& path, BiasScheme fallback,
                           std::vector<ProjectIssue>& issues) {
    if (!e.contains("bias")) return fallback;
    const std::string id = json_fields::readString(e, "bias", path, issues);
    if (!e["bias"].is_string()) return fallback;
    try {
        return biasSchemeFromString(id, json_fields::join(path, "bias"));
    } catch (const InputError& err) {
        issues.push_back({err.path(), err.why()});
        return fallback;
    }
}

// The selected cell (settings "row", "col") must lie in the array.
inline void checkCell(double row, double col, const CrossbarSpec& s, const std::string& path,
                      std::vector<ProjectIssue>& issues) {
    if (row >= double(s.rows))
        issues.push_back({json_fields::join(path, "row"), "row " + std::to_string(long(row)) + " is outside the " +
                                                              std::to_string(s.rows) + "-row array (rows 0.." +
                                                              std::to_string(s.rows - 1) + ")"});
    if (col >= double(s.cols))
        issues.push_back({json_fields::join(path, "col"), "column " + std::to_string(long(col)) + " is outside the " +
                                                              std::to_string(s.cols) + "-column array (columns 0.." +
                                                              std::to_string(s.cols - 1) + ")"});
}

}  // namespace ms::crossbar_kind
