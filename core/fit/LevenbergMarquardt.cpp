#include "core/fit/LevenbergMarquardt.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include <Eigen/Dense>

#include "core/common/Errors.h"
#include "core/common/ParamSpec.h"

namespace ms::fit {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// The map between a bounded parameter and its box coordinate z in [0, 1].
struct BoxMap {
    double qa = 0, qb = 1, sign = 1;
    bool log = false;
    explicit BoxMap(const FreeParameter& f) : log(f.logScale) {
        if (log) {
            sign = f.min < 0 ? -1.0 : 1.0;
            const double a = std::log10(std::fabs(f.min)), b = std::log10(std::fabs(f.max));
            qa = std::min(a, b);
            qb = std::max(a, b);
        } else {
            qa = f.min;
            qb = f.max;
        }
    }
    double toP(double z) const {
        const double q = qa + z * (qb - qa);
        return log ? sign * std::pow(10.0, q) : q;
    }
    double toZ(double p) const {
        const double q = log ? std::log10(std::fabs(p)) : p;
        return std::clamp((q - qa) / (qb - qa), 0.0, 1.0);
    }
    double dpdz(double z) const { return log ? toP(z) * std::log(10.0) * (qb - qa) : (qb - qa); }
};

struct Evaluator {
    const ResidualFunction& f;
    const std::vector<BoxMap>& maps;
    const StopToken& stop;
    int count = 0;
    // Residuals at z, or empty when the model cannot take the point.
    std::vector<double> operator()(const Eigen::VectorXd& z) {
        if (stop.stopRequested()) throw Cancelled();
        std::vector<double> p(maps.size());
        for (std::size_t j = 0; j < maps.size(); ++j) p[j] = maps[j].toP(z[static_cast<Eigen::Index>(j)]);
        ++count;
        try {
            auto r = f(p);
            for (double x : r)
                if (!std::isfinite(x)) return {};
            return r;
        } catch (const SimulationError&) {
            return {};
        } catch (const InputError&) {
            return {};
        }
    }
};

double sumSquares(const std::vector<double>& r) {
    if (r.empty()) return kInf;
    double s = 0;
    for (double x : r) s += x * x;
    return s;
}

Eigen::MatrixXd jacobian(Evaluator& eval, const Eigen::VectorXd& z, const std::vector<double>& r0, double h) {
    const auto n = static_cast<Eigen::Index>(r0.size());
    Eigen::MatrixXd J = Eigen::MatrixXd::Zero(n, z.size());
    for (Eigen::Index j = 0; j < z.size(); ++j) {
        double step = z[j] + h <= 1.0 ? h : -h;
        Eigen::VectorXd zj = z;
        zj[j] += step;
        auto r = eval(zj);
        if (r.empty()) {  // try the other side
            step = -step;
            zj[j] = z[j] + step;
            if (zj[j] < 0.0 || zj[j] > 1.0) continue;
            r = eval(zj);
            if (r.empty()) continue;
        }
        for (Eigen::Index i = 0; i < n; ++i) J(i, j) = (r[static_cast<std::size_t>(i)] - r0[static_cast<std::size_t>(i)]) / step;
    }
    return J;
}

}  // namespace

LmResult levenbergMarquardt(const ResidualFunction& residuals, const std::vector<FreeParameter>& free,
                            const LmOptions& o, FrameSink& sink, const StopToken& stop) {
    if (free.empty()) throw InputError("free", "choose at least one free parameter");
    std::vector<BoxMap> maps;
    for (const auto& f : free) {
        if (!(std::isfinite(f.min) && std::isfinite(f.max) && f.min < f.max))
            throw InputError("free." + f.key, "bounds must be finite with min < max (got " + std::to_string(f.min) +
                                                  " .. " + std::to_string(f.max) + ")");
        if (f.logScale && (f.min * f.max <= 0))
            throw InputError("free." + f.key, "a log-scale search needs bounds of one sign, neither zero");
        if (!(f.start >= f.min && f.start <= f.max))
            throw InputError("free." + f.key, "start value " + formatWithUnit(f.start, "") + " lies outside the bounds");
        maps.emplace_back(f);
    }
    const auto k = static_cast<Eigen::Index>(free.size());
    Evaluator eval{residuals, maps, stop};
    std::mt19937_64 rng(o.seed);
    std::uniform_real_distribution<double> uni(-1.0, 1.0);

    Eigen::VectorXd z0(k);
    for (Eigen::Index j = 0; j < k; ++j) z0[j] = maps[static_cast<std::size_t>(j)].toZ(free[static_cast<std::size_t>(j)].start);

    LmResult best;
    best.cost = kInf;
    Eigen::VectorXd bestZ = z0;
    const int starts = std::max(1, o.starts);
    for (int s = 0; s < starts; ++s) {
        Eigen::VectorXd z = z0;
        if (s > 0)
            for (Eigen::Index j = 0; j < k; ++j) {
                // On a log scale at most a factor 2 either way: a box of many
                // decades would otherwise throw starts far from any sense.
                const auto& map = maps[static_cast<std::size_t>(j)];
                const double spread = map.log ? std::min(o.spread, std::log10(2.0) / (map.qb - map.qa)) : o.spread;
                z[j] = std::clamp(z0[j] + spread * uni(rng), 0.0, 1.0);
            }
        auto r = eval(z);
        double cost = sumSquares(r);
        if (!std::isfinite(cost)) {
            sink.log(LogLevel::Warning, "start " + std::to_string(s + 1) + ": the model cannot run at its start values");
            continue;
        }
        double lambda = 1e-3;
        int it = 0;
        for (; it < o.maxIterations; ++it) {
            sink.progress((s + static_cast<double>(it) / o.maxIterations) / starts);
            const Eigen::MatrixXd J = jacobian(eval, z, r, o.fdStep);
            const Eigen::Map<const Eigen::VectorXd> rv(r.data(), static_cast<Eigen::Index>(r.size()));
            const Eigen::MatrixXd A = J.transpose() * J;
            const Eigen::VectorXd g = J.transpose() * rv;
            // Parameters held at a bound by a gradient pointing out of the box
            // stay there for this step (projected LM).
            std::vector<Eigen::Index> act;
            for (Eigen::Index j = 0; j < k; ++j)
                if (!((z[j] <= 0.0 && g[j] > 0.0) || (z[j] >= 1.0 && g[j] < 0.0))) act.push_back(j);
            if (act.empty()) break;
            const auto m = static_cast<Eigen::Index>(act.size());
            Eigen::MatrixXd Aa(m, m);
            Eigen::VectorXd ga(m);
            double dmax = 0;
            for (Eigen::Index a = 0; a < m; ++a) {
                ga[a] = g[act[static_cast<std::size_t>(a)]];
                for (Eigen::Index b = 0; b < m; ++b) Aa(a, b) = A(act[static_cast<std::size_t>(a)], act[static_cast<std::size_t>(b)]);
                dmax = std::max(dmax, Aa(a, a));
            }
            bool accepted = false, converged = false;
            for (int tries = 0; tries < 12 && !accepted; ++tries) {
                Eigen::MatrixXd M = Aa;
                for (Eigen::Index a = 0; a < m; ++a) M(a, a) += lambda * std::max(Aa(a, a), 1e-12 * dmax + 1e-30);
                const Eigen::VectorXd d = M.ldlt().solve(-ga);
                Eigen::VectorXd zn = z;
                for (Eigen::Index a = 0; a < m; ++a)
                    zn[act[static_cast<std::size_t>(a)]] = std::clamp(z[act[static_cast<std::size_t>(a)]] + d[a], 0.0, 1.0);
                if ((zn - z).lpNorm<Eigen::Infinity>() < 1e-12) {
                    converged = true;
                    break;
                }
                auto rn = eval(zn);
                const double cn = sumSquares(rn);
                if (cn < cost) {
                    const double drop = cost - cn;
                    z = zn;
                    r = std::move(rn);
                    converged = drop <= o.tolerance * cost;
                    cost = cn;
                    lambda = std::max(lambda / 3.0, 1e-12);
                    accepted = true;
                } else {
                    lambda *= 4.0;
                }
            }
            if (converged || !accepted) break;
        }
        sink.log(LogLevel::Info, "start " + std::to_string(s + 1) + ": cost " + std::to_string(cost) + " after " +
                                     std::to_string(it) + " iterations");
        if (cost < best.cost) {
            best.cost = cost;
            best.residuals = r;
            best.iterations = it;
            best.bestStart = s;
            bestZ = z;
        }
    }
    if (!std::isfinite(best.cost))
        throw SimulationError("fit: the model could not be evaluated at any start; check the start values and bounds");

    // Uncertainty at the optimum, in box coordinates, then mapped to p.
    const auto n = static_cast<Eigen::Index>(best.residuals.size());
    const Eigen::MatrixXd J = jacobian(eval, bestZ, best.residuals, o.fdStep);
    const double dof = static_cast<double>(n - k);
    const double s2 = dof > 0 ? best.cost / dof : std::numeric_limits<double>::quiet_NaN();
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(J.transpose() * J);
    const Eigen::VectorXd ev = es.eigenvalues();
    const double evMax = ev.cwiseAbs().maxCoeff();
    Eigen::MatrixXd C = Eigen::MatrixXd::Zero(k, k);
    std::vector<bool> unidentified(static_cast<std::size_t>(k), false);
    for (Eigen::Index e = 0; e < k; ++e) {
        const Eigen::VectorXd u = es.eigenvectors().col(e);
        if (ev[e] <= 1e-13 * evMax || evMax == 0.0) {
            for (Eigen::Index j = 0; j < k; ++j)
                if (std::fabs(u[j]) > 1e-3) unidentified[static_cast<std::size_t>(j)] = true;
            continue;
        }
        C += (u * u.transpose()) / ev[e];
    }
    for (Eigen::Index j = 0; j < k; ++j) {
        const auto& map = maps[static_cast<std::size_t>(j)];
        best.values.push_back(map.toP(bestZ[j]));
        best.atBound.push_back(bestZ[j] <= 0.0 || bestZ[j] >= 1.0);
        best.stdError.push_back(unidentified[static_cast<std::size_t>(j)]
                                    ? std::numeric_limits<double>::quiet_NaN()
                                    : std::sqrt(s2 * C(j, j)) * std::fabs(map.dpdz(bestZ[j])));
    }
    best.evaluations = eval.count;
    sink.progress(1.0);
    return best;
}

}  // namespace ms::fit
