// A reservoir of volatile memristors (Du et al., Nat. Commun. 8:2204, 2017;
// Midya et al., Adv. Intell. Syst. 1:1900084, 2019b; docs/reservoir.md). Each
// device receives its own pulse stream; its state, raised by every pulse and
// relaxing in between, is a fading memory of the stream's recent past. The
// devices' conductances, read at a small voltage, are the reservoir state a
// linear readout (ReservoirReadout.h) is trained on.
#pragma once

#include <vector>

#include <Eigen/Core>

#include "core/devices/MemristorModel.h"

namespace ms::reservoir {

// Time is cut into slots: each slot opens with a pulse of `width` whose
// amplitude carries the input, then zero bias (relaxation) until the slot ends.
struct PulseTiming {
    double width = 1e-3;       // s
    double slot = 2e-3;        // s, >= width
    double readVoltage = 0.1;  // V; conductance = i(V_read, w) / V_read
    int substeps = 20;         // fixed RK4 steps in the pulse and in the gap
};

class DeviceReservoir {
public:
    DeviceReservoir(const MemristorModel& model, const PulseTiming& timing);
    // The state after one slot whose pulse has amplitude v, from w; the state
    // is held within the model's bounds after each step, as the transient
    // engine does. `pulseEnd` (if given) receives the state at the pulse's end.
    double advance(double w, double v, double* pulseEnd = nullptr) const;
    double conductance(double w) const;
    double initialState() const { return model_.initialState(); }
    const PulseTiming& timing() const { return timing_; }

private:
    double rk4(double w, double v, double h, int steps) const;
    const MemristorModel& model_;
    PulseTiming timing_;
    double lo_, hi_;
};

// Images read row by row (Du et al. 2017): device r gets row r of each image
// as one slot per pixel column, a pulse of `amplitude` where the pixel is >=
// `threshold`, none elsewhere. The features of an image are the devices'
// conductances read after each slot in `readSlots` (0-based columns), device
// major: [d0@s0, d0@s1, ..., d1@s0, ...].
struct ImageRowTask {
    int rows = 8, cols = 8;
    double threshold = 8.0;
    double amplitude = 1.0;  // V
    std::vector<int> readSlots{7};
};
Eigen::MatrixXd imageRowStates(const DeviceReservoir& reservoir, const Eigen::MatrixXd& images, const ImageRowTask& task);
// The baseline without a reservoir: the binarised pixels at the same slots.
Eigen::MatrixXd imageRowInputs(const Eigen::MatrixXd& images, const ImageRowTask& task);
// The device states of one image over time: rows t (s), w_0 .. w_{rows-1},
// at t = 0 and at the end of every pulse and every slot.
Eigen::MatrixXd imageRowTrace(const DeviceReservoir& reservoir, const Eigen::VectorXd& image, const ImageRowTask& task);

// A time series through time-multiplexed virtual nodes (Midya et al. 2019b):
// at step k the input u_k in [0, 1] drives device d through `mask.cols()`
// consecutive slots with amplitudes amplitude * mask(d, j) * u_k; the
// conductance after each slot is one virtual node, so a step has
// devices x virtualNodes features (device major). The states carry over from
// step to step: that carry-over is the memory.
Eigen::MatrixXd seriesStates(const DeviceReservoir& reservoir, const std::vector<double>& u, const Eigen::MatrixXd& mask,
                             double amplitude);

// A mask of `devices` x `virtualNodes` values drawn uniformly in [0.2, 1] from
// a seeded generator defined here (the same on every platform).
Eigen::MatrixXd uniformMask(int devices, int virtualNodes, unsigned long long seed);

}  // namespace ms::reservoir
