// Experiment kind "crossbar_read": read one cell of a crossbar under a bias
// scheme (floating, grounded, V/2, V/3) with a sense resistor (crossbar.rSense)
// or virtual-ground sensing (rSense = 0), by exact nodal analysis
// (core/crossbar/CrossbarAnalysis.h).
//
//   { "id", "kind": "crossbar_read", "name", "crossbar": {...} | "<id in crossbars>",
//     "bias": "floating" | "grounded" | "v2" | "v3", "row", "col", "vRead", "gOn", "gOff" }
//
// Scalars: I_selected, I_sneak, I_sense, V_out, power, read_margin (Flocke &
// Noll, all other cells on), read_margin_worst, elmore_delay. Series: the maps
// map_conductance, map_cell_current, map_row_voltage, map_col_voltage.
#include <algorithm>

#include "core/crossbar/CrossbarAnalysis.h"
#include "core/crossbar/CrossbarMaps.h"
#include "core/crossbar/SpiceExport.h"
#include "core/project/ExperimentKind.h"
#include "core/project/KindSetup.h"
#include "core/project/kinds/CrossbarKindCommon.h"

namespace ms {

using namespace json_fields;

namespace {

const std::vector<ParamSpec>& readSettingsSpec() {
    static const std::vector<ParamSpec> specs = {
        {"row", "i", "", 0, 0, 1e6, Scale::Linear, "Row of the selected cell (0 = top row)", "", true},
        {"col", "j", "", 0, 0, 1e6, Scale::Linear, "Column of the selected cell (0 = left)", "", true},
        {"vRead", "V_read", "V", 1.0, 1e-3, 100, Scale::Log, "Read voltage on the selected row", ""},
        {"gOn", "G_on", "S", 0, 0, 1e3, Scale::Linear,
         "On conductance for the read margin; 0 = the map's largest conductance", "Flocke & Noll, ESSCIRC 2007"},
        {"gOff", "G_off", "S", 0, 0, 1e3, Scale::Linear,
         "Off conductance for the read margin; 0 = the map's smallest conductance", "Flocke & Noll, ESSCIRC 2007"},
    };
    return specs;
}

struct ReadSetup {
    crossbar_kind::Setup setup;
    BiasScheme bias = BiasScheme::ThirdV;
    std::size_t row = 0, col = 0;
    double vRead = 1, gOn = 0, gOff = 0;
};

ReadSetup readSetup(const nlohmann::json& e, const Project& project, const std::string& path,
                    std::vector<ProjectIssue>& issues) {
    ReadSetup s;
    rejectUnknownKeys(e, kind_setup::experimentKeys(readSettingsSpec(), {"crossbar", "bias"}), path, issues);
    s.bias = crossbar_kind::readBias(e, path, BiasScheme::ThirdV, issues);
    const ParamValues v = readSettings(e, readSettingsSpec(), path, issues);
    s.row = std::size_t(v.at("row"));
    s.col = std::size_t(v.at("col"));
    s.vRead = v.at("vRead");
    s.gOn = v.at("gOn");
    s.gOff = v.at("gOff");
    if (!crossbar_kind::readSetup(e, project, path, s.setup, issues)) return s;
    const CrossbarSpec& spec = s.setup.design.spec;
    crossbar_kind::checkCell(v.at("row"), v.at("col"), spec, path, issues);
    const auto [lo, hi] = std::minmax_element(spec.conductance.begin(), spec.conductance.end());
    if (s.gOn == 0) s.gOn = *hi;
    if (s.gOff == 0) s.gOff = *lo;
    if (issues.empty() && s.gOn <= s.gOff)
        issues.push_back({join(path, "gOn"), "the on conductance (" + formatWithUnit(s.gOn, "S") +
                                                 ") must exceed the off conductance (" + formatWithUnit(s.gOff, "S") +
                                                 "); set gOn and gOff for a uniform map"});
    return s;
}

void runRead(const nlohmann::json& e, const Project& project, FrameSink& sink, const StopToken& stop) {
    const ReadSetup s = kind_setup::validSetup(readSetup, e, project);
    const CrossbarSpec& spec = s.setup.design.spec;
    const ReadResult r = readCell(spec, s.bias, s.row, s.col, s.vRead, &stop);
    sink.progress(0.4);
    sink.scalar("I_selected", r.selectedCurrent, "A");
    sink.scalar("I_sneak", r.sneakCurrent, "A");
    sink.scalar("I_sense", r.senseCurrent, "A");
    sink.scalar("V_out", r.vOut, "V");
    sink.scalar("power", r.solution.power, "W");
    sink.scalar("elmore_delay", elmoreDelay(spec).worst(), "s");
    streamMap(sink, "map_conductance", conductanceMatrix(spec.conductance, spec.rows, spec.cols), "S");
    streamMap(sink, "map_cell_current", r.solution.cellI, "A");
    streamMap(sink, "map_row_voltage", r.solution.rowV, "V");
    streamMap(sink, "map_col_voltage", r.solution.colV, "V");
    const ReadMargin m = readMargin(spec, s.bias, s.gOn, s.gOff, s.vRead, s.row, s.col, &stop);
    sink.scalar("read_margin", m.margin(), "");
    sink.scalar("read_margin_worst", m.worstMargin(), "");
    sink.log(LogLevel::Info, std::string("read of cell (") + std::to_string(s.row) + ", " + std::to_string(s.col) +
                                 ") under " + toString(s.bias) + ": " + std::to_string(r.solution.newtonIterations) +
                                 " Newton iterations");
    sink.progress(1.0);
}

}  // namespace

ExperimentKindInfo crossbarReadKind() {
    ExperimentKindInfo k;
    k.id = "crossbar_read";
    k.name = "Crossbar read";
    k.summary = "Read one cell under a bias scheme: selected and sneak current, read margin, power, line-voltage and "
                "cell-current maps";
    k.settings = readSettingsSpec();
    k.validate = kind_setup::validator(readSetup);
    k.run = runRead;
    k.memoryEstimate = [](const nlohmann::json& e, const Project& project) {
        const ReadSetup s = kind_setup::setupAsRead(readSetup, e, project);
        return 4e6 + crossbarMemoryEstimate(s.setup.design.spec);
    };
    k.exportSpice = [](const nlohmann::json& e, const Project& project) {
        const ReadSetup s = kind_setup::validSetup(readSetup, e, project);
        SpiceExportOptions o;
        o.title = std::string("crossbar read of cell (") + std::to_string(s.row) + "," + std::to_string(s.col) +
                  ") under " + toString(s.bias);
        return crossbarNetlist(s.setup.design.spec, readDrive(s.setup.design.spec, s.bias, s.row, s.col, s.vRead), o);
    };
    return k;
}

}  // namespace ms
