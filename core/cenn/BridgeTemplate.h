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

namespace ms::cenn {

struct BridgeOptions {
    double rOn = 100.0;    // ohm: the lowest memristance a device reaches
    double rOff = 16e3;    // ohm: the highest
    double weightScale = 0.0;  // template weight per unit bridge weight; <= 0: smallest that fits
    double variation = 0.0;    // device-to-device: each memristance times (1 + variation * N(0,1))
    int levels = 0;            // > 1: memristances snap to this many levels evenly spaced in [rOn, rOff]
    std::uint64_t seed = 1;
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

struct RealisedTemplate {
    Template tmpl;                   // the weights the bridges give
    std::vector<Bridge> bridges;     // one per non-zero weight: A (row-major), then B, then z
    std::vector<double> targets;     // their target bridge weights
    double weightScale = 0.0;
};

// Programs every bridge to its target, then applies quantisation (the levels a
// device can hold) and device-to-device variation (seeded), and reads the
// weights back through the 4M formula. With variation 0 and levels 0 the
// realised template equals the ideal one to rounding.
RealisedTemplate realise(const Template& t, const BridgeOptions& o);

}  // namespace ms::cenn
