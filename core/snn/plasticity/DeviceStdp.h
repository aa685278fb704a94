// Device-driven STDP (core/snn/plasticity/DeviceStdp.cpp): the spike
// waveforms a neuron puts on its row or column, and the rule built from a
// device and a waveform, for kinds and tests that set it up from typed
// options rather than the registry's flat parameters.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/devices/ModelRegistry.h"
#include "core/snn/Plasticity.h"

namespace ms::snn {

// Shapes of one spike, time tau after it (V+ pulse first, then a negative
// part of depth V- until t_spike):
//   ExponentialTail  V+ on [0, t+);  -V- e^{-(tau - t+)/tau_tail}     (Zamarreno-Ramos 2011)
//   Rectangular      V+ on [0, t+);  -V-
//   Triangular       V+ (1 - tau/t+) on [0, t+);  -V- (1 - (tau - t+)/(t_spike - t+))
//   RectTri          V+ on [0, t+);  -V- (1 - (tau - t+)/(t_spike - t+))   (Wu & Saxena 2018)
enum class SpikeShape { ExponentialTail = 0, Rectangular = 1, Triangular = 2, RectTri = 3 };

const char* spikeShapeId(SpikeShape s);  // "exponential_tail", "rectangular", "triangular", "rect_tri"
bool spikeShapeFromId(const std::string& id, SpikeShape& out);
std::vector<std::string> spikeShapeIds();

struct SpikeWaveform {
    SpikeShape shape = SpikeShape::ExponentialTail;
    double vPlus = 1.0;      // V
    double tPlus = 1e-3;     // s
    double vMinus = 0.5;     // V
    double tauTail = 20e-3;  // s (ExponentialTail only)
    double tSpike = 60e-3;   // s
    double delay = 0.0;      // s: the pre spike's waveform reaches the synapse this late (dendritic delay)
    double postGain = 1.0;   // the post neuron's waveform is this multiple of the pre neuron's
};

// The waveform at tau after the spike's start (V); 0 outside [0, t_spike).
double spikeWaveform(const SpikeWaveform& w, double tau);

struct DeviceStdpOptions {
    SpikeWaveform waveform;
    double vSel = 1.0;            // V: threshold of a series selector (0: 1R, no selector)
    double vRead = 0.1;           // V
    double weightPerSiemens = 1.0;
    int substeps = 200;           // RK4 steps per piece of the overlap (split at the waveforms' corners)
    double initialState = -1e300; // device state of every synapse at attach; below -1e299: the model's
};

// Problems are InputErrors at paramPath + ".t_spike" etc. and devicePath + device key.
std::unique_ptr<PlasticityRule> makeDeviceStdp(const DeviceStdpOptions& o, const DeviceSpec& device,
                                               const std::string& paramPath = "plasticity.params",
                                               const std::string& devicePath = "plasticity.device");

// The rule's STDP window: for each dt = t_post - t_pre, one pre and one post
// spike on a fresh synapse whose device starts in state x0, run through a
// network of clock `clock`; the conductance change (S) read at v_read.
struct StdpWindowPoint {
    double dt, dG;
};
std::vector<StdpWindowPoint> deviceStdpWindow(const DeviceStdpOptions& o, const DeviceSpec& device, double x0,
                                              const std::vector<double>& dts, double clock = 1e-5);

}  // namespace ms::snn
