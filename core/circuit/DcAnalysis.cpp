// DC operating point: Newton-Raphson from the present solution with node
// steps limited to 0.5 V in nonlinear circuits (exponential junctions
// otherwise overshoot into overflow), then source stepping (the homotopy
// sources x lambda, lambda 0 -> 1 in adaptive increments) if that fails.
#include <cmath>
#include <sstream>

#include "core/circuit/Analysis.h"
#include "core/circuit/Newton.h"
#include "core/common/Errors.h"

namespace ms::circuit {
namespace {

std::string timeText(double t) {
    std::ostringstream os;
    os.precision(9);
    os << t << " s";
    return os.str();
}

}  // namespace

Solution dcOperatingPoint(Circuit& c, double t, const Tolerances& tol) {
    const int n = c.unknownCount();
    NewtonSettings s;
    s.maxIterations = 100;
    s.relTol = tol.relTol;
    s.absTol = absTolerances(c.unknownKinds(), tol.vAbsTol, tol.iAbsTol, tol.stateAbsTol);
    s.maxVoltageStep = c.nonlinear() ? 0.5 : 0.0;
    s.kinds = &c.unknownKinds();
    Eigen::VectorXd f(n), q(n);
    Eigen::MatrixXd G(n, n), C(n, n);
    double lambda = 1.0;
    auto system = [&](const Eigen::VectorXd& y, Eigen::VectorXd& R, Eigen::MatrixXd& J) {
        c.evaluate(y, t, Analysis::Dc, lambda, f, q, G, C);
        R = f;
        J = G;
    };
    const Eigen::VectorXd start = c.present().y;
    Eigen::VectorXd y = start;
    NewtonResult r = newtonSolve(system, y, s);
    auto singular = [&](const NewtonResult& res) {
        return SimulationError("DC operating point at t = " + timeText(t) +
                               ": the circuit equations are singular (near the " + c.rowDescription(res.worstRow) +
                               "); check that every op-amp has negative feedback and no node is left undetermined");
    };
    if (r.singular) throw singular(r);
    if (!r.converged) {
        // Source stepping: states kept, node voltages and currents from zero.
        y = start;
        for (int k = 0; k < n; ++k)
            if (c.unknownKind(k) != UnknownKind::State) y[k] = 0.0;
        double done = 0.0, step = 0.1;
        while (done < 1.0) {
            lambda = std::min(1.0, done + step);
            Eigen::VectorXd trial = y;
            r = newtonSolve(system, trial, s);
            if (r.singular) throw singular(r);
            if (r.converged) {
                y = trial;
                done = lambda;
                step = std::min(0.5, 2.0 * step);
            } else {
                step *= 0.25;
                if (step < 1e-6) break;
            }
        }
        if (done < 1.0) {
            lambda = 1.0;
            throw SimulationError("DC operating point at t = " + timeText(t) + " did not converge (Newton with " +
                                  "damping and source stepping): the largest residual is in the " +
                                  c.rowDescription(r.worstRow) + ", dominated by " +
                                  c.dominantElement(y, t, Analysis::Dc, r.worstRow));
        }
    }
    Solution out{t, y};
    c.setPresent(out);
    return out;
}

}  // namespace ms::circuit
