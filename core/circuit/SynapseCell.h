// Synapse cells: the four memristive synapse structures of the literature as
// ready sub-circuits (issue 4 table), each with its structure, area, weight
// expression and range, and the weight computed live from the device states.
// One file per cell in cells/, one line in CellRegistry.cpp.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/circuit/Circuit.h"
#include "core/circuit/Netlist.h"
#include "core/common/ParamSpec.h"
#include "core/common/Registry.h"
#include "core/devices/ModelRegistry.h"

namespace ms::circuit {

// A built cell: its netlist with drive sources, and how to read its weight.
struct CellCircuit {
    std::string cellId;
    Netlist netlist;
    std::vector<std::string> memristors;  // in the order of the weight expression (M1, M2, ...)
    std::string programSource;            // the source that takes programming pulses
    std::string readCurrentElement;       // element whose current a read measures
    double readVoltage = 0.1;             // V
    std::string weightUnit;               // the cell registry's: "S" for a conductance, "" for a ratio
    // Weight from the devices' read resistances (same order as memristors).
    std::function<double(const std::vector<double>& readResistances)> weightOf;
};

struct CellInfo {
    std::string id;          // "1m", "2m", "1m1t", "4m"
    std::string name;
    std::string structure;   // one line: what is connected to what
    double areaF2 = 0.0;     // layout area in F^2
    std::string weightExpression;  // "G", "G+ - G-", "M2/(M1+M2) - M4/(M3+M4)"
    std::string range;       // "+" or "+, 0, -"
    std::string weightUnit;  // "S" (a conductance or difference of two) or "" (the 4M's ratio)
    std::string source;      // literature
    std::vector<ParamSpec> params;
    std::function<CellCircuit(const DeviceSpec& device, const ParamValues& params)> build;
};

const Registry<CellInfo>& cellRegistry();

// Validates the parameters (InputError "cell.params.<key>") and builds.
CellCircuit buildCell(const std::string& cellId, const DeviceSpec& device, const ParamValues& params = {});

// The cell's weight now, from the device states held in `circuit`.
double cellWeight(const CellCircuit& cell, const Circuit& circuit);

// The read resistances of the cell's devices now.
std::vector<double> cellResistances(const CellCircuit& cell, const Circuit& circuit);

}  // namespace ms::circuit
