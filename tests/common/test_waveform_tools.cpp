// The waveform tools of the studio's plots against closed forms. Cursor
// measurements (core/common/WaveformMeasures): a sine's mean, RMS A/sqrt 2,
// period and half-cycle integral 2A/omega, a trapezoid pulse's 10-90 % rise
// and fall times, interpolated window ends, the errors a bad window gets.
// Trace expressions (core/common/TraceExpression): v/i is a resistance in Ω,
// v*i a power in W, integ(i) the charge sin(wt)/w in C, units that do not add
// and unknown columns refused with the position and the known columns.
#include <QtTest>

#include <cmath>
#include <numbers>

#include "core/common/Errors.h"
#include "core/common/TraceExpression.h"
#include "core/common/WaveformMeasures.h"

using ms::measureWaveform;

class TestWaveformTools : public QObject {
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
    void traceAlgebraAndUnits() {
        // v = 1 + 0.5 sin(wt) across a 100 Ω resistor; i = v / 100.
        const double w = 2 * std::numbers::pi * 50;
        ms::TraceInput t{"t", "s", {}}, v{"v(in)", "V", {}}, i{"i(R1)", "A", {}}, c{"i(C1)", "A", {}};
        for (int k = 0; k <= 4000; ++k) {
            t.values.push_back(0.04 * k / 4000);
            v.values.push_back(1 + 0.5 * std::sin(w * t.values.back()));
            i.values.push_back(v.values.back() / 100);
            c.values.push_back(std::cos(w * t.values.back()));
        }
        const std::vector<ms::TraceInput> cols{v, i, c};
        auto eval = [&](const char* e) { return ms::evaluateTrace(e, cols, t); };
        const auto r = eval("v(in)/i(R1)");
        QCOMPARE(r.unit, std::string("Ω"));
        for (double x : r.values) QVERIFY(std::fabs(x - 100) < 1e-12);
        const auto p = eval("V(IN) * I(R1)");  // LTspice's capitals find the run's columns
        QCOMPARE(p.unit, std::string("W"));
        QVERIFY(std::fabs(p.values[1000] - v.values[1000] * v.values[1000] / 100) < 1e-15);
        const auto q = eval("integ(i(C1))");  // the integral of cos(wt) is sin(wt)/w
        QCOMPARE(q.unit, std::string("C"));
        double worst = 0;
        for (std::size_t k = 0; k < q.values.size(); ++k) worst = std::max(worst, std::fabs(q.values[k] - std::sin(w * t.values[k]) / w));
        QVERIFY2(worst < 1e-6 / w, qPrintable(QString::number(worst)));
        QCOMPARE(eval("integ(v(in))").unit, std::string("Wb"));
        QCOMPARE(eval("v(in) - 2 * v(in) + 1e-3 * (v(in))").unit, std::string("V"));
        QCOMPARE(eval("sqrt(v(in)^2)").unit, std::string("V"));
        QCOMPARE(eval("i(R1) / v(in)").unit, std::string("S"));
        QCOMPARE(eval("v(in)^2 / t").unit, std::string("V^2/s"));
        QCOMPARE(eval("1u[F] * deriv(v(in))").unit, std::string("A"));  // a capacitor's current
        const auto d = eval("deriv(integ(v(in)))");  // round trip, interior rows
        for (std::size_t k = 1; k + 1 < d.values.size(); ++k) QVERIFY(std::fabs(d.values[k] - v.values[k]) < 1e-4);
        QVERIFY(std::fabs(eval("-v(in) + +v(in)").values[7]) < 1e-15);
        // Numbers with SPICE suffixes and units: Ohm's law on the resistor is zero in V.
        const auto ohm = eval("v(in) - 100[ohm] * i(R1) + 0.1m * 0[V]");
        QCOMPARE(ohm.unit, std::string("V"));
        for (double x : ohm.values) QVERIFY(std::fabs(x) < 1e-12);
        QVERIFY(std::fabs(eval("1k * 2u + 3meg * 1p").values[0] - (2e-3 + 3e-6)) < 1e-18);
    }
    void badTracesAreRefusedWithWhereAndWhy() {
        const ms::TraceInput t{"t", "s", {0, 1}};
        const std::vector<ms::TraceInput> cols{{"v(a)", "V", {1, 2}}, {"i(M1)", "A", {3, 4}}};
        auto message = [&](const char* e) -> QString {
            try {
                ms::evaluateTrace(e, cols, t);
            } catch (const ms::InputError& err) {
                return QString::fromStdString(err.what());
            }
            return {};
        };
        QVERIFY2(message("v(a) + i(M1)").contains("character 6") && message("v(a) + i(M1)").contains("cannot add A to V"),
                 qPrintable(message("v(a) + i(M1)")));
        const QString unknown = message("v(b) * 2");
        QVERIFY2(unknown.contains("no column 'v(b)'") && unknown.contains("t, v(a), i(M1)"), qPrintable(unknown));
        QVERIFY(message("v(a) - 1000*i(M1)").contains("1k[ohm]*i(R1) is in V"));
        QVERIFY(message("v(a) *").contains("value was expected"));
        QVERIFY(message("2[V").contains("']' was expected"));
        QVERIFY(message("2 * (v(a)").contains("')' was expected"));
        QVERIFY(message("exp(v(a))").contains("plain number"));
        QVERIFY(message("sqrt(v(a))").contains("whole-number"));
        QVERIFY(message("v(a) $").contains("unexpected '$'"));
        QVERIFY(message("").contains("value was expected"));
    }
    void badInputIsRefused() {
        QVERIFY_THROWS_EXCEPTION(ms::InputError, measureWaveform({0, 1}, {0}, 0, 1));
        QVERIFY_THROWS_EXCEPTION(ms::InputError, measureWaveform({0}, {0}, 0, 1));
        QVERIFY_THROWS_EXCEPTION(ms::InputError, measureWaveform({0, 1}, {0, 1}, 0.5, 0.5));
        QVERIFY_THROWS_EXCEPTION(ms::InputError, measureWaveform({0, 1}, {0, 1}, 2, 3));
    }
};

QTEST_APPLESS_MAIN(TestWaveformTools)
#include "test_waveform_tools.moc"
