// Split, shuffle and scale with recorded seeds.
#include <cmath>
#include <limits>
#include <random>

#include "core/common/Errors.h"
#include "core/data/Dataset.h"

namespace ms {

std::vector<int> seededPermutation(int n, std::uint64_t seed) {
    std::vector<int> idx(n);
    for (int i = 0; i < n; ++i) idx[i] = i;
    std::mt19937_64 rng(seed);
    // Fisher-Yates with an unbiased bounded draw by rejection (defined here,
    // so the order is the same with every standard library).
    for (int i = n - 1; i > 0; --i) {
        const std::uint64_t range = static_cast<std::uint64_t>(i) + 1;
        const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() -
                                    std::numeric_limits<std::uint64_t>::max() % range;
        std::uint64_t x = rng();
        while (x >= limit) x = rng();
        std::swap(idx[i], idx[static_cast<int>(x % range)]);
    }
    return idx;
}

Dataset subsetOf(const Dataset& all, const std::vector<int>& indices) {
    Dataset d;
    d.name = all.name;
    d.classCount = all.classCount;
    d.classNames = all.classNames;
    d.imageWidth = all.imageWidth;
    d.imageHeight = all.imageHeight;
    d.features.resize(static_cast<Eigen::Index>(indices.size()), all.features.cols());
    d.labels.resize(indices.size());
    for (std::size_t r = 0; r < indices.size(); ++r) {
        const int i = indices[r];
        if (i < 0 || i >= all.features.rows()) throw InputError("indices[" + std::to_string(r) + "]", "sample index out of range");
        d.features.row(static_cast<Eigen::Index>(r)) = all.features.row(i);
        d.labels[r] = all.labels[i];
    }
    return d;
}

void shuffleSamples(Dataset& d, std::uint64_t seed) {
    d = subsetOf(d, seededPermutation(static_cast<int>(d.labels.size()), seed));
}

Split splitDataset(const Dataset& all, double testFraction, std::uint64_t seed) {
    if (!(testFraction > 0.0 && testFraction < 1.0))
        throw InputError("testFraction", "must lie strictly between 0 and 1 (got " + std::to_string(testFraction) + ")");
    const int n = static_cast<int>(all.labels.size());
    if (all.features.rows() != n) throw InputError(all.name, "feature rows and labels disagree");
    const int nTest = static_cast<int>(std::lround(n * testFraction));
    if (nTest < 1 || nTest >= n)
        throw InputError("testFraction", "leaves an empty train or test set for " + std::to_string(n) + " samples");
    const auto perm = seededPermutation(n, seed);
    Split s;
    s.test = subsetOf(all, std::vector<int>(perm.begin(), perm.begin() + nTest));
    s.train = subsetOf(all, std::vector<int>(perm.begin() + nTest, perm.end()));
    return s;
}

void scaleFeatures(Dataset& d, double maxValue) {
    if (!(maxValue > 0.0) || !std::isfinite(maxValue))
        throw InputError("maxValue", "must be a positive finite number");
    d.features /= maxValue;
}

}  // namespace ms
