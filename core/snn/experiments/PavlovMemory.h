// Pavlov's associative memory on one memristor synapse (the review, Xu, Wang &
// Yan 2021, citing Ma et al., IEEE Access 6:61614, 2018; docs/pavlov.md).
//
// Circuit: food (the unconditioned stimulus) reaches the output neuron
// (salivation) through a fixed conductance; the bell (the conditioned
// stimulus) reaches it through a memristor, an instance of a registered device
// model, in a 1T1R cell whose transistor is gated by the bell line, so the
// memristor sees a voltage only while a bell pulse is on.
//
// Rule (input-weighted feedback): every output spike puts a feedback pulse of
// width t_fb on the synapse. With the food line on it adds V_fb+ to the bell
// pulse, and V_bell + V_fb+ crosses the device's SET threshold: pairing
// raises G. With food off (the bell alone made the output fire: an unrewarded
// response) it adds V_fb- < 0, and V_bell + V_fb- crosses the RESET
// threshold: extinction lowers G. A bell pulse alone (no output spike) is a
// sub-threshold read and leaves G where it is. The device is wired with the
// polarity that makes the paired voltage its SET direction (found from the
// model at setup). Between output spikes the device is integrated by the
// device-transient engine (core/sim/DeviceTransient.h), a step at a time.
#pragma once

#include <string>
#include <vector>

#include "core/common/ParamSpec.h"
#include "core/devices/MemristorModel.h"
#include "core/sim/Frames.h"

namespace ms::snn {

enum class PavlovPhase { Test = 0, Acquisition = 1, Extinction = 2, Relearning = 3 };

const char* pavlovPhaseId(PavlovPhase p);  // "test", "acquisition", "extinction", "relearning"
bool pavlovPhaseFromId(const std::string& id, PavlovPhase& out);
std::vector<std::string> pavlovPhaseIds();

// One entry of the protocol: `trials` identical trials.
struct PavlovStage {
    PavlovPhase phase = PavlovPhase::Test;
    int trials = 1;
    bool bell = true;
    bool food = false;
};

// Rectangular pulses of `amplitude` (V), `width` (s) every `period` (s),
// from the start of each trial window in which the line is on.
struct PulseLine {
    double amplitude = 0.6, width = 1e-6, period = 4e-6;
};

struct PavlovOptions {
    std::vector<PavlovStage> protocol;
    PulseLine bell, food;
    double foodConductance = 1e-3;   // S, the fixed unconditioned synapse
    double feedbackPaired = 0.9;     // V added to the bell pulse by an output spike with food on
    double feedbackUnpaired = -2.4;  // V added by an output spike with food off
    double feedbackWidth = 4e-6;     // s; one bell period meets one bell-pulse width whatever the spike phase
    double trialDuration = 40e-6;    // s, pulses are on during this window
    double interTrial = 20e-6;       // s of silence after each trial
    double dt = 20e-9;               // s, the neuron's clock
    double readVoltage = 0.1;        // V, G = 1 / R(x, V_read)
    int recordEvery = 5;             // timeline rows: one per this many steps
    std::string neuronModel = "lif"; // a neuron registry id with input in amperes
    ParamValues neuronParams;        // complete (resolved) parameters
    bool deviceStiff = false;        // ModelInfo::stiff: start the engine implicit
    std::string deviceName;          // for the engine's messages
};

// The wiring sign that makes the paired voltage the device's SET direction:
// the memristor sees polarity * (V_bell + V_fb). Zero with `problem` set when
// the options cannot work with this device: the paired voltage does not raise
// G, the unpaired one does not lower it, or bell reads alone move the state.
// `field` names the setting to change ("feedbackPaired", "bellAmplitude", ...).
struct PavlovDeviceCheck {
    double polarity = 0.0;
    std::string field, problem;
};
PavlovDeviceCheck checkPavlovDevice(const MemristorModel& model, const PavlovOptions& o);

struct PavlovTrial {
    PavlovPhase phase = PavlovPhase::Test;
    int stage = 0;          // index into the protocol
    int indexInStage = 0;   // from 1
    bool bell = false, food = false;
    double tStart = 0, tEnd = 0;  // s
    double gEnd = 0;        // S, bell synapse at the trial's end
    int spikes = 0;         // output spikes in the trial window (and its silence)
    int responds = -1;      // bell-alone trials: 1 if the output fired, else 0; -1 for trials with food
    bool bellAloneFires = false;  // a bell-alone probe on a frozen copy after the trial fires
};

struct PavlovResult {
    std::vector<PavlovTrial> trials;
    double polarity = 0.0;
    double gInitial = 0.0;
};

// Streams "timeline" (t, bell, food, feedback, v_device, x, G, v_m, spikes),
// "spikes" (t, trial), "trials" (one row per trial, see PavlovMemory.cpp),
// the scalars of docs/pavlov.md and progress. Throws InputError for options
// the device cannot work with (checkPavlovDevice), SimulationError, Cancelled.
PavlovResult runPavlovMemory(const MemristorModel& model, const PavlovOptions& o, FrameSink& sink,
                             const StopToken& stop);

}  // namespace ms::snn
