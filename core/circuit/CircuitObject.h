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

#include "core/circuit/Netlist.h"
#include "core/circuit/SynapseCell.h"

namespace ms::circuit {

struct CircuitProblem {
    std::string path;     // "circuits[1].netlist.elements[2].nodes[1]"
    std::string message;
};

// Every problem of one circuit object located at `path` ("circuits[1]"):
// structure, the netlist compiled (ground, floating nodes, loops of voltage
// sources, parameters, devices), the cell block against the netlist, and the
// schematic being an object. Empty means usable. Does not check id
// uniqueness (that is the section's job).
std::vector<CircuitProblem> checkCircuitObject(const nlohmann::json& circuit, const std::string& path);

// The netlist of a circuit object, compiled once to check it. Throws
// InputError with a path under `path`.
Netlist circuitObjectNetlist(const nlohmann::json& circuit, const std::string& path);

// The synapse cell of a circuit object with a "cell" block: its (edited)
// netlist, memristors, program source, read element and voltage, and the
// weight expression of the registered cell. InputError if there is no cell
// block or it does not fit the netlist.
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
