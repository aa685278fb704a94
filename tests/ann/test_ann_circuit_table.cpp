// The ANN view's circuit-estimates table (issue 22): filled from the summary
// scalars and from the series, SI units shown, the assumptions line from the
// run's log.
#include <QtTest>

#include "widgets/ExperimentRunner.h"
#include "widgets/ann/AnnCircuitEstimatesTable.h"

using namespace ms::gui;

class TestAnnCircuitTable : public QObject {
    Q_OBJECT
private slots:
    void fromScalars() {
        AnnCircuitEstimatesTable t;
        t.addScalar("layer1_area", 1.6e-13, "m^2");
        t.addScalar("layer1_read_latency", 2.1e-8, "s");
        t.addScalar("layer2_read_energy_per_image", 2.216e-12, "J");
        t.addScalar("final_accuracy", 0.9, "");  // not a layer figure
        QCOMPARE(t.layerCount(), 2);
        QCOMPARE(t.text(0, 2), QStringLiteral("0.16 µm²"));
        QCOMPARE(t.text(0, 3), QStringLiteral("21 ns"));
        QCOMPARE(t.text(1, 4), QStringLiteral("2.216 pJ"));
        t.addLogLine("network: dense 64->10");
        QVERIFY(t.assumptions().startsWith("No circuit estimates"));
        t.addLogLine("circuit estimates assume: cell 1m (4 F^2)");
        QCOMPARE(t.assumptions(), QStringLiteral("Assumptions: cell 1m (4 F^2)"));
        t.clear();
        QCOMPARE(t.layerCount(), 0);
    }

    void fromSeries() {
        SeriesBuffer s;
        s.id = "circuit_estimates";
        for (const char* c : {"layer", "rows", "cols", "tiles", "area", "array_area", "elmore_delay", "read_latency",
                              "read_energy", "array_read_energy", "write_energy_per_epoch", "write_latency_per_epoch"})
            s.columns.push_back({c, ""});
        const double row[] = {1, 64, 64, 1, 8.2212864e-9, 1.572864e-10, 1.3808e-12, 9.1e-8, 7.4496e-11, 4.096e-12, 2e-6, 0.375};
        s.appendRows(row, 1);
        AnnCircuitEstimatesTable t;
        t.addRows(s, 0, 1);
        QCOMPARE(t.layerCount(), 1);
        QCOMPARE(t.text(0, 1), QStringLiteral("64 × 64, 1"));
        QCOMPARE(t.text(0, 2), QStringLiteral("8221 µm²"));
        QCOMPARE(t.text(0, 4), QStringLiteral("74.5 pJ"));
        QCOMPARE(t.text(0, 6), QStringLiteral("375 ms"));
    }
};

QTEST_MAIN(TestAnnCircuitTable)
#include "test_ann_circuit_table.moc"
