// Parameter specs shared by the drive kinds (internal to core/sim/stimuli).
// Levels are in volts for voltage drive and amperes for current drive: the
// unit is written "V" and every meaning says so (Stimulus.h convention).
#pragma once

#include <cmath>

#include "core/common/ParamSpec.h"

namespace ms::stimuli {

inline const char* kLevelNote = " (V in voltage drive, A in current drive)";

inline ParamSpec levelSpec(const char* key, const char* symbol, double def, double min, const char* meaning) {
    return {key, symbol, "V", def, min, 1e3, Scale::Linear, std::string(meaning) + kLevelNote, "", false};
}

inline ParamSpec frequencySpec() {
    return {"frequency", "f", "Hz", 1.0, 1e-6, 1e12, Scale::Log, "Repetition frequency", "", false};
}

inline ParamSpec cyclesSpec() {
    return {"cycles", "n_cyc", "", 1.0, 0.01, 1e6, Scale::Log,
            "Number of periods in the natural duration of the drive", "", false};
}

// Index of the period containing t (t >= 0 assumed by callers that need it).
inline double periodIndex(double t, double period) { return std::floor(t / period); }

}  // namespace ms::stimuli
