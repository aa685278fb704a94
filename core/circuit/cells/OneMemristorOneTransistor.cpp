// 1M-1T: a memristor in series with an NMOS access transistor (bit line ->
// M1 -> drain; gate on the word line; source line grounded). The transistor
// selects the cell and limits the programming current. Weight G = 1/R(M1).
// ~24 F^2 (the transistor dominates the area).
#include "core/circuit/SynapseCell.h"
#include "core/circuit/cells/CellParams.h"

namespace ms::circuit {

CellInfo oneMemristorOneTransistorCell() {
    const std::string src = "Yu, Proc. IEEE 106, 260 (2018); Ambrogio et al., Nature 558, 60 (2018)";
    CellInfo c;
    c.id = std::string("1m1t");
    c.name = std::string("1M-1T (memristor with access transistor)");
    c.structure = std::string("BL -> M1 -> NMOS drain; gate = WL; source = SL (ground)");
    c.areaF2 = 24.0;
    c.weightExpression = std::string("G = 1/R(M1)");
    c.range = std::string("+");
    c.weightUnit = "S";
    c.source = src;
    c.params = {cells::readVoltageSpec(),
                {"Vwl", "V_WL", "V", 2.5, 0, 20, Scale::Linear, "Word-line (gate) voltage while selected", src, false},
                {"W", "W", "m", 1e-6, 1e-9, 1e-2, Scale::Log, "Access transistor width", src, false},
                {"L", "L", "m", 1e-6, 1e-9, 1e-2, Scale::Log, "Access transistor length", src, false},
                {"KP", "KP", "A/V^2", 200e-6, 1e-9, 1, Scale::Log, "Transconductance parameter", src, false},
                {"Vth", "V_th", "V", 0.5, 0, 10, Scale::Linear, "Threshold voltage", src, false}};
    c.build = [](const DeviceSpec& d, const ParamValues& p) {
        CellCircuit cc;
        cc.netlist.title = "1M-1T synapse";
        cc.netlist.voltageSource("Vbl", "bl", "0", 0.0).voltageSource("Vwl", "wl", "0", p.at("Vwl"));
        cc.netlist.memristor("M1", "bl", "m", d);
        cc.netlist.add({"mosfet", "Q1", {"m", "wl", "0"},
                        {{"W", p.at("W")}, {"L", p.at("L")}, {"KP", p.at("KP")}, {"Vth", p.at("Vth")}},
                        std::nullopt, std::nullopt});
        cc.memristors = {"M1"};
        cc.programSource = "Vbl";
        cc.readCurrentElement = "M1";
        cc.readVoltage = p.at("vRead");
        cc.weightOf = [](const std::vector<double>& r) { return 1.0 / r[0]; };
        return cc;
    };
    return c;
}

}  // namespace ms::circuit
