// The Model comparison tab runs the open project's own devices (issue 15):
// each entry of the devices section and each experiment's inline device, with
// its preset, parameters and window, under the current experiment's drive;
// a project without devices shows every registered model instead.
#include <QtTest>

#include <algorithm>

#include <QComboBox>
#include <QTableWidget>
#include <qcustomplot.h>

#include "core/devices/ModelRegistry.h"
#include "core/project/Project.h"
#include "widgets/ModelComparison.h"

using namespace ms;

namespace {

Project example(const char* file) { return loadProjectFile(std::string(MS_SOURCE_DIR "/projects/") + file); }

// The largest |i| drawn on a plot (A).
double peakCurrent(QCustomPlot* p) {
    double peak = 0;
    for (int k = 0; k < p->plottableCount(); ++k)
        if (auto* c = qobject_cast<QCPCurve*>(p->plottable(k)))
            for (auto it = c->data()->constBegin(); it != c->data()->constEnd(); ++it)
                peak = std::max(peak, std::abs(it->value));
    return peak;
}

}  // namespace

class TestModelComparison : public QObject {
    Q_OBJECT
private slots:
    void comparesTheProjectsDevices() {
        gui::ModelComparison view;
        view.resize(1200, 700);
        view.setProject(example("model-comparison.json"));
        QVERIFY(view.comparingProjectDevices());
        QStringList labels;
        for (const auto& d : view.compared()) labels << d.label;
        QCOMPARE(labels, (QStringList{"hp", "nonlinear", "simmons", "team"}));
        QCOMPARE(view.table()->rowCount(), 4);
        QCOMPARE(view.table()->item(0, 0)->text(), QStringLiteral("hp"));
        QCOMPARE(static_cast<int>(view.plots().size()), 4);
    }

    // The hp device of hp-pinched-hysteresis under its own 1 V, 1 Hz sine: the
    // loop drawn is the device's (peak 0.129 mA, README's table), not a preset's.
    void drawsTheDeviceAsTheProjectDefinesIt() {
        const Project project = example("hp-pinched-hysteresis.json");
        gui::ModelComparison view;
        view.resize(1200, 700);
        view.setProject(project);
        const auto* e = project.experiment(project.experimentIds().front());
        QVERIFY(e && e->contains("drive"));
        view.setDrive(QString::fromStdString((*e)["drive"].dump()), QStringLiteral("voltage"));
        QSignalSpy done(&view, &gui::ModelComparison::computed);
        view.show();
        QVERIFY(done.wait(30000));
        QCOMPARE(static_cast<int>(view.plots().size()), 1);
        QVERIFY2(std::abs(peakCurrent(view.plots()[0]) - 0.129e-3) < 0.002e-3,
                 qPrintable(QString::number(peakCurrent(view.plots()[0]))));
    }

    void inlineDevicesCountAndRegistryIsTheFallback() {
        gui::ModelComparison view;
        // 2m-differential-synapse has no devices section: its two memristors
        // are inline in the circuit, each with its own initial state.
        view.setProject(example("2m-differential-synapse.json"));
        QVERIFY(view.comparingProjectDevices());
        QStringList labels;
        for (const auto& d : view.compared()) labels << d.label;
        QVERIFY2(labels.contains("Mp") && labels.contains("Mn"), qPrintable(labels.join(", ")));
        view.setProject(example("lif-fi-curve.json"));  // no device anywhere
        QVERIFY(!view.comparingProjectDevices());
        QCOMPARE(view.compared().size(), modelRegistry().all().size());
        QCOMPARE(view.table()->rowCount(), static_cast<int>(modelRegistry().all().size()));
        // The user can still ask for the registry on a project with devices.
        view.setProject(example("model-comparison.json"));
        view.setComparingProjectDevices(false);
        QCOMPARE(view.compared().size(), modelRegistry().all().size());
        view.setComparingProjectDevices(true);
        QCOMPARE(view.compared().size(), std::size_t{4});
    }

    // A device that does not parse is left out (validation names it), never a crash.
    void brokenDevicesAreLeftOut() {
        Project p = example("model-comparison.json");
        p.tree()["devices"][1]["model"] = "no_such_model";
        p.tree()["devices"].push_back(42);
        gui::ModelComparison view;
        view.setProject(p);
        QCOMPARE(view.compared().size(), std::size_t{3});
    }
};

QTEST_MAIN(TestModelComparison)
#include "test_model_comparison.moc"
