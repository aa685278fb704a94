// Experiment kind "cell_pulse_curve": the LTP/LTD weight curve of a synapse
// cell (a circuit of the "circuits" section with a "cell" block): identical
// potentiation pulses then depression pulses on its program source, the
// weight read from the device states after each (core/circuit/CellExperiments.h).
//
//   { "id", "kind": "cell_pulse_curve", "name", "circuit": "<id in circuits>",
//     "scheme": "fixed_amplitude" | "designed_amplitude" | "designed_width",
//     "ltpPulses", "ltdPulses", "ltpAmplitude", "ltdAmplitude", "width", "relTol",
//     "maxAmplitude", "minWidth", "maxWidth" }
//
// Series "weight": pulse, phase (+1 LTP, -1 LTD, 0 the initial read), V, w,
// then R(<memristor>) (ohm) for each of the cell's memristors. Scalars:
// w_initial, w_max, w_min, w_final, sign_changes, and with both branches
// NL_LTP, NL_LTD, asymmetry (NeuroSim's NL of the weight curve, as
// pulse_ltp_ltd reports for G).
//
// The designed schemes (issue 18) are pulse_ltp_ltd's: core/sim/PulseDesigner.h
// solves, on the cell's first memristor's model alone, for each pulse's
// amplitude (or width) so that every read moves G by the same step, then the
// cell is run with that train. For the 1M cell the program source is across
// the device, so the design is exact; in cells with other elements in the
// path or several devices it is the single device's design. The identical
// train's figures come as NL_LTP_identical, NL_LTD_identical,
// asymmetry_identical, the pulses as series "designed_pulses".
#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/circuit/CellExperiments.h"
#include "core/common/Errors.h"
#include "core/project/ExperimentKind.h"
#include "core/project/KindSetup.h"
#include "core/project/kinds/CircuitKindSupport.h"
#include "core/synapses/NeuroSimCurve.h"
#include "core/sim/PulseDesigner.h"

namespace ms {

using namespace json_fields;

namespace {

const std::vector<ParamSpec>& pulseSettings() {
    static const circuit::PulseCurveOptions d;
    static const PulseDesignOptions o;
    static const std::vector<ParamSpec> specs = {
        {"ltpPulses", "N_LTP", "", double(d.ltpPulses), 0, 100000, Scale::Linear, "Potentiation pulses", "", true},
        {"ltdPulses", "N_LTD", "", double(d.ltdPulses), 0, 100000, Scale::Linear, "Depression pulses that follow", "", true},
        {"ltpAmplitude", "V_LTP", "V", d.ltpAmplitude, -100, 100, Scale::Linear,
         "Level of the program source during a potentiation pulse", ""},
        {"ltdAmplitude", "V_LTD", "V", d.ltdAmplitude, -100, 100, Scale::Linear,
         "Level of the program source during a depression pulse", ""},
        {"width", "t_w", "s", d.width, 1e-12, 1e3, Scale::Log, "Width of every pulse", ""},
        {"relTol", "rtol", "", d.tol.relTol, 1e-9, 1e-1, Scale::Log, "Relative local error tolerance of the transient", ""},
        {"maxAmplitude", "V_max", "V", o.maxAmplitude, 1e-3, 100, Scale::Linear,
         "Largest pulse magnitude the designer may use, the device's safe range (scheme designed_amplitude)", ""},
        {"minWidth", "t_w,min", "s", o.minWidth, 1e-12, 1e3, Scale::Log,
         "Shortest pulse the designer may use (scheme designed_width)", ""},
        {"maxWidth", "t_w,max", "s", o.maxWidth, 1e-12, 1e3, Scale::Log,
         "Longest pulse the designer may use (scheme designed_width)", ""},
    };
    return specs;
}

struct Setup {
    const nlohmann::json* circuit = nullptr;
    std::string circuitPath;
    circuit::PulseCurveOptions options;
    bool designed = false;
    PulseDesignOptions design;
};

Setup readSetup(const nlohmann::json& e, const Project& project, const std::string& path, std::vector<ProjectIssue>& issues) {
    Setup s;
    rejectUnknownKeys(e, kind_setup::experimentKeys(pulseSettings(), {"circuit", "scheme"}), path, issues);
    const std::string scheme = e.contains("scheme") ? readString(e, "scheme", path, issues) : "fixed_amplitude";
    if (scheme == "designed_amplitude" || scheme == "designed_width") {
        s.designed = true;
        s.design.variable = scheme == "designed_width" ? DesignVariable::Width : DesignVariable::Amplitude;
    } else if (scheme != "fixed_amplitude" && e.contains("scheme") && e["scheme"].is_string()) {
        issues.push_back({join(path, "scheme"), "must be \"fixed_amplitude\", \"designed_amplitude\" or \"designed_width\" (got \"" +
                                                    scheme + "\")"});
    }
    s.circuit = circuit_kinds::readCircuitRef(e, project, path, true, issues, s.circuitPath);
    const ParamValues v = readSettings(e, pulseSettings(), path, issues);
    s.options.ltpPulses = static_cast<std::size_t>(v.at("ltpPulses"));
    s.options.ltdPulses = static_cast<std::size_t>(v.at("ltdPulses"));
    s.options.ltpAmplitude = v.at("ltpAmplitude");
    s.options.ltdAmplitude = v.at("ltdAmplitude");
    s.options.width = v.at("width");
    s.options.tol.relTol = v.at("relTol");
    s.design.maxAmplitude = v.at("maxAmplitude");
    s.design.minWidth = v.at("minWidth");
    s.design.maxWidth = v.at("maxWidth");
    if (s.options.ltpPulses + s.options.ltdPulses == 0)
        issues.push_back({join(path, "ltpPulses"), "at least one pulse is needed (ltpPulses + ltdPulses > 0)"});
    if (s.designed) {
        if (s.options.ltpPulses == 0)
            issues.push_back({join(path, "ltpPulses"), "a designed train needs potentiation pulses (the range it spans)"});
        if (s.design.variable == DesignVariable::Width && !(s.design.maxWidth > s.design.minWidth))
            issues.push_back({join(path, "maxWidth"), "must exceed minWidth (" + formatWithUnit(s.design.minWidth, "s") + ")"});
        if (issues.empty() && s.options.ltpAmplitude * s.options.ltdAmplitude >= 0)
            issues.push_back({join(path, "ltdAmplitude"), "must have the opposite sign of ltpAmplitude (" +
                                                              formatWithUnit(s.options.ltpAmplitude, "V") + ")"});
    }
    return s;
}

// The cell's train designed on its first memristor (PulseDesigner.h): the
// reference protocol is the cell's identical train, read at the cell's read
// voltage between pulses with a gap of one pulse width.
circuit::PulseCurveOptions designedTrain(const circuit::CellCircuit& cell, const Setup& s, FrameSink& sink,
                                         const StopToken& stop) {
    const circuit::PulseCurveOptions& o = s.options;
    const DeviceSpec* device = nullptr;
    for (const auto& el : cell.netlist.elements)
        if (el.name == cell.memristors.front() && el.device) device = &*el.device;
    if (!device) throw InputError(join("experiment", "circuit"), "the cell has no memristor to design pulses for");
    const auto model = instantiateDevice(*device, "experiment.circuit");
    PulseProtocol ref;
    ref.potentiationPulses = static_cast<int>(o.ltpPulses);
    ref.depressionPulses = static_cast<int>(o.ltdPulses);
    ref.potentiationAmplitude = o.ltpAmplitude;
    ref.depressionAmplitude = o.ltdAmplitude;
    ref.width = o.width;
    ref.gap = o.width;
    ref.readVoltage = cell.readVoltage;
    PulseDesign d;
    try {
        d = designPulses(*model, ref, s.design, stop);
    } catch (const InputError& err) {
        // The designer names pulse_ltp_ltd's settings; this kind's are ltp/ltd.
        std::string key = err.path();
        if (key == "potentiationAmplitude") key = "ltpAmplitude";
        if (key == "depressionAmplitude") key = "ltdAmplitude";
        throw InputError(join("experiment", key), err.why());
    }
    circuit::PulseCurveOptions out = o;
    const PulseProtocol& p = d.protocol;
    out.ltpAmplitudes = p.potentiationAmplitudes;
    out.ltdAmplitudes = p.depressionAmplitudes;
    out.ltpWidths = p.potentiationWidths;
    out.ltdWidths = p.depressionWidths;
    sink.beginSeries("designed_pulses", {{"pulse", "#"}, {"amplitude", "V"}, {"width", "s"}, {"G_target", "S"}, {"phase", ""}});
    std::vector<double> rows;
    for (int branch = 0, k = 0; branch < 2; ++branch)
        for (int n = 0, count = branch ? p.depressionPulses : p.potentiationPulses; n < count; ++n, ++k) {
            const PulseShape pulse = pulseShape(p, branch == 0, n);
            rows.insert(rows.end(), {double(k + 1), pulse.amplitude, pulse.width, d.targets[static_cast<std::size_t>(k)],
                                     branch ? -1.0 : 1.0});
        }
    sink.appendRows("designed_pulses", rows.data(), d.targets.size());
    return out;
}

void run(const nlohmann::json& e, const Project& project, FrameSink& sink, const StopToken& stop) {
    const Setup s = kind_setup::validSetup(readSetup, e, project);
    const circuit::CellCircuit cell = circuit::cellFromCircuitObject(*s.circuit, s.circuitPath);
    circuit::PulseCurveOptions options = s.options;
    const bool both = s.options.ltpPulses > 0 && s.options.ltdPulses > 0;
    if (s.designed) {
        // The identical train first: the "before" figures.
        NullSink quiet;
        const std::vector<double> before = circuit::runCellPulseCurve(cell, s.options, quiet, stop);
        if (both) {
            const NeuroSimBranchLabels f = labelNeuroSimBranches(before, s.options.ltpPulses);
            sink.scalar("NL_LTP_identical", f.ltp, "");
            sink.scalar("NL_LTD_identical", f.ltd, "");
            sink.scalar("asymmetry_identical", f.asymmetry, "");
        }
        options = designedTrain(cell, s, sink, stop);
    }
    const std::vector<double> w = circuit::runCellPulseCurve(cell, options, sink, stop);
    if (both) {
        const NeuroSimBranchLabels f = labelNeuroSimBranches(w, s.options.ltpPulses);
        sink.scalar("NL_LTP", f.ltp, "");
        sink.scalar("NL_LTD", f.ltd, "");
        sink.scalar("asymmetry", f.asymmetry, "");
    }
    // Zero crossings of the weight: a differential cell (2M, 4M) passes
    // through 0 between its LTP and LTD branches.
    int changes = 0;
    for (std::size_t k = 1; k < w.size(); ++k)
        if ((w[k] > 0) != (w[k - 1] > 0) && w[k] != 0.0) ++changes;
    sink.scalar("sign_changes", changes, "");
    sink.progress(1.0);
}

}  // namespace

ExperimentKindInfo cellPulseCurveKind() {
    ExperimentKindInfo k;
    k.id = "cell_pulse_curve";
    k.name = "Cell LTP/LTD weight curve";
    k.summary = "Weight of a synapse cell after each of a train of potentiation then depression pulses";
    k.settings = pulseSettings();
    k.validate = kind_setup::validator(readSetup);
    // As pulse_ltp_ltd: a scheme's own settings are kept under another scheme but do nothing there.
    k.superseded = [](const nlohmann::json& e) {
        const std::string scheme = e.contains("scheme") && e["scheme"].is_string() ? e["scheme"].get<std::string>()
                                                                                 : "fixed_amplitude";
        const std::pair<const char*, const char*> owner[] = {
            {"maxAmplitude", "designed_amplitude"}, {"minWidth", "designed_width"}, {"maxWidth", "designed_width"}};
        std::vector<SupersededSetting> out;
        for (const auto& [key, by] : owner)
            if (scheme != by) out.push_back({key, std::string("Used by scheme ") + by + " only (scheme is " + scheme + ")"});
        return out;
    };
    k.run = run;
    k.memoryEstimate = [](const nlohmann::json& e, const Project& project) {
        const Setup s = kind_setup::setupAsRead(readSetup, e, project);
        const double rows = 1.0 + static_cast<double>(s.options.ltpPulses + s.options.ltdPulses);
        return 2e6 + rows * 8.0 * 8.0 * 4.0;
    };
    // The whole protocol as one transient: the program source a PWL of the
    // LTP then LTD levels back to back (the reads between pulses take no time).
    k.exportSpice = [](const nlohmann::json& e, const Project& project) {
        const Setup s = kind_setup::validSetup(readSetup, e, project);
        const circuit::CellCircuit cell = circuit::cellFromCircuitObject(*s.circuit, s.circuitPath);
        circuit::Circuit c(cell.netlist);
        const auto& o = s.options;
        const double tw = o.width, edge = 1e-6 * tw;
        const double tLtp = static_cast<double>(o.ltpPulses) * tw, tEnd = tLtp + static_cast<double>(o.ltdPulses) * tw;
        std::vector<std::pair<double, double>> pts{{0.0, 0.0}, {edge, o.ltpPulses ? o.ltpAmplitude : o.ltdAmplitude}};
        if (o.ltpPulses && o.ltdPulses) {
            pts.push_back({tLtp - 0.5 * edge, o.ltpAmplitude});
            pts.push_back({tLtp + 0.5 * edge, o.ltdAmplitude});
        }
        pts.push_back({tEnd - edge, pts.back().second});
        pts.push_back({tEnd, 0.0});
        c.setStimulus(cell.programSource, circuit::StimulusSpec{"pwl", {}, pts}, 0.0);
        return circuit_kinds::exportCircuitSpice(c, true, tEnd, tw / 50.0, tw / 50.0,
                                                 e.value("id", std::string("pulse_curve")) + ".data");
    };
    return k;
}

}  // namespace ms
