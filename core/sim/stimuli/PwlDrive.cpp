// Piecewise-linear drive through (t, value) points, held constant before the
// first and after the last point. Every point is a slope breakpoint.
#include <algorithm>
#include <cmath>
#include <limits>

#include "core/common/Errors.h"
#include "core/sim/Stimulus.h"
#include "core/sim/stimuli/StimulusParams.h"

namespace ms {
namespace {

class PwlDrive final : public Stimulus {
public:
    explicit PwlDrive(const std::vector<std::pair<double, double>>& points) {
        if (points.size() < 2) throw InputError("points", "a piecewise-linear drive needs at least two points");
        for (std::size_t k = 0; k < points.size(); ++k) {
            const auto [t, v] = points[k];
            const std::string where = "points[" + std::to_string(k) + "]";
            if (!std::isfinite(t) || !std::isfinite(v)) throw InputError(where, "time and value must be finite");
            if (k == 0 && t < 0.0) throw InputError(where, "the first time must not be negative");
            if (k > 0 && t <= t_.back())
                throw InputError(where, "time " + formatWithUnit(t, "s") + " must be greater than the previous point's (" +
                                            formatWithUnit(t_.back(), "s") + ")");
            t_.push_back(t);
            v_.push_back(v);
        }
        minSegment_ = std::numeric_limits<double>::infinity();
        for (std::size_t k = 1; k < t_.size(); ++k) minSegment_ = std::min(minSegment_, t_[k] - t_[k - 1]);
    }

    double value(double t) const override {
        if (t <= t_.front()) return v_.front();
        if (t >= t_.back()) return v_.back();
        const auto k = static_cast<std::size_t>(std::upper_bound(t_.begin(), t_.end(), t) - t_.begin());
        const double a = (t - t_[k - 1]) / (t_[k] - t_[k - 1]);
        return v_[k - 1] + a * (v_[k] - v_[k - 1]);
    }
    double nextBreakpoint(double t) const override {
        const auto it = std::upper_bound(t_.begin(), t_.end(), t);
        return it == t_.end() ? std::numeric_limits<double>::infinity() : *it;
    }
    double naturalDuration() const override { return t_.back(); }
    // Within a segment the drive is linear; the shortest segment bounds how
    // fast it changes.
    double featureTime() const override { return std::max(minSegment_, 1e-3 * t_.back()); }

private:
    std::vector<double> t_, v_;
    double minSegment_ = 0.0;
};

}  // namespace

StimulusInfo pwlStimulus() {
    StimulusInfo s;
    s.id = "pwl";
    s.name = "Piecewise linear";
    s.summary = "Straight lines through (t, value) points (values in V in voltage drive, A in current drive)";
    s.params = {};
    s.create = [](const ParamValues&, const std::vector<std::pair<double, double>>& points) -> std::unique_ptr<Stimulus> {
        return std::make_unique<PwlDrive>(points);
    };
    return s;
}

}  // namespace ms
