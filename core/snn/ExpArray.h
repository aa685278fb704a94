// exp over an array, written so the compiler vectorises it (a glibc call per
// neuron was a third of a Diehl & Cook step under callgrind; see the notes
// in bench/bench_snn.cpp). Range reduction x = k ln2 + r (Cody-Waite:
// k ln2_hi is exact), Taylor series of degree 13 on |r| <= ln2/2
// (truncation < 5e-18), 2^k added to the exponent bits. Within one ulp of
// std::exp for -708.3 <= x <= 709 (tests/snn/test_snn_neurons.cpp checks
// it). Below -708.33 it returns 0 where std::exp returns values near or in
// the subnormal range: arithmetic that produces those costs a microcode
// assist of ~100 cycles (perf found a third of the STDP step there, in the
// traces of neurons silent for seconds), and they are below any effect on
// a potential or a weight. Above 709 it returns exp(709).
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>

// On x86-64 Linux, functions marked MS_SIMD_CLONES are compiled twice, for
// AVX2 (4 doubles per instruction) and for the SSE2 baseline, and the loader
// picks one for the CPU. AVX2 without FMA: the same IEEE operations, so the
// same results on every machine.
// Not under sanitizers: their runtimes and ifunc resolvers do not mix well.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define MS_NO_SIMD_CLONES
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define MS_NO_SIMD_CLONES
#endif
#endif
#if defined(__x86_64__) && defined(__linux__) && !defined(MS_NO_SIMD_CLONES)
#define MS_SIMD_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define MS_SIMD_CLONES
#endif

namespace ms::snn {

inline void expArray(double* x, std::size_t n) {
    constexpr double shifter = 0x1.8p52;  // adding it rounds to an integer held in the low mantissa bits
    constexpr double log2e = 1.4426950408889634, ln2Hi = 0x1.62e42fee00000p-1, ln2Lo = 0x1.a39ef35793c76p-33;
    // The clamps and the flush have their own loops: fused with the rest,
    // GCC 12 sees control flow and vectorises nothing.
    // exp(low) = 2.34e-308 is still a normal number and below expLow, which
    // is below exp(-708.3) = 2.46e-308.
    constexpr double low = -708.35, high = 709.0, expLow = 2.4e-308;
    for (std::size_t i = 0; i < n; ++i) x[i] = x[i] < low ? low : x[i];
    for (std::size_t i = 0; i < n; ++i) x[i] = x[i] > high ? high : x[i];
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
        // The low bits of kShifted hold k; shifted left by 52 they add k to
        // the exponent field (the shifter's own bits fall off the top).
        x[i] = std::bit_cast<double>(std::bit_cast<std::uint64_t>(p) + (std::bit_cast<std::uint64_t>(kShifted) << 52));
    }
    for (std::size_t i = 0; i < n; ++i) x[i] = x[i] < expLow ? 0.0 : x[i];
}

}  // namespace ms::snn
