// The Device fitting tab: a fit run through the studio's runner fills the
// results, and "Save as preset" adds the fitted device to the project's
// devices section as one undoable edit that experiments can then use.
#include <QSignalSpy>
#include <QTableWidget>
#include <QUndoStack>
#include <QtTest>

#include <nlohmann/json.hpp>

#include "core/project/ExperimentKind.h"
#include "core/project/Project.h"
#include "widgets/DocumentModel.h"
#include "widgets/ExperimentRunner.h"
#include "widgets/fit/FitView.h"

using namespace ms;

class FitViewTest : public QObject {
    Q_OBJECT
private slots:
    void fitThenSaveAsPreset();
};

void FitViewTest::fitThenSaveAsPreset() {
    gui::DocumentModel doc;
    QString error;
    QVERIFY2(doc.open(MS_SOURCE_DIR "/projects/fit-iv-sweep.json", &error), qPrintable(error));
    gui::ExperimentRunner runner;
    gui::FitView view(&doc);
    view.follow(&runner);
    view.showExperiment("/experiments/0");
    QSignalSpy finished(&runner, &gui::ExperimentRunner::runFinished);
    runner.start(doc.project(), "fit_vteam");
    QVERIFY(finished.wait(120000));
    QCOMPARE(finished.front().front().value<gui::ExperimentRunner::Outcome>(), gui::ExperimentRunner::Outcome::Finished);
    auto* results = view.findChildren<QTableWidget*>().back();
    QCOMPARE(results->rowCount(), 5);  // k_on, k_off, Roff, v_on, v_off

    const std::size_t before = doc.value("/devices").size();
    view.saveAsPreset("My VTEAM");
    const auto devices = doc.value("/devices");
    QCOMPARE(devices.size(), before + 1);
    const auto& entry = devices.back();
    QCOMPARE(entry["id"].get<std::string>(), std::string("my_vteam"));
    QCOMPARE(entry["model"].get<std::string>(), std::string("vteam"));
    QVERIFY(std::fabs(entry["params"]["v_on"].get<double>() + 0.5) < 0.01);
    QVERIFY(std::fabs(entry["params"]["Roff"].get<double>() / 10e3 - 1) < 0.01);
    QVERIFY(doc.project().validate().empty());
    // The saved device runs like any other: point the transient at it.
    doc.setValue("/experiments/1/device", "my_vteam", "use fitted");
    NullSink sink;
    StopToken stop;
    runExperiment(doc.project(), "fitted_sine", sink, stop);
    // One undo step each.
    doc.undoStack()->undo();
    doc.undoStack()->undo();
    QCOMPARE(doc.value("/devices").size(), before);
}

QTEST_MAIN(FitViewTest)
#include "test_fit_view.moc"
