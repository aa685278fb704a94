#include "core/sim/Stimulus.h"

// Each drive kind is one file in core/sim/stimuli/ defining
// `StimulusInfo <name>()`, and one line here.
#define MS_STIMULI(X) \
    X(sineStimulus)    \
    X(triangleStimulus) \
    X(squareStimulus)  \
    X(pulseTrainStimulus) \
    X(pwlStimulus)

namespace ms {

#define MS_DECLARE(fn) StimulusInfo fn();
MS_STIMULI(MS_DECLARE)
#undef MS_DECLARE

const Registry<StimulusInfo>& stimulusRegistry() {
    static const Registry<StimulusInfo> reg = [] {
        Registry<StimulusInfo> r;
#define MS_ADD(fn) r.add(fn());
        MS_STIMULI(MS_ADD)
#undef MS_ADD
        return r;
    }();
    return reg;
}

}  // namespace ms
