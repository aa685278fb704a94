// Write and disturb under V/2 and V/3 through a registered device model. With
// ideal lines every cell voltage is known exactly (V, V/2 or 0; V, ±V/3), and
// the linear ion-drift state has a closed form at constant voltage:
//   dx/dt = k v / (Roff - ΔR x)  =>  Roff x - ΔR x²/2 grows by k v t
// (Strukov 2008, no window), so every cell's final state is checked.
#include <QtTest>

#include <cmath>

#include "core/common/Errors.h"
#include "core/crossbar/WriteDisturb.h"

using namespace ms;

namespace {

const double kRon = 100, kRoff = 16e3, kD = 10e-9, kUv = 1e-14, kRinit = 11e3;

double closedForm(double x0, double v, double t) {
    const double k = kUv * kRon / (kD * kD), dr = kRoff - kRon;
    const double c = kRoff * x0 - dr * x0 * x0 / 2 + k * v * t;  // solve dr/2 x² - Roff x + c = 0
    return (kRoff - std::sqrt(kRoff * kRoff - 2 * dr * c)) / dr;
}

DeviceSpec hp() { return {"linear_ion_drift", "hp_tio2", {}, std::nullopt}; }

}  // namespace

class TestCrossbarWrite : public QObject {
    Q_OBJECT
private slots:
    void idealLinesMatchClosedForm_data() {
        QTest::addColumn<int>("scheme");
        QTest::newRow("V/2") << int(BiasScheme::HalfV);
        QTest::newRow("V/3") << int(BiasScheme::ThirdV);
    }
    void idealLinesMatchClosedForm() {
        QFETCH(int, scheme);
        const auto b = BiasScheme(scheme);
        const CrossbarSpec s = uniformCrossbar(6, 5, 1e-4);
        WriteOptions o;
        o.scheme = b;
        o.row = 2;
        o.col = 3;
        o.vWrite = 1.0;
        o.pulseWidth = 0.2;
        const auto r = writeCell(s, hp(), o);
        const double x0 = (kRoff - kRinit) / (kRoff - kRon);
        for (long i = 0; i < 6; ++i)
            for (long j = 0; j < 5; ++j) {
                const bool selRow = i == 2, selCol = j == 3;
                double v;
                if (selRow && selCol) v = 1.0;
                else if (b == BiasScheme::HalfV) v = (selRow || selCol) ? 0.5 : 0.0;
                else v = (selRow || selCol) ? 1.0 / 3.0 : -1.0 / 3.0;
                QVERIFY(std::fabs(r.cellVoltage(i, j) - v) < 1e-12);
                const double expected = closedForm(x0, v, o.pulseWidth);
                QVERIFY2(std::fabs(r.stateAfter(i, j) - expected) < 1e-9,
                         qPrintable(QString("(%1,%2): %3 vs %4").arg(i).arg(j).arg(r.stateAfter(i, j)).arg(expected)));
            }
        QVERIFY(r.selectedDeltaG > 0);
        // V/2 leaves the unselected cells alone; V/3 disturbs all of them, less per cell.
        if (b == BiasScheme::HalfV) QVERIFY(std::fabs(r.deltaG(0, 0)) < 1e-15);
        else {
            // ±V/3: the unselected cells are driven the opposite way, about as far in state.
            QVERIFY(r.deltaG(0, 0) < 0 && r.deltaG(2, 0) > 0);
            const double dxHalf = r.stateAfter(2, 0) - r.stateBefore(2, 0), dxUnsel = r.stateAfter(0, 0) - r.stateBefore(0, 0);
            QVERIFY(std::fabs(dxHalf + dxUnsel) < 0.1 * dxHalf);
        }
        qInfo("%s: selected ΔG %.3e S, half-selected %.3e S, unselected %.3e S, max disturb %.2f %%", toString(b),
              r.selectedDeltaG, r.deltaG(2, 0), r.deltaG(0, 0), 100 * r.maxDisturb);
    }
    // With wire resistance the far half-selected cells see less voltage, so the
    // disturb falls along the selected row away from the driver.
    void wireResistanceShrinksDisturbAlongTheLine() {
        CrossbarSpec s = uniformCrossbar(8, 8, 1e-4);
        s.rWireRow = s.rWireCol = 200.0;
        WriteOptions o;
        o.scheme = BiasScheme::HalfV;
        o.row = 0;
        o.col = 7;
        o.pulseWidth = 0.2;
        const auto r = writeCell(s, hp(), o);
        for (long j = 1; j < 7; ++j) QVERIFY(r.deltaG(0, j) < r.deltaG(0, j - 1));
        QVERIFY(r.cellVoltage(0, 7) < 1.0);
        QVERIFY(r.energy > 0);
    }
    void badDevice() {
        const CrossbarSpec s = uniformCrossbar(2, 2, 1e-4);
        try {
            writeCell(s, {"no_such_model", "", {}, std::nullopt}, {});
            QFAIL("no InputError");
        } catch (const InputError& e) {
            QVERIFY(std::string(e.what()).find("no_such_model") != std::string::npos);
        }
    }
};

QTEST_APPLESS_MAIN(TestCrossbarWrite)
#include "test_crossbar_write.moc"
