// Sine drive: offset + amplitude * sin(2 pi f t + phase). Smooth, so it has no
// breakpoints; the engine's step limit (featureTime) is one period.
#include <cmath>
#include <numbers>

#include "core/sim/Stimulus.h"
#include "core/sim/stimuli/StimulusParams.h"

namespace ms {
namespace {

class SineDrive final : public Stimulus {
public:
    explicit SineDrive(const ParamValues& p)
        : amplitude_(p.at("amplitude")), omega_(2.0 * std::numbers::pi * p.at("frequency")),
          phase_(p.at("phase") * std::numbers::pi / 180.0), offset_(p.at("offset")),
          period_(1.0 / p.at("frequency")), cycles_(p.at("cycles")) {}
    double value(double t) const override { return offset_ + amplitude_ * std::sin(omega_ * t + phase_); }
    double naturalDuration() const override { return cycles_ * period_; }
    double featureTime() const override { return period_; }
    bool sinusoid(Sinusoid& out) const override {
        out = {offset_, amplitude_, omega_, phase_};
        return true;
    }

private:
    double amplitude_, omega_, phase_, offset_, period_, cycles_;
};

}  // namespace

StimulusInfo sineStimulus() {
    using namespace stimuli;
    StimulusInfo s;
    s.id = "sine";
    s.name = "Sine";
    s.summary = "offset + amplitude * sin(2 pi f t + phase): the classic pinched-hysteresis drive";
    s.params = {levelSpec("amplitude", "V_0", 1.0, 0.0, "Peak amplitude"),
                frequencySpec(),
                {"phase", "phi", "deg", 0.0, -360.0, 360.0, Scale::Linear, "Phase at t = 0", "", false},
                levelSpec("offset", "V_dc", 0.0, -1e3, "Constant level added to the sine"),
                cyclesSpec()};
    s.create = [](const ParamValues& p, const std::vector<std::pair<double, double>>&) -> std::unique_ptr<Stimulus> {
        return std::make_unique<SineDrive>(p);
    };
    return s;
}

}  // namespace ms
