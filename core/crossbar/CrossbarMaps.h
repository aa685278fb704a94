// Streaming an M×N crossbar map as a series: one row per array row (row 0
// first), columns "c0".."c{N-1}" in `unit`. memstudio-cli writes it as a CSV
// and the studio's crossbar view draws it as a heatmap (row 0 at the top).
// Names used: map_conductance (S), map_cell_current (A), map_row_voltage (V),
// map_col_voltage (V), map_disturb_dG (S), map_mvm_error (relative).
#pragma once

#include <string>
#include <vector>

#include <Eigen/Dense>

#include "core/sim/Frames.h"

namespace ms {

inline void streamMap(FrameSink& sink, const std::string& id, const Eigen::MatrixXd& map, const std::string& unit) {
    std::vector<Column> columns;
    for (Eigen::Index j = 0; j < map.cols(); ++j) columns.push_back({"c" + std::to_string(j), unit});
    sink.beginSeries(id, columns);
    const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rowMajor = map;
    sink.appendRows(id, rowMajor.data(), std::size_t(map.rows()));
}

inline Eigen::MatrixXd conductanceMatrix(const std::vector<double>& g, std::size_t rows, std::size_t cols) {
    Eigen::MatrixXd m(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
    for (std::size_t i = 0; i < rows; ++i)
        for (std::size_t j = 0; j < cols; ++j) m(Eigen::Index(i), Eigen::Index(j)) = g[i * cols + j];
    return m;
}

}  // namespace ms
