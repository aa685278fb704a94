// The device-transient engine on the HP linear-ion-drift model, where the
// answers are known: the exact solution without a window, the reference table
// of docs/device-models.md §1, and the engine's contracts (bounds, breakpoints,
// drive modes, errors, cancellation).
#include <QtTest>

#include <cmath>
#include <numbers>

#include "SimTestSupport.h"
#include "core/common/Errors.h"
#include <nlohmann/json.hpp>

#include "core/project/Project.h"

using namespace mstest;

class TstDeviceTransient : public QObject {
    Q_OBJECT

private slots:
    void exactSolutionWithoutWindow();
    void referenceTable();
    void hardClipEndsAtReference();
    void boundReleasedWhenDriveReverses_data();
    void boundReleasedWhenDriveReverses();
    void currentDriveMatchesClosedFormAndVoltageReplay();
    void pulseEdgesAreBreakpoints();
    void stimulusBreakpointLists();
    void nanStopsWithModelAndTime();
    void stopTokenCancels();
    void badOptionsAreInputErrors();
    void exactBoundsReturnToX0_data();
    void exactBoundsReturnToX0();
    void exactBoundsFiledCase();
    void yakopcicKnowmStaysMeasurable();
    void figuresBeyondDoubleRangeAreInfinity();
    void terminalLockIsADeviceSetting();
    void segmentsContinueExactlyThroughTheVariable();
    void fluxOfASineIsClosedForm();
    void fluxChargeSlopeIsMemristance();
};

namespace {

ms::TransientSummary runHp(const std::string& window, double p, double amp, double freq, RecordingSink& sink,
                           std::size_t samples = 4000) {
    auto dev = hpDevice(window, p);
    auto drive = sine(amp, freq);
    ms::TransientOptions o;
    o.relTol = 1e-9;
    o.absTol = 1e-12;
    o.samples = samples;
    o.modelName = "linear_ion_drift";
    ms::StopToken stop;
    return ms::runDeviceTransient(*dev, *drive, ms::DriveMode::Voltage, o, sink, stop);
}

// Current where v crosses `level` on the rising (first quarter) or falling
// (second quarter) branch, by linear interpolation between samples.
double currentAtLevel(const Series& s, double level, bool rising) {
    for (std::size_t r = 1; r < s.rows(); ++r) {
        const double v0 = s.at(r - 1, 1), v1 = s.at(r, 1);
        if ((rising && v0 < level && v1 >= level) || (!rising && v0 > level && v1 <= level)) {
            const double a = (level - v0) / (v1 - v0);
            return s.at(r - 1, 2) + a * (s.at(r, 2) - s.at(r - 1, 2));
        }
    }
    return std::nan("");
}

// |got - want| <= tol, with a message naming the quantity.
void expectNear(const char* what, double got, double want, double tol) {
    qInfo("%-40s got %.6g, reference %.6g (tolerance %.3g)", what, got, want, tol);
    QVERIFY2(std::fabs(got - want) <= tol, qPrintable(QString("%1: got %2, reference %3 ± %4").arg(what).arg(got).arg(want).arg(tol)));
}

}  // namespace

// docs/device-models.md §1, "Expected results": each reference number is printed
// to 3-4 significant digits from an RK4 run with >= 5e4 steps per cycle (far
// more accurate than its rounding). Our run is converged to ~1e-8, so the
// tolerance is half a unit of the last printed digit: 0.0005 mA for currents,
// 0.05 uA for the +0.5 V currents, 0.5 ohm for resistances (1 ohm for the
// 1 Hz no-window R_min, whose table entry 4447 sits next to the note "exact
// formula gives 4450"; the exact formula gives 4447.5).
void TstDeviceTransient::referenceTable() {
    {
        RecordingSink sink;
        const auto s = runHp("none", 1, 1.0, 1.0, sink);
        expectNear("1V 1Hz none: i_peak (mA)", s.peakCurrent * 1e3, 0.129, 0.0005);
        expectNear("1V 1Hz none: R_min (ohm)", s.rMin, 4447, 1.0);
        expectNear("1V 1Hz none: R_max (ohm)", s.rMax, 11000, 0.5);
        const auto& ser = sink.series.at("transient");
        expectNear("1V 1Hz none: i(+0.5 V) rising (uA)", currentAtLevel(ser, 0.5, true) * 1e6, 46.8, 0.05);
        expectNear("1V 1Hz none: i(+0.5 V) falling (uA)", currentAtLevel(ser, 0.5, false) * 1e6, 97.0, 0.05);
    }
    {
        RecordingSink sink;
        const auto s = runHp("joglekar", 1, 1.0, 1.0, sink);
        expectNear("1V 1Hz Joglekar p=1: i_peak (mA)", s.peakCurrent * 1e3, 0.126, 0.0005);
        expectNear("1V 1Hz Joglekar p=1: R_min (ohm)", s.rMin, 4975, 0.5);
        expectNear("1V 1Hz Joglekar p=1: R_max (ohm)", s.rMax, 11000, 0.5);
        const auto& ser = sink.series.at("transient");
        expectNear("1V 1Hz Joglekar p=1: i(+0.5 V) rising (uA)", currentAtLevel(ser, 0.5, true) * 1e6, 46.6, 0.05);
        expectNear("1V 1Hz Joglekar p=1: i(+0.5 V) falling (uA)", currentAtLevel(ser, 0.5, false) * 1e6, 90.3, 0.05);
    }
    {
        // The table's Biolek row (0.125 / -0.120 mA, 5904 ohm) does not follow
        // from the window as written in §1, f = 1 - (x - stp(-i))^2: an
        // independent RK4 integration of that formula (Python, 2e5 steps per
        // cycle, state clipped) gives 0.11745 / -0.11491 mA and 6427.19 ohm,
        // which this engine reproduces; the stp(i) variant gives 7427 ohm. So
        // we check against the independent integration (tolerance 1e-4
        // relative) and report the discrepancy in the reference.
        RecordingSink sink;
        const auto s = runHp("biolek", 1, 1.0, 1.0, sink);
        expectNear("1V 1Hz Biolek p=1: i_peak (mA)", s.peakCurrent * 1e3, 0.117447, 1e-4 * 0.117447);
        expectNear("1V 1Hz Biolek p=1: i_min (mA)", s.minCurrent * 1e3, -0.114910, 1e-4 * 0.114910);
        expectNear("1V 1Hz Biolek p=1: R_min (ohm)", s.rMin, 6427.19, 1e-4 * 6427.19);
        expectNear("1V 1Hz Biolek p=1: R_max (ohm)", s.rMax, 11000, 0.5);
        QVERIFY2(-s.minCurrent < s.peakCurrent, "Biolek lobes should be asymmetric");
    }
    const double freqs[] = {2, 5, 10, 100}, rmin[] = {8390, 10038, 10530, 10954};
    for (int k = 0; k < 4; ++k) {
        RecordingSink sink;
        const auto s = runHp("none", 1, 1.0, freqs[k], sink);
        expectNear(qPrintable(QString("1V %1Hz none: R_min (ohm)").arg(freqs[k])), s.rMin, rmin[k], 0.5);
        if (freqs[k] == 100) {
            const auto& ser = sink.series.at("transient");
            expectNear("1V 100Hz none: i(+0.5 V) rising (uA)", currentAtLevel(ser, 0.5, true) * 1e6, 45.5, 0.05);
            expectNear("1V 100Hz none: i(+0.5 V) falling (uA)", currentAtLevel(ser, 0.5, false) * 1e6, 45.6, 0.05);
        }
    }
    {
        RecordingSink sink;
        const auto s = runHp("joglekar", 2, 1.2, 1.0, sink);
        expectNear("1.2V 1Hz Joglekar p=2: i_peak (mA)", s.peakCurrent * 1e3, 0.202, 0.0005);
        expectNear("1.2V 1Hz Joglekar p=2: R_min (ohm)", s.rMin, 1784, 0.5);
    }
}

// §1 last row: without a window the 1.2 V, 1 Hz drive pushes x to 1 (R_on),
// the state is held there by the bound, and the cycle ends at 11022 ohm.
void TstDeviceTransient::hardClipEndsAtReference() {
    RecordingSink sink;
    const auto s = runHp("none", 1, 1.2, 1.0, sink);
    expectNear("1.2V 1Hz none: i_peak (mA)", s.peakCurrent * 1e3, 1.50, 0.005);
    expectNear("1.2V 1Hz none: R_min (ohm)", s.rMin, 100, 1e-9);
    const auto& ser = sink.series.at("transient");
    expectNear("1.2V 1Hz none: final R (ohm)", ser.at(ser.rows() - 1, 4), 11022, 0.5);
}

// A square wave first drives x into the R_on bound (x = 1), then reverses.
// The state must leave the bound: with the window evaluated 1e-6 of the range
// inside the bound even Joglekar's f(1) = 0 lets it go.
void TstDeviceTransient::boundReleasedWhenDriveReverses_data() {
    QTest::addColumn<QString>("window");
    QTest::newRow("none") << "none";
    QTest::newRow("joglekar") << "joglekar";
    QTest::newRow("biolek") << "biolek";
}

void TstDeviceTransient::boundReleasedWhenDriveReverses() {
    QFETCH(QString, window);
    auto dev = hpDevice(window.toStdString(), 1);
    auto drive = makeDrive("square", {{"amplitude", 4.0}, {"frequency", 1.0}});
    ms::TransientOptions o;
    o.samples = 100;
    RecordingSink sink;
    ms::StopToken stop;
    ms::runDeviceTransient(*dev, *drive, ms::DriveMode::Voltage, o, sink, stop);
    const auto& s = sink.series.at("transient");
    const double xHalf = s.at(50, 3), xEnd = s.at(100, 3);
    qInfo("%s: x at the reversal %.9f, at the end %.6f", qPrintable(window), xHalf, xEnd);
    QVERIFY2(xHalf >= 1.0 - 1e-5, "the positive half should drive x to its bound");
    QVERIFY2(xEnd < 0.5, "the state stayed trapped at the bound after the drive reversed");
}

// Current drive i = I0 sin(wt) without a window has x(t) = x0 + k I0 (1 - cos wt)/w
// exactly. Replaying the resulting v(t) as a PWL voltage drive must give the
// same state trajectory: the two drive modes are one physics.
void TstDeviceTransient::currentDriveMatchesClosedFormAndVoltageReplay() {
    auto dev = hpDevice();
    const double I0 = 50e-6, w = 2 * std::numbers::pi, k = 1e4, x0 = 5000.0 / 15900.0;
    auto drive = sine(I0, 1.0);
    ms::TransientOptions o;
    o.relTol = 1e-10;
    o.absTol = 1e-12;
    o.samples = 4000;
    RecordingSink sink;
    ms::StopToken stop;
    ms::runDeviceTransient(*dev, *drive, ms::DriveMode::Current, o, sink, stop);
    const auto& s = sink.series.at("transient");
    double worst = 0;
    std::vector<std::pair<double, double>> vPoints;
    for (std::size_t r = 0; r < s.rows(); ++r) {
        const double t = s.at(r, 0);
        worst = std::max(worst, std::fabs(s.at(r, 3) - (x0 + k * I0 * (1 - std::cos(w * t)) / w)));
        QCOMPARE(s.at(r, 1), s.at(r, 2) * s.at(r, 4));  // v = R i for the HP model
        vPoints.push_back({t, s.at(r, 1)});
    }
    qInfo("current drive: worst |x - exact| = %.3g", worst);
    QVERIFY(worst <= 1e-8);

    auto replay = makeDrive("pwl", {}, vPoints);
    RecordingSink sink2;
    ms::runDeviceTransient(*dev, *replay, ms::DriveMode::Voltage, o, sink2, stop);
    const auto& s2 = sink2.series.at("transient");
    QCOMPARE(s2.rows(), s.rows());
    double worstReplay = 0;
    for (std::size_t r = 0; r < s.rows(); ++r) worstReplay = std::max(worstReplay, std::fabs(s2.at(r, 3) - s.at(r, 3)));
    qInfo("voltage replay of the current-driven run: worst |dx| = %.3g", worstReplay);
    QVERIFY(worstReplay <= 1e-6);  // limited by the PWL's linear interpolation of v between 4000 samples
}

namespace {
// Wraps a drive and records every time the engine asks for its value.
class RecordingDrive final : public ms::Stimulus {
public:
    explicit RecordingDrive(std::unique_ptr<ms::Stimulus> inner) : inner_(std::move(inner)) {}
    double value(double t) const override {
        asked.push_back(t);
        return inner_->value(t);
    }
    double nextBreakpoint(double t) const override { return inner_->nextBreakpoint(t); }
    double naturalDuration() const override { return inner_->naturalDuration(); }
    double featureTime() const override { return inner_->featureTime(); }
    mutable std::vector<double> asked;

private:
    std::unique_ptr<ms::Stimulus> inner_;
};
}  // namespace

// Ideal pulse edges must be landed on: the engine evaluates the drive just
// before each edge (the left limit) and at the edge, never steps across one.
// Physics check: without a window R^2 = R0^2 - 2 (Roff - Ron) k phi with
// phi = sum of amplitude x width, which only holds if every pulse is
// integrated over exactly its width.
void TstDeviceTransient::pulseEdgesAreBreakpoints() {
    auto dev = hpDevice();
    const int count = 7;
    const double a0 = 0.5, da = 0.1, w0 = 3e-3, dw = 1e-3, period = 20e-3, delay = 5e-3;
    RecordingDrive drive(makeDrive("pulse_train", {{"amplitude", a0}, {"amplitudeStep", da}, {"width", w0},
                                                   {"widthStep", dw}, {"period", period}, {"count", count},
                                                   {"delay", delay}}));
    ms::TransientOptions o;
    o.samples = 10;
    o.relTol = 1e-9;
    o.absTol = 1e-12;
    RecordingSink sink;
    ms::StopToken stop;
    const auto sum = ms::runDeviceTransient(*dev, drive, ms::DriveMode::Voltage, o, sink, stop);
    double phi = 0;
    std::vector<double> asked = drive.asked;
    std::sort(asked.begin(), asked.end());
    for (int n = 0; n < count; ++n) {
        const double start = delay + n * period, end = start + w0 + n * dw;
        phi += (a0 + n * da) * (w0 + n * dw);
        for (double edge : {start, end}) {
            QVERIFY2(std::binary_search(asked.begin(), asked.end(), edge), qPrintable(QString("edge %1 not landed on").arg(edge)));
            QVERIFY2(std::binary_search(asked.begin(), asked.end(), std::nextafter(edge, 0.0)),
                     qPrintable(QString("left limit of edge %1 not used").arg(edge)));
        }
    }
    const double Ron = 100, Roff = 16e3, k = 1e4, R0 = 11e3;
    const double exact = std::sqrt(R0 * R0 - 2 * (Roff - Ron) * k * phi);
    const auto& s = sink.series.at("transient");
    const double rel = std::fabs(s.at(s.rows() - 1, 4) - exact) / exact;
    qInfo("pulse train: final R %.6f, exact %.6f, rel. error %.3g, %zu steps", s.at(s.rows() - 1, 4), exact, rel,
          sum.acceptedSteps);
    QVERIFY(rel <= 1e-9);
}

void TstDeviceTransient::stimulusBreakpointLists() {
    auto listOf = [](const ms::Stimulus& s, double until) {
        std::vector<double> out;
        for (double t = s.nextBreakpoint(0.0); t <= until; t = s.nextBreakpoint(t)) out.push_back(t);
        return out;
    };
    auto near = [](const std::vector<double>& got, const std::vector<double>& want) {
        if (got.size() != want.size()) return false;
        for (std::size_t k = 0; k < got.size(); ++k)
            if (std::fabs(got[k] - want[k]) > 1e-12 * std::max(1.0, std::fabs(want[k]))) return false;
        return true;
    };
    auto tri = makeDrive("triangle", {{"frequency", 2.0}});
    QVERIFY(near(listOf(*tri, 1.0), {0.125, 0.375, 0.625, 0.875}));
    QCOMPARE(tri->value(0.125), 1.0);
    QCOMPARE(tri->value(0.375), -1.0);
    auto sq = makeDrive("square", {{"frequency", 1.0}, {"duty", 0.25}, {"amplitude", 2.0}});
    QVERIFY(near(listOf(*sq, 2.0), {0.25, 1.0, 1.25, 2.0}));
    QCOMPARE(sq->value(0.1), 2.0);
    QCOMPARE(sq->value(0.3), -2.0);
    auto pt = makeDrive("pulse_train", {{"count", 2}, {"width", 1.0}, {"widthStep", 0.5}, {"period", 3.0}, {"delay", 1.0},
                                        {"amplitude", 1.0}, {"amplitudeStep", -2.0}, {"base", 0.1}});
    QVERIFY(near(listOf(*pt, 100.0), {1.0, 2.0, 4.0, 5.5}));
    QCOMPARE(pt->value(0.5), 0.1);
    QCOMPARE(pt->value(1.5), 1.0);
    QCOMPARE(pt->value(5.0), -1.0);
    QCOMPARE(pt->value(5.5), 0.1);
    QCOMPARE(pt->naturalDuration(), 7.0);
    auto pwl = makeDrive("pwl", {}, {{0.0, 0.0}, {1.0, 2.0}, {3.0, -2.0}});
    QVERIFY(near(listOf(*pwl, 100.0), {1.0, 3.0}));
    QCOMPARE(pwl->value(2.0), 0.0);
    QCOMPARE(pwl->value(10.0), -2.0);
    // Cross-field errors name the field.
    try {
        makeDrive("pulse_train", {{"width", 2e-3}, {"period", 2e-3}});
        QFAIL("a pulse as long as its period must be rejected");
    } catch (const ms::InputError& e) {
        QCOMPARE(QString::fromStdString(e.path()), QString("params.width"));
    }
    try {
        makeDrive("pwl", {}, {{0.0, 0.0}, {1.0, 1.0}, {1.0, 2.0}});
        QFAIL("non-increasing PWL times must be rejected");
    } catch (const ms::InputError& e) {
        QCOMPARE(QString::fromStdString(e.path()), QString("points[2]"));
    }
    // Every registered drive has complete metadata.
    for (const auto& info : ms::stimulusRegistry().all())
        for (const auto& p : info.params) {
            QVERIFY2(!p.meaning.empty(), qPrintable(QString::fromStdString(info.id + "." + p.key)));
            QVERIFY(p.min <= p.defaultValue && p.defaultValue <= p.max);
        }
}

namespace {
// Deliberately broken: the state rises at 1/s and the derivative turns NaN
// once x passes 0.6, i.e. at t = 0.1 s from x0 = 0.5.
class NanAfterThreshold final : public ms::MemristorModel {
public:
    double current(double v, double) const override { return v / 1e3; }
    double stateDerivative(double, double, double x) const override { return x > 0.6 ? std::nan("") : 1.0; }
    double initialState() const override { return 0.5; }
    ms::StateInfo stateInfo() const override { return {"x", "", 0.0, 1.0}; }
};
}  // namespace

void TstDeviceTransient::nanStopsWithModelAndTime() {
    NanAfterThreshold dev;
    auto drive = sine(1.0, 1.0);
    ms::TransientOptions o;
    o.modelName = "broken_test_model";
    RecordingSink sink;
    ms::StopToken stop;
    try {
        ms::runDeviceTransient(dev, *drive, ms::DriveMode::Voltage, o, sink, stop);
        QFAIL("NaN must stop the run");
    } catch (const ms::SimulationError& e) {
        const QString msg = QString::fromUtf8(e.what());
        qInfo("message: %s", e.what());
        QVERIFY(msg.contains("broken_test_model"));
        QVERIFY(msg.contains("NaN"));
        const int at = msg.indexOf("t = ");
        QVERIFY(at >= 0);
        const double t = msg.mid(at + 4).split(' ').first().toDouble();
        QVERIFY2(std::fabs(t - 0.1) < 1e-3, qPrintable(QString("reported time %1, NaN begins at 0.1 s").arg(t)));
    }
}

namespace {
class StopAfterFirstRows final : public ms::FrameSink {
public:
    explicit StopAfterFirstRows(ms::StopToken& stop) : stop_(stop) {}
    void beginSeries(const std::string&, const std::vector<ms::Column>&) override {}
    void appendRows(const std::string&, const double*, std::size_t) override { stop_.requestStop(); }
    void scalar(const std::string&, double, const std::string&) override { scalarsSeen = true; }
    void log(ms::LogLevel, const std::string&) override {}
    void progress(double) override {}
    bool scalarsSeen = false;

private:
    ms::StopToken& stop_;
};
}  // namespace

void TstDeviceTransient::stopTokenCancels() {
    auto dev = hpDevice("joglekar", 1);
    auto drive = sine(1.0, 1.0, 1000);
    ms::TransientOptions o;
    o.samples = 100000;
    ms::StopToken stop;
    StopAfterFirstRows sink(stop);
    QVERIFY_THROWS_EXCEPTION(ms::Cancelled, ms::runDeviceTransient(*dev, *drive, ms::DriveMode::Voltage, o, sink, stop));
    QVERIFY(!sink.scalarsSeen);
}

void TstDeviceTransient::badOptionsAreInputErrors() {
    auto dev = hpDevice();
    auto drive = sine(1.0, 1.0);
    RecordingSink sink;
    ms::StopToken stop;
    ms::TransientOptions o;
    o.relTol = 0;
    try {
        ms::runDeviceTransient(*dev, *drive, ms::DriveMode::Voltage, o, sink, stop);
        QFAIL("relTol = 0 must be rejected");
    } catch (const ms::InputError& e) {
        QCOMPARE(QString::fromStdString(e.path()), QString("options.relTol"));
    }
}

// docs/device-models.md §1: without a window dR/dt = -(Roff - Ron) k v / R, so
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

namespace {

// The issue-18 device: linear ion drift, R_on 220 ohm, R_off 27 kohm, D 7 nm,
// mu_v 4e-15 m^2/(V s), R_init 19 kohm (x0 = 8000 / 26780).
std::unique_ptr<ms::MemristorModel> saturatingDevice(const std::string& window, const ms::ParamValues& wp,
                                                     bool lock = false) {
    ms::DeviceSpec spec;
    spec.modelId = "linear_ion_drift";
    spec.params = {{"Ron", 220}, {"Roff", 27e3}, {"D", 7e-9}, {"uv", 4e-15}, {"Rinit", 19e3}};
    spec.window = ms::WindowChoice{window, wp};
    spec.terminalLock = lock;
    return ms::instantiateDevice(spec);
}

class LoggingSink final : public ms::FrameSink {
public:
    std::map<std::string, double> scalars;
    std::vector<std::string> warnings;
    void beginSeries(const std::string&, const std::vector<ms::Column>&) override {}
    void appendRows(const std::string&, const double*, std::size_t) override {}
    void progress(double) override {}
    void scalar(const std::string& key, double value, const std::string&) override { scalars[key] = value; }
    void log(ms::LogLevel level, const std::string& text) override {
        if (level == ms::LogLevel::Warning) warnings.push_back(text);
    }
};

}  // namespace

// docs/project-format.md, "State bounds": with an x-only window that is zero
// at both edges and a voltage drive, x is a function of the flux
// (∫ R(x) / f(x) dx = k phi), so after whole periods of a sine x is back at
// x0, and i(T - s) = -i(s) (same flux, opposite voltage), however close the
// peak came to the bound. A guard band or a lock breaks both.
void TstDeviceTransient::exactBoundsReturnToX0_data() {
    QTest::addColumn<QString>("window");
    QTest::addColumn<double>("p");
    QTest::addColumn<double>("amplitude");
    QTest::newRow("joglekar p=1, 1.5 V") << "joglekar" << 1.0 << 1.5;
    QTest::newRow("joglekar p=2, 1.5 V") << "joglekar" << 2.0 << 1.5;
    QTest::newRow("joglekar p=3, 1.5 V") << "joglekar" << 3.0 << 1.5;
    QTest::newRow("joglekar p=1, 3 V") << "joglekar" << 1.0 << 3.0;
    QTest::newRow("prodromakis p=1, 4 V") << "prodromakis" << 1.0 << 4.0;
    QTest::newRow("prodromakis p=2, 3 V") << "prodromakis" << 2.0 << 3.0;
    QTest::newRow("strukov, 4 V") << "strukov" << 0.0 << 4.0;
}

void TstDeviceTransient::exactBoundsReturnToX0() {
    QFETCH(QString, window);
    QFETCH(double, p);
    QFETCH(double, amplitude);
    ms::ParamValues wp;
    if (window != "strukov") wp["p"] = p;
    auto dev = saturatingDevice(window.toStdString(), wp);
    const double x0 = 8000.0 / 26780.0, f = 0.5, T = 1.0 / f;
    const std::size_t perPeriod = 2000;
    auto drive = sine(amplitude, f, 2);
    ms::TransientOptions o;
    o.relTol = 1e-10;
    o.absTol = 1e-12;
    o.samples = 2 * perPeriod;
    RecordingSink sink;
    ms::StopToken stop;
    const auto sum = ms::runDeviceTransient(*dev, *drive, ms::DriveMode::Voltage, o, sink, stop);
    const auto& s = sink.series.at("transient");
    QCOMPARE(s.rows(), 2 * perPeriod + 1);
    double xPeak = 0;
    for (std::size_t r = 0; r < s.rows(); ++r) xPeak = std::max(xPeak, s.at(r, 3));
    const double back1 = s.at(perPeriod, 3) - x0, back2 = s.at(2 * perPeriod, 3) - x0;
    double mirror = 0;
    for (std::size_t r = 0; r <= perPeriod; ++r) mirror = std::max(mirror, std::fabs(s.at(r, 2) + s.at(perPeriod - r, 2)));
    qInfo("%s: 1 - x_peak %.3g (sampled), x(T) - x0 %.3g, x(2T) - x0 %.3g, worst |i(s) + i(T - s)| / i_peak %.3g, "
          "R_max %.6g ohm, i_min %.6g mA, %zu steps",
          qPrintable(QTest::currentDataTag()), 1 - xPeak, back1, back2, mirror / sum.peakCurrent, sum.rMax,
          sum.minCurrent * 1e3, sum.acceptedSteps);
    QVERIFY2(1 - xPeak < 1e-9, "the drive should saturate the device");
    QVERIFY(std::fabs(back1) <= 1e-6);
    QVERIFY(std::fabs(back2) <= 1e-6);
    QVERIFY(mirror <= 1e-6 * sum.peakCurrent);
    QVERIFY(std::fabs(sum.finalState - x0) <= 1e-6);
    QCOMPARE(T, 2.0);
}

// The numbers filed in issue 18 (Joglekar p = 1, one period of 1.5 V at
// 0.5 Hz; the peak comes within about 1e-70 of x = 1): the exact R_max is
// R_init = 19 000 ohm and i_min -6.813 mA. The guard band gave 24 612 ohm and
// -1.995 mA.
void TstDeviceTransient::exactBoundsFiledCase() {
    auto dev = saturatingDevice("joglekar", {{"p", 1}});
    auto drive = sine(1.5, 0.5);
    ms::TransientOptions o;
    o.relTol = 1e-10;
    o.absTol = 1e-12;
    o.samples = 4000;
    RecordingSink sink;
    ms::StopToken stop;
    const auto s = ms::runDeviceTransient(*dev, *drive, ms::DriveMode::Voltage, o, sink, stop);
    expectNear("issue 18: R_max (ohm)", s.rMax, 19000, 0.5);
    expectNear("issue 18: i_min (mA)", s.minCurrent * 1e3, -6.813, 0.0005);
    expectNear("issue 18: i_peak = -i_min (mA)", s.peakCurrent * 1e3, -s.minCurrent * 1e3, 1e-6 * 6.813);
}

// Issue 18: Yakopcic's knowm preset at 0.8 V, 3 Hz. The exact state falls to
// about 5.3e-9 at t = 0.264 s (the window w_n = x / (1 - x_n) is zero at
// x = 0 only for a falling state, so it decays there exponentially and
// clipping is exact); a guard band drove it to exactly 0, where the device
// carries no current, and R_max came out as 1.8e308 ohm.
void TstDeviceTransient::yakopcicKnowmStaysMeasurable() {
    ms::DeviceSpec spec;
    spec.modelId = "yakopcic";
    spec.presetId = "knowm_ltspice";
    auto dev = ms::instantiateDevice(spec);
    auto drive = sine(0.8, 3.0);
    // At the default tolerances (absolute 1e-9 of the range) x_min is only
    // resolved to that level; 1e-15 resolves it.
    for (const double absTol : {1e-9, 1e-15}) {
        ms::TransientOptions o;
        o.samples = 3000;
        o.absTol = absTol;
        RecordingSink sink;
        ms::StopToken stop;
        const auto s = ms::runDeviceTransient(*dev, *drive, ms::DriveMode::Voltage, o, sink, stop);
        const auto& ser = sink.series.at("transient");
        double xMin = 1, tMin = 0;
        for (std::size_t r = 0; r < ser.rows(); ++r)
            if (ser.at(r, 3) < xMin) {
                xMin = ser.at(r, 3);
                tMin = ser.at(r, 0);
            }
        qInfo("knowm 0.8 V 3 Hz, absTol %.0e: x_min %.4g at t = %.4g s, R_max %.4g ohm", absTol, xMin, tMin, s.rMax);
        QVERIFY2(xMin > 0, "the state must not reach x = 0 exactly");
        QVERIFY(std::isfinite(s.rMax) && s.rMax < 1e300);
        QCOMPARE(sink.scalars.at("r_max"), s.rMax);
        if (absTol == 1e-15) QVERIFY(std::fabs(xMin - 5.3e-9) <= 0.02 * 5.3e-9);
    }
}

// No figure reads as a measurement beyond double range: a device parked on
// x = 0 (Yakopcic carries no current there) has R = 1.8e308 ohm by the
// arithmetic, reported as infinity with a warning; G_min is then exactly 0.
void TstDeviceTransient::figuresBeyondDoubleRangeAreInfinity() {
    QCOMPARE(ms::figureValue(1.7e308), std::numeric_limits<double>::infinity());
    QCOMPARE(ms::figureValue(-2e300), -std::numeric_limits<double>::infinity());
    QCOMPARE(ms::figureValue(1e-310), 0.0);
    QCOMPARE(ms::figureValue(1e300), 1e300);
    QCOMPARE(ms::figureValue(1e-300), 1e-300);
    QCOMPARE(ms::figureValue(0.0), 0.0);
    ms::DeviceSpec spec;
    spec.modelId = "yakopcic";
    spec.presetId = "knowm_ltspice";
    spec.params = {{"x0", 0}};
    auto dev = ms::instantiateDevice(spec);
    auto drive = makeDrive("pwl", {}, {{0.0, -0.3}, {1e-3, -0.3}});
    QVERIFY(drive);
    ms::TransientOptions o;
    o.duration = 1e-3;
    o.samples = 10;
    LoggingSink sink;
    ms::StopToken stop;
    const auto s = ms::runDeviceTransient(*dev, *drive, ms::DriveMode::Voltage, o, sink, stop);
    qInfo("x = 0 held: R_max reported %g; log: %s", s.rMax, sink.warnings.empty() ? "" : sink.warnings.front().c_str());
    QCOMPARE(s.rMax, std::numeric_limits<double>::infinity());
    QCOMPARE(sink.scalars.at("r_max"), std::numeric_limits<double>::infinity());
    QCOMPARE(sink.warnings.size(), std::size_t(2));  // r_min and r_max
    QVERIFY(QString::fromStdString(sink.warnings.back()).contains("r_max"));
}

// "terminalLock" is a boolean of the device object (docs/project-format.md),
// in "devices" and inline, refused with its path when it is anything else.
void TstDeviceTransient::terminalLockIsADeviceSetting() {
    auto project = [](const std::string& lock, bool inDevices) {
        const std::string device = R"({"model": "linear_ion_drift", "window": "joglekar", "terminalLock": )" + lock + "}";
        return std::string(R"({"format": "memristor-studio-project", "version": 1, )") +
               (inDevices ? R"("devices": [)" + device.substr(0, 1) + R"("id": "d", )" + device.substr(1) + "], " : "") +
               R"("experiments": [{"id": "e", "kind": "device_transient", "device": )" + (inDevices ? "\"d\"" : device) +
               R"(, "drive": {"kind": "sine", "params": {"amplitude": 1, "frequency": 1}}}]})";
    };
    for (const bool inDevices : {true, false}) {
        QVERIFY(ms::Project(nlohmann::json::parse(project("true", inDevices))).validate().empty());
        QVERIFY(ms::Project(nlohmann::json::parse(project("false", inDevices))).validate().empty());
        const auto issues = ms::Project(nlohmann::json::parse(project("1", inDevices))).validate();
        QCOMPARE(issues.size(), std::size_t(1));
        qInfo("%s: %s", issues.front().path.c_str(), issues.front().message.c_str());
        QCOMPARE(QString::fromStdString(issues.front().path),
                 inDevices ? QString("devices[0].terminalLock") : QString("experiments[0].device.terminalLock"));
        QVERIFY(QString::fromStdString(issues.front().message).startsWith("must be true"));
    }
}

namespace {
// A sin(w (t + t0)) for `duration`: the second half of a period as its own drive.
class SineFrom final : public ms::Stimulus {
public:
    SineFrom(double a, double f, double t0, double duration) : a_(a), w_(2 * std::numbers::pi * f), t0_(t0), d_(duration) {}
    double value(double t) const override { return a_ * std::sin(w_ * (t + t0_)); }
    double naturalDuration() const override { return d_; }

private:
    double a_, w_, t0_, d_;
};
}  // namespace

// A protocol that runs in segments (pulse experiments) continues from
// TransientSummary::finalVariable: after the first half period of the issue-18
// drive the state is within 1e-70 of x = 1, which no double x holds, and the
// second half must still bring it back to x0. Continuing from the rounded
// state instead starts one ulp (1.1e-16) inside the bound, escapes early and
// overshoots x0.
void TstDeviceTransient::segmentsContinueExactlyThroughTheVariable() {
    auto dev = saturatingDevice("joglekar", {{"p", 1}});
    const double x0 = 8000.0 / 26780.0;
    ms::TransientOptions o;
    o.relTol = 1e-10;
    o.absTol = 1e-12;
    o.samples = 10;
    ms::StopToken stop;
    RecordingSink sink1, sink2, sink3;
    const SineFrom first(1.5, 0.5, 0.0, 1.0), second(1.5, 0.5, 1.0, 1.0);
    const auto a = ms::runDeviceTransient(*dev, first, ms::DriveMode::Voltage, o, sink1, stop);
    o.initialState = a.finalState;
    o.initialVariable = a.finalVariable;
    const auto b = ms::runDeviceTransient(*dev, second, ms::DriveMode::Voltage, o, sink2, stop);
    o.initialVariable = std::nan("");
    const auto c = ms::runDeviceTransient(*dev, second, ms::DriveMode::Voltage, o, sink3, stop);
    qInfo("after T/2: 1 - x = %.3g (x as a double: %.17g, variable %.6g); after T: x - x0 = %.3g through the variable, "
          "%.3g from the rounded state", 1 - a.finalState, a.finalState, a.finalVariable, b.finalState - x0,
          c.finalState - x0);
    QCOMPARE(a.finalState, 1.0);
    QVERIFY(a.finalVariable > 100);  // ln(1 / distance): closer than 1e-43
    QVERIFY(std::fabs(b.finalState - x0) <= 1e-6);
    QVERIFY(c.finalState - x0 < -1e-3);  // the rounded state escapes early and overshoots x0: R_max too high
}


// The flux column phi = ∫v dt (the review's Fig. 1A) of v = A sin(w t) is
// A (1 - cos w t) / w in closed form; the trapezoidal sum over steps and
// samples is second order, so with 4000 samples a period its error is about
// (w dt)^2 / 12 of A / w, i.e. ~2e-7 of the flux's scale.
void TstDeviceTransient::fluxOfASineIsClosedForm() {
    RecordingSink sink;
    const double A = 1.5, f = 0.5, w = 2 * std::numbers::pi * f;
    auto dev = saturatingDevice("joglekar", {{"p", 1}});
    ms::TransientOptions o;
    o.relTol = 1e-9;
    o.absTol = 1e-12;
    o.samples = 4000;
    ms::StopToken stop;
    ms::runDeviceTransient(*dev, *sine(A, f), ms::DriveMode::Voltage, o, sink, stop);
    const Series& s = sink.series.at("transient");
    QCOMPARE(s.columns.size(), std::size_t(7));
    QCOMPARE(s.columns[5].name, std::string("phi"));
    QCOMPARE(s.columns[5].unit, std::string("Wb"));
    QCOMPARE(s.columns[6].name, std::string("q"));
    QCOMPARE(s.columns[6].unit, std::string("C"));
    double worst = 0, qEnd = 0;
    for (std::size_t r = 0; r < s.rows(); ++r) {
        const double t = s.at(r, 0);
        worst = std::max(worst, std::fabs(s.at(r, 5) - A * (1 - std::cos(w * t)) / w));
    }
    qEnd = s.at(s.rows() - 1, 6);
    qInfo("phi vs A(1 - cos wt)/w: worst error %.3g Wb of %.3g Wb; q(T) = %.3g C", worst, 2 * A / w, qEnd);
    QVERIFY(worst <= 1e-6 * A / w);
    QCOMPARE(s.at(0, 5), 0.0);
    QCOMPARE(s.at(0, 6), 0.0);
}

// For linear ion drift v = M(x) i with M = R_on x + R_off (1 - x), which is
// exactly the R column: the slope of the phi-q curve between two rows is a
// current-weighted mean of M over the interval, so it must equal the mean R
// of the two rows wherever |i| is not small (at a zero of i the slope is
// 0/0). Both the unwindowed HP device and the saturating Joglekar case.
void TstDeviceTransient::fluxChargeSlopeIsMemristance() {
    for (const bool saturating : {false, true}) {
        RecordingSink sink;
        ms::TransientOptions o;
        o.relTol = 1e-9;
        o.absTol = 1e-12;
        o.samples = 4000;
        ms::StopToken stop;
        if (saturating)
            ms::runDeviceTransient(*saturatingDevice("joglekar", {{"p", 1}}), *sine(1.5, 0.5), ms::DriveMode::Voltage, o,
                                   sink, stop);
        else
            ms::runDeviceTransient(*hpDevice(), *sine(1.0, 1.0), ms::DriveMode::Voltage, o, sink, stop);
        const Series& s = sink.series.at("transient");
        double iMax = 0;
        for (std::size_t r = 0; r < s.rows(); ++r) iMax = std::max(iMax, std::fabs(s.at(r, 2)));
        double worst = 0;
        std::size_t used = 0;
        for (std::size_t r = 1; r < s.rows(); ++r) {
            if (std::min(std::fabs(s.at(r - 1, 2)), std::fabs(s.at(r, 2))) < 0.05 * iMax) continue;
            const double slope = (s.at(r, 5) - s.at(r - 1, 5)) / (s.at(r, 6) - s.at(r - 1, 6));
            const double R = 0.5 * (s.at(r - 1, 4) + s.at(r, 4));
            worst = std::max(worst, std::fabs(slope - R) / R);
            ++used;
        }
        qInfo("%s: dphi/dq vs R over %zu row pairs with |i| >= 5%% of its peak: worst relative difference %.3g",
              saturating ? "Joglekar p = 1, 1.5 V 0.5 Hz" : "HP, no window, 1 V 1 Hz", used, worst);
        QVERIFY(used > 1000);
        QVERIFY(worst <= 1e-3);
    }
}

QTEST_APPLESS_MAIN(TstDeviceTransient)
#include "tst_device_transient.moc"
