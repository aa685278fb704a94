#include "core/fit/Measurements.h"

#include <algorithm>

#include "core/common/Errors.h"

namespace ms::fit {

std::vector<double> PulseCurve::branch(int wanted) const {
    std::vector<double> out;
    for (std::size_t k = 0; k < g.size(); ++k) {
        if (phase[k] != wanted) continue;
        if (out.empty() && k > 0) out.push_back(g[k - 1]);
        out.push_back(g[k]);
    }
    return out;
}

namespace {
std::string at(const MeasurementTable& t, std::size_t row, std::size_t col) {
    return t.origin + ":" + std::to_string(t.line[row]) + ":" + std::to_string(col + 1);
}
}  // namespace

IvSweep ivSweepFromTable(const MeasurementTable& table, const IvColumns& c) {
    IvSweep s;
    const std::size_t cv = table.columnIndex(c.voltage, "voltage");
    const std::size_t ci = table.columnIndex(c.current, "current");
    const double fv = unitFactor(c.voltageUnit, "V", table.origin + ": voltage unit");
    const double fi = unitFactor(c.currentUnit, "A", table.origin + ": current unit");
    const std::size_t n = table.rows();
    if (n < 3) throw InputError(table.origin, "an I-V sweep needs at least 3 rows (got " + std::to_string(n) + ")");
    s.v.resize(n);
    s.i.resize(n);
    s.t.resize(n);
    for (std::size_t r = 0; r < n; ++r) {
        s.v[r] = table.columns[cv][r] * fv;
        s.i[r] = table.columns[ci][r] * fi;
    }
    if (c.time.empty()) {
        if (!(c.samplePeriod > 0)) throw InputError(table.origin, "the sample period must be positive");
        for (std::size_t r = 0; r < n; ++r) s.t[r] = static_cast<double>(r) * c.samplePeriod;
        return s;
    }
    const std::size_t ct = table.columnIndex(c.time, "time");
    const double ft = unitFactor(c.timeUnit, "s", table.origin + ": time unit");
    for (std::size_t r = 0; r < n; ++r) {
        s.t[r] = table.columns[ct][r] * ft;
        if (r > 0 && s.t[r] <= s.t[r - 1])
            throw InputError(at(table, r, ct), "time must increase from row to row (" + std::to_string(s.t[r]) +
                                                   " s follows " + std::to_string(s.t[r - 1]) + " s)");
    }
    return s;
}

PulseCurve pulseCurveFromTable(const MeasurementTable& table, const PulseColumns& c) {
    PulseCurve p;
    const std::size_t n = table.rows();
    if (n < 4) throw InputError(table.origin, "a pulse curve needs at least 4 rows (got " + std::to_string(n) + ")");
    if (c.conductance.empty() == c.resistance.empty())
        throw InputError(table.origin, "choose either a conductance or a resistance column");
    const bool byR = !c.resistance.empty();
    const std::size_t cg = table.columnIndex(byR ? c.resistance : c.conductance, byR ? "resistance" : "conductance");
    const double fg = byR ? unitFactor(c.resistanceUnit, "ohm", table.origin + ": resistance unit")
                          : unitFactor(c.conductanceUnit, "S", table.origin + ": conductance unit");
    p.g.resize(n);
    p.pulse.resize(n);
    p.phase.assign(n, 0);
    for (std::size_t r = 0; r < n; ++r) {
        const double x = table.columns[cg][r] * fg;
        if (x <= 0) throw InputError(at(table, r, cg), byR ? "resistance must be positive" : "conductance must be positive");
        p.g[r] = byR ? 1.0 / x : x;
    }
    if (c.pulse.empty()) {
        for (std::size_t r = 0; r < n; ++r) p.pulse[r] = static_cast<double>(r);
    } else {
        const std::size_t cp = table.columnIndex(c.pulse, "pulse");
        const bool isTime = !c.pulseUnit.empty() && c.pulseUnit != "#";
        const double fp = isTime ? unitFactor(c.pulseUnit, "s", table.origin + ": pulse time unit") : 1.0;
        for (std::size_t r = 0; r < n; ++r) p.pulse[r] = table.columns[cp][r] * fp;
    }
    if (!c.phase.empty()) {
        const std::size_t ch = table.columnIndex(c.phase, "phase");
        for (std::size_t r = 0; r < n; ++r) {
            const double v = table.columns[ch][r];
            if (v == 1)
                p.phase[r] = 1;
            else if (v == -1)
                p.phase[r] = -1;
            else if (v == 0)
                p.phase[r] = r == 0 ? 0 : -1;  // 1/0 coding: 0 means depression after the first row
            else
                throw InputError(at(table, r, ch), "phase must be +1 (potentiation), -1 or 0 (depression)");
        }
        return p;
    }
    // No phase column: potentiation up to the largest conductance, depression after.
    const auto peak = static_cast<std::size_t>(std::max_element(p.g.begin(), p.g.end()) - p.g.begin());
    for (std::size_t r = 1; r < n; ++r) p.phase[r] = r <= peak ? 1 : -1;
    return p;
}

}  // namespace ms::fit
