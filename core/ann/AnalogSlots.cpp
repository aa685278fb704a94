#include "core/ann/AnalogSlots.h"

#include <algorithm>

namespace ms {

long long totalPulses(const std::vector<WeightSlot*>& slots) {
    long long p = 0;
    for (const auto* s : slots)
        if (s->analog) p += s->analog->pulseCount();
    return p;
}

double totalEnergy(const std::vector<WeightSlot*>& slots) {
    double e = 0;
    for (const auto* s : slots)
        if (s->analog) e += s->analog->writeEnergy();
    return e;
}

ProgrammingReport programSlots(const std::vector<WeightSlot*>& slots, SynapseRng& rng) {
    ProgrammingReport total;
    for (auto* s : slots) {
        const ProgrammingReport p = s->analog->program(s->w, rng);
        total.rmsError = std::max(total.rmsError, p.rmsError);
        total.maxError = std::max(total.maxError, p.maxError);
        total.pulses += p.pulses;
        total.energy += p.energy;
        total.verifyIterations = std::max(total.verifyIterations, p.verifyIterations);
    }
    return total;
}

void driftToReadTime(const std::vector<WeightSlot*>& slots, const AnalogSpec& spec) {
    for (auto* s : slots) {
        const double before = s->analog->weights().cwiseAbs().sum();
        s->analog->setTime(spec.inferenceTime);
        const double after = s->analog->weights().cwiseAbs().sum();
        if (spec.driftCompensation && after > 0) s->analog->setOutputGain(spec.readGain * before / after);
    }
}

}  // namespace ms
