// Write-verify programming of the 4M bridges' memristors (docs/cenn.md,
// "Programming with pulses"): every pulse is a segment of the device-transient
// engine (core/sim/DeviceTransient.h) on the registered linear ion drift
// model, the memristance is read after it, and the loop stops within the
// tolerance or at the pulse budget. The closed loop is the one of Alibart,
// Gao & Strukov (Nanotechnology 23, 075201, 2012; core/circuit/WriteVerify.cpp
// runs it on a circuit cell): program, read, correct. That device has a
// threshold, so it steps the amplitude; the drift model here has none, so a
// fixed amplitude moves it at any voltage and the loop instead halves the
// pulse width after every overshoot, which converges to any tolerance.
#include <cmath>
#include <limits>
#include <memory>

#include "core/cenn/BridgeTemplate.h"
#include "core/common/Errors.h"
#include "core/devices/ModelRegistry.h"
#include "core/sim/DeviceTransient.h"

namespace ms::cenn {
namespace {

// Keeps the charge q = integral of i dt (the engine's "q" column, summed over
// every accepted step) at the last row.
class ChargeSink final : public CheckedSink {
public:
    double charge = 0.0;

protected:
    void onBeginSeries(const std::string&, const std::vector<Column>& columns) override {
        for (std::size_t k = 0; k < columns.size(); ++k)
            if (columns[k].name == "q") column_ = k;
        width_ = columns.size();
    }
    void onRows(const std::string&, const double* data, std::size_t rows) override {
        if (rows == 0) return;
        if (column_ >= width_) throw SimulationError("the device-transient engine streamed no charge column");
        charge = data[(rows - 1) * width_ + column_];
    }

private:
    std::size_t column_ = std::size_t(-1), width_ = 0;
};

std::unique_ptr<MemristorModel> driftDevice(double rOn, double rOff, double rInit, double filmThickness,
                                            double mobility) {
    DeviceSpec spec;
    spec.modelId = "linear_ion_drift";
    spec.params = {{"Ron", rOn}, {"Roff", rOff}, {"Rinit", rInit}, {"D", filmThickness}, {"uv", mobility}};
    spec.window = WindowChoice{"none", {}};
    return instantiateDevice(spec, "bridge device");
}

// One pulse from state x; returns the state after it and adds V q to energy.
double pulse(const MemristorModel& model, double x, double volts, double seconds, double& energy,
             const StopToken& stop) {
    TransientOptions o;
    o.samples = 1;
    o.initialState = x;
    o.modelName = "linear_ion_drift";
    ChargeSink charge;
    const ConstantStimulus drive(volts, seconds);  // the whole segment is the pulse
    const TransientSummary s = runDeviceTransient(model, drive, DriveMode::Voltage, o, charge, stop);
    energy += volts * charge.charge;
    return s.finalState;
}

}  // namespace

double pulseDevice(double m0, double volts, double seconds, double rOn, double rOff, double filmThickness,
                   double mobility, double& energy, const StopToken& stop) {
    const auto model = driftDevice(rOn, rOff, m0, filmThickness, mobility);
    energy = 0.0;
    const double x = pulse(*model, model->initialState(), volts, seconds, energy, stop);
    return model->resistance(x, 0.1);
}

DeviceProgramming writeVerifyDevice(double target, double rOn, double rOff, const PulseProgramming& p,
                                    double mobilityFactor, const StopToken& stop) {
    // Fabricated devices are reset before programming: every one starts fully OFF.
    const auto model = driftDevice(rOn, rOff, rOff, p.filmThickness, p.mobility * mobilityFactor);
    DeviceProgramming r;
    double x = model->initialState();
    r.memristance = model->resistance(x, 0.1);
    double width = p.width;
    int direction = 0;
    while (std::fabs(r.memristance - target) > p.tolerance * target && r.pulses < p.maxPulses) {
        if (stop.stopRequested()) throw Cancelled();
        // Positive current drives the dopants toward R_on (docs/device-models.md §1).
        const int want = r.memristance > target ? 1 : -1;
        if (direction != 0 && want != direction) width *= 0.5;  // overshot: finer steps from here on
        direction = want;
        x = pulse(*model, x, want * p.amplitude, width, r.energy, stop);
        r.memristance = model->resistance(x, 0.1);
        ++r.pulses;
    }
    r.converged = std::fabs(r.memristance - target) <= p.tolerance * target;
    return r;
}

}  // namespace ms::cenn
