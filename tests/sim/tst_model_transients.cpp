// Every registered device model through the transient engine: the loop is
// pinched, the lobe area shrinks as the frequency rises, and the results
// converge as the tolerance tightens. The drive table must cover every model
// of the registry, so a newly registered model fails here until it has one.
#include <QtTest>

#include <cmath>

#include "SimTestSupport.h"

using namespace mstest;

namespace {

struct DriveChoice {
    ms::DriveMode mode;
    double amplitude;  // V or A
    double frequency;  // Hz: a loop that is well open at f, narrower at 2f and 4f
    const char* why;
};

// One drive per model id, chosen from docs/device-models.md so each loop opens.
const std::map<std::string, DriveChoice>& driveTable() {
    static const std::map<std::string, DriveChoice> table = {
        {"linear_ion_drift", {ms::DriveMode::Voltage, 1.0, 1.0, "§1: 1 V, 1 Hz, canonical HP set"}},
        {"nonlinear_ion_drift", {ms::DriveMode::Voltage, 1.0, 1.0, "§2: a = 4 gives ~4 /s at 1 V"}},
        {"simmons_tunnel", {ms::DriveMode::Current, 200e-6, 1.0, "§3: beyond i_off = 115 uA and i_on = 8.9 uA"}},
        {"team", {ms::DriveMode::Current, 3e-3, 1.0, "§4: far beyond i_off = 115 uA"}},
        {"vteam", {ms::DriveMode::Voltage, 1.0, 50e6, "§4: MemTorch VTEAM, 1 V at 50 MHz"}},
        {"yakopcic", {ms::DriveMode::Voltage, 0.25, 100.0, "§5: 0.25 V, 100 Hz"}},
        // At the §5 drive (10 Hz) the SET and RESET take nanoseconds, so the loop
        // does not depend on frequency until ~1 MHz; there it switches partly.
        {"stanford_pku", {ms::DriveMode::Voltage, 1.5, 1e6, "§5 amplitude; 1 MHz so switching is partial"}},
        // Flux 0..2A/(2 pi f) = 0..3.2 Wb at 0.1 Hz: W rises from 1 S to ~1.3 S.
        {"flux_cubic", {ms::DriveMode::Voltage, 1.0, 0.1, "q = a phi + b phi^3 at its defaults"}},
        // A period of tau = 10 ms and shorter: the state cannot follow the drive,
        // so the loop opens (the positive half excites, the negative resets).
        {"volatile_diffusive", {ms::DriveMode::Voltage, 1.0, 100.0, "docs/reservoir.md defaults, period = tau"}},
    };
    return table;
}

struct Run {
    ms::TransientSummary sum;
    Series series;
};

Run runModel(const ms::ModelInfo& info, const DriveChoice& d, double freqFactor, double relTol, std::size_t samples = 400) {
    ms::DeviceSpec spec;
    spec.modelId = info.id;
    auto dev = ms::instantiateDevice(spec);
    auto drive = sine(d.amplitude, d.frequency * freqFactor);
    ms::TransientOptions o;
    o.relTol = relTol;
    o.absTol = 1e-3 * relTol;
    o.samples = samples;
    o.modelName = info.id;
    o.stiff = info.stiff;
    RecordingSink sink;
    ms::StopToken stop;
    Run r;
    r.sum = ms::runDeviceTransient(*dev, *drive, d.mode, o, sink, stop);
    r.series = sink.series.at("transient");
    return r;
}

}  // namespace

class TstModelTransients : public QObject {
    Q_OBJECT

private slots:
    void everyModelHasADrive();
    void pinchedLoop_data();
    void pinchedLoop();
    void lobeAreaShrinksWithFrequency_data() { pinchedLoop_data(); }
    void lobeAreaShrinksWithFrequency();
    void convergesAsToleranceTightens_data() { pinchedLoop_data(); }
    void convergesAsToleranceTightens();
    void noStateChangeBelowThreshold_data();
    void noStateChangeBelowThreshold();
};

void TstModelTransients::everyModelHasADrive() {
    QVERIFY(ms::modelRegistry().all().size() >= 7);
    for (const auto& m : ms::modelRegistry().all())
        QVERIFY2(driveTable().count(m.id), qPrintable(QString("registered model '%1' has no drive in the table").arg(QString::fromStdString(m.id))));
}

void TstModelTransients::pinchedLoop_data() {
    QTest::addColumn<QString>("model");
    for (const auto& m : ms::modelRegistry().all())
        if (driveTable().count(m.id)) QTest::newRow(m.id.c_str()) << QString::fromStdString(m.id);
}

// At t = 0, T/2 and T the drive is zero; the other port quantity must be
// zero too (to 1e-9 of its peak), and v*i >= 0 everywhere (a passive device:
// lobes in quadrants 1 and 3).
void TstModelTransients::pinchedLoop() {
    QFETCH(QString, model);
    const auto* info = ms::modelRegistry().find(model.toStdString());
    const auto& d = driveTable().at(info->id);
    const Run r = runModel(*info, d, 1.0, 1e-6);
    const auto& s = r.series;
    double vMax = 0, iMax = 0;
    for (std::size_t k = 0; k < s.rows(); ++k) {
        vMax = std::max(vMax, std::fabs(s.at(k, 1)));
        iMax = std::max(iMax, std::fabs(s.at(k, 2)));
        QVERIFY2(s.at(k, 1) * s.at(k, 2) >= -1e-12 * vMax * iMax, qPrintable(QString("v*i < 0 at t = %1").arg(s.at(k, 0))));
    }
    for (std::size_t k : {std::size_t(0), s.rows() / 2, s.rows() - 1}) {
        QVERIFY2(std::fabs(s.at(k, 1)) <= 1e-9 * vMax && std::fabs(s.at(k, 2)) <= 1e-9 * iMax,
                 qPrintable(QString("not pinched at t = %1: v = %2, i = %3").arg(s.at(k, 0)).arg(s.at(k, 1)).arg(s.at(k, 2))));
    }
    qInfo("%s: i %.4g..%.4g A, R %.4g..%.4g ohm, loop area %.4g W, %zu/%zu steps%s", qPrintable(model),
          r.sum.minCurrent, r.sum.peakCurrent, r.sum.rMin, r.sum.rMax, r.sum.loopArea, r.sum.acceptedSteps,
          r.sum.rejectedSteps, r.sum.usedImplicit ? " (implicit)" : "");
    QVERIFY2(r.sum.rMax > 1.001 * r.sum.rMin, "the drive should switch the device (open loop)");
}

void TstModelTransients::lobeAreaShrinksWithFrequency() {
    QFETCH(QString, model);
    const auto* info = ms::modelRegistry().find(model.toStdString());
    const auto& d = driveTable().at(info->id);
    double prev = std::numeric_limits<double>::infinity();
    for (double factor : {1.0, 4.0, 16.0}) {
        const Run r = runModel(*info, d, factor, 1e-6);
        qInfo("%s at %g Hz: loop area %.5g W", qPrintable(model), d.frequency * factor, r.sum.loopArea);
        QVERIFY2(r.sum.loopArea < prev, "the lobe area must shrink as the frequency rises");
        prev = r.sum.loopArea;
    }
}

// R(t) on the sample grid at relTol 1e-4 and 1e-6 against 1e-8, as a fraction
// of the R range: the tighter run must be closer, and close.
void TstModelTransients::convergesAsToleranceTightens() {
    QFETCH(QString, model);
    const auto* info = ms::modelRegistry().find(model.toStdString());
    const auto& d = driveTable().at(info->id);
    const Run ref = runModel(*info, d, 1.0, 1e-8);
    const double range = ref.sum.rMax - ref.sum.rMin;
    double dev[2];
    const double tols[2] = {1e-4, 1e-6};
    for (int k = 0; k < 2; ++k) {
        const Run r = runModel(*info, d, 1.0, tols[k]);
        double worst = 0;
        for (std::size_t row = 0; row < r.series.rows(); ++row)
            worst = std::max(worst, std::fabs(r.series.at(row, 4) - ref.series.at(row, 4)));
        dev[k] = worst / range;
        qInfo("%s: relTol %.0e -> worst R deviation %.3g of the R range", qPrintable(model), tols[k], dev[k]);
    }
    QVERIFY(dev[1] <= dev[0] || dev[1] < 1e-9);
    QVERIFY2(dev[1] < 1e-3, "relTol 1e-6 should agree with 1e-8 to 0.1 % of the R range");
}

void TstModelTransients::noStateChangeBelowThreshold_data() {
    QTest::addColumn<QString>("model");
    QTest::newRow("team") << "team";
    QTest::newRow("vteam") << "vteam";
}

// A sine at half the smaller threshold, from a state in the middle of the
// film: the dead zone is exact, so the state must not move at all.
void TstModelTransients::noStateChangeBelowThreshold() {
    QFETCH(QString, model);
    const auto* info = ms::modelRegistry().find(model.toStdString());
    QVERIFY2(info, qPrintable(model + " is not registered"));
    const bool team = model == "team";
    const ms::ParamValues p = ms::withDefaults(info->params);
    const double on = p.at(team ? "i_on" : "v_on"), off = p.at(team ? "i_off" : "v_off");
    const double amp = 0.5 * std::min(off, -on);
    ms::DeviceSpec spec;
    spec.modelId = info->id;
    const double mid = 0.5 * (p.at("x_on") + p.at("x_off"));
    spec.params["x0"] = mid;
    auto dev = ms::instantiateDevice(spec);
    auto drive = sine(amp, 1e3, 3);
    ms::TransientOptions o;
    o.samples = 300;
    RecordingSink sink;
    ms::StopToken stop;
    const auto sum = ms::runDeviceTransient(*dev, *drive, team ? ms::DriveMode::Current : ms::DriveMode::Voltage, o, sink, stop);
    const auto& s = sink.series.at("transient");
    for (std::size_t k = 0; k < s.rows(); ++k) QCOMPARE(s.at(k, 3), mid);
    QCOMPARE(sum.finalState, mid);
    // And just above threshold it does move: the test can tell.
    auto above = sine(1.5 * std::max(off, -on), 1e3, 3);
    RecordingSink sink2;
    const auto sum2 = ms::runDeviceTransient(*dev, *above, team ? ms::DriveMode::Current : ms::DriveMode::Voltage, o, sink2, stop);
    qInfo("%s: below threshold x stays %.6g m; at 1.5x threshold it ends at %.6g m", qPrintable(model), mid, sum2.finalState);
    QVERIFY(sum2.finalState != mid);
}

QTEST_APPLESS_MAIN(TstModelTransients)
#include "tst_model_transients.moc"
