// Netlist <-> JSON, the form a circuit takes in a project file:
// {"title": "...", "elements": [{"kind": "memristor", "name": "M1",
//   "nodes": ["in", "0"], "params": {...},
//   "stimulus": {"id": "pulse_train", "params": {...}, "points": [[t, v], ...]},
//   "device": {"model": "vteam", "preset": "analog_vteam", "params": {...},
//              "window": {"id": "none", "params": {...}}}}]}
// Structure only: values are checked when the circuit is compiled.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/circuit/Netlist.h"

namespace ms::circuit {

nlohmann::json netlistToJson(const Netlist& netlist);
// Throws InputError with the JSON path ("<path>.elements[2].nodes[1]").
Netlist netlistFromJson(const nlohmann::json& j, const std::string& path = "circuit");

}  // namespace ms::circuit
