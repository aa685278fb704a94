// 2M: a differential pair. The input drives M+ directly and M- through an
// inverter; both currents sum at a virtual ground, so the read current is
// Vin (G+ - G-) and the weight G+ - G- takes either sign. A programming
// pulse moves the two devices in opposite directions (push-pull). ~8 F^2.
#include "core/circuit/SynapseCell.h"
#include "core/circuit/cells/CellParams.h"

namespace ms::circuit {

CellInfo twoMemristorCell() {
    CellInfo c;
    c.id = std::string("2m");
    c.name = std::string("2M (differential pair)");
    c.structure = std::string("Vin -> M+ -> sum; -Vin (inverter E1) -> M- -> sum; sum -> TIA -> out");
    c.areaF2 = 8.0;
    c.weightExpression = std::string("G+ - G- = 1/R(M+) - 1/R(M-)");
    c.range = std::string("+, 0, -");
    c.weightUnit = "S";
    c.source = std::string("Prezioso et al., Nature 521, 61 (2015); Alibart et al., Nat. Commun. 4, 2072 (2013)");
    c.params = {cells::readVoltageSpec(), cells::feedbackSpec()};
    c.build = [](const DeviceSpec& d, const ParamValues& p) {
        CellCircuit cc;
        cc.netlist.title = "2M differential synapse";
        cc.netlist.voltageSource("Vin", "in", "0", 0.0);
        cc.netlist.add({"vcvs", "E1", {"inb", "0", "in", "0"}, {{"gain", -1.0}}, std::nullopt, std::nullopt});
        cc.netlist.memristor("Mp", "in", "sum", d).memristor("Mn", "inb", "sum", d);
        cc.netlist.add({"tia", "T1", {"sum", "out"}, {{"Rf", p.at("Rf")}}, std::nullopt, std::nullopt});
        cc.memristors = {"Mp", "Mn"};
        cc.programSource = "Vin";
        cc.readCurrentElement = "T1";
        cc.readVoltage = p.at("vRead");
        cc.weightOf = [](const std::vector<double>& r) { return 1.0 / r[0] - 1.0 / r[1]; };
        return cc;
    };
    return c;
}

}  // namespace ms::circuit
