// Experiment kind "crossbar_mvm": vector-matrix multiply on a crossbar (all
// rows driven, all columns sensed at crossbar.rSense, 0 = virtual ground):
// column currents against the ideal G·x, the per-cell error map, and
// optionally the error's growth with array size and wire resistance, and the
// error of the same product split into tiles.
//
//   { "id", "kind": "crossbar_mvm", "crossbar": {...} | "<id>",
//     "inputs": [V or null (row left floating), ...], "columns": "sense" | "floating",
//     "vIn", "inputSeed", "tileSize",
//     "sizeSweep": [N, ...], "wireSweep": [ohm, ...] }
//
// Without "inputs" every row is at vIn, or uniform in [0, vIn] when inputSeed > 0.
// Series mvm_columns (column, current, ideal, error), error_vs_size
// (n, r_wire, max_error), the maps map_conductance, map_cell_current,
// map_row_voltage, map_col_voltage, map_mvm_error. Scalars max_column_error,
// power, I_total, and with tileSize: tiles, max_error_whole, max_error_tiled.
#include <algorithm>
#include <algorithm>
#include <cmath>
#include <random>

#include "core/crossbar/CrossbarAnalysis.h"
#include "core/crossbar/CrossbarMaps.h"
#include "core/crossbar/SpiceExport.h"
#include "core/project/ExperimentKind.h"
#include "core/project/KindSetup.h"
#include "core/project/kinds/CrossbarKindCommon.h"

namespace ms {

using namespace json_fields;

namespace {

const std::vector<ParamSpec>& mvmSpecs() {
    static const std::vector<ParamSpec> specs = {
        {"vIn", "V_in", "V", 0.2, -100, 100, Scale::Linear, "Row input voltage (the largest one with inputSeed)", ""},
        {"inputSeed", "seed", "", 0, 0, 9e15, Scale::Linear,
         "0: every row at V_in; otherwise the seed of inputs drawn uniformly in [0, V_in]", "", true},
        {"tileSize", "tile", "", 0, 0, 65536, Scale::Linear, "0: no tiling; otherwise also run the product on tiles of this side",
         "", true},
    };
    return specs;
}

struct MvmSetup {
    crossbar_kind::Setup setup;
    std::vector<double> inputs;      // V; NaN = floating row
    bool floatingColumns = false;
    double vIn = 0.2;
    std::uint64_t seed = 0;
    std::size_t tileSize = 0;
    std::vector<std::size_t> sizes;
    std::vector<double> wires;
};

std::vector<double> defaultInputs(std::size_t rows, double vIn, std::uint64_t seed) {
    std::vector<double> x(rows, vIn);
    if (seed) {
        std::mt19937_64 rng(seed);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        for (auto& v : x) v = vIn * u(rng);
    }
    return x;
}

CrossbarDrive driveFor(const CrossbarSpec& spec, const MvmSetup& s) {
    std::vector<double> x = s.inputs;
    for (auto& v : x)
        if (std::isnan(v)) v = 0.0;
    CrossbarDrive d = mvmDrive(spec, x);
    for (std::size_t i = 0; i < s.inputs.size(); ++i)
        if (std::isnan(s.inputs[i])) d.rows[i].connected = false;
    if (s.floatingColumns)
        for (auto& c : d.cols) c.connected = false;
    return d;
}

MvmSetup readSetup(const nlohmann::json& e, const Project& project, const std::string& path,
                   std::vector<ProjectIssue>& issues) {
    MvmSetup s;
    rejectUnknownKeys(e, kind_setup::experimentKeys(mvmSpecs(), {"crossbar", "inputs", "columns", "sizeSweep", "wireSweep"}),
                      path, issues);
    const ParamValues v = readSettings(e, mvmSpecs(), path, issues);
    s.vIn = v.at("vIn");
    s.seed = std::uint64_t(v.at("inputSeed"));
    s.tileSize = std::size_t(v.at("tileSize"));
    const std::string columns = e.contains("columns") ? readString(e, "columns", path, issues) : "sense";
    if (columns == "floating") s.floatingColumns = true;
    else if (columns != "sense" && e.contains("columns") && e["columns"].is_string())
        issues.push_back({join(path, "columns"), "must be \"sense\" or \"floating\" (got \"" + columns + "\")"});
    auto readList = [&](const char* key, bool integer) {
        std::vector<double> out;
        if (!e.contains(key)) return out;
        const auto& a = e[key];
        if (!a.is_array() || a.empty()) {
            issues.push_back({join(path, key), "must be a non-empty array of numbers"});
            return out;
        }
        for (std::size_t k = 0; k < a.size(); ++k) {
            // A segment of 1 Mohm is already far beyond any metal line; larger
            // values only make the solve ill-conditioned.
            const double most = integer ? 1e9 : 1e6;
            const bool ok = a[k].is_number() && a[k].get<double>() >= (integer ? 1 : 0) &&
                            (!integer || a[k].is_number_integer()) && a[k].get<double>() <= most;
            if (!ok) {
                issues.push_back({index(join(path, key), k), integer ? "must be a whole number >= 1 (array side)"
                                                                     : "must be a wire resistance of 0 .. 1 Mohm per segment"});
                return std::vector<double>{};
            }
            out.push_back(a[k].get<double>());
        }
        return out;
    };
    for (double n : readList("sizeSweep", true)) s.sizes.push_back(std::size_t(n));
    s.wires = readList("wireSweep", false);
    if (!crossbar_kind::readSetup(e, project, path, s.setup, issues)) return s;
    const CrossbarSpec& spec = s.setup.design.spec;
    if (e.contains("inputs")) {
        const auto& a = e["inputs"];
        if (!a.is_array() || a.size() != spec.rows) {
            issues.push_back({join(path, "inputs"), "must hold one voltage (or null) per row: " + std::to_string(spec.rows) +
                                                        " values" + (a.is_array() ? " (got " + std::to_string(a.size()) + ")" : "")});
            return s;
        }
        for (std::size_t k = 0; k < a.size(); ++k) {
            if (a[k].is_null()) s.inputs.push_back(std::nan(""));
            else if (a[k].is_number() && std::isfinite(a[k].get<double>())) s.inputs.push_back(a[k].get<double>());
            else {
                issues.push_back({index(join(path, "inputs"), k), "must be a voltage (V) or null for a floating row"});
                return s;
            }
        }
    } else {
        s.inputs = defaultInputs(spec.rows, s.vIn, s.seed);
    }
    // An all-floating circuit is singular: refuse it here, before any work.
    try {
        validateDrive(spec, driveFor(spec, s), join(path, "inputs"));
    } catch (const InputError& err) {
        issues.push_back({err.path(), err.why()});
    }
    if (!s.sizes.empty()) {
        CrossbarSpec biggest = spec;
        biggest.rows = biggest.cols = *std::max_element(s.sizes.begin(), s.sizes.end());
        try {
            checkCrossbarMemory(biggest, join(path, "sizeSweep"));
        } catch (const InputError& err) {
            issues.push_back({join(path, "sizeSweep"), err.why()});
        }
    }
    return s;
}

void runMvm(const nlohmann::json& e, const Project& project, FrameSink& sink, const StopToken& stop) {
    const MvmSetup s = kind_setup::validSetup(readSetup, e, project);
    const CrossbarSpec& spec = s.setup.design.spec;
    const bool plain = !s.floatingColumns && std::none_of(s.inputs.begin(), s.inputs.end(), [](double x) { return std::isnan(x); });
    streamMap(sink, "map_conductance", conductanceMatrix(spec.conductance, spec.rows, spec.cols), "S");
    CrossbarSolution sol;
    if (plain) {
        const MvmResult r = multiply(spec, s.inputs, &stop);
        sol = r.solution;
        sink.beginSeries("mvm_columns", {{"column", ""}, {"current", "A"}, {"ideal", "A"}, {"error", ""}});
        for (std::size_t j = 0; j < spec.cols; ++j) {
            const double row[4] = {double(j), sol.colCurrent[j], r.ideal[j], r.columnError[j]};
            sink.appendRows("mvm_columns", row, 1);
        }
        streamMap(sink, "map_mvm_error", r.cellError, "");
        sink.scalar("max_column_error", r.maxColumnError, "");
        if (s.setup.design.differential) {
            const auto y = differentialOutputs(sol.colCurrent);
            sink.beginSeries("differential_outputs", {{"output", ""}, {"current", "A"}});
            for (std::size_t k = 0; k < y.size(); ++k) {
                const double row[2] = {double(k), y[k]};
                sink.appendRows("differential_outputs", row, 1);
            }
        }
    } else {
        CrossbarSolver solver(spec, driveFor(spec, s), &stop);
        sol = solver.solve(driveFor(spec, s));
        // A floating line has no ideal product to compare with, but the sensed currents
        // are still the result a user asked for.
        sink.beginSeries("mvm_columns", {{"column", ""}, {"current", "A"}});
        for (std::size_t j = 0; j < spec.cols; ++j) {
            const double row[2] = {double(j), sol.colCurrent[j]};
            sink.appendRows("mvm_columns", row, 1);
        }
    }
    double total = 0;
    for (double c : sol.colCurrent) total += c;
    sink.scalar("I_total", total, "A");
    sink.scalar("power", sol.power, "W");
    streamMap(sink, "map_cell_current", sol.cellI, "A");
    streamMap(sink, "map_row_voltage", sol.rowV, "V");
    streamMap(sink, "map_col_voltage", sol.colV, "V");
    sink.progress(0.3);

    if (s.tileSize > 0 && plain) {
        const TilingResult t = tile(spec, s.tileSize, s.inputs, &stop);
        sink.scalar("tiles", double(t.tiles), "");
        sink.scalar("max_error_whole", t.maxErrorWhole, "");
        sink.scalar("max_error_tiled", t.maxErrorTiled, "");
    }
    if (!s.sizes.empty()) {
        std::vector<double> wires = s.wires.empty() ? std::vector<double>{spec.rWireRow} : s.wires;
        sink.beginSeries("error_vs_size", {{"n", ""}, {"r_wire", "ohm"}, {"max_error", ""}});
        std::size_t done = 0;
        for (double w : wires)
            for (std::size_t n : s.sizes) {
                if (stop.stopRequested()) throw Cancelled();
                CrossbarSpec a = spec;
                a.rows = a.cols = n;
                a.conductance = conductanceAtSize(s.setup.design, n, n);
                a.rWireRow = a.rWireCol = w;
                const MvmResult r = multiply(a, defaultInputs(n, s.vIn, s.seed), &stop);
                const double row[3] = {double(n), w, r.maxColumnError};
                sink.appendRows("error_vs_size", row, 1);
                sink.progress(0.3 + 0.7 * double(++done) / double(wires.size() * s.sizes.size()));
            }
    }
    sink.progress(1.0);
}

}  // namespace

ExperimentKindInfo crossbarMvmKind() {
    ExperimentKindInfo k;
    k.id = "crossbar_mvm";
    k.name = "Crossbar MVM";
    k.summary = "Vector-matrix multiply with IR drop: column currents vs the ideal G·x, error map, error vs size and "
                "wire resistance, tiling";
    k.settings = mvmSpecs();
    k.validate = kind_setup::validator(readSetup);
    k.run = runMvm;
    k.memoryEstimate = [](const nlohmann::json& e, const Project& project) {
        const MvmSetup s = kind_setup::setupAsRead(readSetup, e, project);
        CrossbarSpec biggest = s.setup.design.spec;
        for (std::size_t n : s.sizes)
            if (n * n > biggest.rows * biggest.cols) biggest.rows = biggest.cols = n;
        return 4e6 + crossbarMemoryEstimate(biggest);
    };
    k.exportSpice = [](const nlohmann::json& e, const Project& project) {
        const MvmSetup s = kind_setup::validSetup(readSetup, e, project);
        SpiceExportOptions o;
        o.title = "crossbar vector-matrix multiply";
        return crossbarNetlist(s.setup.design.spec, driveFor(s.setup.design.spec, s), o);
    };
    return k;
}

}  // namespace ms
