#include "core/circuit/Netlist.h"

namespace ms::circuit {

Netlist& Netlist::resistor(const std::string& name, const std::string& a, const std::string& b, double ohms) {
    return add({"resistor", name, {a, b}, {{"R", ohms}}, std::nullopt, std::nullopt});
}

Netlist& Netlist::capacitor(const std::string& name, const std::string& a, const std::string& b, double farads) {
    return add({"capacitor", name, {a, b}, {{"C", farads}}, std::nullopt, std::nullopt});
}

Netlist& Netlist::voltageSource(const std::string& name, const std::string& p, const std::string& n, double dc,
                                std::optional<StimulusSpec> stimulus) {
    return add({"voltage_source", name, {p, n}, {{"dc", dc}}, std::move(stimulus), std::nullopt});
}

Netlist& Netlist::currentSource(const std::string& name, const std::string& p, const std::string& n, double dc,
                                std::optional<StimulusSpec> stimulus) {
    return add({"current_source", name, {p, n}, {{"dc", dc}}, std::move(stimulus), std::nullopt});
}

Netlist& Netlist::memristor(const std::string& name, const std::string& p, const std::string& n, DeviceSpec device) {
    return add({"memristor", name, {p, n}, {}, std::nullopt, std::move(device)});
}

const ElementSpec* Netlist::find(const std::string& name) const {
    for (const auto& e : elements)
        if (e.name == name) return &e;
    return nullptr;
}

ElementSpec* Netlist::find(const std::string& name) {
    for (auto& e : elements)
        if (e.name == name) return &e;
    return nullptr;
}

StimulusSpec singlePulse(double amplitude, double width, double delay, double base) {
    // The period only has to exceed the width; one pulse is drawn.
    return {"pulse_train",
            {{"amplitude", amplitude}, {"width", width}, {"period", 2.0 * width}, {"count", 1}, {"delay", delay},
             {"base", base}},
            {}};
}

}  // namespace ms::circuit
