// The reservoir-computing view (issue 17) follows both experiments of
// projects/reservoir-memristor.json, run small: the device-state and
// reservoir-state heatmaps fill, the digits run shows its input image and
// accuracies, the Mackey-Glass run its prediction against the target and NRMSEs.
#include <QtTest>

#include <QTableWidget>

#include <nlohmann/json.hpp>

#include "core/project/Project.h"
#include "widgets/DocumentModel.h"
#include "widgets/ExperimentRunner.h"
#include "widgets/crossbar/CrossbarHeatmap.h"
#include "widgets/reservoir/ReservoirView.h"
#include "qcustomplot.h"

using namespace ms;

namespace {

bool runSmall(gui::ExperimentRunner& runner, const char* id) {
    gui::DocumentModel doc;
    QString error;
    if (!doc.open(QStringLiteral(MS_SOURCE_DIR "/projects/reservoir-memristor.json"), &error)) {
        qWarning() << error;
        return false;
    }
    // Small runs: the view does not care how many digits or steps there are,
    // and CI runs this under ASan on two cores.
    Project small = doc.project();
    for (auto& e : small.tree()["experiments"]) {
        if (e["kind"] != "reservoir") continue;
        e["samples"] = 300;
        e["length"] = 400;
    }
    QSignalSpy finished(&runner, &gui::ExperimentRunner::runFinished);
    runner.start(small, id);
    const bool ok = finished.wait(30000) &&
                    finished.last().at(0).value<gui::ExperimentRunner::Outcome>() == gui::ExperimentRunner::Outcome::Finished;
    QCoreApplication::processEvents();
    return ok;
}

bool hasData(gui::CrossbarHeatmap* map) {
    auto* cm = qobject_cast<QCPColorMap*>(map->plot()->plottable(0));
    return cm && cm->data()->keySize() > 0 && cm->data()->valueSize() > 0;
}

}  // namespace

class TestReservoirView : public QObject {
    Q_OBJECT
private slots:
    void digitsShowStatesInputAndAccuracies() {
        gui::ReservoirView view(nullptr);
        view.resize(1200, 800);
        view.show();
        gui::ExperimentRunner runner;
        view.follow(&runner);
        QVERIFY(runSmall(runner, "digits_rows"));
        QVERIFY(hasData(view.deviceTraceMap()));
        QVERIFY(hasData(view.statesMap()));
        QVERIFY(hasData(view.inputMap()));
        QVERIFY(view.inputMap()->isVisible() && !view.predictionPlot()->isVisible());
        for (int r = 0; r < 3; ++r) QVERIFY2(view.readoutTable()->item(r, 2)->text().endsWith("%"), qPrintable(QString::number(r)));
        // The device trace has one row per device (8 image rows).
        auto* cm = qobject_cast<QCPColorMap*>(view.deviceTraceMap()->plot()->plottable(0));
        QCOMPARE(cm->data()->valueSize(), 8);
    }
    void mackeyGlassShowsPredictionAgainstTarget() {
        gui::ReservoirView view(nullptr);
        view.resize(1200, 800);
        view.show();
        gui::ExperimentRunner runner;
        view.follow(&runner);
        QVERIFY(runSmall(runner, "mackey_glass"));
        QVERIFY(view.predictionPlot()->isVisible());
        QCustomPlot* p = view.predictionPlot();
        QCOMPARE(p->graphCount(), 4);
        for (int k = 0; k < 4; ++k) QVERIFY2(p->graph(k)->dataCount() > 50, qPrintable(QString::number(k)));
        QVERIFY(hasData(view.deviceTraceMap()));
        QVERIFY(view.readoutTable()->horizontalHeaderItem(2)->text().contains("NRMSE"));
        QVERIFY(!view.readoutTable()->item(0, 2)->text().isEmpty());
        view.clear();
        QCOMPARE(p->graph(0)->dataCount(), 0);
    }
};

QTEST_MAIN(TestReservoirView)
#include "test_reservoir_view.moc"
