// Experiment kind "crossbar_read_margin_sweep": read margin of N×N arrays vs N
// for given Ron, Roff and element nonlinearity K_r (Flocke & Noll, ESSCIRC
// 2007; Liang & Wong 2010), under one bias scheme. The crossbar supplies the
// cell type, wires, terminals, transistor and selector; its size and map are
// replaced by each swept N×N array of Ron/Roff cells, and its nonlinearity by kr.
//
//   { "id", "kind": "crossbar_read_margin_sweep", "crossbar": {...} | "<id>",
//     "bias", "ron", "roff", "kr", "vRead", "nMin", "nMax", "points", "requiredMargin" }
//
// Series margin_vs_n (n, margin, worst_margin); scalars max_N (largest swept N
// whose margin reaches requiredMargin), margin_first, margin_last.
#include <cmath>

#include "core/crossbar/CrossbarAnalysis.h"
#include "core/project/ExperimentKind.h"
#include "core/project/KindSetup.h"
#include "core/project/kinds/CrossbarKindCommon.h"

namespace ms {

using namespace json_fields;

namespace {

const std::vector<ParamSpec>& sweepSpecs() {
    static const std::vector<ParamSpec> specs = {
        {"ron", "R_on", "ohm", 1e4, 1e-3, 1e12, Scale::Log, "Low-resistance state of every cell", ""},
        {"roff", "R_off", "ohm", 1e5, 1e-3, 1e12, Scale::Log, "High-resistance state of every cell", ""},
        {"kr", "K_r", "", 2, 2, 1e6, Scale::Log, "I-V nonlinearity I(V_read)/I(V_read/2) of the element; 2 = linear",
         "Flocke & Noll 2007"},
        {"vRead", "V_read", "V", 1.0, 1e-3, 100, Scale::Log, "Read voltage", ""},
        {"nMin", "N_min", "", 2, 1, 4096, Scale::Log, "Smallest array side", "", true},
        {"nMax", "N_max", "", 64, 1, 4096, Scale::Log, "Largest array side", "", true},
        {"points", "points", "", 7, 1, 64, Scale::Linear, "Sizes swept, geometrically spaced from N_min to N_max", "", true},
        {"requiredMargin", "ΔV_min", "", 0.1, 0, 1, Scale::Linear,
         "Margin the sense amplifier needs (fraction of V_read, or of V_read·G_on with virtual ground)", ""},
    };
    return specs;
}

struct SweepSetup {
    crossbar_kind::Setup setup;
    BiasScheme bias = BiasScheme::Floating;
    double ron = 0, roff = 0, kr = 2, vRead = 1, required = 0.1;
    std::vector<std::size_t> sizes;
};

SweepSetup readSetup(const nlohmann::json& e, const Project& project, const std::string& path,
                     std::vector<ProjectIssue>& issues) {
    SweepSetup s;
    rejectUnknownKeys(e, kind_setup::experimentKeys(sweepSpecs(), {"crossbar", "bias"}), path, issues);
    s.bias = crossbar_kind::readBias(e, path, BiasScheme::Floating, issues);
    const ParamValues v = readSettings(e, sweepSpecs(), path, issues);
    s.ron = v.at("ron");
    s.roff = v.at("roff");
    s.kr = v.at("kr");
    s.vRead = v.at("vRead");
    s.required = v.at("requiredMargin");
    const auto nMin = std::size_t(v.at("nMin")), nMax = std::size_t(v.at("nMax")), points = std::size_t(v.at("points"));
    if (s.roff <= s.ron)
        issues.push_back({join(path, "roff"), "must exceed ron (" + formatWithUnit(s.ron, "ohm") + ")"});
    if (nMax < nMin) issues.push_back({join(path, "nMax"), "must not be below nMin (" + std::to_string(nMin) + ")"});
    if (!crossbar_kind::readSetup(e, project, path, s.setup, issues) || !issues.empty()) return s;
    for (std::size_t k = 0; k < points; ++k) {
        const double t = points == 1 ? 1.0 : double(k) / double(points - 1);
        const auto n = std::size_t(std::llround(double(nMin) * std::pow(double(nMax) / double(nMin), t)));
        if (s.sizes.empty() || n > s.sizes.back()) s.sizes.push_back(n);
    }
    CrossbarSpec biggest = s.setup.design.spec;
    biggest.rows = biggest.cols = nMax;
    try {
        checkCrossbarMemory(biggest, join(path, "nMax"));
    } catch (const InputError& err) {
        issues.push_back({join(path, "nMax"), err.why()});
    }
    return s;
}

void runSweep(const nlohmann::json& e, const Project& project, FrameSink& sink, const StopToken& stop) {
    const SweepSetup s = kind_setup::validSetup(readSetup, e, project);
    CrossbarSpec base = s.setup.design.spec;
    base.nonlinearity = {s.kr, s.vRead};
    sink.beginSeries("margin_vs_n", {{"n", ""}, {"margin", ""}, {"worst_margin", ""}});
    std::vector<MarginPoint> points;
    for (std::size_t k = 0; k < s.sizes.size(); ++k) {
        if (stop.stopRequested()) throw Cancelled();
        const auto one = readMarginVsN(base, s.bias, 1.0 / s.ron, 1.0 / s.roff, s.vRead, {s.sizes[k]}, &stop);
        points.push_back(one.front());
        const double row[3] = {double(one.front().n), one.front().margin.margin(), one.front().margin.worstMargin()};
        sink.appendRows("margin_vs_n", row, 1);
        sink.progress(double(k + 1) / double(s.sizes.size()));
    }
    sink.scalar("max_N", double(maxArraySize(points, s.required)), "");
    sink.scalar("margin_first", points.front().margin.margin(), "");
    sink.scalar("margin_last", points.back().margin.margin(), "");
    sink.scalar("worst_margin_last", points.back().margin.worstMargin(), "");
}

}  // namespace

ExperimentKindInfo crossbarReadMarginSweepKind() {
    ExperimentKindInfo k;
    k.id = "crossbar_read_margin_sweep";
    k.name = "Crossbar read margin vs N";
    k.summary = "Read margin of N×N arrays vs N for given Ron, Roff and nonlinearity under one bias scheme";
    k.settings = sweepSpecs();
    k.validate = kind_setup::validator(readSetup);
    k.run = runSweep;
    k.memoryEstimate = [](const nlohmann::json& e, const Project& project) {
        const SweepSetup s = kind_setup::setupAsRead(readSetup, e, project);
        CrossbarSpec biggest = s.setup.design.spec;
        biggest.rows = biggest.cols = s.sizes.empty() ? 1 : s.sizes.back();
        return 4e6 + crossbarMemoryEstimate(biggest);
    };
    return k;
}

}  // namespace ms
