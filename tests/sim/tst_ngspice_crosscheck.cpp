// Cross-check against ngspice: the HP linear-ion-drift model as a behavioural
// netlist in the style of Biolek's SPICE model (the state x is the voltage on
// a 1 F capacitor charged by a B-source current k*i; the port is a B-source
// current v/R(x)), run by `ngspice -b`. Peak current and R range must agree
// with our engine within 0.5 %. Fails (does not skip) when ngspice is missing.
#include <QtTest>

#include <QTemporaryDir>

#include "SimTestSupport.h"
#include "tests/support/Ngspice.h"
#include "core/project/ExperimentKind.h"
#include "core/project/Project.h"

using namespace mstest;

class TstNgspiceCrosscheck : public QObject {
    Q_OBJECT
private slots:
    void hpSineAgreesWithNgspice_data();
    void hpSineAgreesWithNgspice();
    void terminalLockAgreesWithNgspice();
};

void TstNgspiceCrosscheck::hpSineAgreesWithNgspice_data() {
    QTest::addColumn<double>("amplitude");
    QTest::addColumn<double>("frequency");
    QTest::newRow("1V 1Hz") << 1.0 << 1.0;
    QTest::newRow("1V 5Hz") << 1.0 << 5.0;
}

void TstNgspiceCrosscheck::hpSineAgreesWithNgspice() {
    QFETCH(double, amplitude);
    QFETCH(double, frequency);
    const double Ron = 100, Roff = 16e3, k = 1e4, x0 = (16e3 - 11e3) / (16e3 - 100);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString cir = dir.filePath("hp.cir"), out = dir.filePath("hp.txt");
    {
        QFile f(cir);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Text));
        const double T = 1.0 / frequency;
        QTextStream s(&f);
        s.setRealNumberPrecision(12);
        s << "HP memristor, Biolek-style behavioural model (no window)\n"
          << ".param Ron=" << Ron << " Roff=" << Roff << " k=" << k << "\n"
          << "V1 in 0 SIN(0 " << amplitude << " " << frequency << ")\n"
          << "Vs in p 0\n"
          << "Bmem p 0 I=V(p)/(Ron*V(x)+Roff*(1-V(x)))\n"
          << "Bx 0 x I=k*I(Vs)\n"
          << "Cx x 0 1\n"
          << ".ic V(x)=" << x0 << "\n"
          << ".options reltol=1e-7 abstol=1e-15 vntol=1e-12 chgtol=1e-16 method=gear maxord=2\n"
          << ".tran " << T / 20000 << " " << T << " 0 " << T / 20000 << " uic\n"
          << ".control\nrun\nwrdata " << out << " i(Vs) v(x)\n.endc\n.end\n";
    }
    mstest::NgspiceOutput ng;
    std::string err;
    QVERIFY2(mstest::runNgspiceOn(dir.path(), "hp.cir", ng, err, "hp.txt"), err.c_str());
    double ngPeak = -1e300, ngMin = 1e300, xMin = 1e300, xMax = -1e300;
    const int rows = static_cast<int>(ng.table.size());
    for (const auto& r : ng.table) {
        // wrdata: time i(Vs) time v(x). I(Vs) flows from `in` into the device.
        const double i = r.at(1), x = r.at(2);
        ngPeak = std::max(ngPeak, i);
        ngMin = std::min(ngMin, i);
        xMin = std::min(xMin, x);
        xMax = std::max(xMax, x);
    }
    QVERIFY(rows > 1000);
    const double ngRmin = Ron * xMax + Roff * (1 - xMax), ngRmax = Ron * xMin + Roff * (1 - xMin);

    auto dev = hpDevice();
    auto drive = sine(amplitude, frequency);
    ms::TransientOptions o;
    o.samples = 4000;
    RecordingSink sink;
    ms::StopToken stop;
    const auto s = ms::runDeviceTransient(*dev, *drive, ms::DriveMode::Voltage, o, sink, stop);
    auto rel = [](double a, double b) { return std::fabs(a - b) / std::fabs(b); };
    qInfo("ngspice: i_peak %.6g A, i_min %.6g A, R %.6g..%.6g ohm (%d rows)", ngPeak, ngMin, ngRmin, ngRmax, rows);
    qInfo("engine:  i_peak %.6g A, i_min %.6g A, R %.6g..%.6g ohm", s.peakCurrent, s.minCurrent, s.rMin, s.rMax);
    qInfo("relative differences: i_peak %.2e, i_min %.2e, R_min %.2e, R_max %.2e", rel(s.peakCurrent, ngPeak),
          rel(s.minCurrent, ngMin), rel(s.rMin, ngRmin), rel(s.rMax, ngRmax));
    QVERIFY(rel(s.peakCurrent, ngPeak) <= 5e-3);
    QVERIFY(rel(s.minCurrent, ngMin) <= 5e-3);
    QVERIFY(rel(s.rMin, ngRmin) <= 5e-3);
    QVERIFY(rel(s.rMax, ngRmax) <= 5e-3);
}

namespace {

struct NgRow {
    double t, i, x;
};

// Runs `deck` (which writes `wrdata out.data i(Vs) v(x)`) and reads its rows.
std::vector<NgRow> runDeck(const QString& deck, const QString& dir) {
    mstest::NgspiceOutput out;
    std::string err;
    std::vector<NgRow> rows;
    if (!mstest::runNgspice(deck.toStdString(), dir, out, err)) return rows;
    for (const auto& r : out.table)
        if (r.size() >= 3) rows.push_back({r[0], r[1], r[2]});
    return rows;
}

}  // namespace

// The terminal-state lock (device setting "terminalLock", set here through a
// project file) against ngspice, on the issue-18 device: linear ion drift,
// R_on 220 ohm, R_off 27 kohm, D 7 nm, mu_v 4e-15, R_init 19 kohm, Joglekar
// p = 1, one period of 1.5 V at 0.5 Hz. ngspice's own integration of this
// netlist does not lock reliably: whether the state escapes depends on its
// tolerances (measured: i_min -4.03 mA with trap, -4.15 mA with gear, against
// -6.813 mA exact), so the deck writes the lock as the engine defines it: the
// flow is zero within 1e-9 (the engine's default absolute tolerance) of a
// bound. Locked, the device stays at R_on after the first peak: i_min is
// -1.5 V / 220 ohm and the final R is R_on, where the exact solution returns
// to 19 kohm. The studio must agree within 0.5 % on every sample of i (as a
// fraction of the peak), on i_min, on R_max and on the final R.
void TstNgspiceCrosscheck::terminalLockAgreesWithNgspice() {
    const double Ron = 220, Roff = 27e3, k = 4e-15 * 220 / (7e-9 * 7e-9), x0 = (27e3 - 19e3) / (27e3 - 220);
    const double T = 2.0;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString deck;
    QTextStream s(&deck);
    s.setRealNumberPrecision(15);
    s << "Joglekar p=1 with the terminal-state lock\n"
      << ".param Ron=" << Ron << " Roff=" << Roff << " k=" << k << " dl=1e-9\n"
      << "V1 in 0 SIN(0 1.5 0.5)\n"
      << "Vs in p 0\n"
      << "Bmem p 0 I=V(p)/(Ron*V(x)+Roff*(1-V(x)))\n"
      << "Bx 0 x I=k*I(Vs)*(1-(2*V(x)-1)*(2*V(x)-1))*u(V(x)-dl)*u(1-dl-V(x))\n"
      << "Cx x 0 1\n"
      << ".ic V(x)=" << x0 << "\n"
      << ".options reltol=1e-7 abstol=1e-15 vntol=1e-12 chgtol=1e-16 method=gear maxord=2\n"
      << ".tran " << T / 20000 << " " << T << " 0 " << T / 20000 << " uic\n"
      << ".control\nrun\nwrdata out.data i(Vs) v(x)\n.endc\n.end\n";
    s.flush();
    const auto ng = runDeck(deck, dir.path());
    QVERIFY2(ng.size() > 1000, "ngspice did not run or wrote no output (the cross-check needs it)");

    const std::string project = R"({"format": "memristor-studio-project", "version": 1,
        "devices": [{"id": "locked", "model": "linear_ion_drift", "terminalLock": true,
                     "params": {"Ron": 220, "Roff": 27000, "D": 7e-9, "uv": 4e-15, "Rinit": 19000},
                     "window": {"id": "joglekar", "params": {"p": 1}}}],
        "experiments": [{"id": "lock", "kind": "device_transient", "device": "locked",
                         "drive": {"kind": "sine", "params": {"amplitude": 1.5, "frequency": 0.5}},
                         "samples": 4000}]})";
    RecordingSink sink;
    ms::StopToken stop;
    ms::runExperiment(ms::parseProject(project), "lock", sink, stop);
    const Series& st = sink.series.at("transient");

    double ngMin = 1e300, ngPeak = -1e300, ngXmin = 1e300;
    for (const auto& r : ng) {
        ngMin = std::min(ngMin, r.i);
        ngPeak = std::max(ngPeak, r.i);
        ngXmin = std::min(ngXmin, r.x);
    }
    const double ngRmax = Ron * ngXmin + Roff * (1 - ngXmin), ngRend = Ron * ng.back().x + Roff * (1 - ng.back().x);
    // Every ngspice row against the studio's dense samples, interpolated.
    double worst = 0;
    for (const auto& r : ng) {
        const double pos = r.t / T * (st.rows() - 1);
        const std::size_t j = std::min<std::size_t>(static_cast<std::size_t>(pos), st.rows() - 2);
        const double a = pos - j, i = st.at(j, 2) + a * (st.at(j + 1, 2) - st.at(j, 2));
        worst = std::max(worst, std::fabs(i - r.i));
    }
    auto rel = [](double a, double b) { return std::fabs(a - b) / std::fabs(b); };
    const double iMin = sink.scalars.at("min_current"), rMax = sink.scalars.at("R_max");
    const double rEnd = st.at(st.rows() - 1, 4);
    qInfo("ngspice (lock in the deck): i_peak %.6g, i_min %.6g A, R_max %.6g, final R %.6g ohm", ngPeak, ngMin, ngRmax,
          ngRend);
    qInfo("studio (terminalLock):      i_peak %.6g, i_min %.6g A, R_max %.6g, final R %.6g ohm",
          sink.scalars.at("peak_current"), iMin, rMax, rEnd);
    qInfo("relative differences: i_min %.2e, R_max %.2e, final R %.2e; worst |di| / i_peak over %zu rows %.2e",
          rel(iMin, ngMin), rel(rMax, ngRmax), rel(rEnd, ngRend), ng.size(), worst / ngPeak);
    QVERIFY(rel(iMin, ngMin) <= 5e-3);
    QVERIFY(rel(sink.scalars.at("peak_current"), ngPeak) <= 5e-3);
    QVERIFY(rel(rMax, ngRmax) <= 5e-3);
    QVERIFY(rel(rEnd, ngRend) <= 5e-3);
    QVERIFY(worst <= 5e-3 * ngPeak);
    // Locked for good: the device ends at R_on, the exact solution at R_init.
    QVERIFY(std::fabs(rEnd - Ron) <= 1e-6 * Ron);
}

QTEST_APPLESS_MAIN(TstNgspiceCrosscheck)
#include "tst_ngspice_crosscheck.moc"
