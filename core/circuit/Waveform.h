// A source level in time: a constant, or a waveform of the stimulus registry.
// Sources and switches hold one; experiments replace it between runs.
#pragma once

#include <limits>
#include <memory>
#include <optional>
#include <string>

#include "core/circuit/Netlist.h"
#include "core/sim/Stimulus.h"

namespace ms::circuit {

class Waveform {
public:
    Waveform() = default;
    Waveform(double dc, std::shared_ptr<const Stimulus> s) : dc_(dc), stimulus_(std::move(s)) {}
    double value(double t) const { return stimulus_ ? stimulus_->value(t) : dc_; }
    double nextBreakpoint(double t) const {
        return stimulus_ ? stimulus_->nextBreakpoint(t) : std::numeric_limits<double>::infinity();
    }
    double featureTime() const { return stimulus_ ? stimulus_->featureTime() : std::numeric_limits<double>::infinity(); }
    double naturalDuration() const { return stimulus_ ? stimulus_->naturalDuration() : 0.0; }
    bool constant() const { return !stimulus_; }
    const Stimulus* stimulus() const { return stimulus_.get(); }

private:
    double dc_ = 0.0;
    std::shared_ptr<const Stimulus> stimulus_;
};

// Validates a stimulus spec against the registry and builds it; `path`
// prefixes error paths ("elements.V1.stimulus"). No spec or an empty id: the
// constant `dc`.
Waveform makeWaveform(const std::optional<StimulusSpec>& spec, double dc, const std::string& path);

// Elements driven by a waveform (sources, switches).
class DrivenElement {
public:
    virtual ~DrivenElement() = default;
    Waveform wave;
};

}  // namespace ms::circuit
