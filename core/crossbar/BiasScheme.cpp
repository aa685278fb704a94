#include "core/crossbar/BiasScheme.h"

#include "core/common/Errors.h"

namespace ms {

const char* toString(BiasScheme b) {
    switch (b) {
        case BiasScheme::Floating: return "floating";
        case BiasScheme::Grounded: return "grounded";
        case BiasScheme::HalfV: return "v2";
        case BiasScheme::ThirdV: return "v3";
    }
    return "?";
}

BiasScheme biasSchemeFromString(const std::string& id, const std::string& path) {
    for (auto b : allBiasSchemes())
        if (id == toString(b)) return b;
    throw InputError(path, "unknown bias scheme '" + id + "' (known: floating, grounded, v2, v3)");
}

std::vector<BiasScheme> allBiasSchemes() {
    return {BiasScheme::Floating, BiasScheme::Grounded, BiasScheme::HalfV, BiasScheme::ThirdV};
}

namespace {

void checkCell(const CrossbarSpec& spec, std::size_t row, std::size_t col) {
    if (row >= spec.rows || col >= spec.cols)
        throw InputError("selected", "cell (" + std::to_string(row) + ", " + std::to_string(col) +
                                         ") lies outside the " + std::to_string(spec.rows) + "×" +
                                         std::to_string(spec.cols) + " array");
}

CrossbarDrive selectDrive(const CrossbarSpec& spec, BiasScheme scheme, std::size_t row, std::size_t col, double v,
                          double rSelectedCol) {
    checkCell(spec, row, col);
    CrossbarDrive d;
    LineTerminal unselRow, unselCol;
    if (scheme != BiasScheme::Floating) {
        unselRow = {true, spec.rDriver, 0.0};
        unselCol = {true, spec.rDriver, 0.0};
        if (scheme == BiasScheme::HalfV) unselRow.voltage = unselCol.voltage = v / 2.0;
        if (scheme == BiasScheme::ThirdV) {
            unselRow.voltage = v / 3.0;
            unselCol.voltage = 2.0 * v / 3.0;
        }
    }
    d.rows.assign(spec.rows, unselRow);
    d.cols.assign(spec.cols, unselCol);
    d.rows[row] = {true, spec.rDriver, v};
    d.cols[col] = {true, rSelectedCol, 0.0};
    if (spec.cellType == CellType::OneT1R) {
        d.gateOn.assign(spec.rows, 0);
        d.gateOn[row] = 1;
    }
    return d;
}

}  // namespace

CrossbarDrive readDrive(const CrossbarSpec& spec, BiasScheme scheme, std::size_t row, std::size_t col, double v) {
    return selectDrive(spec, scheme, row, col, v, spec.rSense);
}

CrossbarDrive writeDrive(const CrossbarSpec& spec, BiasScheme scheme, std::size_t row, std::size_t col, double v) {
    return selectDrive(spec, scheme, row, col, v, spec.rDriver);
}

CrossbarDrive mvmDrive(const CrossbarSpec& spec, const std::vector<double>& inputs) {
    if (inputs.size() != spec.rows)
        throw InputError("inputs", "has " + std::to_string(inputs.size()) + " values but the array has " +
                                       std::to_string(spec.rows) + " rows");
    CrossbarDrive d;
    for (double x : inputs) d.rows.push_back({true, spec.rDriver, x});
    d.cols.assign(spec.cols, {true, spec.rSense, 0.0});
    return d;
}

}  // namespace ms
