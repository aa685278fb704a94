// Measurements of a sampled waveform between two cursors, as a circuit
// simulator's waveform viewer gives them (LTspice's .meas AVG, RMS, INTEG,
// MIN, MAX, PP, rise and fall times, period): what a lecturer reads off a
// current trace without exporting it.
#pragma once

#include <cstddef>
#include <vector>

namespace ms {

struct WaveformMeasures {
    std::size_t samples = 0;   // samples inside the window (its ends are interpolated in addition)
    double min = 0.0, max = 0.0, peakToPeak = 0.0;
    double mean = 0.0;         // integral / window length
    double rms = 0.0;          // sqrt(integral of y^2 / window length)
    double integral = 0.0;     // trapezoids; y·x units (A·s = C, V·s = Wb)
    // NaN when the window holds no such edge or no two crossings.
    double riseTime = 0.0;     // first 10 % -> 90 % transition of the window's min..max
    double fallTime = 0.0;     // first 90 % -> 10 % transition
    double period = 0.0;       // mean spacing of crossings of the mid level (min + max) / 2 in one direction
};

// y sampled at ascending x; the window [x0, x1] may be given in either order
// and is clipped to the data. Throws ms::InputError for unequal lengths,
// fewer than two samples or a window of zero width.
WaveformMeasures measureWaveform(const std::vector<double>& x, const std::vector<double>& y, double x0, double x1);

}  // namespace ms
