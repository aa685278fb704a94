// Templates realised by 4M memristor bridge synapses (Kim, Sah, Yang, Roska &
// Chua 2012; docs/cenn.md "Bridge mapping"). Each non-zero template weight
// (A, B and the bias z, which is a weight on a constant unit input) is one
// bridge whose weight is the 4M cell's own formula from core/circuit,
//   w_bridge = M2/(M1+M2) - M4/(M3+M4),
// and the template weight is weightScale * w_bridge. Zero weights get no
// bridge (nothing is wired), so they stay exactly zero.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "core/cenn/Cenn.h"
#include "core/synapses/Retention.h"

namespace ms {
class StopToken;
}

namespace ms::cenn {

// How the bridges reach their memristances (docs/cenn.md "Programming").
enum class Programming {
    Ideal,        // set analytically to the target
    WriteVerify,  // pulsed through the device-transient engine, read after each pulse
};

// Pulse programming of one device (write-verify): the linear ion drift model
// (registered "linear_ion_drift", no window) with R_on, R_off of the bridge
// options, starting fully OFF (R = R_off). Each pulse is a rectangle of
// `amplitude` volts, positive to lower R, negative to raise it; a pulse that
// overshoots (the direction reverses) halves the width of the following ones.
struct PulseProgramming {
    double amplitude = 1.0;    // V
    double width = 10e-3;      // s, of the first pulses
    double tolerance = 0.01;   // relative to the target memristance
    int maxPulses = 1000;      // per device
    double filmThickness = 10e-9;  // m, D of the model
    double mobility = 1e-14;       // m^2/(V s), mu_v of the model
};

// Power-law drift between programming and use (core/synapses/Retention.h, the
// model of the ANN kinds): each device's conductance 1/M is multiplied by
// ((readTime + t0)/t0)^(-nu_i), nu_i drawn per device from `spec`.
struct BridgeDrift {
    double readTime = 0.0;  // s after programming; 0: no drift
    DriftSpec spec;
};

struct BridgeOptions {
    double rOn = 100.0;    // ohm: the lowest memristance a device reaches
    double rOff = 16e3;    // ohm: the highest
    double weightScale = 0.0;  // template weight per unit bridge weight; <= 0: smallest that fits
    double variation = 0.0;    // device-to-device: each memristance times (1 + variation * N(0,1))
    int levels = 0;            // > 1: memristances snap to this many levels evenly spaced in [rOn, rOff]
    std::uint64_t seed = 1;
    Programming programming = Programming::Ideal;
    PulseProgramming pulses;   // with Programming::WriteVerify
    BridgeDrift drift;
};

using Bridge = std::array<double, 4>;  // M1..M4 in ohm

// The 4M cell's weight (core/circuit/cells/Bridge.cpp, through the cell registry).
double bridgeWeight(const Bridge& m);

// The largest |w_bridge| a bridge reaches with memristances in [rOn, rOff]
// when programmed symmetrically (M1 = M4, M2 = M3): (rOff - rOn)/(rOff + rOn).
double maxBridgeWeight(double rOn, double rOff);

// Memristances that give bridge weight w (|w| <= maxBridgeWeight): M1 = M4 =
// (1 - w) S/2, M2 = M3 = (1 + w) S/2 with S = rOn + rOff, so every device
// stays inside [rOn, rOff] and w = (M2 - M1)/(M1 + M2) exactly.
Bridge programBridge(double w, double rOn, double rOff);

// The smallest scale that fits the template's largest |weight| into the bridge range.
double autoWeightScale(const Template& t, double rOn, double rOff);

// Where a bridge sits in the template and what programming it cost.
struct BridgeSite {
    int matrix = 0;  // 0 = A, 1 = B, 2 = z
    int entry = 0;   // row-major index into the 3 x 3 matrix; 0 for z
    int pulses = 0;  // write-verify pulses over its four devices (0 when ideal)
    double energy = 0.0;  // J, the integral of V I over those pulses
    bool converged = true;  // every device within the tolerance of its target
};

struct RealisedTemplate {
    Template tmpl;                   // the weights the bridges give
    std::vector<Bridge> bridges;     // one per non-zero weight: A (row-major), then B, then z
    std::vector<double> targets;     // their target bridge weights
    std::vector<BridgeSite> sites;   // parallel to bridges
    double weightScale = 0.0;
};

// Programs every bridge to its target (analytically or with pulses), applies
// quantisation (the levels a device can hold), device-to-device variation
// (seeded) and drift to the read time, and reads the weights back through the
// 4M formula. With variation 0, levels 0 and no drift, ideal programming
// gives the ideal template to rounding.
RealisedTemplate realise(const Template& t, const BridgeOptions& o);
RealisedTemplate realise(const Template& t, const BridgeOptions& o, const StopToken& stop);

// One device programmed by write-verify (see PulseProgramming) to `target`
// ohm. `mobilityFactor` scales the model's dopant mobility (device-to-device
// spread of the switching speed).
struct DeviceProgramming {
    double memristance = 0.0;  // ohm, read after the last pulse
    int pulses = 0;
    double energy = 0.0;       // J
    bool converged = false;
};
DeviceProgramming writeVerifyDevice(double target, double rOn, double rOff, const PulseProgramming& p,
                                    double mobilityFactor, const StopToken& stop);

// One rectangular pulse of `volts` for `seconds` on a linear ion drift device
// (R_on, R_off, D, mu_v as given, no window) from memristance m0, through the
// device-transient engine. Returns the memristance after it and sets
// `energy` to the integral of V I dt over the pulse (the engine's charge
// times V).
double pulseDevice(double m0, double volts, double seconds, double rOn, double rOff, double filmThickness,
                   double mobility, double& energy, const StopToken& stop);

}  // namespace ms::cenn
