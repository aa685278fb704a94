#include "core/circuit/SynapseCell.h"

#include "core/common/Errors.h"

// Each cell is one file in core/circuit/cells/ defining `CellInfo <name>()`,
// and one line here.
#define MS_CELLS(X) \
    X(oneMemristorCell) \
    X(twoMemristorCell) \
    X(oneMemristorOneTransistorCell) \
    X(bridgeCell)

namespace ms::circuit {

#define MS_DECLARE(fn) CellInfo fn();
MS_CELLS(MS_DECLARE)
#undef MS_DECLARE

const Registry<CellInfo>& cellRegistry() {
    static const Registry<CellInfo> reg = [] {
        Registry<CellInfo> r;
#define MS_ADD(fn) r.add(fn());
        MS_CELLS(MS_ADD)
#undef MS_ADD
        return r;
    }();
    return reg;
}

CellCircuit buildCell(const std::string& cellId, const DeviceSpec& device, const ParamValues& params) {
    const CellInfo* info = cellRegistry().find(cellId);
    if (!info) {
        std::string known;
        for (const auto& id : cellRegistry().ids()) known += (known.empty() ? "" : ", ") + id;
        throw InputError("cell.id", "unknown synapse cell '" + cellId + "' (known: " + known + ")");
    }
    const ParamValues values = withDefaults(info->params, params);
    const auto issues = checkAgainstSpecs(info->params, values);
    if (!issues.empty()) throw InputError("cell.params." + issues.front().key, issues.front().message);
    instantiateDevice(device, "cell.device");  // validates the device once, with a cell path
    CellCircuit c = info->build(device, values);
    c.cellId = cellId;
    c.weightUnit = info->weightUnit;
    return c;
}

std::vector<double> cellResistances(const CellCircuit& cell, const Circuit& circuit) {
    std::vector<double> r;
    for (const auto& m : cell.memristors) r.push_back(circuit.readResistance(m, cell.readVoltage));
    return r;
}

double cellWeight(const CellCircuit& cell, const Circuit& circuit) { return cell.weightOf(cellResistances(cell, circuit)); }

}  // namespace ms::circuit
