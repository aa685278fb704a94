// Experiment kind "circuit_dc": the DC operating point of a circuit of the
// project's "circuits" section, optionally swept over one source's level.
// Memristor states are held at their initial values (a memristor has no DC
// state of its own; core/circuit/Analysis.h).
//
//   { "id", "kind": "circuit_dc", "name", "circuit": "<id in circuits>",
//     "source": "<source element>", "from", "to", "points" }
//
// Series "dc": sweep (the swept source's level, V or A; 0 without a sweep),
// then v(<node>) for every non-ground node and i(<element>) for every element
// but ground. Without a sweep: one row, and the same values as scalars.
#include <nlohmann/json.hpp>

#include "core/circuit/Analysis.h"
#include "core/project/ExperimentKind.h"
#include "core/project/KindSetup.h"
#include "core/project/kinds/CircuitKindSupport.h"

namespace ms {

using namespace json_fields;

namespace {

const std::vector<ParamSpec>& dcSettings() {
    static const std::vector<ParamSpec> specs = {
        {"from", "start", "V", 0, -1e6, 1e6, Scale::Linear, "First level of the swept source (V, or A for a current source)", ""},
        {"to", "stop", "V", 1, -1e6, 1e6, Scale::Linear, "Last level of the swept source", ""},
        {"points", "N", "", 51, 1, 1e5, Scale::Log, "Levels in the sweep, evenly spaced", "", true},
    };
    return specs;
}

struct Setup {
    const nlohmann::json* circuit = nullptr;
    std::string circuitPath, source;
    double from = 0, to = 1;
    std::size_t points = 1;
};

Setup readSetup(const nlohmann::json& e, const Project& project, const std::string& path, std::vector<ProjectIssue>& issues) {
    Setup s;
    rejectUnknownKeys(e, kind_setup::experimentKeys(dcSettings(), {"circuit", "source"}), path, issues);
    s.circuit = circuit_kinds::readCircuitRef(e, project, path, false, issues, s.circuitPath);
    const ParamValues v = readSettings(e, dcSettings(), path, issues);
    s.source = readString(e, "source", path, issues);
    s.from = v.at("from");
    s.to = v.at("to");
    s.points = s.source.empty() ? 1 : static_cast<std::size_t>(v.at("points"));
    if (s.circuit && !s.source.empty()) {
        const circuit::Netlist n = circuit::circuitObjectNetlist(*s.circuit, s.circuitPath, circuit::Connectivity::Unchecked);
        const circuit::ElementSpec* el = n.find(s.source);
        if (!el || (el->kind != "voltage_source" && el->kind != "current_source")) {
            std::string sources;
            for (const auto& x : n.elements)
                if (x.kind == "voltage_source" || x.kind == "current_source") sources += (sources.empty() ? "" : ", ") + x.name;
            issues.push_back({join(path, "source"), "'" + s.source + "' is not a source of circuit '" +
                                                        e["circuit"].get<std::string>() + "' (sources: " + sources + ")"});
        }
    }
    return s;
}

void run(const nlohmann::json& e, const Project& project, FrameSink& sink, const StopToken& stop) {
    const Setup s = kind_setup::validSetup(readSetup, e, project);
    circuit::Circuit c(circuit::circuitObjectNetlist(*s.circuit, s.circuitPath));
    std::string unit;
    if (!s.source.empty()) unit = c.netlist().find(s.source)->kind == "current_source" ? "A" : "V";
    std::vector<Column> cols{{"sweep", unit}};
    for (const auto& n : c.nodeNames()) cols.push_back({"v(" + n + ")", "V"});
    for (const auto& el : c.elements())
        if (el->kind != "ground") cols.push_back({"i(" + el->name + ")", "A"});
    sink.beginSeries("dc", cols);
    for (std::size_t k = 0; k < s.points; ++k) {
        if (stop.stopRequested()) throw Cancelled();
        const double level = s.points > 1 ? s.from + (s.to - s.from) * static_cast<double>(k) / static_cast<double>(s.points - 1)
                                          : (s.source.empty() ? 0.0 : s.from);
        if (!s.source.empty()) c.setStimulus(s.source, std::nullopt, level);
        const circuit::Solution sol = circuit::dcOperatingPoint(c);
        std::vector<double> row{level};
        for (const auto& n : c.nodeNames()) row.push_back(c.voltage(sol, n));
        for (const auto& el : c.elements())
            if (el->kind != "ground") row.push_back(c.current(sol, el->name));
        sink.appendRows("dc", row.data(), 1);
        if (s.points == 1)
            for (std::size_t j = 1; j < cols.size(); ++j) sink.scalar(cols[j].name, row[j], cols[j].unit);
        sink.progress(static_cast<double>(k + 1) / static_cast<double>(s.points));
    }
}

}  // namespace

ExperimentKindInfo circuitDcKind() {
    ExperimentKindInfo k;
    k.id = "circuit_dc";
    k.name = "Circuit DC operating point / sweep";
    k.summary = "Node voltages and element currents at DC, optionally swept over one source's level";
    k.settings = dcSettings();
    k.validate = kind_setup::validator(readSetup);
    k.run = run;
    k.memoryEstimate = [](const nlohmann::json& e, const Project& project) {
        const Setup s = kind_setup::setupAsRead(readSetup, e, project);
        std::size_t elements = 1;
        if (s.circuit && s.circuit->contains("netlist") && (*s.circuit)["netlist"].contains("elements"))
            elements = (*s.circuit)["netlist"]["elements"].size();
        const double n = 2.0 * static_cast<double>(elements) + 2.0;
        return 1e6 + static_cast<double>(s.points) * n * 8.0 * 4.0 + 8.0 * 8.0 * n * n;
    };
    k.exportSpice = [](const nlohmann::json& e, const Project& project) {
        const Setup s = kind_setup::validSetup(readSetup, e, project);
        circuit::Circuit c(circuit::circuitObjectNetlist(*s.circuit, s.circuitPath));
        if (!s.source.empty()) c.setStimulus(s.source, std::nullopt, s.from);
        return circuit_kinds::exportCircuitSpice(c, false, 0, 0, 0, "");
    };
    return k;
}

}  // namespace ms
