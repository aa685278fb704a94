// Cursor measurements (core/common/WaveformMeasures) against closed forms:
// a sine's mean, RMS A/sqrt 2, period and half-cycle integral 2A/omega, a
// trapezoid pulse's 10-90 % rise and fall times, interpolated window ends,
// and the errors a bad window gets.
#include <QtTest>

#include <cmath>
#include <numbers>

#include "core/common/Errors.h"
#include "core/common/WaveformMeasures.h"

using ms::measureWaveform;

class TestWaveformMeasures : public QObject {
    Q_OBJECT
private slots:
    void sineMatchesClosedForms() {
        const double a = 2.0, f = 50.0, w = 2 * std::numbers::pi * f;
        std::vector<double> t, v;
        for (int k = 0; k <= 20000; ++k) {
            t.push_back(0.1 * k / 20000);
            v.push_back(a * std::sin(w * t.back()));
        }
        const auto m = measureWaveform(t, v, 0.0, 0.1);  // five periods
        QVERIFY(std::fabs(m.mean) < 1e-9 * a);
        QVERIFY(std::fabs(m.rms / (a / std::sqrt(2.0)) - 1) < 1e-8);
        QVERIFY(std::fabs(m.period / 0.02 - 1) < 1e-6);
        QVERIFY(std::fabs(m.peakToPeak / (2 * a) - 1) < 1e-9);
        QCOMPARE(m.samples, std::size_t(19999));
        // Half a cycle: integral 2A/omega; trapezoids are off by (omega dt)^2 / 12 = 2.1e-7 here.
        const auto half = measureWaveform(t, v, 0.0, 0.01);
        QVERIFY2(std::fabs(half.integral / (2 * a / w) - 1) < 3e-7, qPrintable(QString::number(half.integral)));
        // From t = 0 the sine starts on an upward crossing: two periods still measure.
        QVERIFY(std::fabs(measureWaveform(t, v, 0.0, 0.04).period / 0.02 - 1) < 1e-6);
        // One crossing of the mid level in half a cycle: no period.
        QVERIFY(std::isnan(half.period));
    }
    void trapezoidPulseEdges() {
        // 0 -> 1 over 1 us from t = 1 us, flat, 1 -> 0 over 2 us from t = 5 us.
        const std::vector<double> t{0, 1e-6, 2e-6, 5e-6, 7e-6, 9e-6}, v{0, 0, 1, 1, 0, 0};
        const auto m = measureWaveform(t, v, 0, 9e-6);
        QVERIFY(std::fabs(m.riseTime / 0.8e-6 - 1) < 1e-9);
        QVERIFY(std::fabs(m.fallTime / 1.6e-6 - 1) < 1e-9);
        QVERIFY(std::fabs(m.integral - 4.5e-6) < 1e-18);  // 1 us / 2 + 3 us + 2 us / 2
        // A window that starts on the flat top holds no rising edge.
        QVERIFY(std::isnan(measureWaveform(t, v, 3e-6, 9e-6).riseTime));
    }
    void windowEndsInterpolatedAndClipped() {
        const std::vector<double> x{0, 0.5, 1}, y{0, 0.5, 1};
        const auto m = measureWaveform(x, y, 0.75, 0.25);  // cursors in either order
        QVERIFY(std::fabs(m.integral - 0.25) < 1e-15);
        QVERIFY(std::fabs(m.mean - 0.5) < 1e-15);
        QCOMPARE(m.min, 0.25);
        QCOMPARE(m.max, 0.75);
        const auto clipped = measureWaveform(x, y, -3, 0.5);  // clipped to the data
        QVERIFY(std::fabs(clipped.integral - 0.125) < 1e-15);
    }
    void badInputIsRefused() {
        QVERIFY_THROWS_EXCEPTION(ms::InputError, measureWaveform({0, 1}, {0}, 0, 1));
        QVERIFY_THROWS_EXCEPTION(ms::InputError, measureWaveform({0}, {0}, 0, 1));
        QVERIFY_THROWS_EXCEPTION(ms::InputError, measureWaveform({0, 1}, {0, 1}, 0.5, 0.5));
        QVERIFY_THROWS_EXCEPTION(ms::InputError, measureWaveform({0, 1}, {0, 1}, 2, 3));
    }
};

QTEST_APPLESS_MAIN(TestWaveformMeasures)
#include "test_waveform_measures.moc"
