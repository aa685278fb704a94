#include "widgets/circuit/CellLayouts.h"

namespace ms::gui::schematic {

namespace {
nlohmann::json part(double x, double y, int rotation) { return {{"x", x}, {"y", y}, {"rotation", rotation}}; }
}  // namespace

nlohmann::json cellSchematic(const std::string& id) {
    using nlohmann::json;
    if (id == "1m")
        return {{"parts", {{"Vin", part(0, 80, 90)}, {"M1", part(160, 0, 0)}, {"T1", part(340, 0, 0)}}},
                {"nodes", json::object()}};
    if (id == "2m")
        return {{"parts",
                 {{"Vin", part(0, 80, 90)}, {"E1", part(120, 200, 0)}, {"Mp", part(260, 0, 0)}, {"Mn", part(260, 180, 0)},
                  {"T1", part(440, 0, 0)}}},
                {"nodes", json::object()}};
    if (id == "1m1t")
        return {{"parts",
                 {{"Vbl", part(0, 80, 90)}, {"M1", part(160, 0, 0)}, {"Q1", part(220, 120, 0)}, {"Vwl", part(60, 200, 90)}}},
                {"nodes", json::object()}};
    if (id == "4m")
        return {{"parts",
                 {{"Vin", part(0, 120, 90)}, {"M1", part(200, 80, 90)}, {"M2", part(200, 200, 270)},
                  {"M3", part(400, 80, 270)}, {"M4", part(400, 200, 90)}}},
                {"nodes", json::object()}};
    return json::object();
}

}  // namespace ms::gui::schematic
