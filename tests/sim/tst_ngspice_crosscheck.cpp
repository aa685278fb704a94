// Cross-check against ngspice: the HP linear-ion-drift model as a behavioural
// netlist in the style of Biolek's SPICE model (the state x is the voltage on
// a 1 F capacitor charged by a B-source current k*i; the port is a B-source
// current v/R(x)), run by `ngspice -b`. Peak current and R range must agree
// with our engine within 0.5 %. Fails (does not skip) when ngspice is missing.
#include <QtTest>

#include <QProcess>
#include <QTemporaryDir>

#include "SimTestSupport.h"

using namespace mstest;

class TstNgspiceCrosscheck : public QObject {
    Q_OBJECT
private slots:
    void hpSineAgreesWithNgspice_data();
    void hpSineAgreesWithNgspice();
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
    QProcess ng;
    ng.setWorkingDirectory(dir.path());
    ng.start("ngspice", {"-b", cir});
    QVERIFY2(ng.waitForStarted(10000), "ngspice is not installed or cannot start (the cross-check needs it)");
    QVERIFY(ng.waitForFinished(120000));
    // In batch mode ngspice exits with 1 when the deck has no .print line even
    // though its .control block ran; the output file is the evidence.
    QVERIFY2(ng.exitStatus() == QProcess::NormalExit, "ngspice crashed");
    QFile f(out);
    QVERIFY2(f.open(QIODevice::ReadOnly | QIODevice::Text),
             qPrintable("ngspice wrote no output: " + QString::fromLocal8Bit(ng.readAllStandardOutput() + ng.readAllStandardError())));
    double ngPeak = -1e300, ngMin = 1e300, xMin = 1e300, xMax = -1e300;
    int rows = 0;
    while (!f.atEnd()) {
        const QStringList c = QString::fromLatin1(f.readLine()).simplified().split(' ');
        if (c.size() < 4) continue;
        // wrdata: time i(Vs) time v(x). I(Vs) flows from `in` into the device.
        const double i = c[1].toDouble(), x = c[3].toDouble();
        ngPeak = std::max(ngPeak, i);
        ngMin = std::min(ngMin, i);
        xMin = std::min(xMin, x);
        xMax = std::max(xMax, x);
        ++rows;
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

QTEST_APPLESS_MAIN(TstNgspiceCrosscheck)
#include "tst_ngspice_crosscheck.moc"
