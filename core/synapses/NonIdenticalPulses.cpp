#include "core/synapses/NonIdenticalPulses.h"

#include <algorithm>
#include <cmath>

#include "core/common/Errors.h"

namespace ms {

PulseWidthSchedule::PulseWidthSchedule(const PulseSynapse& model, int segments) {
    if (segments < 1 || segments > 1000) throw InputError("segments", "must be between 1 and 1000");
    const double target = 1.0 / model.levels();  // the mean step of the whole curve
    constexpr int kSamples = 16;
    for (int dir : {+1, -1}) {
        auto& widths = dir > 0 ? up_ : down_;
        for (int s = 0; s < segments; ++s) {
            // Mean nominal slope (dx per pulse) over the segment.
            double slope = 0.0;
            for (int k = 0; k < kSamples; ++k) {
                const double x = (s + (k + 0.5) / kSamples) / segments;
                slope += std::fabs(model.nominalStep(x, dir));
            }
            slope /= kSamples;
            // Where the curve is flat (near a bound), cap the widening at 20x.
            widths.push_back(slope > 0.0 ? std::clamp(target / slope, 0.05, 20.0) : 20.0);
        }
    }
}

}  // namespace ms
