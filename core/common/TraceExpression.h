// Trace expressions over a run's columns, as a waveform viewer's "add trace"
// takes them (LTspice: V(a)-V(b), V(n)*I(R1)): + - * / ^ and parentheses over
// columns and numbers, with integ() and deriv() along the run's x (time), so
// q = integ(i(M1)) and phi = integ(v(in)) draw the memristor's phi-q curve
// (review Fig. 1A), and abs, sqrt, exp, log, log10. Units follow the algebra
// (V*A is W, integ of A over s is C, V/A is Ω); adding unlike units is an error.
// Numbers take SPICE scale suffixes and a unit in brackets: 1k[ohm], 2.5m[A].
#pragma once

#include <string>
#include <vector>

namespace ms {

struct TraceInput {
    std::string name;   // as the run names it: "v(out)", "i(M1)", "t"
    std::string unit;   // "V", "A", "s", "" ...
    std::vector<double> values;
};

struct TraceResult {
    std::vector<double> values;  // one per row of the inputs
    std::string unit;
};

// Columns are matched by name, then case-insensitively (V(OUT) finds v(out)).
// Throws ms::InputError naming the character position and what is wrong:
// unknown column (the known ones listed), unlike units added, a syntax error.
TraceResult evaluateTrace(const std::string& expression, const std::vector<TraceInput>& columns, const TraceInput& x);

}  // namespace ms
