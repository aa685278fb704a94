// What every trainer of weight slots on devices does the same way, whatever
// the network (the ANN layers of AnnTraining.cpp, the recurrent matrices of
// core/rnn/RnnTraining.cpp): count pulses and write energy, program the
// devices ex situ, and drift them to the read time.
#pragma once

#include <vector>

#include "core/ann/Network.h"

namespace ms {

// Over the slots that hold devices (float slots count nothing).
long long totalPulses(const std::vector<WeightSlot*>& slots);
double totalEnergy(const std::vector<WeightSlot*>& slots);  // J

// Programs every slot's devices to its float weights w (AnalogWeights::program);
// pulses and energy summed, errors and verify iterations the worst slot's.
ProgrammingReport programSlots(const std::vector<WeightSlot*>& slots, SynapseRng& rng);

// Moves every slot to spec.inferenceTime after programming (drift); with
// spec.driftCompensation a global output gain restores sum |W| (aihwkit's
// global drift compensation), times spec.readGain.
void driftToReadTime(const std::vector<WeightSlot*>& slots, const AnalogSpec& spec);

}  // namespace ms
