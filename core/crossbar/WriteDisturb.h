// Writing one cell under a bias scheme, with the state change of every other
// cell: the disturb map (docs/crossbar.md §1). Each cell is an instance of
// a registered device model (ModelRegistry) with its own state.
//
// Quasi-static method (documented simplification): the pulse is split into
// `steps` intervals. In each, the array is solved with every device replaced
// by its chord conductance I(v,x)/v at its present voltage and state (two
// fixed-point passes so that nonlinear devices settle), giving each device's
// voltage; then each device's state is integrated over the interval at that
// fixed voltage (classical RK4, `substeps` per interval) and clamped to the
// model's state bounds. Wire and line charging transients are ignored: the
// pulse is assumed much longer than the Elmore delay.
#pragma once

#include <vector>

#include "core/crossbar/BiasScheme.h"
#include "core/devices/ModelRegistry.h"

namespace ms {

struct WriteOptions {
    BiasScheme scheme = BiasScheme::HalfV;
    std::size_t row = 0, col = 0;
    double vWrite = 1.0;       // V on the selected row (selected column at 0)
    double pulseWidth = 1e-6;  // s
    int steps = 40;            // quasi-static intervals
    int substeps = 20;         // RK4 steps per interval
    double vRead = 0.1;        // V at which conductance maps are read
};

struct WriteResult {
    Eigen::MatrixXd stateBefore, stateAfter;  // M×N device states
    Eigen::MatrixXd gBefore, gAfter;          // M×N read conductances (S) at vRead
    Eigen::MatrixXd deltaG;                   // gAfter - gBefore: the disturb map
    Eigen::MatrixXd cellVoltage;              // M×N device voltages in the last interval (V)
    double selectedDeltaG = 0.0;
    double maxDisturb = 0.0;  // max |ΔG/G| over the unselected cells
    double energy = 0.0;      // J delivered by the terminals over the pulse
};

// `spec` supplies size, cell type, wires and terminals (its conductance map and
// nonlinearity are replaced by the devices). `initialState` is M×N row-major;
// empty means every device at its model's initial state.
WriteResult writeCell(const CrossbarSpec& spec, const DeviceSpec& device, const WriteOptions& options,
                      const std::vector<double>& initialState = {}, const StopToken* stop = nullptr);

}  // namespace ms
