// Shared by the circuit experiment kinds (circuit_transient, circuit_dc,
// cell_pulse_curve, write_verify): resolving "circuit": "<id>" against the
// project's "circuits" section, and the column names the studio's circuit
// view plots ("v(node)", "i(element)", "x(memristor)").
#pragma once

#include <cctype>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/circuit/Circuit.h"
#include "core/circuit/CircuitObject.h"
#include "core/circuit/SpiceExport.h"
#include "core/common/Errors.h"
#include "core/project/JsonFields.h"
#include "core/project/Project.h"
#include "core/sim/Frames.h"

namespace ms::circuit_kinds {

// The circuit object named by the experiment's "circuit" field, or nullptr
// with an issue. `circuitPath` receives its location ("circuits[1]"). Its own
// problems are appended too (the project validator reports them once; a run
// started from one experiment must refuse a broken circuit as well). With
// `needCell`, a circuit without a "cell" block is an issue at "<path>.circuit".
inline const nlohmann::json* readCircuitRef(const nlohmann::json& e, const Project& project, const std::string& path,
                                            bool needCell, std::vector<ProjectIssue>& issues, std::string& circuitPath) {
    using namespace json_fields;
    const std::string at = join(path, "circuit");
    const auto ids = circuit::circuitObjectIds(project.tree());
    const std::string known = ids.empty() ? std::string(" (the project has no circuits section entries)")
                                          : " (known: " + joinIds(ids) + ")";
    if (!e.contains("circuit")) {
        issues.push_back({at, "missing: the id of an entry in circuits" + known});
        return nullptr;
    }
    if (!e["circuit"].is_string()) {
        issues.push_back({at, "must be the id of an entry in circuits (got " + typeName(e["circuit"]) + ")"});
        return nullptr;
    }
    const std::string id = e["circuit"].get<std::string>();
    std::size_t k = 0;
    const nlohmann::json* c = circuit::findCircuitObject(project.tree(), id, &k);
    if (!c) {
        issues.push_back({at, "no circuit with id '" + id + "' in circuits" + known});
        return nullptr;
    }
    circuitPath = index("circuits", k);
    const std::size_t before = issues.size();
    for (auto& p : circuit::checkCircuitObject(*c, circuitPath)) issues.push_back({p.path, p.message});
    if (issues.size() != before) return nullptr;
    if (needCell && !c->contains("cell")) {
        issues.push_back({at, "circuit '" + id + "' is not a synapse cell: it needs a \"cell\" block {\"id\", "
                              "\"memristors\", \"programSource\", \"readElement\", \"readVoltage\"}"});
        return nullptr;
    }
    return c;
}

// The engine names columns "V(node)", "I(element)"; the project format's
// series use "v(node)", "i(element)" (ngspice's spelling). Forwards all else.
class ProbeNamingSink final : public FrameSink {
public:
    explicit ProbeNamingSink(FrameSink& target, bool keepScalars = true) : target_(target), keepScalars_(keepScalars) {}
    static std::string rename(std::string name) {
        if (name.size() > 2 && name[1] == '(' && (name[0] == 'V' || name[0] == 'I'))
            name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
        return name;
    }
    void beginSeries(const std::string& id, const std::vector<Column>& columns) override {
        std::vector<Column> named = columns;
        for (auto& c : named) c.name = rename(c.name);
        target_.beginSeries(id, named);
    }
    void appendRows(const std::string& id, const double* data, std::size_t rows) override {
        target_.appendRows(id, data, rows);
    }
    void scalar(const std::string& key, double value, const std::string& unit) override {
        if (keepScalars_) target_.scalar(key, value, unit);
    }
    void log(LogLevel level, const std::string& text) override { target_.log(level, text); }
    void progress(double fraction) override { target_.progress(fraction); }

private:
    FrameSink& target_;
    bool keepScalars_;
};

// Every probe of a circuit in engine spelling: V(node) for each non-ground
// node, I(element) for each element but ground, x(memristor).
inline std::vector<std::string> allProbes(const circuit::Circuit& c) {
    std::vector<std::string> p;
    for (const auto& n : c.nodeNames()) p.push_back("V(" + n + ")");
    for (const auto& e : c.elements())
        if (e->kind != "ground") p.push_back("I(" + e->name + ")");
    for (const auto& m : c.memristorNames()) p.push_back("x(" + m + ")");
    return p;
}

// An ngspice netlist of a circuit (its present states as initial
// conditions), printing or writing every probe ngspice has a vector for.
inline std::string exportCircuitSpice(const circuit::Circuit& c, bool transient, double tStop, double tStep, double tMax,
                                      const std::string& dataFile) {
    circuit::SpiceExportOptions o;
    o.analysis = transient ? circuit::SpiceExportOptions::Analysis::Transient
                           : circuit::SpiceExportOptions::Analysis::OperatingPoint;
    o.tStop = tStop;
    o.tStep = tStep;
    o.tMax = tMax;
    o.dataFile = dataFile;
    for (const auto& p : allProbes(c)) {
        try {
            circuit::spiceVector(c, p);
            o.probes.push_back(p);
        } catch (const InputError&) {
            // a current ngspice has no vector for (a resistor's): left out
        }
    }
    return circuit::exportSpice(c, o);
}

}  // namespace ms::circuit_kinds
