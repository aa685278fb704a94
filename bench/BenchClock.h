// What every bench prints beside its numbers: CPU time next to wall time (on
// a shared machine wall time mostly measures waiting), the load average when
// it ran, and the fitted exponent of a growth table (cost ~ size^k), so a
// change in scaling shows as a number rather than a feeling.
#pragma once

#include <sys/resource.h>

#include <time.h>

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

namespace ms::bench {

// CPU seconds of the whole process (all threads).
inline double processCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// CPU seconds of the calling thread only.
inline double threadCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// "1.02 0.87 0.55": the 1, 5 and 15 minute load averages, or "?" off Linux.
inline std::string loadAverage() {
    std::ifstream f("/proc/loadavg");
    std::string a, b, c;
    if (!(f >> a >> b >> c)) return "?";
    return a + " " + b + " " + c;
}

// Least-squares slope of log y against log x: y ~ x^k gives k.
inline double logSlope(const std::vector<double>& x, const std::vector<double>& y) {
    const double n = static_cast<double>(x.size());
    double mx = 0, my = 0;
    for (std::size_t k = 0; k < x.size(); ++k) {
        mx += std::log(x[k]) / n;
        my += std::log(y[k]) / n;
    }
    double sxy = 0, sxx = 0;
    for (std::size_t k = 0; k < x.size(); ++k) {
        sxy += (std::log(x[k]) - mx) * (std::log(y[k]) - my);
        sxx += (std::log(x[k]) - mx) * (std::log(x[k]) - mx);
    }
    return sxx > 0 ? sxy / sxx : 0.0;
}

}  // namespace ms::bench
