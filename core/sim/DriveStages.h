// Internal to the device-transient engine: the drive values a step needs.
// GenericDrive asks the Stimulus at every stage (a virtual call each).
// SineStages serves a sinusoidal drive (Stimulus::sinusoid) from the sin/cos
// pair of the phase at the step's start (kept for rejected retries), rotated
// to each stage by the small angle omega c h (c = 1/2, 3/4, 1) from a short
// Taylor polynomial. The rotated pair at the step's end starts the next step;
// every 64 steps it is recomputed by sin and cos. Its error stays below the
// rounding of omega t + phase in the direct formula. The libm sin was a fifth
// of the engine's instructions (callgrind of 200 HP cycles, as bench_devices
// runs them).
#pragma once

#include <cmath>
#include <limits>

#include "core/sim/Stimulus.h"

namespace ms::transient {

class GenericDrive {
public:
    explicit GenericDrive(const Stimulus& s) : s_(s) {}
    double value(double t) const { return s_.value(t); }
    // The drive at the end t1 of a step of size h from t and, with `stages`,
    // at t + h/2 and t + 3h/4 (the Bogacki-Shampine stages).
    void step(double t, double h, double t1, bool stages, double& u2, double& u3, double& uEnd) const {
        uEnd = s_.value(t1);
        if (!stages) return;
        u2 = s_.value(t + 0.5 * h);
        u3 = s_.value(t + 0.75 * h);
    }

private:
    const Stimulus& s_;
};

class SineStages {
public:
    explicit SineStages(const Sinusoid& w) : w_(w) {}
    // The same expression as SineDrive::value, so samples match bit for bit.
    double value(double t) const { return w_.offset + w_.amplitude * std::sin(w_.omega * t + w_.phase); }
    // As GenericDrive::step, with the stage times t + (t1 - t) {1/2, 3/4, 1};
    // t1 - t is exact (Sterbenz), so the end phase is that of t1 itself.
    void step(double t, double, double t1, bool stages, double& u2, double& u3, double& uEnd) const {
        const double q = 0.25 * w_.omega * (t1 - t);  // a quarter of the step's angle
        if (!(std::fabs(q) <= kMaxQuarter)) {
            uEnd = value(t1);
            if (stages) {
                u2 = value(t + 0.5 * (t1 - t));
                u3 = value(t + 0.75 * (t1 - t));
            }
            return;
        }
        anchor(t);
        // e^(i q) by its Taylor series, then its powers 2, 3 and 4.
        const double x2 = q * q;
        const double s1 = q + q * x2 * (-1.0 / 6 + x2 * (1.0 / 120 + x2 * (-1.0 / 5040 + x2 * (1.0 / 362880))));
        const double c1 = 1.0 + x2 * (-0.5 + x2 * (1.0 / 24 + x2 * (-1.0 / 720 + x2 * (1.0 / 40320 +
                                                                                     x2 * (-1.0 / 3628800)))));
        const double s2 = 2.0 * s1 * c1, c2 = 1.0 - 2.0 * s1 * s1;
        const double s4 = 2.0 * s2 * c2, c4 = 1.0 - 2.0 * s2 * s2;
        // The phase at t1, the next step's anchor.
        endT_ = t1;
        endS_ = s0_ * c4 + c0_ * s4;
        endC_ = c0_ * c4 - s0_ * s4;
        uEnd = w_.offset + w_.amplitude * endS_;
        if (!stages) return;
        const double s3 = s2 * c1 + c2 * s1, c3 = c2 * c1 - s2 * s1;
        u2 = w_.offset + w_.amplitude * (s0_ * c2 + c0_ * s2);
        u3 = w_.offset + w_.amplitude * (s0_ * c3 + c0_ * s3);
    }

private:
    // |omega h| / 4 <= 0.05 (the engine's steps are at most ~1/50 period,
    // 0.033): the first omitted Taylor terms are below 1e-19 relative.
    static constexpr double kMaxQuarter = 0.05;
    // Carried phases accumulate about one rounding per step; every
    // kRecompute steps the anchor is recomputed from t by sin and cos.
    static constexpr int kRecompute = 64;

    void anchor(double t) const {
        if (t == anchorT_) return;
        if (t == endT_ && carried_ < kRecompute) {
            s0_ = endS_;
            c0_ = endC_;
            ++carried_;
        } else {
            const double phi = w_.omega * t + w_.phase;
            s0_ = std::sin(phi);  // GCC fuses the pair into one sincos call
            c0_ = std::cos(phi);
            carried_ = 0;
        }
        anchorT_ = t;
    }

    Sinusoid w_;
    mutable double anchorT_ = std::numeric_limits<double>::quiet_NaN(), s0_ = 0.0, c0_ = 1.0;
    mutable double endT_ = std::numeric_limits<double>::quiet_NaN(), endS_ = 0.0, endC_ = 1.0;
    mutable int carried_ = 0;
};

}  // namespace ms::transient
