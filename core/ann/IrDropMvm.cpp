#include "core/ann/IrDropMvm.h"

#include <cmath>

#include "core/common/Errors.h"
#include "core/crossbar/CrossbarSolver.h"

namespace ms {

IrDropMvm::IrDropMvm(const IrDropSpec& spec) : spec_(spec) {
    if (spec.rWireRow < 0 || spec.rWireCol < 0 || spec.rDriver < 0 || spec.rSense < 0)
        throw InputError("nonidealities.irDrop", "resistances must not be negative");
    if (!(spec.readVoltage > 0)) throw InputError("nonidealities.irDrop.readVoltage", "must be positive");
}

Eigen::MatrixXd IrDropMvm::transfer(const Eigen::MatrixXd& g) const {
    const auto m = static_cast<std::size_t>(g.rows()), n = static_cast<std::size_t>(g.cols());
    CrossbarSpec xb;
    xb.rows = m;
    xb.cols = n;
    xb.conductance.resize(m * n);
    for (std::size_t i = 0; i < m; ++i)
        for (std::size_t j = 0; j < n; ++j) xb.g(i, j) = g(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
    xb.rWireRow = spec_.rWireRow;
    xb.rWireCol = spec_.rWireCol;
    xb.rDriver = spec_.rDriver;
    xb.rSense = spec_.rSense;
    // MVM drive: every word line driven, every bit line at (virtual) ground.
    CrossbarDrive drive;
    drive.rows.assign(m, LineTerminal{true, spec_.rDriver, 0.0});
    drive.cols.assign(n, LineTerminal{true, spec_.rSense, 0.0});
    Eigen::MatrixXd t;
    if (xb.rWireRow == 0 && xb.rWireCol == 0 && xb.rDriver == 0 && xb.rSense == 0) {
        t = g.transpose();  // every node held by an ideal source: nothing to solve
    } else {
        CrossbarSolver solver(xb, drive);
        t = solver.transferMatrix();
        ++solves_;
    }
    if (spec_.compensation) {
        // Sense-amplifier gain trim from one calibration read with all rows at V_read.
        const Eigen::VectorXd ideal = g.transpose() * Eigen::VectorXd::Ones(g.rows());
        const Eigen::VectorXd real = t * Eigen::VectorXd::Ones(g.rows());
        for (Eigen::Index j = 0; j < t.rows(); ++j)
            if (real[j] > 0) t.row(j) *= ideal[j] / real[j];
    }
    return t;
}

Eigen::VectorXd IrDropMvm::columnCurrents(const Eigen::MatrixXd& g, const Eigen::VectorXd& v) const {
    return transfer(g) * v;
}

Eigen::VectorXd IrDropMvm::tileColumnCurrents(int key, const Eigen::MatrixXd& g, const Eigen::VectorXd& v) const {
    auto it = tiles_.find(key);
    const bool known = it != tiles_.end() && it->second.g0.rows() == g.rows() && it->second.g0.cols() == g.cols();
    if (known && it->second.g0 == g) return it->second.t * v;  // factorization reused
    if (known && !it->second.stale && it->second.callsSince < spec_.refreshCalls) {
        // Conductances moved a little since the last exact solve: first order in dG.
        ++it->second.callsSince;
        return it->second.t * v + (g - it->second.g0).transpose() * v;
    }
    TileState& s = tiles_[key];
    s.g0 = g;
    s.t = transfer(g);
    s.callsSince = 0;
    s.stale = false;
    return s.t * v;
}

void IrDropMvm::refreshAll() const {
    for (auto& [k, s] : tiles_) s.stale = true;
}

}  // namespace ms
