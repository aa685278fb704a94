// Triangle drive: starts at the offset rising, reaches +amplitude at T/4 and
// -amplitude at 3T/4 (the same phase as a sine). Slope corners at T/4 + kT/2
// are breakpoints.
#include <cmath>

#include "core/sim/Stimulus.h"
#include "core/sim/stimuli/StimulusParams.h"

namespace ms {
namespace {

class TriangleDrive final : public Stimulus {
public:
    explicit TriangleDrive(const ParamValues& p)
        : amplitude_(p.at("amplitude")), offset_(p.at("offset")), period_(1.0 / p.at("frequency")),
          cycles_(p.at("cycles")) {}
    double value(double t) const override {
        const double tau = t / period_ - std::floor(t / period_);
        const double shape = tau < 0.25 ? 4.0 * tau : (tau < 0.75 ? 2.0 - 4.0 * tau : 4.0 * tau - 4.0);
        return offset_ + amplitude_ * shape;
    }
    double nextBreakpoint(double t) const override {
        // Corners at (m + 1/2) * T/2 for integer m.
        const double half = 0.5 * period_;
        double m = std::floor(t / half - 0.5) - 1.0;
        double tb = (m + 0.5) * half;
        while (tb <= t) tb = (++m + 0.5) * half;
        return tb;
    }
    double naturalDuration() const override { return cycles_ * period_; }
    double featureTime() const override { return period_; }

private:
    double amplitude_, offset_, period_, cycles_;
};

}  // namespace

StimulusInfo triangleStimulus() {
    using namespace stimuli;
    StimulusInfo s;
    s.id = "triangle";
    s.name = "Triangle";
    s.summary = "Linear ramps between -amplitude and +amplitude, starting at the offset rising (a DC-sweep-like drive)";
    s.params = {levelSpec("amplitude", "V_0", 1.0, 0.0, "Peak amplitude"), frequencySpec(),
                levelSpec("offset", "V_dc", 0.0, -1e3, "Constant level added to the triangle"), cyclesSpec()};
    s.create = [](const ParamValues& p, const std::vector<std::pair<double, double>>&) -> std::unique_ptr<Stimulus> {
        return std::make_unique<TriangleDrive>(p);
    };
    return s;
}

}  // namespace ms
