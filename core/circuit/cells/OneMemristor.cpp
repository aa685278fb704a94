// 1M: one memristor between the input line and a virtual-ground read
// amplifier; weight G = 1/R (positive only). Area ~4 F^2 (a crosspoint).
#include "core/circuit/SynapseCell.h"
#include "core/circuit/cells/CellParams.h"

namespace ms::circuit {

CellInfo oneMemristorCell() {
    CellInfo c;
    c.id = std::string("1m");
    c.name = std::string("1M (single memristor)");
    c.structure = std::string("Vin -> M1 -> TIA (virtual ground) -> out");
    c.areaF2 = 4.0;
    c.weightExpression = std::string("G = 1/R(M1)");
    c.range = std::string("+");
    c.weightUnit = "S";
    c.source = std::string("Jo et al., Nano Lett. 10, 1297 (2010)");
    c.params = {cells::readVoltageSpec(), cells::feedbackSpec()};
    c.build = [](const DeviceSpec& d, const ParamValues& p) {
        CellCircuit cc;
        cc.netlist.title = "1M synapse";
        cc.netlist.voltageSource("Vin", "in", "0", 0.0).memristor("M1", "in", "x", d);
        cc.netlist.add({"tia", "T1", {"x", "out"}, {{"Rf", p.at("Rf")}}, std::nullopt, std::nullopt});
        cc.memristors = {"M1"};
        cc.programSource = "Vin";
        cc.readCurrentElement = "M1";
        cc.readVoltage = p.at("vRead");
        cc.weightOf = [](const std::vector<double>& r) { return 1.0 / r[0]; };
        return cc;
    };
    return c;
}

}  // namespace ms::circuit
