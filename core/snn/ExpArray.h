// exp over an array, written so the compiler vectorises it (a glibc call per
// neuron was a third of a Diehl & Cook step under callgrind; doc/perf notes
// in bench/bench_snn.cpp). Range reduction x = k ln2 + r (Cody-Waite:
// k ln2_hi is exact), Taylor series of degree 13 on |r| <= ln2/2
// (truncation < 5e-18), then two exact multiplications by 2^h and 2^(k-h),
// h ~ k/2, so results in the subnormal range come out as std::exp's do.
// Within one ulp of std::exp for x >= -708.39 (tests/snn/test_snn_neurons.cpp
// checks it); arguments are clamped to [-746, 709].
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>

namespace ms::snn {

inline void expArray(double* x, std::size_t n) {
    constexpr double shifter = 0x1.8p52;  // adding it rounds to an integer held in the low mantissa bits
    constexpr double log2e = 1.4426950408889634, ln2Hi = 0x1.62e42fee00000p-1, ln2Lo = 0x1.a39ef35793c76p-33;
    constexpr std::uint64_t one = 0x3ff0000000000000;  // bits of 1.0
    // The clamps have their own loops: fused with the rest, GCC 12 sees
    // control flow and vectorises nothing.
    for (std::size_t i = 0; i < n; ++i) x[i] = x[i] < -746.0 ? -746.0 : x[i];
    for (std::size_t i = 0; i < n; ++i) x[i] = x[i] > 709.0 ? 709.0 : x[i];
    for (std::size_t i = 0; i < n; ++i) {
        const double v = x[i];
        const double kShifted = v * log2e + shifter;
        const double k = kShifted - shifter;
        const double r = (v - k * ln2Hi) - k * ln2Lo;
        double p = 1.0 / 6227020800.0;  // 1/13!
        p = p * r + 1.0 / 479001600.0;
        p = p * r + 1.0 / 39916800.0;
        p = p * r + 1.0 / 3628800.0;
        p = p * r + 1.0 / 362880.0;
        p = p * r + 1.0 / 40320.0;
        p = p * r + 1.0 / 5040.0;
        p = p * r + 1.0 / 720.0;
        p = p * r + 1.0 / 120.0;
        p = p * r + 1.0 / 24.0;
        p = p * r + 1.0 / 6.0;
        p = p * r + 0.5;
        p = p * r + 1.0;
        p = p * r + 1.0;
        // 2^h and 2^(k-h) from integers in the low bits of the shifted
        // sums: shifted left by 52 they land in the exponent field (the
        // shifter's own bits fall off the top).
        const double hShifted = k * 0.5 + shifter;
        const double h = hShifted - shifter;
        const double rest = (k - h) + shifter;
        const double s1 = std::bit_cast<double>(one + (std::bit_cast<std::uint64_t>(hShifted) << 52));
        const double s2 = std::bit_cast<double>(one + (std::bit_cast<std::uint64_t>(rest) << 52));
        x[i] = p * s1 * s2;
    }
}

}  // namespace ms::snn
