// The volatile memristor (core/devices/models/VolatileMemristor.cpp) through
// the device-transient engine: exact relaxation at zero bias, short-term
// facilitation under pulses closer than tau, bad parameters refused at their
// path (docs/reservoir.md).
#include <QtTest>

#include <cmath>

#include "core/common/Errors.h"
#include "core/devices/ModelRegistry.h"
#include "core/sim/DeviceTransient.h"

using namespace ms;

namespace {

// Keeps the "transient" series: columns t, v, i, state, R, phi, q.
class TraceSink final : public CheckedSink {
public:
    std::vector<double> t, v, w;

protected:
    void onRows(const std::string&, const double* d, std::size_t rows) override {
        for (std::size_t r = 0; r < rows; ++r) {
            t.push_back(d[r * 7]);
            v.push_back(d[r * 7 + 1]);
            w.push_back(d[r * 7 + 3]);
        }
    }
};

std::unique_ptr<MemristorModel> device(const ParamValues& params = {}) {
    return instantiateDevice({"volatile_diffusive", "", params, std::nullopt});
}

std::unique_ptr<Stimulus> drive(const std::string& kind, const ParamValues& overrides,
                                const std::vector<std::pair<double, double>>& points = {}) {
    const StimulusInfo* info = stimulusRegistry().find(kind);
    return info->create(withDefaults(info->params, overrides), points);
}

TransientOptions tight(double duration, double w0 = std::nan("")) {
    TransientOptions o;
    o.duration = duration;
    o.relTol = 1e-10;
    o.absTol = 1e-13;
    o.samples = 200;
    o.initialState = w0;
    o.modelName = "volatile_diffusive";
    return o;
}

// The state after `count` pulses of `amplitude` (1 ms wide) every `period`,
// read at the end of the last pulse.
double stateAfterPulses(double amplitude, int count, double period) {
    auto m = device();
    auto d = drive("pulse_train", {{"amplitude", amplitude}, {"width", 1e-3}, {"period", period}, {"count", count}});
    TraceSink sink;
    StopToken stop;
    const double end = (count - 1) * period + 1e-3;
    return runDeviceTransient(*m, *d, DriveMode::Voltage, tight(end), sink, stop).finalState;
}

}  // namespace

class VolatileMemristorTest : public QObject {
    Q_OBJECT
private slots:
    // At zero bias dw/dt = -w/tau, so w(t) = w0 exp(-t/tau) (Du et al. 2017).
    void relaxesAsTheClosedForm() {
        const double tau = 10e-3, w0 = 0.8;
        auto m = device({{"tau", tau}});
        auto zero = drive("pwl", {}, {{0.0, 0.0}, {0.05, 0.0}});
        TraceSink sink;
        StopToken stop;
        runDeviceTransient(*m, *zero, DriveMode::Voltage, tight(0.05, w0), sink, stop);
        QVERIFY(sink.t.size() > 100);
        double worst = 0;
        for (std::size_t k = 0; k < sink.t.size(); ++k) {
            const double exact = w0 * std::exp(-sink.t[k] / tau);
            worst = std::max(worst, std::fabs(sink.w[k] - exact) / exact);
        }
        qInfo("largest relative error of the decay over 5 tau: %.3g", worst);
        QVERIFY2(worst < 1e-6, qPrintable(QString::number(worst)));
    }
    // A constant bias settles at lambda sinh(eta v) tau (below the clip at 1).
    void constantBiasSettlesAtItsFixedPoint() {
        auto m = device({{"tau", 1e-3}});
        auto dc = drive("pwl", {}, {{0.0, 0.5}, {0.02, 0.5}});
        TraceSink sink;
        StopToken stop;
        const double w = runDeviceTransient(*m, *dc, DriveMode::Voltage, tight(0.02), sink, stop).finalState;
        const double expected = 10 * std::sinh(3 * 0.5) * 1e-3;
        QVERIFY2(std::fabs(w - expected) < 1e-6 * expected, qPrintable(QString::number(w)));
    }
    // Larger pulses excite more (sinh growth); pulses closer than tau add up,
    // pulses far apart are forgotten (paired-pulse facilitation).
    void pulseResponseGrowsWithAmplitudeAndRate() {
        const double w05 = stateAfterPulses(0.5, 1, 2e-3), w1 = stateAfterPulses(1.0, 1, 2e-3),
                     w15 = stateAfterPulses(1.5, 1, 2e-3);
        QVERIFY(0 < w05 && w05 < w1 && w1 < w15);
        double previous = 0;
        for (int n = 1; n <= 5; ++n) {
            const double w = stateAfterPulses(1.0, n, 2e-3);  // period 2 ms << tau = 10 ms
            QVERIFY2(w > previous * 1.05, qPrintable(QString("pulse %1: %2 after %3").arg(n).arg(w).arg(previous)));
            previous = w;
        }
        // Pulses 100 ms (10 tau) apart: the fifth finds the device all but relaxed.
        const double slow = stateAfterPulses(1.0, 5, 100e-3);
        QVERIFY(std::fabs(slow - w1) < 1e-3 * w1);
        QVERIFY(stateAfterPulses(1.0, 5, 2e-3) > 2 * slow);
    }
    void badParametersAreRefusedAtTheirPath() {
        auto expectAt = [](const ParamValues& p, const std::string& path) {
            try {
                instantiateDevice({"volatile_diffusive", "", p, std::nullopt}, "devices[0]");
                QFAIL(qPrintable(QString::fromStdString("accepted, expected an error at " + path)));
            } catch (const InputError& e) {
                QCOMPARE(QString::fromStdString(e.path()), QString::fromStdString(path));
            }
        };
        expectAt({{"tau", 0.0}}, "devices[0].params.tau");
        expectAt({{"tau", -1.0}}, "devices[0].params.tau");
        expectAt({{"w0", 1.5}}, "devices[0].params.w0");
        expectAt({{"Gmax", 1e-7}}, "devices[0].params.Gmax");
        expectAt({{"lambda", std::nan("")}}, "devices[0].params.lambda");
        expectAt({{"unknown", 1.0}}, "devices[0].params.unknown");
    }
};

QTEST_APPLESS_MAIN(VolatileMemristorTest)
#include "test_volatile_memristor.moc"
