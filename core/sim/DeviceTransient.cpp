// The device-transient engine (issue 2): adaptive, error-controlled
// integration of one memristor under a voltage or current drive.
//
// Scheme choice: explicit Bogacki-Shampine 3(2) while the state equation is
// not stiff (cheap steps, 3 device evaluations each); Rosenbrock 2(3) for
// models flagged stiff, or from the moment the explicit scheme detects
// stiffness (h * |dF/dx| beyond its stability interval for many steps) or
// stalls (step size underflow). The run stays implicit once switched.
// Steps land exactly on drive breakpoints (pulse edges, PWL corners), where
// the last stage uses the drive's left limit; output rows are evenly spaced
// and come from each scheme's dense output, not from the steps themselves.
#include "core/sim/DeviceTransient.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cmath>
#include <limits>
#include <sstream>
#include <vector>

#include "core/common/Errors.h"
#include "core/sim/TransientSteppers.h"

namespace ms {
namespace {

using transient::BoundedDevice;
using transient::DevicePoint;
using transient::Trial;

std::string timeText(double t) {
    std::ostringstream os;
    os.precision(9);
    os << t << " s";
    return os.str();
}

// Accumulates |∮ i dv| lobe by lobe: a lobe closes each time v changes sign.
class LoopArea {
public:
    void start(double v, double i) { v0_ = v; i0_ = i; }
    void add(double v, double i) {
        if ((v0_ > 0.0 && v < 0.0) || (v0_ < 0.0 && v > 0.0)) {
            const double a = v0_ / (v0_ - v);
            const double iz = i0_ + a * (i - i0_);
            lobe_ += 0.5 * (i0_ + iz) * (0.0 - v0_);
            total_ += std::fabs(lobe_);
            lobe_ = 0.5 * (iz + i) * v;
        } else {
            lobe_ += 0.5 * (i0_ + i) * (v - v0_);
        }
        v0_ = v;
        i0_ = i;
    }
    double total() const { return total_ + std::fabs(lobe_); }

private:
    double v0_ = 0.0, i0_ = 0.0, lobe_ = 0.0, total_ = 0.0;
};

// Flux phi = ∫v dt and charge q = ∫i dt by the trapezoidal rule over every
// accepted step and every output sample in time order (the review's Fig. 1A:
// the slope dphi/dq of the phi-q curve is the memristance). At a drive
// breakpoint the segment up to it uses the left limit and the next one starts
// from the right limit, so a pulse edge adds no spurious area.
class FluxCharge {
public:
    void start(double t, double v, double i) { t0_ = t, v0_ = v, i0_ = i; }
    void add(double t, double v, double i) {
        const double dt = t - t0_;
        phi_ += 0.5 * (v0_ + v) * dt;
        q_ += 0.5 * (i0_ + i) * dt;
        start(t, v, i);
    }
    double phi() const { return phi_; }
    double q() const { return q_; }

private:
    double t0_ = 0.0, v0_ = 0.0, i0_ = 0.0, phi_ = 0.0, q_ = 0.0;
};

void validate(const TransientOptions& o, double duration) {
    if (!(duration > 0.0) || !std::isfinite(duration))
        throw InputError("options.duration", "must be a positive, finite time (got " + formatWithUnit(duration, "s") + ")");
    if (!(o.relTol > 0.0) || !(o.relTol < 1.0)) throw InputError("options.relTol", "must lie in (0, 1)");
    if (!(o.absTol > 0.0) || !(o.absTol < 1.0)) throw InputError("options.absTol", "must lie in (0, 1)");
    if (o.samples < 1) throw InputError("options.samples", "must be at least 1");
    if (!(o.readVoltage != 0.0) || !std::isfinite(o.readVoltage))
        throw InputError("options.readVoltage", "must be a nonzero, finite voltage");
}

enum class Scheme { Explicit, Rosenbrock, BackwardEuler };

template <DriveMode Mode>
class TransientRun {
public:
    TransientRun(const MemristorModel& model, const Stimulus& drive, const TransientOptions& options, FrameSink& sink,
                 const StopToken& stop, const std::string& seriesId, double duration)
        : model_(model), drive_(drive), opt_(options), sink_(sink), stop_(stop), seriesId_(seriesId),
          tEnd_(duration), info_(model.stateInfo()),
          rhs_(model, info_.min, info_.max, BoundedState::wantsLogit(info_)), lock_(BoundedState::locks(info_)),
          name_(options.modelName.empty() ? std::string("device model") : "model '" + options.modelName + "'") {
        const double range = info_.max - info_.min;
        absScale_ = opt_.absTol * (std::isfinite(range) && range > 0.0 ? range : 1.0);
        hMax_ = std::min(drive.featureTime(), tEnd_) / 50.0;
        if (!(hMax_ > 0.0) || !std::isfinite(hMax_)) hMax_ = tEnd_ / 50.0;
    }

    TransientSummary run() {
        // phi and q come after R so the first five columns keep their indices.
        sink_.beginSeries(seriesId_, {{"t", "s"}, {"v", "V"}, {"i", "A"}, {info_.symbol, info_.unit}, {"R", "ohm"},
                                      {"phi", "Wb"}, {"q", "C"}});
        rows_.reserve(kRowChunk * kColumns);

        // x: the integration variable (the state itself, or its logit near
        // bounds where the flow vanishes, TransientSteppers.h).
        double t = 0.0;
        const double x0 =
            std::clamp(std::isnan(opt_.initialState) ? model_.initialState() : opt_.initialState, info_.min, info_.max);
        const bool resume = !std::isnan(opt_.initialVariable);
        if (!resume && rhs_.logit() && (x0 == info_.min || x0 == info_.max))
            sink_.log(LogLevel::Warning, "the initial state lies on a bound where the window is zero, which it could "
                                         "never leave; it starts one ulp inside the bound (the largest distance that "
                                         "rounds to it)");
        double x = resume ? opt_.initialVariable : rhs_.variable(x0);
        DevicePoint p = rhs_(drive_.value(t), x);
        checkPoint(t, rhs_.state(x), p);
        scheme_ = opt_.stiff ? Scheme::Rosenbrock : Scheme::Explicit;
        s_.usedImplicit = opt_.stiff;
        xMin_ = xMax_ = rhs_.state(x);
        s_.peakCurrent = s_.minCurrent = p.i;
        area_.start(p.v, p.i);
        flux_.start(0.0, p.v, p.i);
        emitRow(0.0, rhs_.state(x), p);
        nextSample_ = 1;

        double h = std::min(hMax_, 1e-4 * std::min(drive_.featureTime(), tEnd_));
        double nextBreak = drive_.nextBreakpoint(t);
        std::size_t sinceCheck = 0;
        int stiffCount = 0;

        while (t < tEnd_) {
            if (++sinceCheck >= 256) {
                sinceCheck = 0;
                if (stop_.stopRequested()) throw Cancelled();
                if ((s_.acceptedSteps & 0xFFF) < 256) sink_.progress(t / tEnd_);
            }
            while (nextBreak <= t) nextBreak = drive_.nextBreakpoint(t);
            const double target = std::min(nextBreak, tEnd_);
            double hTry = std::min(h, hMax_);
            bool landing = false;
            if (t + 1.05 * hTry >= target) {
                hTry = target - t;
                landing = true;
            }
            const double t1 = landing ? target : t + hTry;
            // On a breakpoint the last stage sees the drive just before it.
            const double uEnd = landing && target == nextBreak ? drive_.value(std::nextafter(t1, t)) : drive_.value(t1);
            const Trial tr = scheme_ == Scheme::Explicit
                                 ? transient::bogackiShampineStep(rhs_, drive_, t, x, p.f, hTry, uEnd)
                             : scheme_ == Scheme::Rosenbrock
                                 ? transient::rosenbrockStep(rhs_, drive_, t, x, p, hTry, uEnd, target)
                                 : transient::backwardEulerStep(rhs_, drive_, t, x, hTry, uEnd, 1e-3 * absScale_);

            const bool finite = std::isfinite(tr.x1) && std::isfinite(tr.end.f) && std::isfinite(tr.end.v) &&
                                std::isfinite(tr.end.i);
            // In the logit chart an error dy is a relative error dy of the
            // distance to the nearer bound, and dx <= dy (max - min) / 4.
            const double sc = rhs_.logit() ? opt_.absTol + opt_.relTol
                                           : absScale_ + opt_.relTol * std::max(std::fabs(x), std::fabs(tr.x1));
            double errNorm = finite ? std::fabs(tr.err) / sc : std::numeric_limits<double>::infinity();
            // Parked on a bound with the flow pushing outward at every stage:
            // the projected result is the bound itself, exactly, whatever the
            // error of the (discarded) unconstrained trajectory.
            if (finite && !rhs_.logit() && ((x <= info_.min && tr.x1 <= info_.min && tr.fMax <= 0.0) ||
                           (x >= info_.max && tr.x1 >= info_.max && tr.fMin >= 0.0)))
                errNorm = 0.0;

            recentRejects_ = (recentRejects_ << 1) | (errNorm <= 1.0 ? 0u : 1u);
            if (scheme_ != Scheme::BackwardEuler && std::popcount(recentRejects_) >= 40) {
                // Most of the last 64 trials rejected: the scheme is fighting
                // stiffness or a jump in F it cannot resolve; escalate.
                escalate();
                recentRejects_ = 0;
            }
            if (!(errNorm <= 1.0)) {
                ++s_.rejectedSteps;
                h = std::isfinite(errNorm) ? hTry * std::max(0.2, 0.9 * growthFactor(errNorm)) : 0.25 * hTry;
                if (h < minStep(t)) {
                    if (!finite)
                        throw SimulationError(name_ + " produced NaN or Inf (state " + info_.symbol +
                                              ", v or i) at t = " + timeText(t));
                    if (scheme_ == Scheme::BackwardEuler)
                        throw SimulationError(name_ + ": the step size fell below " + timeText(minStep(t)) +
                                              " at t = " + timeText(t) + "; the state equation cannot be integrated");
                    escalate();  // the scheme stalls: continue with a more robust one
                    h = std::max(hTry, 1e3 * minStep(t));
                }
                continue;
            }

            // Accepted.
            ++s_.acceptedSteps;
            double x1 = tr.x1;
            DevicePoint p1 = tr.end;
            bool recompute = landing;
            if (!rhs_.logit() && (x1 < info_.min || x1 > info_.max)) {
                x1 = std::clamp(x1, info_.min, info_.max);
                recompute = true;
            }
            // Terminal-state lock: within the absolute tolerance of a bound
            // where the flow is zero, the state is put on it and stays.
            if (lock_) {
                const double locked = rhs_.lockOnto(x1, absScale_);
                recompute |= locked != x1;
                x1 = locked;
            }
            // Samples in (t, t1] from the dense output of this step.
            emitSamples(t, x, p.f, t1, x1, tr, hTry);
            noteCurrent(tr.end.v, tr.end.i);  // left limit at a breakpoint
            flux_.add(t1, tr.end.v, tr.end.i);
            if (recompute) p1 = rhs_(drive_.value(t1), x1);
            flux_.start(t1, p1.v, p1.i);  // right limit
            const double state1 = rhs_.state(x1);
            checkPoint(t1, state1, p1);
            noteCurrent(p1.v, p1.i);
            xMin_ = std::min(xMin_, state1);
            xMax_ = std::max(xMax_, state1);

            if (scheme_ == Scheme::Explicit) {
                // h |dF/dx| beyond ~2 is the edge of BS3's stability interval.
                stiffCount = (hTry * tr.stiffness > 2.0) ? stiffCount + 1 : std::max(0, stiffCount - 1);
                if (stiffCount > 25) escalate();
            }
            const double grow = errNorm > 0.0 ? std::min(5.0, 0.9 * growthFactor(errNorm)) : 5.0;
            const double hNext = hTry * std::max(0.2, grow);
            h = landing ? std::max(hNext, h) : hNext;
            t = t1;
            x = x1;
            p = p1;
        }
        flushRows();

        s_.finalState = rhs_.state(x);
        s_.finalVariable = x;
        s_.loopArea = area_.total();
        const double r1 = model_.resistance(xMin_, opt_.readVoltage), r2 = model_.resistance(xMax_, opt_.readVoltage);
        s_.rMin = std::min({r1, r2, rSampleMin_});
        s_.rMax = std::max({r1, r2, rSampleMax_});
        const std::string pre = seriesId_ == "transient" ? std::string() : seriesId_ + ":";
        reportFigure(sink_, pre + "peak_current", s_.peakCurrent, "A");
        reportFigure(sink_, pre + "min_current", s_.minCurrent, "A");
        s_.rMin = reportFigure(sink_, pre + "r_min", s_.rMin, "ohm");
        s_.rMax = reportFigure(sink_, pre + "r_max", s_.rMax, "ohm");
        reportFigure(sink_, pre + "loop_area", s_.loopArea, "W");
        sink_.scalar(pre + "accepted_steps", static_cast<double>(s_.acceptedSteps), "");
        sink_.scalar(pre + "rejected_steps", static_cast<double>(s_.rejectedSteps), "");
        sink_.progress(1.0);
        return s_;
    }

private:
    static constexpr std::size_t kRowChunk = 512;
    static constexpr std::size_t kColumns = 7;  // t, v, i, state, R, phi, q

    // Exponent of the step-size controller: 1 / (order of the error estimate).
    double order() const { return scheme_ == Scheme::BackwardEuler ? 0.5 : 1.0 / 3.0; }

    // errNorm^(-1/order) without pow() on the hot path.
    double growthFactor(double errNorm) const {
        return scheme_ == Scheme::BackwardEuler ? 1.0 / std::sqrt(errNorm) : 1.0 / std::cbrt(errNorm);
    }

    void escalate() {
        scheme_ = scheme_ == Scheme::Explicit ? Scheme::Rosenbrock : Scheme::BackwardEuler;
        s_.usedImplicit = true;
    }

    double minStep(double t) const { return 16.0 * std::numeric_limits<double>::epsilon() * std::max(std::fabs(t), 1e-6 * tEnd_); }

    void checkPoint(double t, double x, const DevicePoint& p) const {
        if (!std::isfinite(x) || !std::isfinite(p.v) || !std::isfinite(p.i) || !std::isfinite(p.f)) {
            const char* what = !std::isfinite(x) ? "the state" : !std::isfinite(p.v) ? "the voltage"
                               : !std::isfinite(p.i) ? "the current" : "the state derivative";
            throw SimulationError(name_ + " produced NaN or Inf in " + what + " at t = " + timeText(t));
        }
        // v and i can each be finite while their product, the power the loop
        // area integrates, is not (a drive of 1e300 V): the run would finish
        // with an infinite loop area and absurd figures, so it stops here.
        if (!std::isfinite(p.v * p.i))
            throw SimulationError(name_ + ": the power v*i overflows (v = " + formatWithUnit(p.v, "V") +
                                  ", i = " + formatWithUnit(p.i, "A") + ") at t = " + timeText(t) +
                                  "; the drive or the device is far outside any physical range");
    }

    void noteCurrent(double v, double i) {
        s_.peakCurrent = std::max(s_.peakCurrent, i);
        s_.minCurrent = std::min(s_.minCurrent, i);
        area_.add(v, i);
    }

    double sampleTime(std::size_t k) const {
        return k == opt_.samples ? tEnd_ : tEnd_ * static_cast<double>(k) / static_cast<double>(opt_.samples);
    }

    void emitSamples(double t0, double x0, double f0, double t1, double x1, const Trial& tr, double h) {
        while (nextSample_ <= opt_.samples) {
            const double ts = sampleTime(nextSample_);
            if (ts > t1) break;
            double xs;
            if (ts == t1) {
                xs = x1;
            } else {
                const double s = (ts - t0) / h;
                xs = scheme_ == Scheme::Explicit     ? transient::hermiteState(x0, f0, tr.x1, tr.end.f, h, s)
                     : scheme_ == Scheme::Rosenbrock ? transient::rosenbrockState(x0, tr.k1, tr.k2, h, s)
                                                     : x0 + s * (tr.x1 - x0);
            }
            const DevicePoint ps = rhs_(drive_.value(ts), xs);
            xs = rhs_.state(xs);
            checkPoint(ts, xs, ps);
            s_.peakCurrent = std::max(s_.peakCurrent, ps.i);
            s_.minCurrent = std::min(s_.minCurrent, ps.i);
            // The loop area integrates over steps and samples in time order,
            // so its resolution is at least the output grid's.
            if (ts < t1) area_.add(ps.v, ps.i);
            // A sample on the step's end integrates up to the left limit
            // there; the step's end point then adds nothing more.
            if (ts < t1) flux_.add(ts, ps.v, ps.i);
            else flux_.add(t1, tr.end.v, tr.end.i);
            xMin_ = std::min(xMin_, xs);
            xMax_ = std::max(xMax_, xs);
            emitRow(ts, xs, ps);
            ++nextSample_;
        }
    }

    void emitRow(double t, double x, const DevicePoint& p) {
        const double r = model_.resistance(x, opt_.readVoltage);
        rSampleMin_ = std::min(rSampleMin_, r);
        rSampleMax_ = std::max(rSampleMax_, r);
        rows_.insert(rows_.end(), {t, p.v, p.i, x, r, flux_.phi(), flux_.q()});
        if (rows_.size() >= kRowChunk * kColumns) flushRows();
    }

    void flushRows() {
        if (rows_.empty()) return;
        sink_.appendRows(seriesId_, rows_.data(), rows_.size() / kColumns);
        rows_.clear();
    }

    const MemristorModel& model_;
    const Stimulus& drive_;
    const TransientOptions& opt_;
    FrameSink& sink_;
    const StopToken& stop_;
    const std::string& seriesId_;
    const double tEnd_;
    const StateInfo info_;
    const BoundedDevice<Mode> rhs_;
    const bool lock_;
    const std::string name_;
    double absScale_ = 0.0, hMax_ = 0.0;
    Scheme scheme_ = Scheme::Explicit;
    std::uint64_t recentRejects_ = 0;  // one bit per trial, 1 = rejected
    std::size_t nextSample_ = 0;
    double xMin_ = 0.0, xMax_ = 0.0;
    double rSampleMin_ = std::numeric_limits<double>::infinity();
    double rSampleMax_ = -std::numeric_limits<double>::infinity();
    LoopArea area_;
    FluxCharge flux_;
    std::vector<double> rows_;
    TransientSummary s_;
};

}  // namespace

double figureValue(double value) {
    if (std::fabs(value) > kFigureMax) return std::copysign(std::numeric_limits<double>::infinity(), value);
    if (value != 0.0 && std::fabs(value) < kFigureMin) return std::copysign(0.0, value);
    return value;
}

double reportFigure(FrameSink& sink, const std::string& key, double value, const std::string& unit) {
    const double shown = figureValue(value);
    if (shown != value && !std::isnan(value) && !std::isinf(value)) {
        std::ostringstream os;
        os.precision(3);
        os << key << " = " << value << (unit.empty() ? "" : " ") << unit << " is beyond what double precision "
           << "measures (|value| " << (std::isinf(shown) ? "> 1e300" : "< 1e-300")
           << "), reported as " << (std::isinf(shown) ? "infinity" : "0")
           << "; typically the state sits on a bound where the device carries no current";
        sink.log(LogLevel::Warning, os.str());
    }
    sink.scalar(key, shown, unit);
    return shown;
}

TransientSummary runDeviceTransient(const MemristorModel& model, const Stimulus& drive, DriveMode mode,
                                    const TransientOptions& options, FrameSink& sink, const StopToken& stop,
                                    const std::string& seriesId) {
    const double duration = options.duration > 0.0 ? options.duration : drive.naturalDuration();
    validate(options, duration);
    if (mode == DriveMode::Voltage)
        return TransientRun<DriveMode::Voltage>(model, drive, options, sink, stop, seriesId, duration).run();
    return TransientRun<DriveMode::Current>(model, drive, options, sink, stop, seriesId, duration).run();
}

}  // namespace ms
