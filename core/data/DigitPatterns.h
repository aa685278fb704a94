// The ten digits 0-9 as 5x6 binary pixel patterns, the kind of 30-pixel
// input Chu et al. taught a 30x10 PCMO array (IEEE Trans. Ind. Electron.
// 62:2410, 2015). Built in: no file to find.
#pragma once

#include <cstdint>

#include "core/data/Dataset.h"

namespace ms {

inline constexpr int kDigitPatternWidth = 5, kDigitPatternHeight = 6;

// Ten samples, one per digit (label = digit), pixels row by row, ink 1, blank 0.
Dataset digitPatterns5x6();

// `count` presentations cycling through the patterns (sample k is digit
// k mod 10), each pixel flipped with probability `flip` (seeded; 0: clean).
Dataset cycledDigitPatterns(int count, double flip, std::uint64_t seed);

}  // namespace ms
