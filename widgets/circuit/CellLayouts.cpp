#include "widgets/circuit/CellLayouts.h"

namespace ms::gui::schematic {

namespace {
nlohmann::json part(double x, double y, int rotation) { return {{"x", x}, {"y", y}, {"rotation", rotation}}; }
nlohmann::json node(double x, double y) { return {{"x", x}, {"y", y}}; }
}  // namespace

nlohmann::json cellSchematic(const std::string& id) {
    using nlohmann::json;
    if (id == "1m")
        return {{"parts", {{"Vin", part(0, 80, 90)}, {"M1", part(160, 0, 0)}, {"T1", part(340, 0, 0)}}},
                {"nodes", {{"in", node(0, 0)}, {"x", node(260, 0)}}}};
    if (id == "2m")
        return {{"parts",
                 {{"Vin", part(0, 80, 90)}, {"E1", part(120, 200, 0)}, {"Mp", part(260, 0, 0)}, {"Mn", part(260, 180, 0)},
                  {"T1", part(440, 0, 0)}}},
                {"nodes", {{"in", node(0, 0)}, {"inb", node(200, 180)}, {"sum", node(340, 0)}}}};
    if (id == "1m1t")
        return {{"parts",
                 {{"Vbl", part(0, 80, 90)}, {"M1", part(160, 0, 0)}, {"Q1", part(220, 120, 0)}, {"Vwl", part(60, 200, 90)}}},
                {"nodes", {{"bl", node(0, 0)}, {"m", node(240, 0)}, {"wl", node(60, 120)}}}};
    if (id == "4m")
        return {{"parts",
                 {{"Vin", part(0, 120, 90)}, {"M1", part(200, 80, 90)}, {"M2", part(200, 200, 270)},
                  {"M3", part(400, 80, 270)}, {"M4", part(400, 200, 90)}}},
                {"nodes", {{"in", node(200, 0)}, {"a", node(200, 140)}, {"b", node(400, 140)}}}};
    return json::object();
}

}  // namespace ms::gui::schematic
