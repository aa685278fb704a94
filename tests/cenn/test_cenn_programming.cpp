// Programming 4M bridges with pulses (write-verify through the device-transient
// engine) and drifting them to a read time (docs/cenn.md, "Programming with
// pulses" and "Drift"): every device lands within the tolerance of its target,
// a pulse's energy matches the linear ion drift closed form, tighter
// tolerances cost more pulses and energy, and drift is off at t = 0 and grows
// with the read time.
#include <QtTest>

#include <cmath>
#include <cstring>

#include "CennTestImages.h"
#include "core/cenn/BridgeTemplate.h"
#include "core/cenn/Images.h"
#include "core/sim/Frames.h"

using namespace ms::cenn;

namespace {

constexpr double kRon = 100, kRoff = 16e3, kD = 10e-9, kMobility = 1e-14;
// dM/dq of the linear ion drift model without a window: M = Roff - (Roff - Ron) x,
// dx/dq = mu_v Ron / D^2.
constexpr double kDmDq = (kRoff - kRon) * kMobility * kRon / (kD * kD);

using cenn_test::differing;
using cenn_test::runWith;

BridgeOptions writeVerify(double tolerance) {
    BridgeOptions o;
    o.programming = Programming::WriteVerify;
    o.pulses.tolerance = tolerance;
    return o;
}

// Sum over the template of |realised - wanted|.
double weightError(const Template& real, const Template& wanted) {
    double e = std::fabs(real.z - wanted.z);
    for (int k = 0; k < 9; ++k) e += std::fabs(real.A[k] - wanted.A[k]) + std::fabs(real.B[k] - wanted.B[k]);
    return e;
}

}  // namespace

class TestCennProgramming : public QObject {
    Q_OBJECT
private slots:
    void writeVerifyReachesEveryTarget() {
        const TemplateInfo& info = *templateLibrary().find("edge_detection");
        for (double tol : {1e-2, 1e-4}) {
            const RealisedTemplate real = realise(info.tmpl, writeVerify(tol));
            QCOMPARE(real.bridges.size(), std::size_t(11));
            QCOMPARE(real.sites.size(), real.bridges.size());
            for (std::size_t k = 0; k < real.bridges.size(); ++k) {
                QVERIFY(real.sites[k].converged);
                QVERIFY(real.sites[k].pulses > 0);
                QVERIFY(real.sites[k].energy > 0);
                const Bridge want = programBridge(real.targets[k], kRon, kRoff);
                for (int d = 0; d < 4; ++d) QVERIFY(std::fabs(real.bridges[k][d] - want[d]) <= tol * want[d]);
            }
            // Sites in wiring order: A's centre, B's nine entries, z.
            QCOMPARE(real.sites.front().matrix, 0);
            QCOMPARE(real.sites.front().entry, 4);
            QCOMPARE(real.sites[5].matrix, 1);
            QCOMPARE(real.sites[5].entry, 4);
            QCOMPARE(real.sites.back().matrix, 2);
            // Each term M2/(M1+M2) of the bridge moves by at most tol/2 for relative
            // errors tol of its devices, so the weight by at most tol (times the scale).
            const double bound = real.weightScale * tol;
            QVERIFY(std::fabs(real.tmpl.z - info.tmpl.z) <= bound);
            for (int k = 0; k < 9; ++k) {
                QVERIFY(std::fabs(real.tmpl.A[k] - info.tmpl.A[k]) <= bound);
                QVERIFY(std::fabs(real.tmpl.B[k] - info.tmpl.B[k]) <= bound);
            }
        }
        // Tight programming: the edge detector's output equals the ideal CeNN's.
        Image u;
        QVERIFY(builtinImage("digits_3", u));
        const RealisedTemplate tight = realise(info.tmpl, writeVerify(1e-4));
        const Image ideal = runWith(info, info.tmpl, u).y, bridged = runWith(info, tight.tmpl, u).y;
        QCOMPARE(differing(ideal, bridged), 0);
        for (std::size_t i = 0; i < ideal.v.size(); ++i) QVERIFY(std::fabs(ideal.v[i] - bridged.v[i]) < 1e-2);
    }

    // E = integral of V I dt = V dq, and M(q) = M0 - k q, so E = V (M0 - M1)/k.
    void pulseEnergyMatchesTheClosedForm() {
        const ms::StopToken stop;
        struct Case {
            double m0, volts, width;
        };
        double worst = 0;
        for (const Case c : {Case{16e3, 1.0, 10e-3}, Case{5e3, -1.0, 10e-3}, Case{9e3, 2.5, 1e-3}}) {
            double energy = 0;
            const double m1 = pulseDevice(c.m0, c.volts, c.width, kRon, kRoff, kD, kMobility, energy, stop);
            QVERIFY(std::fabs(m1 - c.m0) > 10.0);  // the pulse moved the device
            // The state's own closed form: M dM/dt = -k V, so M1^2 = M0^2 - 2 k V t.
            const double m1Exact = std::sqrt(c.m0 * c.m0 - 2 * kDmDq * c.volts * c.width);
            QVERIFY(std::fabs(m1 - m1Exact) < 1e-4 * m1Exact);
            const double closed = c.volts * (c.m0 - m1) / kDmDq;
            QVERIFY(closed > 0);
            worst = std::max(worst, std::fabs(energy - closed) / closed);
        }
        qInfo("pulse energy against V (M0 - M1)/k: worst relative error %.3g", worst);
        QVERIFY(worst <= 0.01);
    }

    void tighterToleranceCostsMore() {
        const TemplateInfo& info = *templateLibrary().find("edge_detection");
        int previousPulses = -1;
        double previousEnergy = -1;
        for (double tol : {5e-2, 1e-2, 1e-3, 1e-4}) {
            const RealisedTemplate real = realise(info.tmpl, writeVerify(tol));
            int pulses = 0;
            double energy = 0;
            for (const BridgeSite& s : real.sites) {
                pulses += s.pulses;
                energy += s.energy;
            }
            qInfo("tolerance %g: %d pulses, %.4g J", tol, pulses, energy);
            QVERIFY(pulses > previousPulses);
            QVERIFY(energy > previousEnergy);
            previousPulses = pulses;
            previousEnergy = energy;
        }
    }

    // Closed-loop programming reads back what it wrote: a spread of the
    // devices' switching speed changes the pulse counts, not the accuracy;
    // quantised levels become the targets it verifies against.
    void variationAndLevelsUnderWriteVerify() {
        const TemplateInfo& info = *templateLibrary().find("edge_detection");
        const double tol = 1e-3;
        const RealisedTemplate nominal = realise(info.tmpl, writeVerify(tol));
        BridgeOptions spread = writeVerify(tol);
        spread.variation = 0.2;
        const RealisedTemplate varied = realise(info.tmpl, spread);
        int differentCounts = 0;
        for (std::size_t k = 0; k < varied.sites.size(); ++k) {
            QVERIFY(varied.sites[k].converged);
            differentCounts += varied.sites[k].pulses != nominal.sites[k].pulses ? 1 : 0;
            const Bridge want = programBridge(varied.targets[k], kRon, kRoff);
            for (int d = 0; d < 4; ++d) QVERIFY(std::fabs(varied.bridges[k][d] - want[d]) <= tol * want[d]);
        }
        QVERIFY(differentCounts >= 5);
        QVERIFY(weightError(varied.tmpl, info.tmpl) <= 11 * varied.weightScale * tol);

        BridgeOptions quantised = writeVerify(tol);
        quantised.levels = 4;
        const RealisedTemplate q = realise(info.tmpl, quantised);
        const double step = (kRoff - kRon) / 3;
        for (const Bridge& b : q.bridges)
            for (double m : b) {
                const double level = kRon + std::round((m - kRon) / step) * step;
                QVERIFY(std::fabs(m - level) <= tol * level);
            }
        QVERIFY(weightError(q.tmpl, info.tmpl) > 0.1);
    }

    void pulseBudgetReportsNonConvergence() {
        const TemplateInfo& info = *templateLibrary().find("edge_detection");
        BridgeOptions o = writeVerify(1e-3);
        o.pulses.maxPulses = 5;
        const RealisedTemplate real = realise(info.tmpl, o);
        int unconverged = 0;
        for (const BridgeSite& s : real.sites) {
            unconverged += s.converged ? 0 : 1;
            QVERIFY(s.pulses <= 4 * 5);
        }
        QCOMPARE(unconverged, 11);
    }

    void driftOffAtReadTimeZero() {
        const TemplateInfo& info = *templateLibrary().find("edge_detection");
        for (Programming p : {Programming::Ideal, Programming::WriteVerify}) {
            BridgeOptions plain;
            plain.programming = p;
            plain.variation = 0.1;
            BridgeOptions drifting = plain;
            drifting.drift.spec = {0.05, 0.5, 1.0};
            drifting.drift.readTime = 0.0;
            const RealisedTemplate a = realise(info.tmpl, plain), b = realise(info.tmpl, drifting);
            QCOMPARE(a.bridges, b.bridges);
            QVERIFY(std::memcmp(&a.tmpl, &b.tmpl, sizeof(Template)) == 0);
            Image u;
            QVERIFY(builtinImage("digits_3", u));
            const Result ra = runWith(info, a.tmpl, u), rb = runWith(info, b.tmpl, u);
            QVERIFY(ra.x.v == rb.x.v);
            // And the drift moves the weights once time has passed.
            drifting.drift.readTime = 1e3;
            QVERIFY(weightError(realise(info.tmpl, drifting).tmpl, a.tmpl) > 1e-3);
        }
    }

    // A drift exponent common to all four devices of a bridge would cancel in
    // its weight (a ratio of memristances); the spread of nu moves it, and
    // further the longer the wait.
    void driftGrowsWithReadTime() {
        const TemplateInfo& info = *templateLibrary().find("edge_detection");
        double previous = -1;
        for (double t : {0.0, 1.0, 1e2, 1e4, 1e6, 1e8}) {
            double error = 0;
            for (std::uint64_t seed = 1; seed <= 4; ++seed) {
                BridgeOptions o;
                o.seed = seed;
                o.drift.spec = {0.01, 0.5, 1.0};
                o.drift.readTime = t;
                error += weightError(realise(info.tmpl, o).tmpl, info.tmpl);
            }
            qInfo("read time %g s: summed weight error %.4g", t, error);
            if (t == 0) QVERIFY(error < 1e-10);
            QVERIFY(error > previous);
            previous = error;
        }
        // Without spread the bridges keep their weights however long they wait.
        BridgeOptions common;
        common.drift.spec = {0.05, 0.0, 1.0};
        common.drift.readTime = 1e8;
        QVERIFY(weightError(realise(info.tmpl, common).tmpl, info.tmpl) < 1e-12);
    }
};

QTEST_APPLESS_MAIN(TestCennProgramming)
#include "test_cenn_programming.moc"
