#include "core/common/WaveformMeasures.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "core/common/Errors.h"

namespace ms {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// y at x by linear interpolation (x inside the data).
double valueAt(const std::vector<double>& x, const std::vector<double>& y, double at) {
    const auto it = std::lower_bound(x.begin(), x.end(), at);
    if (it == x.begin()) return y.front();
    if (it == x.end()) return y.back();
    const std::size_t k = static_cast<std::size_t>(it - x.begin());
    const double span = x[k] - x[k - 1];
    return span > 0 ? y[k - 1] + (at - x[k - 1]) / span * (y[k] - y[k - 1]) : y[k];
}

// Where the segment k -> k+1 crosses `level` (linear in between).
double crossingAt(const std::vector<double>& t, const std::vector<double>& v, std::size_t k, double level) {
    const double dv = v[k + 1] - v[k];
    return dv != 0 ? t[k] + (level - v[k]) / dv * (t[k + 1] - t[k]) : t[k];
}

bool crossesUp(const std::vector<double>& v, std::size_t k, double level) { return v[k] < level && v[k + 1] >= level; }
bool crossesDown(const std::vector<double>& v, std::size_t k, double level) { return v[k] > level && v[k + 1] <= level; }

// First transition from `from` to `to` (rising when to > from): the first
// crossing of `to`, measured from the last crossing of `from` before it, so
// a slow wobble at the bottom does not count as part of the edge.
double transitionTime(const std::vector<double>& t, const std::vector<double>& v, double from, double to) {
    const bool rising = to > from;
    for (std::size_t k = 0; k + 1 < v.size(); ++k) {
        if (!(rising ? crossesUp(v, k, to) : crossesDown(v, k, to))) continue;
        for (std::size_t j = k + 1; j-- > 0;)
            if (rising ? crossesUp(v, j, from) : crossesDown(v, j, from))
                return crossingAt(t, v, k, to) - crossingAt(t, v, j, from);
        return kNaN;  // the window starts inside the edge
    }
    return kNaN;
}

}  // namespace

WaveformMeasures measureWaveform(const std::vector<double>& x, const std::vector<double>& y, double x0, double x1) {
    if (x.size() != y.size())
        throw InputError("waveform", "x has " + std::to_string(x.size()) + " samples but y has " + std::to_string(y.size()));
    if (x.size() < 2) throw InputError("waveform", "a waveform needs at least two samples");
    double lo = std::max(std::min(x0, x1), x.front()), hi = std::min(std::max(x0, x1), x.back());
    if (!(hi > lo)) throw InputError("waveform", "the window between the cursors has no width inside the data");

    // The window's samples, its two ends interpolated.
    std::vector<double> t{lo}, v{valueAt(x, y, lo)};
    for (std::size_t k = 0; k < x.size(); ++k)
        if (x[k] > lo && x[k] < hi) t.push_back(x[k]), v.push_back(y[k]);
    t.push_back(hi);
    v.push_back(valueAt(x, y, hi));

    WaveformMeasures m;
    m.samples = t.size() - 2;
    m.min = *std::min_element(v.begin(), v.end());
    m.max = *std::max_element(v.begin(), v.end());
    m.peakToPeak = m.max - m.min;
    double square = 0.0;
    for (std::size_t k = 0; k + 1 < t.size(); ++k) {
        const double h = t[k + 1] - t[k];
        m.integral += 0.5 * h * (v[k] + v[k + 1]);
        square += 0.5 * h * (v[k] * v[k] + v[k + 1] * v[k + 1]);
    }
    m.mean = m.integral / (hi - lo);
    m.rms = std::sqrt(square / (hi - lo));

    const double low = m.min + 0.1 * m.peakToPeak, high = m.min + 0.9 * m.peakToPeak, mid = m.min + 0.5 * m.peakToPeak;
    m.riseTime = m.peakToPeak > 0 ? transitionTime(t, v, low, high) : kNaN;
    m.fallTime = m.peakToPeak > 0 ? transitionTime(t, v, high, low) : kNaN;
    // Upward crossings of the mid level; a window that starts on an upward
    // crossing (a sine from t = 0) has one fewer, so downward ones are used
    // when they are more.
    std::vector<double> ups, downs;
    if (m.peakToPeak > 0)
        for (std::size_t k = 0; k + 1 < v.size(); ++k) {
            if (crossesUp(v, k, mid)) ups.push_back(crossingAt(t, v, k, mid));
            if (crossesDown(v, k, mid)) downs.push_back(crossingAt(t, v, k, mid));
        }
    const std::vector<double>& c = downs.size() > ups.size() ? downs : ups;
    m.period = c.size() >= 2 ? (c.back() - c.front()) / static_cast<double>(c.size() - 1) : kNaN;
    return m;
}

}  // namespace ms
