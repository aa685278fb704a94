// Newton-Raphson on R(y) = 0 for the analyses (internal). Rows are
// equilibrated (each divided by its largest Jacobian entry) before a
// full-pivoting LU, so a singular system is recognised as such whatever the
// mix of units (siemens, volts, normalised states).
#pragma once

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <vector>

#include "core/circuit/Element.h"

namespace ms::circuit {

struct NewtonResult {
    bool converged = false;
    bool singular = false;
    int iterations = 0;
    int worstRow = 0;  // row of the largest equilibrated residual at the last iterate
};

struct NewtonSettings {
    int maxIterations = 50;
    double relTol = 1e-6;
    Eigen::VectorXd absTol;      // per unknown
    double maxVoltageStep = 0.0; // V; > 0 damps steps that move a node more than this
    const std::vector<UnknownKind>* kinds = nullptr;
};

// `system(y, R, J)` fills the residual and its Jacobian.
template <class System>
NewtonResult newtonSolve(System&& system, Eigen::VectorXd& y, const NewtonSettings& s) {
    NewtonResult out;
    const Eigen::Index n = y.size();
    Eigen::VectorXd R(n);
    Eigen::MatrixXd J(n, n);
    for (int it = 1; it <= s.maxIterations; ++it) {
        out.iterations = it;
        system(y, R, J);
        Eigen::VectorXd rowScale(n);
        for (Eigen::Index r = 0; r < n; ++r) {
            const double m = J.row(r).cwiseAbs().maxCoeff();
            rowScale[r] = m > 0.0 ? 1.0 / m : 1.0;
        }
        const Eigen::MatrixXd Js = rowScale.asDiagonal() * J;
        const Eigen::VectorXd Rs = rowScale.cwiseProduct(R);
        Rs.cwiseAbs().maxCoeff(&out.worstRow);
        Eigen::FullPivLU<Eigen::MatrixXd> lu(Js);
        lu.setThreshold(1e-13);
        if (!lu.isInvertible()) {
            out.singular = true;
            return out;
        }
        Eigen::VectorXd dy = -lu.solve(Rs);
        if (!dy.allFinite()) {
            out.singular = true;
            return out;
        }
        bool small = true;
        for (Eigen::Index k = 0; k < n; ++k)
            if (std::fabs(dy[k]) > s.absTol[k] + s.relTol * std::fabs(y[k])) small = false;
        double alpha = 1.0;
        if (s.maxVoltageStep > 0.0 && s.kinds) {
            double m = 0.0;
            for (Eigen::Index k = 0; k < n; ++k)
                if ((*s.kinds)[static_cast<std::size_t>(k)] == UnknownKind::NodeVoltage) m = std::max(m, std::fabs(dy[k]));
            if (m > s.maxVoltageStep) alpha = s.maxVoltageStep / m;
        }
        y += alpha * dy;
        if (small && alpha == 1.0) {
            out.converged = true;
            return out;
        }
    }
    system(y, R, J);
    Eigen::VectorXd rs(n);
    for (Eigen::Index r = 0; r < n; ++r) {
        const double m = J.row(r).cwiseAbs().maxCoeff();
        rs[r] = std::fabs(R[r]) / (m > 0.0 ? m : 1.0);
    }
    rs.maxCoeff(&out.worstRow);
    return out;
}

// Per-unknown absolute tolerances from the kinds.
inline Eigen::VectorXd absTolerances(const std::vector<UnknownKind>& kinds, double v, double i, double x) {
    Eigen::VectorXd a(static_cast<Eigen::Index>(kinds.size()));
    for (std::size_t k = 0; k < kinds.size(); ++k)
        a[static_cast<Eigen::Index>(k)] = kinds[k] == UnknownKind::NodeVoltage ? v : kinds[k] == UnknownKind::BranchCurrent ? i : x;
    return a;
}

}  // namespace ms::circuit
