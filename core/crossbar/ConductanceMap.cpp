#include "core/crossbar/ConductanceMap.h"

#include <cmath>
#include <fstream>
#include <random>

#include "core/common/Errors.h"
#include "core/common/ParamSpec.h"

namespace ms {

namespace {

std::string where(const std::string& file, std::size_t line, std::size_t column) {
    return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

// Splits one CSV line into (column, text) fields; column is 1-based.
std::vector<std::pair<std::size_t, std::string>> fields(const std::string& line) {
    std::vector<std::pair<std::size_t, std::string>> out;
    std::size_t start = 0;
    for (std::size_t k = 0; k <= line.size(); ++k) {
        if (k == line.size() || line[k] == ',' || line[k] == ';') {
            std::size_t a = start, b = k;
            while (a < b && std::isspace(static_cast<unsigned char>(line[a]))) ++a;
            while (b > a && std::isspace(static_cast<unsigned char>(line[b - 1]))) --b;
            out.emplace_back(a + 1, line.substr(a, b - a));
            start = k + 1;
        }
    }
    return out;
}

bool parseNumber(const std::string& text, double& value) {
    if (text.empty()) return false;
    char* end = nullptr;
    value = std::strtod(text.c_str(), &end);
    return end == text.c_str() + text.size();
}

}  // namespace

std::vector<double> loadConductanceCsv(const std::string& filePath, std::size_t expectRows, std::size_t expectCols,
                                       std::size_t* rowsOut, std::size_t* colsOut) {
    std::ifstream in(filePath);
    if (!in) throw InputError(filePath, "cannot open the conductance map file");
    std::vector<double> values;
    std::size_t rows = 0, cols = 0, lineNo = 0;
    bool sawData = false;
    std::string line;
    while (std::getline(in, line)) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos || line[line.find_first_not_of(" \t")] == '#') continue;
        const auto f = fields(line);
        double v = 0;
        if (!sawData && !parseNumber(f.front().second, v)) continue;  // a header line
        sawData = true;
        if (cols == 0) cols = f.size();
        if (f.size() != cols)
            throw InputError(where(filePath, lineNo, 1), "has " + std::to_string(f.size()) + " values but the first row has " +
                                                             std::to_string(cols));
        if (expectCols && cols != expectCols)
            throw InputError(where(filePath, lineNo, 1), "has " + std::to_string(cols) +
                                                             " columns but the crossbar has " + std::to_string(expectCols));
        for (const auto& [column, text] : f) {
            if (!parseNumber(text, v))
                throw InputError(where(filePath, lineNo, column), "'" + text + "' is not a number (conductance in S)");
            if (!std::isfinite(v) || v <= 0)
                throw InputError(where(filePath, lineNo, column),
                                 formatWithUnit(v, "S") + ": a conductance must be positive and finite");
            values.push_back(v);
        }
        ++rows;
        if (expectRows && rows > expectRows)
            throw InputError(where(filePath, lineNo, 1), "is row " + std::to_string(rows) + " but the crossbar has " +
                                                             std::to_string(expectRows) + " rows");
    }
    if (rows == 0) throw InputError(filePath, "holds no conductance values");
    if (expectRows && rows != expectRows)
        throw InputError(where(filePath, lineNo + 1, 1), "the file ends after " + std::to_string(rows) +
                                                             " rows but the crossbar has " + std::to_string(expectRows));
    if (rowsOut) *rowsOut = rows;
    if (colsOut) *colsOut = cols;
    return values;
}

std::vector<double> randomConductanceMap(std::size_t rows, std::size_t cols, double gMin, double gMax,
                                         std::uint64_t seed, double onFraction) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    std::vector<double> g(rows * cols);
    const double lo = std::log(gMin), hi = std::log(gMax);
    for (auto& v : g) {
        const double r = u(rng);
        v = onFraction >= 0 ? (r < onFraction ? gMax : gMin) : std::exp(lo + (hi - lo) * r);
    }
    return g;
}

std::vector<double> programmedConductanceMap(const Eigen::MatrixXd& w, double gMin, double gMax) {
    std::vector<double> g(static_cast<std::size_t>(w.size()));
    const double lo = w.minCoeff(), hi = w.maxCoeff();
    for (Eigen::Index i = 0; i < w.rows(); ++i)
        for (Eigen::Index j = 0; j < w.cols(); ++j)
            g[static_cast<std::size_t>(i * w.cols() + j)] =
                hi > lo ? gMin + (gMax - gMin) * (w(i, j) - lo) / (hi - lo) : gMax;
    return g;
}

}  // namespace ms
