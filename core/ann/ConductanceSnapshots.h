// Conductance maps of the analog weight matrices at training time t (epochs),
// streamed for the studio's maps: series "g_layers" (layer, rows = inputs incl.
// bias, cols = outputs) once, then per snapshot "g_layer<k>" (t, row = input,
// col = output, G_pos, G_neg in S; G_neg the reference column's G when not
// differential) and one histogram of all devices, "g_histogram" (t, G, count).
// The ANN layers and the recurrent kinds' matrices (the LSTM's stacked gates)
// stream through the same class, so the same views read both.
#pragma once

#include <vector>

#include "core/ann/Network.h"
#include "core/sim/Frames.h"

namespace ms {

class ConductanceSnapshots {
public:
    explicit ConductanceSnapshots(FrameSink& sink) : sink_(sink) {}
    // `slots` in layer order; slots without devices are skipped (their index still counts).
    void operator()(const std::vector<WeightSlot*>& slots, double t);

private:
    FrameSink& sink_;
    bool begun_ = false;
};

}  // namespace ms
