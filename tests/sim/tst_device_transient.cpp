// The device-transient engine on the HP linear-ion-drift model, where the
// answers are known: the exact solution without a window, the reference table
// of device-models.md §1, and the engine's contracts (bounds, breakpoints,
// drive modes, errors, cancellation).
#include <QtTest>

#include <cmath>
#include <numbers>

#include "SimTestSupport.h"
#include "core/common/Errors.h"

using namespace mstest;

class TstDeviceTransient : public QObject {
    Q_OBJECT

private slots:
    void exactSolutionWithoutWindow();
};

// device-models.md §1: without a window dR/dt = -(Roff - Ron) k v / R, so
// R(t)^2 = R0^2 - 2 (Roff - Ron) k phi(t), phi = ∫ v dt = V0 (1 - cos wt) / w.
void TstDeviceTransient::exactSolutionWithoutWindow() {
    auto dev = hpDevice();
    auto drive = sine(1.0, 1.0);
    ms::TransientOptions o;
    o.relTol = 1e-9;
    o.absTol = 1e-12;
    o.samples = 1000;
    RecordingSink sink;
    ms::StopToken stop;
    const auto sum = ms::runDeviceTransient(*dev, *drive, ms::DriveMode::Voltage, o, sink, stop);
    const auto& s = sink.series.at("transient");
    QCOMPARE(s.rows(), std::size_t(1001));
    const double Ron = 100, Roff = 16e3, k = 1e4, R0 = 11e3, w = 2 * std::numbers::pi;
    double worst = 0;
    for (std::size_t r = 0; r < s.rows(); ++r) {
        const double t = s.at(r, 0);
        const double phi = (1 - std::cos(w * t)) / w;
        const double exact = std::sqrt(R0 * R0 - 2 * (Roff - Ron) * k * phi);
        worst = std::max(worst, std::fabs(s.at(r, 4) - exact) / exact);
    }
    qInfo("exact solution: worst relative R error %.3g over %zu rows, %zu accepted / %zu rejected steps", worst,
          s.rows(), sum.acceptedSteps, sum.rejectedSteps);
    QVERIFY2(worst <= 1e-6, qPrintable(QString("worst relative error %1").arg(worst)));
}

QTEST_APPLESS_MAIN(TstDeviceTransient)
#include "tst_device_transient.moc"
