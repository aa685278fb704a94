// Transient analysis with TR-BDF2 (Bank et al., IEEE TCAD 4, 1985; in the
// form and with the error estimate of Hosea & Shampine, Appl. Numer. Math.
// 20, 1996): each step is a trapezoidal stage to t + gamma h followed by a
// BDF2 stage to t + h, gamma = 2 - sqrt 2. It is one-step (restarts at
// source edges cost nothing), L-stable (no trapezoidal ringing on switches
// and stiff memristor states), and second order with an embedded
// third-order error estimate, filtered through the iteration matrix as
// Shampine recommends so stiff components do not inflate it.
//
// The circuit is d/dt q(y) + f(y, t) = 0, so every stage works on charges q
// and their derivatives qdot = -f. Steps land exactly on source breakpoints
// (pulse edges, PWL corners) with the last stage seeing the waveform's left
// limit; after a breakpoint the algebraic unknowns are made consistent with
// the new source values by a backward-Euler step of negligible length
// (differential unknowns move by O(1e-9 h)). Output rows are evenly spaced
// and are landed on exactly, not interpolated. Memristor states are
// projected onto their bounds after every accepted step, and locked onto one
// with the device setting terminalLock (MemristorElement.h).
#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "core/circuit/Analysis.h"
#include "core/circuit/Newton.h"
#include "core/circuit/Waveform.h"
#include "core/circuit/elements/MemristorElement.h"
#include "core/common/Errors.h"
#include "core/common/Registry.h"

namespace ms::circuit {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
const double kGamma = 2.0 - std::sqrt(2.0);
const double kD = kGamma / 2.0;           // 1 - 1/sqrt2
const double kW = std::sqrt(2.0) / 4.0;   // BDF2 stage weight of qdot_n and qdot_gamma

std::string timeText(double t) {
    std::ostringstream os;
    os.precision(9);
    os << t << " s";
    return os.str();
}

struct Probe {
    std::string label, unit;
    int unknown = -1;                 // value straight from y
    const Element* element = nullptr; // or the element's current
    const MemristorElement* memristor = nullptr;  // state in model units
};

std::vector<Probe> makeProbes(const Circuit& c, const std::vector<std::string>& requested) {
    std::vector<Probe> out;
    auto byElement = [&](const std::string& name, bool state) {
        const Element& e = c.element(name);
        if (state) {
            const auto* m = dynamic_cast<const MemristorElement*>(&e);
            if (!m)
                throw InputError("probes", "x(" + name + "): " + name + " is not a memristor (memristors: " +
                                               joinedIds(c.memristorNames()) + ")");
            return Probe{"x(" + name + ")", m->stateInfo().unit, -1, nullptr, m};
        }
        return Probe{"I(" + name + ")", "A", -1, &e, nullptr};
    };
    if (requested.empty()) {
        for (const auto& n : c.nodeNames()) out.push_back({"V(" + n + ")", "V", c.nodeIndex(n), nullptr, nullptr});
        for (const auto& e : c.elements())
            if (e->kind != "ground") out.push_back(byElement(e->name, false));
        for (const auto& m : c.memristorNames()) out.push_back(byElement(m, true));
        return out;
    }
    for (std::size_t k = 0; k < requested.size(); ++k) {
        const std::string& p = requested[k];
        const std::string path = "probes[" + std::to_string(k) + "]";
        try {
            if (p.size() > 3 && p.back() == ')' && p[1] == '(') {
                const std::string inner = p.substr(2, p.size() - 3);
                if (p[0] == 'V') {
                    const int idx = c.nodeIndex(inner);
                    out.push_back({p, "V", idx, nullptr, nullptr});
                } else if (p[0] == 'I') {
                    out.push_back(byElement(inner, false));
                } else if (p[0] == 'x') {
                    out.push_back(byElement(inner, true));
                } else {
                    throw InputError(path, "a probe is V(node), I(element) or x(memristor), got '" + p + "'");
                }
            } else {
                out.push_back({"V(" + p + ")", "V", c.nodeIndex(p), nullptr, nullptr});
            }
        } catch (const InputError& e) {
            if (e.path() == path) throw;
            throw InputError(path, "'" + p + "': " + e.what());
        }
    }
    return out;
}

class TransientRun {
public:
    TransientRun(Circuit& c, const CircuitTransientOptions& o, FrameSink& sink, const StopToken& stop,
                 const std::string& seriesId)
        : c_(c), o_(o), sink_(sink), stop_(stop), seriesId_(seriesId), n_(c.unknownCount()) {
        tEnd_ = o.duration;
        if (!(tEnd_ > 0.0))
            for (const auto& e : c.elements())
                if (const auto* d = dynamic_cast<const DrivenElement*>(e.get())) tEnd_ = std::max(tEnd_, d->wave.naturalDuration());
        if (!(tEnd_ > 0.0) || !std::isfinite(tEnd_))
            throw InputError("options.duration", "must be a positive, finite time (no source has a natural duration)");
        const Tolerances& t = o.tol;
        if (!(t.relTol > 0.0 && t.relTol < 1.0)) throw InputError("options.tol.relTol", "must lie in (0, 1)");
        if (!(t.vAbsTol > 0.0) || !(t.iAbsTol > 0.0) || !(t.stateAbsTol > 0.0))
            throw InputError("options.tol", "absolute tolerances must be positive");
        if (o.maxStep < 0.0) throw InputError("options.maxStep", "must not be negative");
        absTol_ = absTolerances(c.unknownKinds(), t.vAbsTol, t.iAbsTol, t.stateAbsTol);
        // The step limit follows the fastest smooth waveform (1/50 of its
        // feature time, as the device engine). Waveforms with breakpoints
        // (pulses, PWL) are exempt: every edge and corner is landed on, so no
        // feature can be stepped over, and between them the error control
        // governs (a 1 us PWL edge would otherwise cap a 10 ms run at 20 ns).
        double feature = kInf, featureAll = kInf;
        for (const auto& e : c.elements()) {
            featureAll = std::min(featureAll, e->featureTime());
            if (!std::isfinite(e->nextBreakpoint(0.0))) feature = std::min(feature, e->featureTime());
        }
        hMax_ = std::min(tEnd_, feature) / 50.0;
        if (o.maxStep > 0.0) hMax_ = std::min(hMax_, o.maxStep);
        hMin_ = 1e-14 * tEnd_;
        h_ = std::min(hMax_, 1e-4 * std::min(tEnd_, featureAll));
        probes_ = makeProbes(c, o.probes);
        for (const auto& e : c.elements())
            if (const auto* m = dynamic_cast<const MemristorElement*>(e.get())) memristors_.push_back(m);
        f_.resize(n_); q_.resize(n_); G_.resize(n_, n_); C_.resize(n_, n_);
        newton_.maxIterations = 30;
        newton_.relTol = 0.1 * t.relTol;
        newton_.absTol = 0.1 * absTol_;
        newton_.maxVoltageStep = c.nonlinear() ? 0.5 : 0.0;
        newton_.kinds = &c.unknownKinds();
    }

    CircuitTransientSummary run() {
        std::vector<Column> cols{{"t", "s"}};
        for (const auto& p : probes_) cols.push_back({p.label, p.unit});
        sink_.beginSeries(seriesId_, cols);

        double t = 0.0;
        Eigen::VectorXd y = o_.startFromDc ? dcOperatingPoint(c_, 0.0, o_.tol).y : c_.present().y;
        Eigen::VectorXd qn, qdot;
        if (o_.startFromDc) {
            evaluate(y, t);
            qn = q_;
            qdot = -f_;
        } else {
            reinitialise(y, t, qn, qdot);
        }
        emit(t, y, qdot);
        std::size_t nextSample = 1;
        double nextBreak = nextBreakpoint(t);

        while (t < tEnd_) {
            if ((++polls_ & 63) == 0) {
                if (stop_.stopRequested()) throw Cancelled();
                sink_.progress(t / tEnd_);
            }
            while (nextBreak <= t) nextBreak = nextBreakpoint(t);
            const double tSample = o_.samples > 0 ? sampleTime(nextSample) : kInf;
            const double target = std::min({nextBreak, tSample, tEnd_});
            double h = std::min(h_, hMax_);
            bool landing = false;
            if (t + 1.05 * h >= target) {
                h = target - t;
                landing = true;
            }
            const bool onBreak = landing && target == nextBreak;
            const double t1 = landing ? target : t + h;
            const double t1Eval = onBreak ? std::nextafter(t1, t) : t1;

            // Stage 1: trapezoidal rule to t + gamma h.
            Eigen::VectorXd yg = y;
            const double tg = t + kGamma * h;
            NewtonResult r = stage(yg, tg, 0.5 * kGamma * h, qn + 0.5 * kGamma * h * qdot);
            Eigen::VectorXd qg, qdotg, y1, q1, qdot1;
            if (r.converged) {
                evaluate(yg, tg);
                qg = q_;
                qdotg = 2.0 / (kGamma * h) * (qg - qn) - qdot;
                // Stage 2: BDF2 through t, t + gamma h, t + h.
                y1 = yg;
                r = stage(y1, t1Eval, kD * h, qn + kW * h * (qdot + qdotg));
            }
            if (!r.converged) {
                ++s_.rejectedSteps;
                h_ = 0.25 * h;
                if (h_ < hMin_) newtonFailure(r, yg, y1, t);
                continue;
            }
            evaluate(y1, t1Eval);
            q1 = q_;
            qdot1 = (q1 - qn - kW * h * (qdot + qdotg)) / (kD * h);
            // Hosea & Shampine's estimate, filtered through C + d h G.
            const Eigen::VectorXd errQ = h / 3.0 * ((1.0 - 4.0 * kW) * qdot + qdotg - 2.0 * kD * qdot1);
            const Eigen::MatrixXd J = C_ + kD * h * G_;
            Eigen::FullPivLU<Eigen::MatrixXd> lu(J);
            const Eigen::VectorXd errY = lu.solve(errQ);
            double errNorm = 0.0;
            int worst = 0;
            for (int k = 0; k < n_; ++k) {
                const double sc = absTol_[k] + o_.tol.relTol * std::max(std::fabs(y[k]), std::fabs(y1[k]));
                const double e = std::fabs(errY[k]) / sc;
                if (!(e <= errNorm)) { errNorm = e; worst = k; }
            }
            if (!std::isfinite(errNorm)) errNorm = kInf;
            if (errNorm > 1.0) {
                ++s_.rejectedSteps;
                h_ = std::isfinite(errNorm) ? h * std::max(0.2, 0.9 * std::pow(errNorm, -1.0 / 3.0)) : 0.25 * h;
                if (h_ < hMin_)
                    throw SimulationError("transient: the step size fell below " + timeText(hMin_) + " at t = " +
                                          timeText(t) + "; the local error is largest in the " +
                                          c_.rowDescription(worst) + " (" + c_.unknownLabel(worst) + ")");
                continue;
            }

            // Accepted.
            ++s_.acceptedSteps;
            bool projected = false;
            for (const auto* m : memristors_) {
                const double p = m->settle(y1[m->firstExtra], o_.tol.stateAbsTol);
                if (p != y1[m->firstExtra]) { y1[m->firstExtra] = p; projected = true; }
            }
            if (projected) {
                evaluate(y1, t1Eval);
                q1 = q_;
            }
            const Eigen::VectorXd yPrev = y;
            const double hTaken = h;
            t = t1;
            y = y1;
            qn = q1;
            qdot = qdot1;
            const double grow = errNorm > 0.0 ? std::min(5.0, 0.9 * std::pow(errNorm, -1.0 / 3.0)) : 5.0;
            const double hNext = hTaken * std::max(0.2, grow);
            h_ = landing ? std::max(hNext, h_) : hNext;
            // A row on a breakpoint shows the waveforms' value there (the
            // right limit, as Stimulus::value gives it).
            if (onBreak) reinitialise(y, t, qn, qdot);
            if (o_.samples == 0 || (landing && target == tSample)) {
                emit(t, y, qdot);
                if (o_.samples > 0) ++nextSample;
            }
            if (onBreak) {
                const double following = nextBreakpoint(t);
                if (std::isfinite(following)) h_ = std::min(h_, 0.02 * (following - t));
                h_ = std::min(h_, 1e-3 * hMax_ * 50.0);
            }
        }
        flush();
        c_.setPresent({t, y});
        s_.final = c_.present();
        sink_.progress(1.0);
        return s_;
    }

private:
    double sampleTime(std::size_t k) const {
        return k >= o_.samples ? tEnd_ : tEnd_ * static_cast<double>(k) / static_cast<double>(o_.samples);
    }
    double nextBreakpoint(double t) const {
        double b = kInf;
        for (const auto& e : c_.elements()) b = std::min(b, e->nextBreakpoint(t));
        return b;
    }
    void evaluate(const Eigen::VectorXd& y, double t) { c_.evaluate(y, t, Analysis::Transient, 1.0, f_, q_, G_, C_); }

    // Solves q(y) + coef f(y, t) = rhs for y, starting from y.
    NewtonResult stage(Eigen::VectorXd& y, double t, double coef, const Eigen::VectorXd& rhs) {
        auto system = [&](const Eigen::VectorXd& yy, Eigen::VectorXd& R, Eigen::MatrixXd& J) {
            evaluate(yy, t);
            R = q_ + coef * f_ - rhs;
            J = C_ + coef * G_;
        };
        const NewtonResult r = newtonSolve(system, y, newton_);
        s_.newtonIterations += static_cast<std::size_t>(r.iterations);
        return r;
    }

    // Consistent restart at t (sources at their new values): a backward-Euler
    // step of negligible length re-solves the algebraic unknowns.
    void reinitialise(Eigen::VectorXd& y, double t, Eigen::VectorXd& qn, Eigen::VectorXd& qdot) {
        evaluate(y, t);
        const Eigen::VectorXd q0 = q_;
        const double eps = 1e-9 * std::max(h_, hMin_);
        NewtonSettings ns = newton_;
        ns.maxIterations = 100;
        NewtonResult r;
        {
            auto system = [&](const Eigen::VectorXd& yy, Eigen::VectorXd& R, Eigen::MatrixXd& J) {
                evaluate(yy, t);
                R = q_ - q0 + eps * f_;
                J = C_ + eps * G_;
            };
            Eigen::VectorXd trial = y;
            r = newtonSolve(system, trial, ns);
            if (r.converged) y = trial;
        }
        if (!r.converged) {
            Eigen::VectorXd none;
            newtonFailure(r, y, none, t);
        }
        evaluate(y, t);
        qn = q_;
        qdot = -f_;
    }

    [[noreturn]] void newtonFailure(const NewtonResult& r, const Eigen::VectorXd& ya, const Eigen::VectorXd& yb,
                                    double t) const {
        if (r.singular)
            throw SimulationError("transient at t = " + timeText(t) + ": the circuit equations are singular (near the " +
                                  c_.rowDescription(r.worstRow) + ")");
        const Eigen::VectorXd& y = yb.size() == n_ ? yb : ya;
        throw SimulationError("transient: Newton did not converge at t = " + timeText(t) +
                              " even with the step reduced to " + timeText(h_) + ": the largest residual is in the " +
                              c_.rowDescription(r.worstRow) + ", dominated by " +
                              c_.dominantElement(y, t, Analysis::Transient, r.worstRow));
    }

    // A row at t. Charge-storing elements report i = dq/dt at t itself: the
    // unknowns' derivative is the minimum-norm solution of C(y) dy/dt = qdot
    // with the integrator's qdot (or, on a breakpoint, the one made
    // consistent with the sources there), so every row satisfies KCL; a
    // difference over the last step would lag by half a step.
    void emit(double t, const Eigen::VectorXd& y, const Eigen::VectorXd& qdot) {
        bool anyDynamicProbe = false;
        for (const auto& p : probes_) anyDynamicProbe |= p.element && p.element->storesCharge();
        Eigen::VectorXd yBehind = y;  // y - dy/dt * 1 s: what current(y, t, yPrev, h = 1) differences against
        if (anyDynamicProbe) {
            evaluate(y, t);
            yBehind = y - C_.completeOrthogonalDecomposition().solve(qdot);
        }
        rows_.push_back(t);
        for (const auto& p : probes_) {
            double v;
            if (p.unknown >= 0) v = y[p.unknown];
            else if (p.unknown == -1 && !p.element && !p.memristor) v = 0.0;  // ground
            else if (p.memristor) v = p.memristor->toState(y[p.memristor->firstExtra]);
            else v = p.element->current(y, t, yBehind, anyDynamicProbe ? 1.0 : 0.0);
            rows_.push_back(v);
        }
        if (rows_.size() >= 512 * (probes_.size() + 1)) flush();
    }
    void flush() {
        if (rows_.empty()) return;
        sink_.appendRows(seriesId_, rows_.data(), rows_.size() / (probes_.size() + 1));
        rows_.clear();
    }

    Circuit& c_;
    const CircuitTransientOptions& o_;
    FrameSink& sink_;
    const StopToken& stop_;
    const std::string& seriesId_;
    const int n_;
    double tEnd_ = 0.0, hMax_ = 0.0, hMin_ = 0.0, h_ = 0.0;
    Eigen::VectorXd absTol_;
    std::vector<Probe> probes_;
    std::vector<const MemristorElement*> memristors_;
    Eigen::VectorXd f_, q_;
    Eigen::MatrixXd G_, C_;
    NewtonSettings newton_;
    std::vector<double> rows_;
    std::size_t polls_ = 0;
    CircuitTransientSummary s_;
};

}  // namespace

CircuitTransientSummary runTransient(Circuit& circuit, const CircuitTransientOptions& options, FrameSink& sink,
                                     const StopToken& stop, const std::string& seriesId) {
    return TransientRun(circuit, options, sink, stop, seriesId).run();
}

}  // namespace ms::circuit
