#include "core/crossbar/CrossbarSpec.h"

#include <cmath>
#include <fstream>
#include <sstream>

#include "core/common/Errors.h"
#include "core/common/ParamSpec.h"

namespace ms {

const char* toString(CellType t) {
    switch (t) {
        case CellType::OneR: return "1R";
        case CellType::OneT1R: return "1T1R";
        case CellType::OneS1R: return "1S1R";
    }
    return "?";
}

CellType cellTypeFromString(const std::string& id, const std::string& path) {
    if (id == "1R") return CellType::OneR;
    if (id == "1T1R") return CellType::OneT1R;
    if (id == "1S1R") return CellType::OneS1R;
    throw InputError(path, "unknown cell type '" + id + "' (known: 1R, 1T1R, 1S1R)");
}

double ElementNonlinearity::sinhRate() const {
    // K_r = sinh(a V)/sinh(a V/2) = 2 cosh(a V/2)  =>  a = 2 acosh(K_r/2) / V.
    return linear() ? 0.0 : 2.0 * std::acosh(kr / 2.0) / vRef;
}

CrossbarSpec uniformCrossbar(std::size_t rows, std::size_t cols, double g) {
    CrossbarSpec s;
    s.rows = rows;
    s.cols = cols;
    s.conductance.assign(rows * cols, g);
    return s;
}

namespace {

void requirePositive(double v, const std::string& path, const std::string& unit, const std::string& what) {
    if (!std::isfinite(v) || v <= 0.0)
        throw InputError(path, formatWithUnit(v, unit) + ": " + what + " must be positive and finite");
}

void requireNonNegative(double v, const std::string& path, const std::string& unit, const std::string& what) {
    if (!std::isfinite(v) || v < 0.0)
        throw InputError(path, formatWithUnit(v, unit) + ": " + what + " must be zero or positive and finite");
}

}  // namespace

void validateCrossbar(const CrossbarSpec& s, const std::string& path) {
    if (s.rows == 0 || s.cols == 0)
        throw InputError(path + ".size", "a crossbar needs at least one row and one column (got " +
                                             std::to_string(s.rows) + "×" + std::to_string(s.cols) + ")");
    if (s.conductance.size() != s.rows * s.cols)
        throw InputError(path + ".conductance", "has " + std::to_string(s.conductance.size()) +
                                                    " values but the array is " + std::to_string(s.rows) + "×" +
                                                    std::to_string(s.cols) + " = " +
                                                    std::to_string(s.rows * s.cols) + " cells");
    for (std::size_t i = 0; i < s.rows; ++i)
        for (std::size_t j = 0; j < s.cols; ++j) {
            const double g = s.g(i, j);
            if (!std::isfinite(g) || g <= 0.0)
                throw InputError(path + ".conductance[" + std::to_string(i) + "][" + std::to_string(j) + "]",
                                 formatWithUnit(g, "S") +
                                     ": cell conductance must be positive and finite (cell resistance 1/G "
                                     "must be a positive resistance)");
        }
    requireNonNegative(s.rWireRow, path + ".rWireRow", "ohm", "row wire resistance per segment");
    requireNonNegative(s.rWireCol, path + ".rWireCol", "ohm", "column wire resistance per segment");
    requireNonNegative(s.rDriver, path + ".rDriver", "ohm", "driver resistance");
    requireNonNegative(s.rSense, path + ".rSense", "ohm", "sense resistance");
    requireNonNegative(s.cWireRow, path + ".cWireRow", "F", "row wire capacitance per segment");
    requireNonNegative(s.cWireCol, path + ".cWireCol", "F", "column wire capacitance per segment");
    if (!std::isfinite(s.nonlinearity.kr) || s.nonlinearity.kr < 2.0)
        throw InputError(path + ".nonlinearity.kr", formatWithUnit(s.nonlinearity.kr, "") +
                                                        ": K_r = I(V)/I(V/2) must be at least 2 (2 = linear)");
    requirePositive(s.nonlinearity.vRef, path + ".nonlinearity.vRef", "V", "the K_r reference voltage");
    if (s.cellType == CellType::OneT1R) {
        requirePositive(s.transistor.rOn, path + ".transistor.rOn", "ohm", "transistor on-resistance");
        requirePositive(s.transistor.rOff, path + ".transistor.rOff", "ohm", "transistor off-resistance");
        if (s.transistor.rOff <= s.transistor.rOn)
            throw InputError(path + ".transistor.rOff", "must be greater than rOn (" +
                                                            formatWithUnit(s.transistor.rOn, "ohm") + ")");
    }
    if (s.cellType == CellType::OneS1R) {
        requirePositive(s.selector.is, path + ".selector.is", "A", "selector current scale Is");
        requirePositive(s.selector.vs, path + ".selector.vs", "V", "selector voltage scale Vs");
    }
}

double crossbarMemoryEstimate(const CrossbarSpec& s) {
    // Cholesky fill of a 2-layer M×N grid under nested dissection grows as
    // P·log2(P) (George 1973); the constant was measured on this solver
    // (bench_crossbar, 32..512) and rounded up: ~24·P·log2 P factor entries
    // of 12 bytes (value + row index), plus matrix, ordering and maps.
    const double p = double(s.rows) * double(s.cols);
    const double lg = std::log2(std::max(p, 2.0));
    const double factor = 24.0 * p * lg * 12.0;
    const double rest = p * 2.0 * (8 * 8 + 4 * 12);  // matrix, permutations, vectors, maps
    return factor + rest;
}

double availableMemoryBytes() {
    std::ifstream in("/proc/meminfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("MemAvailable:", 0) == 0) {
            std::istringstream is(line.substr(13));
            double kb = 0;
            is >> kb;
            return kb * 1024.0;
        }
    }
    return 0.0;
}

void checkCrossbarMemory(const CrossbarSpec& s, const std::string& path) {
    const double need = crossbarMemoryEstimate(s);
    const double have = availableMemoryBytes();
    if (have > 0.0 && need > have) {
        std::ostringstream os;
        os.precision(3);
        os << "a " << s.rows << "×" << s.cols << " array needs about " << need / 1073741824.0
           << " GiB for its exact solve but only " << have / 1073741824.0
           << " GiB are available (MemAvailable); use a smaller array or tile it";
        throw InputError(path + ".size", os.str());
    }
}

}  // namespace ms
