// The circuit engine bounds a memristor's state exactly as the device engine
// does (core/devices/StateBounds.h): issue 18's case, a sine source across
// one linear-ion-drift memristor with Joglekar's window (p = 1), R_on 220 ohm,
// R_off 27 kohm, D 7 nm, mu_v 4e-15 m^2/(V s), R_init 19 kohm, one period of
// 1.5 V at 0.5 Hz. The state comes within ~1e-70 of x = 1 at the peak; the
// exact solution returns to x0 after the period (x is a function of the flux),
// so R_max is R_init = 19 kohm and i_min -6.813 mA, mirroring the positive
// lobe. A guard band (dx/dt taken 1e-6 inside the bound, as the circuit did
// before) gave 24.6 kohm and -2.0 mA. With the device setting terminalLock
// the state is held on the bound (SPICE's terminal-state problem) and both
// engines give the locked answer: i_min = -1.5 V / R_on, final R = R_on
// (tests/sim/tst_ngspice_crosscheck.cpp checks it against ngspice).
#include <QtTest>

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/project/ExperimentKind.h"
#include "core/project/Project.h"
#include "tests/circuit/CircuitTestSupport.h"

using nlohmann::json;

namespace {

const double kRon = 220, kRoff = 27e3, kX0 = (27e3 - 19e3) / (27e3 - 220);

json device(const std::string& window, double p, bool lock) {
    json d = {{"model", "linear_ion_drift"},
              {"params", {{"Ron", kRon}, {"Roff", kRoff}, {"D", 7e-9}, {"uv", 4e-15}, {"Rinit", 19e3}}},
              {"window", {{"id", window}, {"params", window == "joglekar" || window == "prodromakis" ? json{{"p", p}} : json::object()}}}};
    if (lock) d["terminalLock"] = true;
    return d;
}

// One project: the circuit experiment "c" and the device experiment "d" on the same device and drive.
ms::Project project(const std::string& window, double p, bool lock, double amplitude = 1.5) {
    const json drive = {{"amplitude", amplitude}, {"frequency", 0.5}};
    json tree = {{"format", "memristor-studio-project"}, {"version", 1}};
    tree["circuits"] = json::array({{{"id", "one"}, {"name", "source across one memristor"},
                                     {"netlist", {{"title", ""}, {"elements", json::array({
                                         {{"kind", "voltage_source"}, {"name", "V1"}, {"nodes", {"in", "0"}},
                                          {"stimulus", {{"id", "sine"}, {"params", drive}}}},
                                         {{"kind", "memristor"}, {"name", "M1"}, {"nodes", {"in", "0"}},
                                          {"device", device(window, p, lock)}}})}}}}});
    tree["experiments"] = json::array(
        {{{"id", "c"}, {"kind", "circuit_transient"}, {"circuit", "one"}, {"samples", 4000}, {"relTol", 1e-8}},
         {{"id", "d"}, {"kind", "device_transient"}, {"device", device(window, p, lock)},
          {"drive", {{"kind", "sine"}, {"params", drive}}}, {"samples", 4000}, {"tolerance", 1e-9}}});
    return ms::Project(tree);
}

struct Answer {
    double iMin = 1e300, iPeak = -1e300, rMax = 0, xEnd = 0, xMax = 0;
    std::vector<double> t, i;
};

Answer runBoth(const ms::Project& p, const std::string& id) {
    RecordingSink sink;
    ms::StopToken stop;
    ms::runExperiment(p, id, sink, stop);
    const RecordedSeries& s = sink.series.at("transient");
    const bool circuit = id == "c";
    const int ct = s.column("t"), ci = s.column(circuit ? "i(M1)" : "i"), cx = s.column(circuit ? "x(M1)" : "x");
    if (ci < 0 || cx < 0) throw std::runtime_error("missing column");
    Answer a;
    for (const auto& r : s.rows) {
        const double x = r[static_cast<std::size_t>(cx)];
        a.iMin = std::min(a.iMin, r[static_cast<std::size_t>(ci)]);
        a.iPeak = std::max(a.iPeak, r[static_cast<std::size_t>(ci)]);
        a.rMax = std::max(a.rMax, kRon * x + kRoff * (1 - x));
        a.xMax = std::max(a.xMax, x);
        a.t.push_back(r[static_cast<std::size_t>(ct)]);
        a.i.push_back(r[static_cast<std::size_t>(ci)]);
    }
    a.xEnd = s.rows.back()[static_cast<std::size_t>(cx)];
    return a;
}

double rel(double a, double b) { return std::fabs(a - b) / std::fabs(b); }

}  // namespace

class CircuitBoundsTest : public QObject {
    Q_OBJECT
private slots:
    void exactBoundsAsTheDeviceEngine_data() {
        QTest::addColumn<QString>("window");
        QTest::addColumn<double>("p");
        QTest::addColumn<double>("amplitude");
        QTest::newRow("joglekar p=1") << "joglekar" << 1.0 << 1.5;
        QTest::newRow("joglekar p=2") << "joglekar" << 2.0 << 1.5;
        QTest::newRow("joglekar p=3") << "joglekar" << 3.0 << 1.5;
        // Prodromakis' window peaks at 1 - 0.75^p: 4 V to saturate (as tst_device_transient).
        QTest::newRow("prodromakis p=1, 4 V") << "prodromakis" << 1.0 << 4.0;
    }
    void exactBoundsAsTheDeviceEngine() {
        QFETCH(QString, window);
        QFETCH(double, p);
        QFETCH(double, amplitude);
        const ms::Project proj = project(window.toStdString(), p, false, amplitude);
        const Answer c = runBoth(proj, "c"), d = runBoth(proj, "d");
        qInfo("%s p=%g circuit: R_max %.7g ohm, i_min %.7g A, i_peak %.7g A, x(T) - x0 %.3g, max x %.17g",
              qPrintable(window), p, c.rMax, c.iMin, c.iPeak, c.xEnd - kX0, c.xMax);
        qInfo("%s p=%g device:  R_max %.7g ohm, i_min %.7g A, i_peak %.7g A, x(T) - x0 %.3g", qPrintable(window), p,
              d.rMax, d.iMin, d.iPeak, d.xEnd - kX0);
        // x returns to x0: R_max is R_init, the lobes mirror.
        QVERIFY(std::fabs(c.xEnd - kX0) <= 1e-6 * kX0);
        QVERIFY(rel(c.rMax, 19e3) <= 1e-6);
        qInfo("lobes: |i_min + i_peak| / i_peak = %.3g", rel(-c.iMin, c.iPeak));
        QVERIFY(rel(-c.iMin, c.iPeak) <= 1e-6);
        // The same answer as the device engine.
        QVERIFY(rel(c.iMin, d.iMin) <= 1e-4);
        QVERIFY(rel(c.iPeak, d.iPeak) <= 1e-4);
        QVERIFY(c.xMax > 1 - 1e-6);  // every case saturates
        if (window == "joglekar" && p == 1.0) {
            // The figures the issue quotes.
            QVERIFY(rel(c.iMin, -6.813e-3) <= 1e-3);
            QVERIFY(c.xMax == 1.0);  // within 1e-70 of the bound: a double x rounds onto it
        }
    }

    void terminalLockAsTheDeviceEngine() {
        const ms::Project proj = project("joglekar", 1, true);
        const Answer c = runBoth(proj, "c"), d = runBoth(proj, "d");
        double worst = 0;
        for (std::size_t k = 0; k < c.t.size() && k < d.t.size(); ++k) worst = std::max(worst, std::fabs(c.i[k] - d.i[k]));
        qInfo("locked circuit: R_max %.7g ohm, i_min %.7g A, i_peak %.7g A, final x %.17g", c.rMax, c.iMin, c.iPeak, c.xEnd);
        qInfo("locked device:  R_max %.7g ohm, i_min %.7g A, i_peak %.7g A, final x %.17g; worst |di| / i_peak %.3g",
              d.rMax, d.iMin, d.iPeak, d.xEnd, worst / d.iPeak);
        QCOMPARE(c.t.size(), d.t.size());
        QVERIFY(rel(c.iMin, d.iMin) <= 5e-3);
        QVERIFY(rel(c.iPeak, d.iPeak) <= 5e-3);
        QVERIFY(rel(c.rMax, d.rMax) <= 5e-3);
        QVERIFY(worst <= 5e-3 * d.iPeak);
        // Locked for good on R_on: i_min is -1.5 V / R_on.
        QCOMPARE(c.xEnd, 1.0);
        QVERIFY(rel(c.iMin, -1.5 / kRon) <= 5e-3);
    }

    void terminalLockMustBeABoolean() {
        ms::Project p = project("joglekar", 1, false);
        json t = p.tree();
        t["circuits"][0]["netlist"]["elements"][1]["device"]["terminalLock"] = 1;
        const auto issues = ms::Project(t).validate();
        QVERIFY(!issues.empty());
        qInfo("%s: %s", issues.front().path.c_str(), issues.front().message.c_str());
        QVERIFY(QString::fromStdString(issues.front().path).endsWith("device.terminalLock"));
    }
};

QTEST_APPLESS_MAIN(CircuitBoundsTest)
#include "test_circuit_bounds.moc"
