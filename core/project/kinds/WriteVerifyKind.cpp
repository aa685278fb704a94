// Experiment kind "write_verify": closed-loop programming of a synapse cell to
// a target conductance (Alibart, Gao & Strukov, Nanotechnology 23, 075201,
// 2012; core/circuit/CellExperiments.h): read, pulse toward the target with a
// growing amplitude, read again, until within tolerance.
//
//   { "id", "kind": "write_verify", "name", "circuit": "<id in circuits>",
//     "targetConductance", "tolerance", "setStart", "resetStart", "step",
//     "vMax", "width", "maxPulses", "relTol" }
//
// Series "write_verify": pulse, V, G (S), error (relative). Scalars:
// pulses_used, final_error, final_conductance, converged (0/1),
// initial_conductance.
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/circuit/CellExperiments.h"
#include "core/project/ExperimentKind.h"
#include "core/project/KindSetup.h"
#include "core/project/kinds/CircuitKindSupport.h"

namespace ms {

using namespace json_fields;

namespace {

const std::vector<ParamSpec>& writeSettings() {
    static const circuit::WriteVerifyOptions d;
    static const std::vector<ParamSpec> specs = {
        {"targetConductance", "G_target", "S", 1e-3, 1e-15, 1e3, Scale::Log, "Conductance to program the cell to", ""},
        {"tolerance", "tol", "", d.tolerance, 1e-6, 0.5, Scale::Log, "Accepted relative error |G/G_target - 1|", ""},
        {"setStart", "V_set,0", "V", d.setStart, -100, 100, Scale::Linear, "First pulse that raises G", ""},
        {"resetStart", "V_reset,0", "V", d.resetStart, -100, 100, Scale::Linear,
         "First pulse that lowers G (opposite sign to setStart)", ""},
        {"step", "dV", "V", d.step, 0, 10, Scale::Linear, "Amplitude added per further pulse in the same direction", ""},
        {"vMax", "V_max", "V", d.vMax, 1e-3, 100, Scale::Linear, "Largest pulse amplitude", ""},
        {"width", "t_w", "s", d.width, 1e-12, 1e3, Scale::Log, "Pulse width", ""},
        {"maxPulses", "N_max", "", double(d.maxPulses), 1, 1e6, Scale::Log, "Give up after this many pulses", "", true},
        {"relTol", "rtol", "", d.tol.relTol, 1e-9, 1e-1, Scale::Log, "Relative local error tolerance of each pulse's transient", ""},
    };
    return specs;
}

struct Setup {
    const nlohmann::json* circuit = nullptr;
    std::string circuitPath;
    circuit::WriteVerifyOptions options;
};

Setup readSetup(const nlohmann::json& e, const Project& project, const std::string& path, std::vector<ProjectIssue>& issues) {
    Setup s;
    rejectUnknownKeys(e, kind_setup::experimentKeys(writeSettings(), {"circuit"}), path, issues);
    s.circuit = circuit_kinds::readCircuitRef(e, project, path, true, issues, s.circuitPath);
    const ParamValues v = readSettings(e, writeSettings(), path, issues);
    auto& o = s.options;
    o.targetConductance = v.at("targetConductance");
    o.tolerance = v.at("tolerance");
    o.setStart = v.at("setStart");
    o.resetStart = v.at("resetStart");
    o.step = v.at("step");
    o.vMax = v.at("vMax");
    o.width = v.at("width");
    o.maxPulses = static_cast<std::size_t>(v.at("maxPulses"));
    o.tol.relTol = v.at("relTol");
    if (o.setStart == 0.0 || o.resetStart == 0.0 || (o.setStart > 0) == (o.resetStart > 0))
        issues.push_back({join(path, "resetStart"), "setStart and resetStart must be nonzero and of opposite sign (got " +
                                                        formatWithUnit(o.setStart, "V") + " and " +
                                                        formatWithUnit(o.resetStart, "V") + ")"});
    if (std::fabs(o.setStart) > o.vMax || std::fabs(o.resetStart) > o.vMax)
        issues.push_back({join(path, "vMax"), "must be at least the start amplitudes (|setStart|, |resetStart|)"});
    return s;
}

void run(const nlohmann::json& e, const Project& project, FrameSink& sink, const StopToken& stop) {
    const Setup s = kind_setup::validSetup(readSetup, e, project);
    const circuit::CellCircuit cell = circuit::cellFromCircuitObject(*s.circuit, s.circuitPath);
    circuit::Circuit c(cell.netlist);
    sink.scalar("initial_conductance", circuit::readConductance(cell, c), "S");
    circuit::runWriteVerify(cell, c, s.options, sink, stop);
    sink.progress(1.0);
}

}  // namespace

ExperimentKindInfo writeVerifyKind() {
    ExperimentKindInfo k;
    k.id = "write_verify";
    k.name = "Write-verify programming";
    k.summary = "Program a cell to a target conductance within a tolerance (Alibart 2012): pulses used and final error";
    k.settings = writeSettings();
    k.validate = kind_setup::validator(readSetup);
    k.run = run;
    k.memoryEstimate = [](const nlohmann::json& e, const Project& project) {
        const Setup s = kind_setup::setupAsRead(readSetup, e, project);
        return 2e6 + (static_cast<double>(s.options.maxPulses) + 1.0) * 4.0 * 8.0 * 4.0;
    };
    // The cell at its read bias (program source at V_read): the operating
    // point a verify step sees, with the devices' initial states.
    k.exportSpice = [](const nlohmann::json& e, const Project& project) {
        const Setup s = kind_setup::validSetup(readSetup, e, project);
        const circuit::CellCircuit cell = circuit::cellFromCircuitObject(*s.circuit, s.circuitPath);
        circuit::Circuit c(cell.netlist);
        c.setStimulus(cell.programSource, std::nullopt, cell.readVoltage);
        return circuit_kinds::exportCircuitSpice(c, false, 0, 0, 0, "");
    };
    return k;
}

}  // namespace ms
