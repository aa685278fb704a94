// Experiment kind "crossbar_write": write one cell with a pulse through the
// per-cell device model (crossbar.device) under V/2 or V/3 (or floating /
// grounded), computing every other cell's state change: the disturb map
// (core/crossbar/WriteDisturb.h, quasi-static method).
//
//   { "id", "kind": "crossbar_write", "crossbar": {..., "device": {...}} | "<id>",
//     "bias": "v2" | "v3" | "floating" | "grounded", "row", "col", "vWrite",
//     "pulseWidth", "steps", "substeps", "vRead" }
//
// Scalars: dG_selected, max_disturb (max |ΔG/G| of unselected cells),
// max_half_selected_disturb, max_unselected_disturb, energy. Series: the maps
// map_conductance (before the write), map_disturb_dG, map_cell_voltage.
#include <cmath>

#include "core/crossbar/CrossbarMaps.h"
#include "core/crossbar/SpiceExport.h"
#include "core/crossbar/WriteDisturb.h"
#include "core/project/ExperimentKind.h"
#include "core/project/KindSetup.h"
#include "core/project/kinds/CrossbarKindCommon.h"

namespace ms {

using namespace json_fields;

namespace {

const std::vector<ParamSpec>& writeSpecs() {
    static const WriteOptions d;
    static const std::vector<ParamSpec> specs = {
        {"row", "i", "", 0, 0, 1e6, Scale::Linear, "Row of the cell written (0 = top row)", "", true},
        {"col", "j", "", 0, 0, 1e6, Scale::Linear, "Column of the cell written (0 = left)", "", true},
        {"vWrite", "V_w", "V", d.vWrite, -100, 100, Scale::Linear, "Write voltage on the selected row (selected column at 0 V)", ""},
        {"pulseWidth", "t_w", "s", d.pulseWidth, 1e-12, 1e3, Scale::Log, "Write pulse width", ""},
        {"steps", "steps", "", double(d.steps), 1, 10000, Scale::Log, "Quasi-static intervals of the pulse", "", true},
        {"substeps", "substeps", "", double(d.substeps), 1, 10000, Scale::Log, "RK4 steps per interval", "", true},
        {"vRead", "V_read", "V", d.vRead, 1e-3, 10, Scale::Log, "Voltage at which conductances are read", ""},
    };
    return specs;
}

struct WriteSetup {
    crossbar_kind::Setup setup;
    WriteOptions options;
};

WriteSetup readSetup(const nlohmann::json& e, const Project& project, const std::string& path,
                     std::vector<ProjectIssue>& issues) {
    WriteSetup s;
    rejectUnknownKeys(e, kind_setup::experimentKeys(writeSpecs(), {"crossbar", "bias"}), path, issues);
    s.options.scheme = crossbar_kind::readBias(e, path, BiasScheme::HalfV, issues);
    const ParamValues v = readSettings(e, writeSpecs(), path, issues);
    s.options.row = std::size_t(v.at("row"));
    s.options.col = std::size_t(v.at("col"));
    s.options.vWrite = v.at("vWrite");
    s.options.pulseWidth = v.at("pulseWidth");
    s.options.steps = int(v.at("steps"));
    s.options.substeps = int(v.at("substeps"));
    s.options.vRead = v.at("vRead");
    if (!crossbar_kind::readSetup(e, project, path, s.setup, issues, true)) return s;
    crossbar_kind::checkCell(v.at("row"), v.at("col"), s.setup.design.spec, path, issues);
    return s;
}

void runWrite(const nlohmann::json& e, const Project& project, FrameSink& sink, const StopToken& stop) {
    const WriteSetup s = kind_setup::validSetup(readSetup, e, project);
    const CrossbarSpec& spec = s.setup.design.spec;
    const WriteResult r = writeCell(spec, *s.setup.device, s.options, {}, &stop);
    double half = 0, unselected = 0;
    for (std::size_t i = 0; i < spec.rows; ++i)
        for (std::size_t j = 0; j < spec.cols; ++j) {
            const bool selRow = i == s.options.row, selCol = j == s.options.col;
            if (selRow && selCol) continue;
            const double rel = std::fabs(r.deltaG(Eigen::Index(i), Eigen::Index(j)) / r.gBefore(Eigen::Index(i), Eigen::Index(j)));
            if (selRow || selCol) half = std::max(half, rel);
            else unselected = std::max(unselected, rel);
        }
    sink.scalar("dG_selected", r.selectedDeltaG, "S");
    sink.scalar("max_disturb", r.maxDisturb, "");
    sink.scalar("max_half_selected_disturb", half, "");
    sink.scalar("max_unselected_disturb", unselected, "");
    sink.scalar("energy", r.energy, "J");
    streamMap(sink, "map_conductance", r.gBefore, "S");
    streamMap(sink, "map_disturb_dG", r.deltaG, "S");
    streamMap(sink, "map_cell_voltage", r.cellVoltage, "V");
    sink.progress(1.0);
}

}  // namespace

ExperimentKindInfo crossbarWriteKind() {
    ExperimentKindInfo k;
    k.id = "crossbar_write";
    k.name = "Crossbar write and disturb";
    k.summary = "Write one cell with a pulse through the device model under V/2 or V/3; disturb map of every other cell";
    k.settings = writeSpecs();
    k.validate = kind_setup::validator(readSetup);
    k.run = runWrite;
    k.memoryEstimate = [](const nlohmann::json& e, const Project& project) {
        const WriteSetup s = kind_setup::setupAsRead(readSetup, e, project);
        const auto& spec = s.setup.design.spec;
        return 4e6 + crossbarMemoryEstimate(spec) + double(spec.rows * spec.cols) * 8.0 * 12.0;
    };
    // The array at the start of the pulse: each device as its read conductance.
    k.exportSpice = [](const nlohmann::json& e, const Project& project) {
        const WriteSetup s = kind_setup::validSetup(readSetup, e, project);
        CrossbarSpec spec = s.setup.design.spec;
        const auto model = instantiateDevice(*s.setup.device, s.setup.design.devicePath);
        const double g = model->current(s.options.vRead, model->initialState()) / s.options.vRead;
        spec.conductance.assign(spec.rows * spec.cols, g);
        SpiceExportOptions o;
        o.title = std::string("crossbar write (devices as their initial read conductance) under ") + toString(s.options.scheme);
        return crossbarNetlist(spec, writeDrive(spec, s.options.scheme, s.options.row, s.options.col, s.options.vWrite), o);
    };
    return k;
}

}  // namespace ms
