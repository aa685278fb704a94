// Where a crossbar's programmed conductance map comes from (issue 5): a CSV
// file, a seeded random draw, or a weight matrix mapped linearly onto the
// device's conductance window. Maps are row-major M×N in siemens, as
// CrossbarSpec::conductance holds them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Dense>

namespace ms {

// A CSV of M lines × N numbers (S), comma- or semicolon-separated; blank lines
// and lines starting with '#' are skipped; a first line that is not numeric is
// a header and skipped. Throws InputError("file:line:column", why) for a
// missing file, a non-number, a ragged line, or a count that differs from the
// expected rows/cols (0 = take the file's own size). rowsOut/colsOut get the
// size read.
std::vector<double> loadConductanceCsv(const std::string& filePath, std::size_t expectRows, std::size_t expectCols,
                                       std::size_t* rowsOut = nullptr, std::size_t* colsOut = nullptr);

// Each cell drawn from `seed` (std::mt19937_64): uniform in log G between gMin
// and gMax, or, with `onFraction` in [0, 1], binary: gMax with probability
// onFraction, else gMin (a stored bit pattern).
std::vector<double> randomConductanceMap(std::size_t rows, std::size_t cols, double gMin, double gMax,
                                         std::uint64_t seed, double onFraction = -1.0);

// Programs weights w (M×N) onto [gMin, gMax] linearly: the smallest weight
// maps to gMin, the largest to gMax (a constant matrix maps to gMax). The
// affine offset is the usual single-column mapping (Hu et al. 2016); signed
// weights on column pairs use differentialCrossbar() instead.
std::vector<double> programmedConductanceMap(const Eigen::MatrixXd& weights, double gMin, double gMax);

}  // namespace ms
