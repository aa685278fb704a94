// Measured curves in SI units, taken out of a MeasurementTable by the columns
// and units the user chose at import.
#pragma once

#include <string>
#include <vector>

#include "core/fit/MeasurementTable.h"

namespace ms::fit {

// A quasi-static I-V sweep: voltage applied, current measured, at times t
// (strictly increasing, starting anywhere; the fit shifts it to 0).
struct IvSweep {
    std::vector<double> t, v, i;  // s, V, A
    std::size_t size() const { return t.size(); }
};

// Conductance after each programming pulse. phase +1: potentiation (G rises),
// -1: depression; `pulse` is the pulse number (or the time) of each read.
struct PulseCurve {
    std::vector<double> pulse, g;  // #, S
    std::vector<int> phase;
    std::size_t size() const { return g.size(); }
    // The reads of one phase, in order, preceded by the read just before its
    // first pulse when there is one (the level the branch starts from).
    std::vector<double> branch(int phase) const;
};

struct IvColumns {
    std::string time;              // name or 1-based number; empty: no time column
    std::string voltage = "V", current = "I";
    std::string timeUnit = "s", voltageUnit = "V", currentUnit = "A";
    double samplePeriod = 1e-3;    // s between rows when there is no time column
};

struct PulseColumns {
    std::string pulse;             // empty: row number
    std::string pulseUnit = "";    // "" for a pulse count, or a time unit ("s", "ms", ...)
    std::string conductance;       // exactly one of conductance / resistance
    std::string resistance;
    std::string conductanceUnit = "S", resistanceUnit = "ohm";
    std::string phase;             // column of +1 / -1 (or 1 / 0); empty: split at the largest G
};

// InputError names the file and the line of a bad value (non-increasing time,
// non-positive resistance, a phase that is not +-1/0/1).
IvSweep ivSweepFromTable(const MeasurementTable& table, const IvColumns& columns);
PulseCurve pulseCurveFromTable(const MeasurementTable& table, const PulseColumns& columns);

}  // namespace ms::fit
