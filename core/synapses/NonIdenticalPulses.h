// Fu et al. 2019 (IEEE TCAD / JETCAS, "Mitigating nonlinear effect of
// memristive synaptic device"): split the conductance-response curve into
// piecewise-linear segments and give each segment a pulse width inversely
// proportional to its slope, so every pulse moves G by about the same amount.
#pragma once

#include <vector>

#include "core/synapses/PulseSynapse.h"

namespace ms {

class PulseWidthSchedule {
public:
    PulseWidthSchedule() = default;  // identical pulses (width 1)
    // Widths from the nominal curve of `model`, `segments` equal slices of x.
    PulseWidthSchedule(const PulseSynapse& model, int segments);

    bool active() const { return !up_.empty(); }
    double width(double x, int direction) const {
        if (up_.empty()) return 1.0;
        int s = static_cast<int>(x * static_cast<double>(up_.size()));
        s = s < 0 ? 0 : (s >= static_cast<int>(up_.size()) ? static_cast<int>(up_.size()) - 1 : s);
        return direction > 0 ? up_[s] : down_[s];
    }
    const std::vector<double>& upWidths() const { return up_; }
    const std::vector<double>& downWidths() const { return down_; }

private:
    std::vector<double> up_, down_;
};

}  // namespace ms
