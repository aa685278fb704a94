// Square drive: offset + amplitude for the first `duty` fraction of each
// period, offset - amplitude for the rest. Both flips are breakpoints.
#include <cmath>

#include "core/common/Errors.h"
#include "core/sim/Stimulus.h"
#include "core/sim/stimuli/StimulusParams.h"

namespace ms {
namespace {

class SquareDrive final : public Stimulus {
public:
    explicit SquareDrive(const ParamValues& p)
        : amplitude_(p.at("amplitude")), offset_(p.at("offset")), period_(1.0 / p.at("frequency")),
          duty_(p.at("duty")), cycles_(p.at("cycles")) {}
    double value(double t) const override {
        const double tau = t / period_ - std::floor(t / period_);
        return offset_ + (tau < duty_ ? amplitude_ : -amplitude_);
    }
    double nextBreakpoint(double t) const override {
        double m = std::floor(t / period_) - 1.0;
        for (;; m += 1.0) {
            const double start = m * period_, flip = (m + duty_) * period_;
            if (start > t) return start;
            if (flip > t) return flip;
        }
    }
    double naturalDuration() const override { return cycles_ * period_; }
    double featureTime() const override { return period_ * std::min(duty_, 1.0 - duty_); }

private:
    double amplitude_, offset_, period_, duty_, cycles_;
};

}  // namespace

StimulusInfo squareStimulus() {
    using namespace stimuli;
    StimulusInfo s;
    s.id = "square";
    s.name = "Square";
    s.summary = "Alternates between offset + amplitude and offset - amplitude (ideal edges)";
    s.params = {levelSpec("amplitude", "V_0", 1.0, 0.0, "Half the peak-to-peak swing"), frequencySpec(),
                {"duty", "d", "", 0.5, 0.001, 0.999, Scale::Linear, "Fraction of each period at the high level", "",
                 false},
                levelSpec("offset", "V_dc", 0.0, -1e3, "Constant level added to the square wave"), cyclesSpec()};
    s.create = [](const ParamValues& p, const std::vector<std::pair<double, double>>&) -> std::unique_ptr<Stimulus> {
        return std::make_unique<SquareDrive>(p);
    };
    return s;
}

}  // namespace ms
