// Experiment kind "circuit_transient": a circuit of the project's "circuits"
// section, its DC operating point, then a transient from it (TR-BDF2 with
// memristor states integrated with the circuit, core/circuit/Analysis.h).
//
//   { "id", "kind": "circuit_transient", "name", "circuit": "<id in circuits>",
//     "duration", "maxStep", "samples", "relTol" }
//
// Series "transient": t, v(<node>) for every non-ground node, i(<element>)
// for every element but ground, x(<memristor>) for every memristor (model
// units). Scalars: dc_v(<node>), dc_i(<element>) at the operating point;
// accepted_steps, rejected_steps, newton_iterations.
#include <algorithm>
#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

#include "core/circuit/Analysis.h"
#include "core/circuit/SpiceExport.h"
#include "core/circuit/Waveform.h"
#include "core/project/ExperimentKind.h"
#include "core/project/KindSetup.h"
#include "core/project/kinds/CircuitKindSupport.h"

namespace ms {

using namespace json_fields;

namespace {

const std::vector<ParamSpec>& transientSettings() {
    static const std::vector<ParamSpec> specs = {
        {"duration", "t_end", "s", 0, 0, 1e6, Scale::Linear,
         "Simulated time; 0 = the longest natural duration of the circuit's sources", ""},
        {"maxStep", "h_max", "s", 0, 0, 1e6, Scale::Linear,
         "Largest time step; 0 = duration/50 and 1/50 of the fastest source's feature time", ""},
        {"samples", "N", "", 1000, 2, 1e6, Scale::Log, "Output rows, evenly spaced in time (plus the row at t = 0)", "", true},
        {"relTol", "rtol", "", 1e-5, 1e-9, 1e-1, Scale::Log, "Relative local error tolerance of every unknown", ""},
    };
    return specs;
}

struct Setup {
    const nlohmann::json* circuit = nullptr;
    std::string circuitPath;
    circuit::CircuitTransientOptions options;
};

// The longest natural duration of the circuit's sources (0: all constant).
double naturalDuration(const circuit::Circuit& c) {
    double d = 0.0;
    for (const auto& e : c.elements())
        if (const auto* driven = dynamic_cast<const circuit::DrivenElement*>(e.get())) d = std::max(d, driven->wave.naturalDuration());
    return d;
}

Setup readSetup(const nlohmann::json& e, const Project& project, const std::string& path,
                std::vector<ProjectIssue>& issues) {
    Setup s;
    rejectUnknownKeys(e, kind_setup::experimentKeys(transientSettings(), {"circuit"}), path, issues);
    s.circuit = circuit_kinds::readCircuitRef(e, project, path, false, issues, s.circuitPath);
    const ParamValues v = readSettings(e, transientSettings(), path, issues);
    s.options.duration = v.at("duration");
    s.options.maxStep = v.at("maxStep");
    s.options.samples = static_cast<std::size_t>(v.at("samples"));
    s.options.tol.relTol = v.at("relTol");
    if (s.circuit && issues.empty() && s.options.duration == 0.0) {
        // Only the sources are read here: a circuit still being wired validates; its run refuses it.
        const circuit::Circuit c(circuit::circuitObjectNetlist(*s.circuit, s.circuitPath, circuit::Connectivity::Unchecked),
                                 circuit::Connectivity::Unchecked);
        const double d = naturalDuration(c);
        if (!(d > 0.0))
            issues.push_back({join(path, "duration"), "0 means the sources' natural duration, but every source of circuit '" +
                                                          e["circuit"].get<std::string>() + "' is constant: give a duration"});
        else
            s.options.duration = d;
    }
    return s;
}

void run(const nlohmann::json& e, const Project& project, FrameSink& sink, const StopToken& stop) {
    Setup s = kind_setup::validSetup(readSetup, e, project);
    circuit::Circuit c(circuit::circuitObjectNetlist(*s.circuit, s.circuitPath));
    const circuit::Solution dc = circuit::dcOperatingPoint(c, 0.0, s.options.tol);
    for (const auto& n : c.nodeNames()) sink.scalar("dc_v(" + n + ")", c.voltage(dc, n), "V");
    for (const auto& el : c.elements())
        if (el->kind != "ground") sink.scalar("dc_i(" + el->name + ")", c.current(dc, el->name), "A");
    s.options.probes = circuit_kinds::allProbes(c);
    circuit_kinds::ProbeNamingSink named(sink);
    const auto sum = circuit::runTransient(c, s.options, named, stop, "transient");
    sink.scalar("accepted_steps", static_cast<double>(sum.acceptedSteps), "");
    sink.scalar("rejected_steps", static_cast<double>(sum.rejectedSteps), "");
    sink.scalar("newton_iterations", static_cast<double>(sum.newtonIterations), "");
    sink.progress(1.0);
}

}  // namespace

ExperimentKindInfo circuitTransientKind() {
    ExperimentKindInfo k;
    k.id = "circuit_transient";
    k.name = "Circuit transient";
    k.summary = "DC operating point, then a transient of a circuit: every node voltage, element current and memristor state";
    k.settings = transientSettings();
    k.validate = kind_setup::validator(readSetup);
    k.run = run;
    k.memoryEstimate = [](const nlohmann::json& e, const Project& project) {
        std::vector<ProjectIssue> issues;  // an invalid setup estimates nothing
        const Setup s = readSetup(e, project, "experiment", issues);
        double columns = 1.0, unknowns = 1.0;
        if (s.circuit && issues.empty()) {
            const circuit::Circuit c(circuit::circuitObjectNetlist(*s.circuit, s.circuitPath, circuit::Connectivity::Unchecked),
                                     circuit::Connectivity::Unchecked);
            columns += static_cast<double>(circuit_kinds::allProbes(c).size());
            unknowns = c.unknownCount();
        }
        // Rows held about four times (engine, queue, plot, table), plus the dense MNA matrices.
        return 1e6 + (static_cast<double>(s.options.samples) + 1.0) * columns * 8.0 * 4.0 + 8.0 * 8.0 * unknowns * unknowns;
    };
    k.exportSpice = [](const nlohmann::json& e, const Project& project) {
        const Setup s = kind_setup::validSetup(readSetup, e, project);
        const circuit::Circuit c(circuit::circuitObjectNetlist(*s.circuit, s.circuitPath));
        const double tStop = s.options.duration;
        return circuit_kinds::exportCircuitSpice(c, true, tStop, tStop / static_cast<double>(s.options.samples), s.options.maxStep,
                                      e.value("id", std::string("transient")) + ".data");
    };
    // Integration steps, at least: the engine's step limit (Transient.cpp) is
    // 1/50 of the fastest smooth source's feature time and maxStep, and every
    // feature of a source with edges (pulses, PWL) costs a step too.
    k.workEstimate = [](const nlohmann::json& e, const Project& project) {
        std::vector<ProjectIssue> issues;  // an invalid setup estimates nothing
        const Setup s = readSetup(e, project, "experiment", issues);
        WorkEstimate w{0.0, 5e8, "integration steps", "duration", ""};
        if (!s.circuit || !issues.empty()) return w;
        const circuit::Circuit c(circuit::circuitObjectNetlist(*s.circuit, s.circuitPath));
        const double tEnd = s.options.duration, inf = std::numeric_limits<double>::infinity();
        double smooth = inf, edged = inf;
        for (const auto& el : c.elements()) {
            double& fastest = std::isfinite(el->nextBreakpoint(0.0)) ? edged : smooth;
            fastest = std::min(fastest, el->featureTime());
        }
        double hMax = std::min(tEnd, smooth) / 50.0;
        if (s.options.maxStep > 0.0 && s.options.maxStep < hMax) {
            hMax = s.options.maxStep;
            w.field = "maxStep";
        }
        w.amount = tEnd / hMax + (std::isfinite(edged) && edged > 0.0 ? tEnd / edged : 0.0);
        w.detail = formatWithUnit(tEnd, "s") + " in steps of at most " + formatWithUnit(hMax, "s") +
                   (std::isfinite(edged) ? ", sources with " + formatWithUnit(edged, "s") + " features," : std::string());
        return w;
    };
    return k;
}

}  // namespace ms
