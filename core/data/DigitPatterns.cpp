#include "core/data/DigitPatterns.h"

#include <random>

namespace ms {

namespace {

// '#' is ink. Rows top to bottom, five pixels each.
const char* const kPatterns[10][kDigitPatternHeight] = {
    {".###.", "#...#", "#...#", "#...#", "#...#", ".###."},  // 0
    {"..#..", ".##..", "..#..", "..#..", "..#..", ".###."},  // 1
    {".###.", "#...#", "...#.", "..#..", ".#...", "#####"},  // 2
    {"####.", "....#", ".###.", "....#", "....#", "####."},  // 3
    {"...#.", "..##.", ".#.#.", "#####", "...#.", "...#."},  // 4
    {"#####", "#....", "####.", "....#", "....#", "####."},  // 5
    {".###.", "#....", "####.", "#...#", "#...#", ".###."},  // 6
    {"#####", "....#", "...#.", "..#..", ".#...", ".#..."},  // 7
    {".###.", "#...#", ".###.", "#...#", "#...#", ".###."},  // 8
    {".###.", "#...#", "#...#", ".####", "....#", ".###."},  // 9
};

}  // namespace

Dataset digitPatterns5x6() {
    Dataset d;
    d.name = "digit-patterns-5x6";
    d.classCount = 10;
    d.imageWidth = kDigitPatternWidth;
    d.imageHeight = kDigitPatternHeight;
    d.features = Eigen::MatrixXd::Zero(10, kDigitPatternWidth * kDigitPatternHeight);
    for (int digit = 0; digit < 10; ++digit) {
        d.labels.push_back(digit);
        d.classNames.push_back(std::to_string(digit));
        for (int r = 0; r < kDigitPatternHeight; ++r)
            for (int c = 0; c < kDigitPatternWidth; ++c)
                d.features(digit, r * kDigitPatternWidth + c) = kPatterns[digit][r][c] == '#' ? 1.0 : 0.0;
    }
    return d;
}

Dataset cycledDigitPatterns(int count, double flip, std::uint64_t seed) {
    const Dataset clean = digitPatterns5x6();
    Dataset d = clean;
    d.features.resize(count, clean.features.cols());
    d.labels.clear();
    // The draw is written out (53 bits of the generator over 2^53), not a
    // standard-library distribution, so a seed flips the same pixels everywhere.
    std::mt19937_64 rng(seed);
    auto flipped = [&] { return static_cast<double>(rng() >> 11) * 0x1.0p-53 < flip; };
    for (int k = 0; k < count; ++k) {
        d.features.row(k) = clean.features.row(k % 10);
        d.labels.push_back(k % 10);
        if (flip > 0)
            for (Eigen::Index i = 0; i < d.features.cols(); ++i)
                if (flipped()) d.features(k, i) = 1.0 - d.features(k, i);
    }
    return d;
}

}  // namespace ms
