// Experiment kind "cell_pulse_curve": the LTP/LTD weight curve of a synapse
// cell (a circuit of the "circuits" section with a "cell" block): identical
// potentiation pulses then depression pulses on its program source, the
// weight read from the device states after each (core/circuit/CellExperiments.h).
//
//   { "id", "kind": "cell_pulse_curve", "name", "circuit": "<id in circuits>",
//     "ltpPulses", "ltdPulses", "ltpAmplitude", "ltdAmplitude", "width", "relTol" }
//
// Series "weight": pulse, phase (+1 LTP, -1 LTD, 0 the initial read), V, w,
// then R(<memristor>) (ohm) for each of the cell's memristors. Scalars:
// w_initial, w_max, w_min, w_final, sign_changes.
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/circuit/CellExperiments.h"
#include "core/project/ExperimentKind.h"
#include "core/project/KindSetup.h"
#include "core/project/kinds/CircuitKindSupport.h"

namespace ms {

using namespace json_fields;

namespace {

const std::vector<ParamSpec>& pulseSettings() {
    static const circuit::PulseCurveOptions d;
    static const std::vector<ParamSpec> specs = {
        {"ltpPulses", "N_LTP", "", double(d.ltpPulses), 0, 100000, Scale::Linear, "Potentiation pulses", "", true},
        {"ltdPulses", "N_LTD", "", double(d.ltdPulses), 0, 100000, Scale::Linear, "Depression pulses that follow", "", true},
        {"ltpAmplitude", "V_LTP", "V", d.ltpAmplitude, -100, 100, Scale::Linear,
         "Level of the program source during a potentiation pulse", ""},
        {"ltdAmplitude", "V_LTD", "V", d.ltdAmplitude, -100, 100, Scale::Linear,
         "Level of the program source during a depression pulse", ""},
        {"width", "t_w", "s", d.width, 1e-12, 1e3, Scale::Log, "Width of every pulse", ""},
        {"relTol", "rtol", "", d.tol.relTol, 1e-9, 1e-1, Scale::Log, "Relative local error tolerance of the transient", ""},
    };
    return specs;
}

struct Setup {
    const nlohmann::json* circuit = nullptr;
    std::string circuitPath;
    circuit::PulseCurveOptions options;
};

Setup readSetup(const nlohmann::json& e, const Project& project, const std::string& path, std::vector<ProjectIssue>& issues) {
    Setup s;
    rejectUnknownKeys(e, kind_setup::experimentKeys(pulseSettings(), {"circuit"}), path, issues);
    s.circuit = circuit_kinds::readCircuitRef(e, project, path, true, issues, s.circuitPath);
    const ParamValues v = readSettings(e, pulseSettings(), path, issues);
    s.options.ltpPulses = static_cast<std::size_t>(v.at("ltpPulses"));
    s.options.ltdPulses = static_cast<std::size_t>(v.at("ltdPulses"));
    s.options.ltpAmplitude = v.at("ltpAmplitude");
    s.options.ltdAmplitude = v.at("ltdAmplitude");
    s.options.width = v.at("width");
    s.options.tol.relTol = v.at("relTol");
    if (s.options.ltpPulses + s.options.ltdPulses == 0)
        issues.push_back({join(path, "ltpPulses"), "at least one pulse is needed (ltpPulses + ltdPulses > 0)"});
    return s;
}

void run(const nlohmann::json& e, const Project& project, FrameSink& sink, const StopToken& stop) {
    const Setup s = kind_setup::validSetup(readSetup, e, project);
    const circuit::CellCircuit cell = circuit::cellFromCircuitObject(*s.circuit, s.circuitPath);
    const std::vector<double> w = circuit::runCellPulseCurve(cell, s.options, sink, stop);
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
