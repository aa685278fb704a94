// Measurement import: delimiters, headers, column choice, units, and bad
// files rejected with their file, line and column.
#include <QtTest>

#include "core/common/Errors.h"
#include "core/fit/Measurements.h"

using namespace ms;
using namespace ms::fit;

class FitImport : public QObject {
    Q_OBJECT
private slots:
    void csvWithHeaderAndUnits();
    void whitespaceWithoutHeader();
    void pulseCurveFromResistance();
    void badFilesNameLineAndColumn_data();
    void badFilesNameLineAndColumn();
};

void FitImport::csvWithHeaderAndUnits() {
    const std::string text = "# synthetic sweep\n# second comment\ntime (ms),V (mV),I (uA)\n0,0,0\n1,100,2.5\n2,200,5\n";
    const MeasurementTable t = parseMeasurementTable(text, "sweep.csv");
    QVERIFY(t.hasHeader);
    QCOMPARE(t.rows(), std::size_t(3));
    QCOMPARE(t.line[0], 4);
    QCOMPARE(t.comment, std::string("synthetic sweep\nsecond comment"));
    IvColumns c;
    c.time = "time (ms)";
    c.voltage = "2";  // by number
    c.current = "I (uA)";
    c.timeUnit = "ms";
    c.voltageUnit = "mV";
    c.currentUnit = "\xC2\xB5" "A";  // µA
    const IvSweep s = ivSweepFromTable(t, c);
    QCOMPARE(s.t[2], 2e-3);
    QCOMPARE(s.v[1], 0.1);
    QCOMPARE(s.i[2], 5e-6);
    // Semicolons (European spreadsheets) are detected too.
    QCOMPARE(parseMeasurementTable("a;b\n1;2\n", "x.csv").columns[1][0], 2.0);
    QCOMPARE(unitFactor("kohm", "ohm", "u"), 1e3);
    QCOMPARE(unitFactor("M\xCE\xA9", "ohm", "u"), 1e6);
    QVERIFY_THROWS_EXCEPTION(ms::InputError, unitFactor("mA", "V", "u"));
}

void FitImport::whitespaceWithoutHeader() {
    const MeasurementTable t = parseMeasurementTable("  0.0   1e-3\n\t0.5   2.0e-3 \n1.0 3e-3\n", "sweep.txt");
    QVERIFY(!t.hasHeader);
    QCOMPARE(t.names[1], std::string("column 2"));
    IvColumns c;
    c.voltage = "1";
    c.current = "2";
    c.samplePeriod = 0.01;  // no time column: rows are evenly spaced
    const IvSweep s = ivSweepFromTable(t, c);
    QCOMPARE(s.t[2], 0.02);
    QCOMPARE(s.i[1], 2e-3);
}

void FitImport::pulseCurveFromResistance() {
    const MeasurementTable t =
        parseMeasurementTable("pulse,R (kohm)\n0,100\n1,50\n2,40\n3,50\n4,100\n", "pulses.csv");
    PulseColumns c;
    c.pulse = "pulse";
    c.resistance = "R (kohm)";
    c.resistanceUnit = "kohm";
    const PulseCurve p = pulseCurveFromTable(t, c);
    QCOMPARE(p.g[0], 1e-5);
    QCOMPARE(p.g[2], 1.0 / 40e3);
    // No phase column: potentiation up to the largest G, depression after.
    QCOMPARE(p.phase, (std::vector<int>{0, 1, 1, -1, -1}));
    QCOMPARE(p.branch(-1), (std::vector<double>{1.0 / 40e3, 1.0 / 50e3, 1e-5}));
}

void FitImport::badFilesNameLineAndColumn_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("where");
    QTest::newRow("non-numeric") << "t,V,I\n0,0,0\n1,0.1,abc\n" << "bad.csv:3:3";
    QTest::newRow("ragged") << "t,V,I\n0,0,0\n1,0.1\n" << "bad.csv:3";
    QTest::newRow("nan") << "# c\nt,V,I\n0,0,0\n1,nan,1\n" << "bad.csv:4:2";
    QTest::newRow("inf") << "0 0 0\n1 1 inf\n" << "bad.csv:2:3";
    QTest::newRow("empty cell") << "t,V,I\n0,,0\n" << "bad.csv:2:2";
    QTest::newRow("empty") << "# nothing\n\n" << "bad.csv";
    QTest::newRow("header only") << "t,V,I\n" << "bad.csv";
}

void FitImport::badFilesNameLineAndColumn() {
    QFETCH(QString, text);
    QFETCH(QString, where);
    try {
        parseMeasurementTable(text.toStdString(), "bad.csv");
        QFAIL("accepted a malformed file");
    } catch (const ms::InputError& e) {
        QCOMPARE(QString::fromStdString(e.path()), where);
        QVERIFY(!e.why().empty());
    }
}

QTEST_GUILESS_MAIN(FitImport)
#include "test_fit_import.moc"
