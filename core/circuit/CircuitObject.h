// A circuit as the project file holds it: one entry of the top-level
// "circuits" array (docs/project-format.md, "Circuits"):
//   {"id": "syn2m", "name": "2M differential synapse",
//    "netlist": {...NetlistJson.h...},
//    "cell": {"id": "2m", "memristors": ["Mp", "Mn"], "programSource": "Vin",
//             "readElement": "T1", "readVoltage": 0.1},     // optional
//    "schematic": {...}}                                      // optional, GUI-owned
// The netlist is the circuit; "cell" says how to program and read it as a
// synapse, the weight expression coming from the cell registry by id, so the
// weight of an edited netlist is still computed. "schematic" is opaque here.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/circuit/Circuit.h"
#include "core/circuit/Netlist.h"
#include "core/circuit/SynapseCell.h"

namespace ms::circuit {

struct CircuitProblem {
    std::string path;     // "circuits[1].netlist.elements[2].nodes[1]"
    std::string message;
};

// Every structural problem of one circuit object located at `path`
// ("circuits[1]"): fields and types, element kinds, names, terminal counts,
// parameters, devices, the cell block against the netlist, the schematic
// being an object. These refuse a project at load. Connectivity (ground,
// floating nodes, loops of voltage sources) is NOT checked: a circuit saved
// mid-edit must reopen; a run refuses it (checkCircuitConnectivity). Does not
// check id uniqueness (that is the section's job).
std::vector<CircuitProblem> checkCircuitObject(const nlohmann::json& circuit, const std::string& path);

// Why a structurally sound circuit cannot be simulated: no ground, a node
// without a DC path to ground, a loop of voltage sources. The message names
// the circuit, the node and an element on it ("circuit 'c1' cannot be
// simulated: node 'n3' (at R2 terminal n) has no DC path to ground ...").
// Empty if it can be (or if it has structural problems: those come first).
std::vector<CircuitProblem> checkCircuitConnectivity(const nlohmann::json& circuit, const std::string& path);

// The netlist of a circuit object, compiled once to check it. Throws
// InputError with a path under `path`; with Connectivity::Required (what a
// run needs) also for the problems of checkCircuitConnectivity.
Netlist circuitObjectNetlist(const nlohmann::json& circuit, const std::string& path,
                             Connectivity connectivity = Connectivity::Required);

// The synapse cell of a circuit object with a "cell" block: its (edited)
// netlist, memristors, program source, read element and voltage, and the
// weight expression of the registered cell. InputError if there is no cell
// block, it does not fit the netlist, or the netlist cannot be simulated.
CellCircuit cellFromCircuitObject(const nlohmann::json& circuit, const std::string& path);

// A circuit object for a built cell (buildCell output): the GUI's "Add cell".
// No "schematic": the schematic view lays unplaced parts out itself.
nlohmann::json circuitObjectFromCell(const CellCircuit& cell, const std::string& id, const std::string& name = "");

// The circuit with this id in a project tree's "circuits" array, or nullptr;
// `at` receives its index.
const nlohmann::json* findCircuitObject(const nlohmann::json& projectTree, const std::string& id,
                                        std::size_t* at = nullptr);

// Ids of the circuits in a project tree (for "known: ..." messages).
std::vector<std::string> circuitObjectIds(const nlohmann::json& projectTree);

}  // namespace ms::circuit
