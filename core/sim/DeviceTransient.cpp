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
#include "core/devices/DriftKernel.h"
#include "core/sim/DriveStages.h"
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

// e^(-1/3) for e in [0.0058, 92], the step-size factor of the third-order
// schemes, without libm's cbrt (a tenth of the engine's instructions with its
// frexp/ldexp, callgrind of 200 HP cycles): a first guess from the exponent bits
// (within 7 %), then four Newton steps on y^-3 = e, within 1e-15 of cbrt.
inline double inverseCbrt(double e) {
    double y = std::bit_cast<double>(0x553ef0ff289dd796ull - std::bit_cast<std::uint64_t>(e) / 3);
    for (int k = 0; k < 4; ++k) y *= 4.0 / 3.0 - (1.0 / 3.0) * e * (y * y * y);
    return y;
}

// Model: MemristorModel (virtual calls) or LinearDriftKernel (inlined);
// Drive: GenericDrive or SineStages (core/sim/DriveStages.h).
template <DriveMode Mode, class Model, class Drive>
class TransientRun {
public:
    TransientRun(const MemristorModel& model, const Model& kernel, const Stimulus& stimulus, const Drive& drive,
                 const TransientOptions& options, FrameSink& sink, const StopToken& stop, const std::string& seriesId,
                 double duration)
        : model_(model), stim_(stimulus), drive_(drive), opt_(options), sink_(sink), stop_(stop), seriesId_(seriesId),
          tEnd_(duration), info_(model.stateInfo()),
          rhs_(kernel, info_.min, info_.max, BoundedState::wantsLogit(info_)), lock_(BoundedState::locks(info_)),
          name_(options.modelName.empty() ? std::string("device model") : "model '" + options.modelName + "'") {
        const double range = info_.max - info_.min;
        absScale_ = opt_.absTol * (std::isfinite(range) && range > 0.0 ? range : 1.0);
        hMax_ = std::min(stimulus.featureTime(), tEnd_) / 50.0;
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
        nextSampleTime_ = sampleTime(1);

        double h = std::min(hMax_, 1e-4 * std::min(stim_.featureTime(), tEnd_));
        double nextBreak = stim_.nextBreakpoint(t);
        std::size_t sinceCheck = 0;
        int stiffCount = 0;

        while (t < tEnd_) {
            if (++sinceCheck >= 256) {
                sinceCheck = 0;
                if (stop_.stopRequested()) throw Cancelled();
                if ((s_.acceptedSteps & 0xFFF) < 256) sink_.progress(t / tEnd_);
            }
            while (nextBreak <= t) nextBreak = stim_.nextBreakpoint(t);
            const double target = std::min(nextBreak, tEnd_);
            double hTry = std::min(h, hMax_);
            bool landing = false;
            if (t + 1.05 * hTry >= target) {
                hTry = target - t;
                landing = true;
            }
            const double t1 = landing ? target : t + hTry;
            // On a breakpoint the last stage sees the drive just before it.
            double u2 = 0.0, u3 = 0.0, uEnd = 0.0;
            drive_.step(t, hTry, t1, scheme_ == Scheme::Explicit, u2, u3, uEnd);
            if (landing && target == nextBreak) uEnd = drive_.value(std::nextafter(t1, t));
            const Trial tr = scheme_ == Scheme::Explicit
                                 ? transient::bogackiShampineStep(rhs_, x, p.f, hTry, u2, u3, uEnd)
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
            // The count can reach 40 only when a rejection is shifted in, so
            // accepted steps skip it (popcount is a libgcc call on x86-64).
            if (!(errNorm <= 1.0) && scheme_ != Scheme::BackwardEuler && std::popcount(recentRejects_) >= 40) {
                // Most of the last 64 trials rejected: the scheme is fighting
                // stiffness or a jump in F it cannot resolve; escalate.
                escalate();
                recentRejects_ = 0;
            }
            if (!(errNorm <= 1.0)) {
                ++s_.rejectedSteps;
                h = std::isfinite(errNorm) ? hTry * shrinkFactor(errNorm) : 0.25 * hTry;
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
            if (recompute) {
                // The right limit; without a recompute it is the point just
                // added, which would add nothing more.
                p1 = rhs_(drive_.value(t1), x1);
                flux_.start(t1, p1.v, p1.i);
                noteCurrent(p1.v, p1.i);
            }
            const double state1 = rhs_.state(x1);
            checkPoint(t1, state1, p1);
            xMin_ = std::min(xMin_, state1);
            xMax_ = std::max(xMax_, state1);

            if (scheme_ == Scheme::Explicit) {
                // h |dF/dx| beyond ~2 is the edge of BS3's stability interval.
                stiffCount = (hTry * tr.stiffness > 2.0) ? stiffCount + 1 : std::max(0, stiffCount - 1);
                if (stiffCount > 25) escalate();
            }
            const double hNext = hTry * growFactor(errNorm);
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
        return scheme_ == Scheme::BackwardEuler ? 1.0 / std::sqrt(errNorm) : inverseCbrt(errNorm);
    }
    // After an accepted step (errNorm <= 1): 0.9 errNorm^(-1/order) within
    // [0.2, 5]. Below 0.0058 (0.9 / 0.18^3 > 5 for either order) it is 5.
    double growFactor(double errNorm) const {
        return errNorm < 0.0058 ? 5.0 : std::max(0.2, std::min(5.0, 0.9 * growthFactor(errNorm)));
    }
    // After a rejection (1 < errNorm < inf): at least 0.2, which it is from
    // 92 on (0.9 / 92^(1/3) < 0.2).
    double shrinkFactor(double errNorm) const {
        return errNorm > 92.0 ? 0.2 : std::max(0.2, 0.9 * growthFactor(errNorm));
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
        // Most steps end before the next sample: one comparison, no division.
        while (nextSampleTime_ <= t1 && nextSample_ <= opt_.samples) {
            const double ts = nextSampleTime_;
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
            nextSampleTime_ = nextSample_ <= opt_.samples ? sampleTime(nextSample_) : std::numeric_limits<double>::infinity();
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
    const Stimulus& stim_;
    const Drive drive_;
    const TransientOptions& opt_;
    FrameSink& sink_;
    const StopToken& stop_;
    const std::string& seriesId_;
    const double tEnd_;
    const StateInfo info_;
    const BoundedDevice<Mode, Model> rhs_;
    const bool lock_;
    const std::string name_;
    double absScale_ = 0.0, hMax_ = 0.0;
    Scheme scheme_ = Scheme::Explicit;
    std::uint64_t recentRejects_ = 0;  // one bit per trial, 1 = rejected
    std::size_t nextSample_ = 0;
    double nextSampleTime_ = 0.0;  // sampleTime(nextSample_)
    double xMin_ = 0.0, xMax_ = 0.0;
    double rSampleMin_ = std::numeric_limits<double>::infinity();
    double rSampleMax_ = -std::numeric_limits<double>::infinity();
    LoopArea area_;
    FluxCharge flux_;
    std::vector<double> rows_;
    TransientSummary s_;
};

// The fast paths (issue 21): the linear drift kernel instead of virtual model
// calls, the sine's stages from one sin/cos pair. Both give the generic
// path's equations; the kernel path is bit-identical to it.
template <DriveMode Mode>
TransientSummary runWith(const MemristorModel& model, const Stimulus& drive, const TransientOptions& o, FrameSink& sink,
                         const StopToken& stop, const std::string& id, double duration) {
    using transient::GenericDrive;
    using transient::SineStages;
    const LinearDriftKernel* kernel = model.linearDriftKernel();
    Sinusoid w;
    if (drive.sinusoid(w)) {
        const SineStages sine(w);
        if (kernel)
            return TransientRun<Mode, LinearDriftKernel, SineStages>(model, *kernel, drive, sine, o, sink, stop, id,
                                                                     duration).run();
        return TransientRun<Mode, MemristorModel, SineStages>(model, model, drive, sine, o, sink, stop, id, duration).run();
    }
    const GenericDrive generic(drive);
    if (kernel)
        return TransientRun<Mode, LinearDriftKernel, GenericDrive>(model, *kernel, drive, generic, o, sink, stop, id,
                                                                   duration).run();
    return TransientRun<Mode, MemristorModel, GenericDrive>(model, model, drive, generic, o, sink, stop, id, duration).run();
}

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
    if (mode == DriveMode::Voltage) return runWith<DriveMode::Voltage>(model, drive, options, sink, stop, seriesId, duration);
    return runWith<DriveMode::Current>(model, drive, options, sink, stop, seriesId, duration);
}

}  // namespace ms
