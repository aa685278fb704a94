// Closed forms of the passive-array read (docs/crossbar.md §1, §3):
// Flocke & Noll's sneak resistance and V_out, the read-margin array limit, the
// V/2 rule N-1 < K_r, and the absence of sneak current under a grounded read.
#include <QtTest>

#include <cmath>

#include "core/crossbar/CrossbarAnalysis.h"

using namespace ms;

class TestCrossbarClosedForm : public QObject {
    Q_OBJECT
private slots:
    void sneakResistanceSquare_data() {
        QTest::addColumn<int>("n");
        for (int n : {4, 8, 32}) QTest::newRow(qPrintable(QString("N=%1").arg(n))) << n;
    }
    // R_sn = R_u (2N-1)/(N-1)^2 with every unselected line floating, zero wire R.
    void sneakResistanceSquare() {
        QFETCH(int, n);
        const double ru = 1e4, v = 0.3;
        CrossbarSpec s = uniformCrossbar(std::size_t(n), std::size_t(n), 1.0 / ru);
        s.g(1, 2) = 1.0 / 3e5;  // the selected cell's state must not matter
        const auto r = readCell(s, BiasScheme::Floating, 1, 2, v);
        const double rsn = v / r.sneakCurrent;
        const double expected = ru * (2.0 * n - 1) / ((n - 1.0) * (n - 1.0));
        qInfo("N=%d: R_sn relative error %.2e", n, rsn / expected - 1);
        QVERIFY2(std::fabs(rsn / expected - 1) < 1e-10, qPrintable(QString("R_sn %1 vs %2").arg(rsn).arg(expected)));
        QVERIFY(std::fabs(r.selectedCurrent - v / 3e5) < 1e-12 * r.selectedCurrent);
    }
    // M×N: R_u/(N-1) + R_u/((M-1)(N-1)) + R_u/(M-1).
    void sneakResistanceRectangular() {
        const double ru = 2e4, v = 1.0;
        const std::size_t M = 5, N = 9;
        const auto r = readCell(uniformCrossbar(M, N, 1.0 / ru), BiasScheme::Floating, 4, 0, v);
        const double expected = ru / (N - 1.0) + ru / ((M - 1.0) * (N - 1.0)) + ru / (M - 1.0);
        QVERIFY(std::fabs(v / r.sneakCurrent / expected - 1) < 1e-10);
    }
    // V_out/V_r = R_pu/(R_pu + R_sel || R_sn) = 0.69565 (N=4), 0.81013 (N=8) with all R = R_pu.
    void pullUpOutput() {
        for (auto [n, expected] : {std::pair{4, 0.69565}, std::pair{8, 0.81013}}) {
            CrossbarSpec s = uniformCrossbar(std::size_t(n), std::size_t(n), 1e-4);
            s.rSense = 1e4;
            const auto r = readCell(s, BiasScheme::Floating, 0, 0, 1.0);
            qInfo("N=%d: V_out/V_r = %.8f (closed form %.8f)", n, r.vOut, n == 4 ? 16.0 / 23.0 : 64.0 / 79.0);
            QVERIFY2(std::fabs(r.vOut - expected) < 5e-6, qPrintable(QString("N=%1: %2").arg(n).arg(r.vOut, 0, 'g', 10)));
            const double closed = double(n) == 4 ? 16.0 / 23.0 : 64.0 / 79.0;
            QVERIFY(std::fabs(r.vOut - closed) < 1e-12);
        }
    }
    // Linear cells, Roff/Ron = 10, R_pu = Ron: margins 11.5 / 3.9 / 1.2 % at
    // N = 4 / 8 / 16, hence N_max = 4 for a 10 % margin.
    void readMarginLimit() {
        const double ron = 1e4;
        CrossbarSpec base = uniformCrossbar(2, 2, 1.0 / ron);
        base.rSense = ron;
        std::vector<std::size_t> sizes;
        for (std::size_t n = 2; n <= 16; ++n) sizes.push_back(n);
        const auto sweep = readMarginVsN(base, BiasScheme::Floating, 1.0 / ron, 0.1 / ron, 1.0, sizes);
        QCOMPARE(maxArraySize(sweep, 0.10), std::size_t(4));
        auto at = [&](std::size_t n) { return sweep[n - 2].margin.margin(); };
        qInfo("margins: N=4 %.4f, N=5 %.4f, N=8 %.4f, N=16 %.4f", at(4), at(5), at(8), at(16));
        QVERIFY(std::fabs(at(4) - 0.1148) < 5e-4);
        QVERIFY(std::fabs(at(8) - 0.039) < 5e-4);
        QVERIFY(std::fabs(at(16) - 0.012) < 5e-4);
        // Closed form for every N.
        for (const auto& p : sweep) {
            const double n = double(p.n), rsn = ron * (2 * n - 1) / ((n - 1) * (n - 1));
            auto vout = [&](double rsel) { return ron / (ron + rsel * rsn / (rsel + rsn)); };
            QVERIFY(std::fabs(p.margin.margin() - (vout(ron) - vout(10 * ron))) < 1e-12);
        }
    }
    // V/2 read with virtual-ground sensing and K_r-sinh cells: worst cases
    // I_LRS,min = I_on(V) + (N-1) I_off(V)/K_r and I_HRS,max = I_off(V) + (N-1) I_on(V)/K_r,
    // so the read is unambiguous iff N-1 < K_r.
    void halfVoltageRule() {
        const double ron = 1e4, roff = 1e5, v = 1.0, kr = 10.0;
        CrossbarSpec base = uniformCrossbar(2, 2, 1.0 / ron);
        base.nonlinearity = {kr, v};
        const double a = base.nonlinearity.sinhRate();
        const auto sweep = readMarginVsN(base, BiasScheme::HalfV, 1.0 / ron, 1.0 / roff, v, {6, 10, 12, 16});
        for (const auto& p : sweep) {
            const double n = double(p.n);
            const double ion = std::sinh(a * v) / (a * ron), ioff = std::sinh(a * v) / (a * roff);
            const double lrsMin = (ion + (n - 1) * ioff / kr) / (v / ron);
            const double hrsMax = (ioff + (n - 1) * ion / kr) / (v / ron);
            QVERIFY(std::fabs(p.margin.onAllOff - lrsMin) < 1e-9 * lrsMin);
            QVERIFY(std::fabs(p.margin.offAllOn - hrsMax) < 1e-9 * hrsMax);
            QCOMPARE(p.margin.worstMargin() > 0, n - 1 < kr);
        }
    }
    // Grounded (and MVM-like) read with ideal lines: no sneak current reaches the sense node.
    void groundedReadHasNoSneak() {
        CrossbarSpec s = uniformCrossbar(16, 16, 1e-4);
        s.g(3, 5) = 1e-6;
        const auto r = readCell(s, BiasScheme::Grounded, 3, 5, 0.2);
        QVERIFY(std::fabs(r.sneakCurrent) < 1e-15);
        QVERIFY(std::fabs(r.senseCurrent - 0.2e-6) < 1e-18);
    }
};

QTEST_APPLESS_MAIN(TestCrossbarClosedForm)
#include "test_crossbar_closed_form.moc"
