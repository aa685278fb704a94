// Hand-drawn schematics of the registered synapse cells (by cell id, with the
// element names circuit::buildCell gives): sources on the left, ground at the
// bottom, the signal flowing right. Empty for a cell without one (the
// automatic layout then draws it).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace ms::gui::schematic {

// {"parts": {...}, "nodes": {...}} as a circuit's "schematic" member.
nlohmann::json cellSchematic(const std::string& cellId);

}  // namespace ms::gui::schematic
