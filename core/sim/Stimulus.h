// Drives: the waveform applied to a device (voltage or current), device-models
// engine section of issue 2. Each drive kind is registered with its parameter
// metadata like the device models are, so the GUI's stimulus editor and JSON
// come from one place.
#pragma once

#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "core/common/ParamSpec.h"
#include "core/common/Registry.h"

namespace ms {

enum class DriveMode { Voltage, Current };

// offset + amplitude * sin(omega t + phase), the form of a sine drive.
struct Sinusoid {
    double offset = 0.0, amplitude = 0.0, omega = 0.0, phase = 0.0;
};

class Stimulus {
public:
    virtual ~Stimulus() = default;
    virtual double value(double t) const = 0;
    // The first time > t where the waveform or its slope jumps (pulse edges,
    // square-wave flips, PWL corners); the integrator lands exactly on it.
    // Infinity when there is none.
    virtual double nextBreakpoint(double t) const { (void)t; return std::numeric_limits<double>::infinity(); }
    // The duration that shows the whole waveform once (one period, the whole
    // pulse train, the last PWL point).
    virtual double naturalDuration() const = 0;
    // The time over which the waveform changes appreciably (a period; a PWL
    // segment). The transient engine never steps further than a fraction of it,
    // so a short threshold crossing cannot hide between two steps. Additive
    // extension; the default is the natural duration.
    virtual double featureTime() const { return naturalDuration(); }
    // A pure sinusoid fills `out` and returns true; value(t) must then be
    // exactly out.offset + out.amplitude * std::sin(out.omega * t + out.phase).
    // The transient engine evaluates the stages of a step from one sin/cos
    // pair (core/sim/DriveStages.h). Additive extension.
    virtual bool sinusoid(Sinusoid& out) const { (void)out; return false; }
};

// A constant value for a given duration: one rectangular write pulse, one
// neuron step's bias across a synapse, run as its own transient segment.
class ConstantStimulus final : public Stimulus {
public:
    ConstantStimulus(double value, double duration) : value_(value), duration_(duration) {}
    double value(double) const override { return value_; }
    double naturalDuration() const override { return duration_; }

private:
    double value_, duration_;
};

struct StimulusInfo {
    std::string id;  // "sine", "triangle", "square", "pulse_train", "pwl"
    std::string name;
    std::string summary;
    std::vector<ParamSpec> params;  // scalar parameters (PWL points are separate)
    // `points` is used by "pwl" only: (t, value) pairs, t strictly increasing.
    std::function<std::unique_ptr<Stimulus>(const ParamValues&, const std::vector<std::pair<double, double>>& points)> create;
};

const Registry<StimulusInfo>& stimulusRegistry();

// Parameter convention shared by every drive kind: levels ("amplitude",
// "offset", "base", "amplitudeStep") are documented in volts (unit "V"); in
// current-drive mode the same numbers are amperes. Times are seconds,
// frequencies hertz. `create` throws InputError (path relative to the drive
// object, e.g. "params.widthStep" or "points[2]") for cross-field problems.

}  // namespace ms
