#include "core/crossbar/CrossbarAnalysis.h"

#include <algorithm>
#include <cmath>

#include "core/common/Errors.h"
#include "core/crossbar/CellLaw.h"

namespace ms {

namespace {
void poll(const StopToken* stop) {
    if (stop && stop->stopRequested()) throw Cancelled();
}
}  // namespace

ReadResult readCell(const CrossbarSpec& spec, BiasScheme scheme, std::size_t row, std::size_t col, double vRead,
                    const StopToken* stop) {
    const auto drive = readDrive(spec, scheme, row, col, vRead);
    CrossbarSolver solver(spec, drive, stop);
    ReadResult r;
    r.solution = solver.solve(drive);
    r.selectedCurrent = r.solution.cellI(Eigen::Index(row), Eigen::Index(col));
    r.senseCurrent = r.solution.colCurrent[col];
    r.sneakCurrent = r.senseCurrent - r.selectedCurrent;
    r.vOut = r.senseCurrent * spec.rSense;
    return r;
}

double ReadMargin::worstMargin() const {
    return std::min(onAllOn, onAllOff) - std::max(offAllOn, offAllOff);
}

ReadMargin readMargin(const CrossbarSpec& base, BiasScheme scheme, double gOn, double gOff, double vRead,
                      std::size_t row, std::size_t col, const StopToken* stop) {
    auto signal = [&](double gSel, double gBg) {
        CrossbarSpec s = base;
        s.conductance.assign(s.rows * s.cols, gBg);
        validateCrossbar(s);
        if (row >= s.rows || col >= s.cols) throw InputError("selected", "cell lies outside the array");
        s.g(row, col) = gSel;
        const auto r = readCell(s, scheme, row, col, vRead, stop);
        return s.rSense > 0 ? r.vOut / vRead : r.senseCurrent / (vRead * gOn);
    };
    ReadMargin m;
    m.onAllOn = signal(gOn, gOn);
    m.offAllOn = signal(gOff, gOn);
    m.onAllOff = signal(gOn, gOff);
    m.offAllOff = signal(gOff, gOff);
    return m;
}

std::vector<MarginPoint> readMarginVsN(const CrossbarSpec& base, BiasScheme scheme, double gOn, double gOff,
                                       double vRead, const std::vector<std::size_t>& sizes, const StopToken* stop) {
    std::vector<MarginPoint> out;
    const bool wires = base.rWireRow > 0 || base.rWireCol > 0;
    for (std::size_t n : sizes) {
        poll(stop);
        CrossbarSpec s = base;
        s.rows = s.cols = n;
        s.conductance.assign(n * n, gOn);
        const std::size_t sel = wires ? n - 1 : 0;
        out.push_back({n, readMargin(s, scheme, gOn, gOff, vRead, sel, sel, stop)});
    }
    return out;
}

std::size_t maxArraySize(const std::vector<MarginPoint>& sweep, double required, bool worstCase) {
    std::size_t best = 0;
    for (const auto& p : sweep) {
        const double m = worstCase ? p.margin.worstMargin() : p.margin.margin();
        if (m >= required) best = p.n; else break;
    }
    return best;
}

MvmResult multiply(const CrossbarSpec& spec, const std::vector<double>& inputs, const StopToken* stop) {
    const auto drive = mvmDrive(spec, inputs);
    CrossbarSolver solver(spec, drive, stop);
    MvmResult r;
    r.solution = solver.solve(drive);
    const std::size_t M = spec.rows, N = spec.cols;
    r.ideal.assign(N, 0.0);
    r.cellError.resize(Eigen::Index(M), Eigen::Index(N));
    double largest = 0.0;
    for (std::size_t i = 0; i < M; ++i)
        for (std::size_t j = 0; j < N; ++j) {
            // The ideal cell sees its full input (no IR drop); transistors are on.
            const double rs = spec.cellType == CellType::OneT1R ? spec.transistor.rOn : 0.0;
            const double ideal = CellLaw(spec, spec.g(i, j), rs).at(inputs[i]).current;
            r.ideal[j] += ideal;
            r.cellError(Eigen::Index(i), Eigen::Index(j)) = r.solution.cellI(Eigen::Index(i), Eigen::Index(j)) - ideal;
            largest = std::max(largest, std::fabs(ideal));
        }
    if (largest > 0) r.cellError /= largest;
    r.columnError.assign(N, 0.0);
    for (std::size_t j = 0; j < N; ++j) {
        if (r.ideal[j] != 0.0) r.columnError[j] = (r.solution.colCurrent[j] - r.ideal[j]) / std::fabs(r.ideal[j]);
        r.maxColumnError = std::max(r.maxColumnError, std::fabs(r.columnError[j]));
    }
    return r;
}

ElmoreDelay elmoreDelay(const CrossbarSpec& spec) {
    auto line = [](double rTerm, double rSeg, double cSeg, std::size_t n) {
        double tau = 0.0;
        for (std::size_t k = 1; k <= n; ++k) tau += (rTerm + double(k - 1) * rSeg) * cSeg;
        return tau;
    };
    ElmoreDelay e;
    e.row = line(spec.rDriver, spec.rWireRow, spec.cWireRow, spec.cols);
    e.column = line(spec.rSense, spec.rWireCol, spec.cWireCol, spec.rows);
    return e;
}

TilingResult tile(const CrossbarSpec& spec, std::size_t t, const std::vector<double>& inputs, const StopToken* stop) {
    validateCrossbar(spec);
    if (t == 0) throw InputError("tile", "tile size must be at least 1");
    TilingResult r;
    const auto whole = multiply(spec, inputs, stop);
    r.ideal = whole.ideal;
    r.whole = whole.solution.colCurrent;
    r.tiled.assign(spec.cols, 0.0);
    r.tileRows = (spec.rows + t - 1) / t;
    r.tileCols = (spec.cols + t - 1) / t;
    r.tiles = r.tileRows * r.tileCols;
    for (std::size_t ti = 0; ti < r.tileRows; ++ti)
        for (std::size_t tj = 0; tj < r.tileCols; ++tj) {
            poll(stop);
            CrossbarSpec s = spec;
            const std::size_t i0 = ti * t, j0 = tj * t;
            s.rows = std::min(t, spec.rows - i0);
            s.cols = std::min(t, spec.cols - j0);
            s.conductance.clear();
            for (std::size_t i = 0; i < s.rows; ++i)
                for (std::size_t j = 0; j < s.cols; ++j) s.conductance.push_back(spec.g(i0 + i, j0 + j));
            std::vector<double> x(inputs.begin() + long(i0), inputs.begin() + long(i0 + s.rows));
            const auto part = multiply(s, x, stop);
            for (std::size_t j = 0; j < s.cols; ++j) r.tiled[j0 + j] += part.solution.colCurrent[j];
        }
    for (std::size_t j = 0; j < spec.cols; ++j) {
        if (r.ideal[j] == 0.0) continue;
        r.maxErrorWhole = std::max(r.maxErrorWhole, std::fabs(r.whole[j] - r.ideal[j]) / std::fabs(r.ideal[j]));
        r.maxErrorTiled = std::max(r.maxErrorTiled, std::fabs(r.tiled[j] - r.ideal[j]) / std::fabs(r.ideal[j]));
    }
    return r;
}

CrossbarSpec differentialCrossbar(const CrossbarSpec& base, const Eigen::MatrixXd& w, double gMin, double gMax) {
    if (!(gMin > 0) || !(gMax > gMin))
        throw InputError("mapping", "need 0 < gMin < gMax for a differential mapping");
    CrossbarSpec s = base;
    s.rows = std::size_t(w.rows());
    s.cols = 2 * std::size_t(w.cols());
    s.conductance.assign(s.rows * s.cols, gMin);
    const double wMax = w.cwiseAbs().maxCoeff();
    for (Eigen::Index i = 0; i < w.rows(); ++i)
        for (Eigen::Index k = 0; k < w.cols(); ++k) {
            const double u = wMax > 0 ? w(i, k) / wMax : 0.0;
            s.g(std::size_t(i), std::size_t(2 * k)) = gMin + (gMax - gMin) * std::max(u, 0.0);
            s.g(std::size_t(i), std::size_t(2 * k + 1)) = gMin + (gMax - gMin) * std::max(-u, 0.0);
        }
    return s;
}

std::vector<double> differentialOutputs(const std::vector<double>& c) {
    std::vector<double> y(c.size() / 2);
    for (std::size_t k = 0; k < y.size(); ++k) y[k] = c[2 * k] - c[2 * k + 1];
    return y;
}

}  // namespace ms
