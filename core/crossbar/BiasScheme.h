// Bias schemes for reading or writing one cell of a passive (or gated) array
// (docs/crossbar.md §1): the selected row is driven at V, the selected
// column is held at 0 V (through the sense resistance for a read), and the
// unselected lines are
//   Floating  left open (Flocke & Noll, ESSCIRC 2007),
//   Grounded  held at 0 V,
//   HalfV     held at V/2 (rows and columns),
//   ThirdV    rows at V/3, columns at 2V/3,
// each through the driver resistance. For 1T1R only the selected row's gate is
// on. MVM drives every row with its input and holds every column at 0 V.
#pragma once

#include <string>
#include <vector>

#include "core/crossbar/CrossbarSolver.h"

namespace ms {

enum class BiasScheme { Floating, Grounded, HalfV, ThirdV };

const char* toString(BiasScheme b);
BiasScheme biasSchemeFromString(const std::string& id, const std::string& path);  // floating, grounded, v2, v3
std::vector<BiasScheme> allBiasSchemes();

// Read: selected column terminal = spec.rSense to 0 V (0 = virtual ground).
CrossbarDrive readDrive(const CrossbarSpec& spec, BiasScheme scheme, std::size_t row, std::size_t col, double v);
// Write: as a read, but the selected column is a driver (spec.rDriver).
CrossbarDrive writeDrive(const CrossbarSpec& spec, BiasScheme scheme, std::size_t row, std::size_t col, double v);
// MVM: row i at inputs[i] behind rDriver, columns at 0 V behind rSense, all gates on.
CrossbarDrive mvmDrive(const CrossbarSpec& spec, const std::vector<double>& inputs);

}  // namespace ms
