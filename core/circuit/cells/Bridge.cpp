// 4M: the memristor bridge synapse (Kim, Sah, Yang, Roska & Chua, IEEE TCAS-I
// 59, 2422, 2012). Two dividers M1-M2 and M3-M4 from the input to ground;
// the weight is the output difference per input volt,
//   w = M2/(M1+M2) - M4/(M3+M4)   (Mi the memristances),
// in [-1, 1]. M1 and M4 point one way, M2 and M3 the other, so one input
// pulse raises the left ratio and lowers the right one. ~16 F^2.
#include "core/circuit/SynapseCell.h"
#include "core/circuit/cells/CellParams.h"

namespace ms::circuit {

CellInfo bridgeCell() {
    CellInfo c;
    c.id = std::string("4m");
    c.name = std::string("4M (memristor bridge)");
    c.structure = std::string("Vin -> M1 -> A -> M2 -> ground; Vin -> M3 -> B -> M4 -> ground; out = V(A) - V(B)");
    c.areaF2 = 16.0;
    c.weightExpression = std::string("M2/(M1+M2) - M4/(M3+M4)");
    c.range = std::string("+, 0, -");
    c.weightUnit = "";
    c.source = std::string("Kim, Sah, Yang, Roska & Chua, IEEE TCAS-I 59, 2422 (2012)");
    c.params = {cells::readVoltageSpec()};
    c.build = [](const DeviceSpec& d, const ParamValues& p) {
        CellCircuit cc;
        cc.netlist.title = "4M bridge synapse";
        cc.netlist.voltageSource("Vin", "in", "0", 0.0);
        cc.netlist.memristor("M1", "in", "a", d).memristor("M2", "0", "a", d);
        cc.netlist.memristor("M3", "b", "in", d).memristor("M4", "b", "0", d);
        cc.memristors = {"M1", "M2", "M3", "M4"};
        cc.programSource = "Vin";
        cc.readCurrentElement = "Vin";
        cc.readVoltage = p.at("vRead");
        cc.weightOf = [](const std::vector<double>& r) { return r[1] / (r[0] + r[1]) - r[3] / (r[2] + r[3]); };
        return cc;
    };
    return c;
}

}  // namespace ms::circuit
