// The circuit document: named nodes (ground is "0") and elements of the kinds
// in the element registry (ElementRegistry.h). A Netlist is plain data; the
// simulator compiles it into equations (Circuit.h). Everything is SI.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/common/ParamSpec.h"
#include "core/devices/ModelRegistry.h"

namespace ms::circuit {

inline const char* kGround = "0";

// A waveform from the stimulus registry (core/sim/Stimulus.h): sine,
// triangle, square, pulse_train, pwl. An empty id means a constant level,
// the element's "dc" parameter.
struct StimulusSpec {
    std::string id;
    ParamValues params;                            // missing keys take defaults
    std::vector<std::pair<double, double>> points; // pwl only: (t, value)
};

struct ElementSpec {
    std::string kind;                  // element registry id: "resistor", "memristor", ...
    std::string name;                  // unique: "R1", "M1"
    std::vector<std::string> nodes;    // in the kind's terminal order
    ParamValues params;                // missing keys take defaults
    std::optional<StimulusSpec> stimulus;  // sources and switches
    std::optional<DeviceSpec> device;      // memristors
};

struct Netlist {
    std::string title;
    std::vector<ElementSpec> elements;

    // Builders; they return *this so a cell can be written as one chain.
    Netlist& add(ElementSpec e) { elements.push_back(std::move(e)); return *this; }
    Netlist& resistor(const std::string& name, const std::string& a, const std::string& b, double ohms);
    Netlist& capacitor(const std::string& name, const std::string& a, const std::string& b, double farads);
    Netlist& voltageSource(const std::string& name, const std::string& p, const std::string& n, double dc,
                           std::optional<StimulusSpec> stimulus = std::nullopt);
    Netlist& currentSource(const std::string& name, const std::string& p, const std::string& n, double dc,
                           std::optional<StimulusSpec> stimulus = std::nullopt);
    Netlist& memristor(const std::string& name, const std::string& p, const std::string& n, DeviceSpec device);
    const ElementSpec* find(const std::string& name) const;
    ElementSpec* find(const std::string& name);
};

// Convenience for a single rectangular pulse (pulse_train with count 1).
StimulusSpec singlePulse(double amplitude, double width, double delay, double base = 0.0);

}  // namespace ms::circuit
