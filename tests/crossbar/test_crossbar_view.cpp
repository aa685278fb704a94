// The crossbar designer view (offscreen): a click on a cell selects it in the
// document as one undo step; a run's map series fill the heatmaps with row 0
// at the top and the read's line currents drawn over the array; a slider drag
// is one undo step.
#include <QtTest>

#include <QSignalSpy>
#include <QUndoStack>
#include <nlohmann/json.hpp>
#include <qcustomplot.h>

#include "core/crossbar/ConductanceMap.h"
#include "core/project/Project.h"
#include "widgets/DocumentModel.h"
#include "widgets/ExperimentRunner.h"
#include "widgets/crossbar/CrossbarHeatmap.h"
#include "widgets/crossbar/CrossbarView.h"

using namespace ms;
using namespace ms::gui;

class TestCrossbarView : public QObject {
    Q_OBJECT
private slots:
    // A write writes no column-line voltage: at the end of the run that map
    // leaves the grid rather than stay an empty panel, and the ΔG map beside
    // it takes the row; a read brings all four back.
    void writeRunLeavesNoEmptyMap() {
        DocumentModel doc;
        QString error;
        QVERIFY2(doc.open(QString(MS_SOURCE_DIR) + "/projects/write-disturb-v2-v3.json", &error), qPrintable(error));
        CrossbarView view(&doc);
        view.resize(1000, 600);
        view.showExperiment("/experiments/0");
        view.show();
        ExperimentRunner runner;
        view.follow(&runner);
        QSignalSpy finished(&runner, &ExperimentRunner::runFinished);
        runner.start(doc.project(), "write_v2");
        QVERIFY(finished.wait(30000));
        QVERIFY(view.heatmap(2)->hasMap());
        QVERIFY(!view.heatmap(3)->hasMap());
        QVERIFY(view.heatmap(3)->isHidden());
        QTRY_VERIFY(view.heatmap(2)->width() > view.heatmap(0)->width() * 3 / 2);
    }

    void clickSelectsACellAsOneUndoStep() {
        DocumentModel doc;
        const QString file = QString(MS_SOURCE_DIR) + "/projects/sneak-path-floating-vs-v2-vs-v3.json";
        QString error;
        QVERIFY2(doc.open(file, &error), qPrintable(error));
        CrossbarView view(&doc);
        view.resize(1300, 850);
        view.showExperiment("/experiments/3");
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        // A run's maps fill the heatmaps.
        ExperimentRunner runner;
        view.follow(&runner);
        QSignalSpy finished(&runner, &ExperimentRunner::runFinished);
        runner.start(doc.project(), "read_v3");
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().at(0).value<ExperimentRunner::Outcome>(), ExperimentRunner::Outcome::Finished);
        CrossbarHeatmap* g = view.heatmap(0);
        QCOMPARE(g->rows(), 16);
        QCOMPARE(g->cols(), 16);
        const auto expected = randomConductanceMap(16, 16, 1e-6, 1e-4, 42, 0.5);
        for (int i = 0; i < 16; ++i)
            for (int j = 0; j < 16; ++j) QCOMPARE(g->cellValue(i, j), expected[std::size_t(i * 16 + j)]);
        g->plot()->replot(QCustomPlot::rpImmediateRefresh);
        // Row 0 at the top, column 0 at the left, one cell per grid step.
        QVERIFY(g->cellCentre(0, 0).y() < g->cellCentre(15, 0).y());
        QVERIFY(g->cellCentre(0, 0).x() < g->cellCentre(0, 15).x());
        QVERIFY(g->plot()->yAxis->rangeReversed());
        QVERIFY(view.heatmap(1)->flowSegments() > 0);  // the read's current paths are drawn

        // Click cell (2, 7) of the conductance map.
        const int before = doc.undoStack()->index();
        const QPoint at = g->cellCentre(2, 7).toPoint();
        QTest::mouseClick(g->plot(), Qt::LeftButton, Qt::NoModifier, at);
        QCOMPARE(doc.value("/experiments/3/row").get<int>(), 2);
        QCOMPARE(doc.value("/experiments/3/col").get<int>(), 7);
        QCOMPARE(doc.undoStack()->index(), before + 1);
        doc.undoStack()->undo();
        QCOMPARE(doc.value("/experiments/3/row").get<int>(), 5);
        QCOMPARE(doc.value("/experiments/3/col").get<int>(), 9);

        // A wire-resistance drag is one undo step and sets both lines of the shared crossbar.
        const int beforeDrag = doc.undoStack()->index();
        emit view.wireSlider()->sliderPressed();
        view.wireSlider()->setValue(30);
        view.wireSlider()->setValue(60);
        view.wireSlider()->setValue(75);
        emit view.wireSlider()->sliderReleased();
        QCOMPARE(doc.undoStack()->index(), beforeDrag + 1);
        const double r = doc.value("/crossbars/0/rWireRow").get<double>();
        QVERIFY(std::fabs(r - std::pow(10.0, -2.0 + 4.0 * 74 / 99.0)) < 1e-9 * r);
        QCOMPARE(doc.value("/crossbars/0/rWireCol").get<double>(), r);
        doc.undoStack()->undo();
        QCOMPARE(doc.value("/crossbars/0/rWireRow").get<double>(), 2.0);
        runner.waitForWorkers(10000);
    }
};

QTEST_MAIN(TestCrossbarView)
#include "test_crossbar_view.moc"
