// The device explorer's panels for issues 15 and 18 on the shipped frequency
// sweep (projects/hysteresis-vs-frequency.json, 1, 10, 100 Hz): a fifth panel
// plots flux against charge, titled with its meaning; on a frequency sweep
// the time panels run over the phase t f in cycles (every run spans [0, 1])
// and the phi-q panel per cycle (phi f vs q f), so the three runs share one
// scale; the loops' legends do not repeat the I-V legend.
#include <QtTest>

#include <nlohmann/json.hpp>

#include "core/project/Project.h"
#include "widgets/ExperimentRunner.h"
#include "widgets/plots/DevicePlots.h"
#include "widgets/plots/PlotTools.h"

using namespace ms::gui;

class TestDeviceExplorerPanels : public QObject {
    Q_OBJECT
private slots:
    void fluxChargeAndPhaseOnAFrequencySweep() {
        const ms::Project project =
            ms::loadProjectFile(std::string(MS_SOURCE_DIR) + "/projects/hysteresis-vs-frequency.json");
        DevicePlots plots;
        plots.resize(1200, 700);
        ExperimentRunner runner;
        plots.follow(&runner);
        QSignalSpy finished(&runner, &ExperimentRunner::runFinished);
        runner.start(project, "hp_frequency");
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.last().at(0).value<ExperimentRunner::Outcome>(), ExperimentRunner::Outcome::Finished);

        QCOMPARE(plots.plots().size(), std::size_t(5));
        QCOMPARE(plots.plotNames().size(), 5);
        QCustomPlot* fq = plots.plots()[4];
        auto* title = qobject_cast<QCPTextElement*>(fq->plotLayout()->element(0, 0));
        QVERIFY(title && title->text().contains("dφ/dq = memristance"));
        QVERIFY(fq->xAxis->label().contains("q·f"));
        QVERIFY(fq->yAxis->label().contains("φ·f"));
        // One φ-q curve per run, on a common scale: each run's largest φ·f is
        // A (1 - cos) / 2π at half a period = 2 A / 2π = 0.318 V for A = 1 V.
        int curves = 0;
        for (int k = 0; k < fq->plottableCount(); ++k) {
            auto* c = qobject_cast<QCPCurve*>(fq->plottable(k));
            if (!c || c->dataCount() == 0) continue;
            ++curves;
            bool found = false;
            const QCPRange r = c->getValueRange(found);
            QVERIFY(found);
            QVERIFY2(std::fabs(r.upper - 1.0 / 3.14159265358979) < 2e-3, qPrintable(QString::number(r.upper)));
        }
        QCOMPARE(curves, 3);
        QVERIFY(!fq->legend->visible());
        QVERIFY(!plots.plots()[3]->legend->visible());
        QVERIFY(plots.ivPlot()->legend->visible());
        // The time panels: phase in cycles, every run over [0, 1].
        for (int k : {1, 2}) {
            QCustomPlot* p = plots.plots()[static_cast<std::size_t>(k)];
            QVERIFY(p->xAxis->label().contains("phase"));
            for (int g = 0; g < p->graphCount(); ++g) {
                bool found = false;
                const QCPRange r = p->graph(g)->getKeyRange(found);
                QVERIFY(found);
                QVERIFY(std::fabs(r.lower) < 1e-9 && std::fabs(r.upper - 1.0) < 1e-9);
            }
        }
    }
};

QTEST_MAIN(TestDeviceExplorerPanels)
#include "test_device_explorer_panels.moc"
