// Pulse train: `count` rectangular pulses (ideal edges) of `width` every
// `period`, after `delay`, on a `base` level. Pulse n (from 0) has amplitude
// amplitude + n * amplitudeStep and width width + n * widthStep, which covers
// identical pulses (steps 0) and the incrementing-amplitude / incrementing-
// width programming schemes. Every pulse edge is a breakpoint.
#include <cmath>
#include <limits>

#include "core/common/Errors.h"
#include "core/sim/Stimulus.h"
#include "core/sim/stimuli/StimulusParams.h"

namespace ms {
namespace {

class PulseTrainDrive final : public Stimulus {
public:
    explicit PulseTrainDrive(const ParamValues& p)
        : amplitude_(p.at("amplitude")), width_(p.at("width")), period_(p.at("period")), delay_(p.at("delay")),
          amplitudeStep_(p.at("amplitudeStep")), widthStep_(p.at("widthStep")), base_(p.at("base")),
          count_(static_cast<long>(p.at("count"))) {
        const double lastWidth = width_ + static_cast<double>(count_ - 1) * widthStep_;
        if (lastWidth <= 0.0)
            throw InputError("params.widthStep", "pulse " + std::to_string(count_) + " would have width " +
                                                     formatWithUnit(lastWidth, "s") + "; widths must stay positive");
        if (width_ >= period_ || lastWidth >= period_)
            throw InputError(width_ >= period_ ? "params.width" : "params.widthStep",
                             "every pulse must be shorter than the period (" + formatWithUnit(period_, "s") +
                                 "); the longest is " + formatWithUnit(std::max(width_, lastWidth), "s"));
    }

    double value(double t) const override {
        const long n = pulseIndex(t);
        if (n < 0 || n >= count_) return base_;
        const double dn = static_cast<double>(n);
        return (t < start(n) + width_ + dn * widthStep_) ? amplitude_ + dn * amplitudeStep_ : base_;
    }
    double nextBreakpoint(double t) const override {
        // Candidates in the pulses around t; rounding in pulseIndex() is
        // covered by looking one pulse either side.
        const long n = std::max(0L, pulseIndex(t) - 1);
        for (long m = n; m < count_ && m <= n + 2; ++m) {
            if (start(m) > t) return start(m);
            const double end = start(m) + width_ + static_cast<double>(m) * widthStep_;
            if (end > t) return end;
        }
        return std::numeric_limits<double>::infinity();
    }
    double naturalDuration() const override { return delay_ + static_cast<double>(count_) * period_; }
    double featureTime() const override { return period_; }

private:
    long pulseIndex(double t) const {
        if (t < delay_) return -1;
        return static_cast<long>(std::floor((t - delay_) / period_));
    }
    double start(long n) const { return delay_ + static_cast<double>(n) * period_; }

    double amplitude_, width_, period_, delay_, amplitudeStep_, widthStep_, base_;
    long count_;
};

}  // namespace

StimulusInfo pulseTrainStimulus() {
    using namespace stimuli;
    StimulusInfo s;
    s.id = "pulse_train";
    s.name = "Pulse train";
    s.summary = "Rectangular pulses; identical, or with amplitude or width incrementing per pulse";
    s.params = {
        {"amplitude", "V_p", "V", 1.0, -1e3, 1e3, Scale::Linear, std::string("Level of the first pulse") + kLevelNote,
         "", false},
        {"width", "t_w", "s", 1e-3, 1e-15, 1e6, Scale::Log, "Duration of the first pulse", "", false},
        {"period", "T_p", "s", 2e-3, 1e-15, 1e6, Scale::Log, "Time from one pulse's start to the next's", "", false},
        {"count", "N", "", 10, 1, 1e7, Scale::Log, "Number of pulses", "", true},
        {"delay", "t_d", "s", 0.0, 0.0, 1e6, Scale::Linear, "Time before the first pulse", "", false},
        {"amplitudeStep", "dV_p", "V", 0.0, -1e3, 1e3, Scale::Linear,
         std::string("Amplitude added per pulse (incrementing-amplitude scheme)") + kLevelNote, "", false},
        {"widthStep", "dt_w", "s", 0.0, -1e6, 1e6, Scale::Linear,
         "Width added per pulse (incrementing-width scheme)", "", false},
        {"base", "V_b", "V", 0.0, -1e3, 1e3, Scale::Linear,
         std::string("Level between pulses (e.g. a read voltage)") + kLevelNote, "", false},
    };
    s.create = [](const ParamValues& p, const std::vector<std::pair<double, double>>&) -> std::unique_ptr<Stimulus> {
        return std::make_unique<PulseTrainDrive>(p);
    };
    return s;
}

}  // namespace ms
