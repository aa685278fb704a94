// The "ANN on crossbars" result view fed by real (shortened) runs through the
// studio's ExperimentRunner, offscreen: the epoch curve holds the run's
// points, the confusion matrix sums to the test-set size, conductance maps
// change during training, finished runs become overlays, sweeps plot.
#include <cmath>

#include <QSignalSpy>
#include <QtTest>

#include <nlohmann/json.hpp>
#include <qcustomplot.h>

#include "core/project/Project.h"
#include "widgets/ExperimentRunner.h"
#include "widgets/ResultView.h"
#include "widgets/ann/AnnView.h"

using namespace ms;
using namespace ms::gui;

namespace {

Project shortened(const char* file, const std::function<void(nlohmann::json&)>& edit) {
    Project p = loadProjectFile(std::string(MS_SOURCE_DIR) + "/projects/" + file);
    for (auto& e : p.tree()["experiments"]) edit(e);
    return p;
}

bool runToEnd(ExperimentRunner& runner, const Project& p, const QString& id) {
    QSignalSpy done(&runner, &ExperimentRunner::runFinished);
    runner.start(p, id);
    if (!done.wait(120000)) return false;
    return done.front().at(0).value<ExperimentRunner::Outcome>() == ExperimentRunner::Outcome::Finished;
}

}  // namespace

class TestAnnView : public QObject {
    Q_OBJECT
private slots:
    void registered() {
        bool found = false;
        for (const auto& e : resultViewRegistry())
            if (e.id == "ann") found = e.kinds.contains("ann_training") && e.kinds.contains("ann_sweep");
        QVERIFY(found);
    }
    void trainingRunFillsThePlots() {
        AnnView view(nullptr);
        view.resize(1400, 800);
        ExperimentRunner runner;
        view.follow(&runner);
        const Project p = shortened("slp-digits-crossbar.json", [](nlohmann::json& e) {
            e["epochs"] = 3;
            e["snapshotsPerEpoch"] = 2;
        });
        QVERIFY(runToEnd(runner, p, "slp_insitu"));
        // The epoch curve: one point per epoch, at the run's test accuracies (in %).
        const SeriesBuffer* epochs = nullptr;
        for (const auto& s : runner.series())
            if (s.id == "epochs") epochs = &s;
        QVERIFY(epochs);
        const auto curve = view.testAccuracyCurve();
        QCOMPARE(curve.size(), 3);
        for (int k = 0; k < 3; ++k) {
            QCOMPARE(curve[k].x(), double(k + 1));
            QCOMPARE(curve[k].y(), 100 * epochs->at(static_cast<std::size_t>(k), epochs->column("test_acc")));
        }
        QCOMPARE(view.confusionTotal(), 539);  // the 30 % test split of 1797 digits
        // Maps: initial + 2 per epoch, the last shown at the end of epoch 3.
        QVERIFY(view.heatmapUpdates() >= 1);
        QCOMPARE(view.heatmapTime(), 3.0);
        QCOMPARE(view.overlayCount(), 1);  // auto-pinned when it finished
        // A second run: a second overlay, the first kept.
        QVERIFY(runToEnd(runner, p, "slp_float"));
        QCOMPARE(view.overlayCount(), 2);
        QCOMPARE(view.confusionTotal(), 539);
        view.clearOverlays();
        QCOMPARE(view.overlayCount(), 0);
    }
    // A run without conductance snapshots leaves the map and histogram out,
    // named in a note, rather than showing two empty panels; the next run
    // that takes snapshots brings them back.
    void runWithoutSnapshotsLeavesTheConductancePanelsOut() {
        AnnView view(nullptr);
        view.resize(1280, 600);
        view.show();
        ExperimentRunner runner;
        view.follow(&runner);
        const Project onoff = shortened("on-off-ratio-accuracy.json", [](nlohmann::json& e) { e["epochs"] = 1; });
        QVERIFY(runToEnd(runner, onoff, "onoff_100"));
        QVERIFY(!view.conductancePanelsShown());
        QVERIFY2(view.omittedPanels().contains("snapshot"), qPrintable(view.omittedPanels()));
        // The curves take the height the hidden row leaves, no empty band.
        QTRY_VERIFY2(view.plots().front()->height() > view.height() * 2 / 3,
                     qPrintable(QStringLiteral("accuracy plot %1 px of %2").arg(view.plots().front()->height()).arg(view.height())));
        const Project slp = shortened("slp-digits-crossbar.json", [](nlohmann::json& e) {
            e["epochs"] = 1;
            e["snapshotsPerEpoch"] = 1;
        });
        QVERIFY(runToEnd(runner, slp, "slp_insitu"));
        QVERIFY(view.conductancePanelsShown());
        QVERIFY(view.omittedPanels().isEmpty());
    }
    void overlaysStayInsideThePlots() {
        // cnn-digits: the open-loop run's last point (accuracy after programming) drops far
        // below its float curve; every overlay's points stay inside the axes and the legends
        // sit under the axis rects, so no curve hides behind one.
        AnnView view(nullptr);
        view.resize(1400, 800);
        view.show();
        ExperimentRunner runner;
        view.follow(&runner);
        const Project p = shortened("cnn-digits.json", [](nlohmann::json& e) {
            e["epochs"] = 2;
            e["snapshotsPerEpoch"] = 0;
        });
        for (const char* id : {"cnn_agasi_open", "cnn_agasi_verify", "cnn_ideal"}) QVERIFY(runToEnd(runner, p, id));
        QCOMPARE(view.overlayCount(), 3);
        QString why;
        QVERIFY2(view.everyPointVisible(&why), qPrintable(why));
        for (QCustomPlot* plot : view.plots()) {
            plot->replot(QCustomPlot::rpImmediateRefresh);
            if (!plot->legend->visible() || plot->legend->itemCount() == 0) continue;
            QVERIFY2(!plot->legend->outerRect().intersects(plot->axisRect()->outerRect()), qPrintable(plot->objectName()));
        }
    }
    void sweepRunPlotsMeanPerValue() {
        AnnView view(nullptr);
        ExperimentRunner runner;
        view.follow(&runner);
        const Project p = shortened("mlp-nl-sweep.json", [](nlohmann::json& e) {
            e["values"] = {0, 6};
            e["seeds"] = {1};
            e["base"]["epochs"] = 1;
        });
        QVERIFY(runToEnd(runner, p, "nl_sweep"));
        const auto curve = view.sweepCurve();
        QCOMPARE(curve.size(), 2);
        QCOMPARE(curve[0].x(), 0.0);
        QCOMPARE(curve[1].x(), 6.0);
        QVERIFY(curve[0].y() > curve[1].y());  // NL 6 trains worse than linear devices
        QString why;
        QVERIFY2(view.everyPointVisible(&why), qPrintable(why));
    }
    // A device synapse's measured curve opens beside the histogram: 16
    // potentiation pulses that raise G step by step, 16 depression pulses
    // that bring it back, and the synapse's replay on the same points. A run
    // without a device afterwards closes the tab again.
    void deviceSynapseRunShowsItsPulseCurve() {
        AnnView view(nullptr);
        view.resize(1400, 800);
        ExperimentRunner runner;
        view.follow(&runner);
        const Project p = shortened("mlp-digits-device-synapse.json", [](nlohmann::json& e) { e["epochs"] = 1; });
        QVERIFY(runToEnd(runner, p, "device_synapse"));
        QVERIFY(view.pulseCurveShown());
        const QCustomPlot* plot = view.pulseCurvePlot();
        const auto* ltp = plot->graph(0)->data().data();
        const auto* ltd = plot->graph(1)->data().data();
        const auto* replay = plot->graph(2)->data().data();
        QCOMPARE(ltp->size() + ltd->size(), 33);  // the start and 2 x 16 pulses
        QCOMPARE(replay->size(), 33);
        for (int k = 1; k < ltp->size(); ++k) QVERIFY(ltp->at(k)->value > ltp->at(k - 1)->value);
        for (int k = 1; k < ltd->size(); ++k) QVERIFY(ltd->at(k)->value < ltd->at(k - 1)->value);
        // The lookup table replays the device (9.6e-16 relative in test_ann_device_synapse).
        for (int k = 0; k < replay->size(); ++k) {
            const double pulse = replay->at(k)->key;
            const auto* device = pulse <= ltp->at(ltp->size() - 1)->key ? ltp : ltd;
            const auto it = device->findBegin(pulse, false);
            QCOMPARE(it->key, pulse);
            QVERIFY(std::abs(replay->at(k)->value / it->value - 1) < 1e-9);
        }
        // Every point inside the axes.
        for (int g = 0; g < 3; ++g)
            for (auto it = plot->graph(g)->data()->constBegin(); it != plot->graph(g)->data()->constEnd(); ++it)
                QVERIFY(plot->xAxis->range().contains(it->key) && plot->yAxis->range().contains(it->value));

        const Project slp = shortened("slp-digits-crossbar.json", [](nlohmann::json& e) { e["epochs"] = 1; });
        QVERIFY(runToEnd(runner, slp, "slp_insitu"));
        QVERIFY(!view.pulseCurveShown());
        QCOMPARE(plot->graph(2)->dataCount(), 0);
    }
};

QTEST_MAIN(TestAnnView)
#include "test_ann_view.moc"
