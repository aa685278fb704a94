// The studio end to end (issue 3): a run streams points into the I-V plot,
// cancel stops the worker, a failing run (at validation or mid-run) is
// reported and leaves the document as it was, save then open gives an equal document, and a corrupt or newer
// file leaves the open document untouched.
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <nlohmann/json.hpp>

#include "app/studio/MainWindow.h"
#include "core/project/Project.h"
#include "widgets/CsvExport.h"
#include "widgets/DocumentModel.h"
#include "widgets/ExperimentRunner.h"
#include "widgets/plots/DevicePlots.h"

using namespace ms;
using json = nlohmann::json;

namespace {
studio::StartOptions quiet(bool run) {
    studio::StartOptions o;
    o.interactive = false;
    o.run = run;
    return o;
}
std::string firstTransientPointer(const gui::DocumentModel& doc) {
    const json e = doc.value("/experiments");
    for (std::size_t k = 0; k < e.size(); ++k)
        if (e[k].value("kind", std::string()) == "device_transient") return "/experiments/" + std::to_string(k);
    return {};
}
// The device object an experiment uses (it may name a shared entry of "devices").
std::string devicePointer(const gui::DocumentModel& doc, const std::string& experiment) {
    const json d = doc.value(experiment + "/device");
    if (d.is_string()) {
        const json list = doc.value("/devices");
        for (std::size_t k = 0; k < list.size(); ++k)
            if (list[k].value("id", std::string()) == d.get<std::string>()) return "/devices/" + std::to_string(k);
    }
    return experiment + "/device";
}
}  // namespace

class TestStudio : public QObject {
    Q_OBJECT
private slots:
    void defaultProjectRunsAndStreamsIntoTheIvPlot() {
        studio::MainWindow w(quiet(true));
        QVERIFY(!w.document()->project().experimentIds().empty());
        QVERIFY(w.document()->project().validate().empty());
        const std::string ptr = firstTransientPointer(*w.document());
        QVERIFY(!ptr.empty());
        w.selectExperiment(QString::fromStdString(w.document()->value(ptr + "/id").get<std::string>()));
        // A longer run, so the points arrive in several drains.
        QSignalSpy drained(w.runner(), &gui::ExperimentRunner::drained);
        QSignalSpy finished(w.runner(), &gui::ExperimentRunner::runFinished);
        w.document()->setValue(ptr + "/samples", 1000000, "samples");
        w.document()->setValue(ptr + "/drive/params/cycles", 50, "cycles");
        QTest::qWait(100);  // the edit's debounced restart has started the long run
        QVERIFY(w.runner()->isRunning());
        drained.clear();
        finished.clear();
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 1 &&
                                     finished.last().at(0).value<gui::ExperimentRunner::Outcome>() ==
                                         gui::ExperimentRunner::Outcome::Finished,
                                 60000);
        QVERIFY2(drained.count() > 1, "points must stream in several batches, not arrive at the end");
        const auto& series = w.runner()->series();
        QVERIFY(!series.empty());
        QVERIFY(series.front().rows() >= 1000000);
        QVERIFY(w.devicePlots()->livePointCount() > 1000);
        // The loop is pinched: at v = 0 the current is 0 in every row.
        const auto& s = series.front();
        const int cv = s.column("v"), ci = s.column("i");
        for (std::size_t r = 0; r < s.rows(); ++r)
            if (s.at(r, cv) == 0.0) QCOMPARE(s.at(r, ci), 0.0);
        // CSV export carries t, v, i, state, R, flux and charge together.
        QTemporaryDir dir;
        QString error;
        QVERIFY2(gui::writeSeriesCsv(series, dir.filePath("run.csv"), &error), qPrintable(error));
        QFile f(dir.filePath("run.csv"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString header = QString::fromUtf8(f.readLine()).trimmed();
        QVERIFY2(header.startsWith("t (s),v (V),i (A),") && header.endsWith("R (ohm),phi (Wb),q (C)"), qPrintable(header));
    }

    void cancelStopsTheWorker() {
        studio::MainWindow w(quiet(false));
        const std::string ptr = firstTransientPointer(*w.document());
        w.document()->setValue(ptr + "/samples", 2000000, "samples");
        w.document()->setValue(ptr + "/drive/params/cycles", 2000, "cycles");
        QSignalSpy finished(w.runner(), &gui::ExperimentRunner::runFinished);
        w.runCurrent();
        QTRY_VERIFY_WITH_TIMEOUT(w.devicePlots()->livePointCount() > 0, 30000);
        QVERIFY(w.runner()->isRunning());
        w.cancelRun();
        QVERIFY(!w.runner()->isRunning());
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.last().at(0).value<gui::ExperimentRunner::Outcome>(), gui::ExperimentRunner::Outcome::Cancelled);
        // The engine polls the stop token: the worker ends long before the run would.
        QTRY_COMPARE_WITH_TIMEOUT(w.runner()->activeWorkers(), 0, 5000);
        const int points = w.devicePlots()->livePointCount();
        QTest::qWait(200);
        QCOMPARE(w.devicePlots()->livePointCount(), points);  // nothing stale arrives afterwards
        QVERIFY(w.runner()->series().front().rows() < 2000000);
    }

    void restartDropsStaleFrames() {
        studio::MainWindow w(quiet(false));
        const std::string ptr = firstTransientPointer(*w.document());
        w.document()->setValue(ptr + "/samples", 400000, "samples");
        QSignalSpy started(w.runner(), &gui::ExperimentRunner::runStarted);
        w.runCurrent();
        QTRY_VERIFY_WITH_TIMEOUT(w.devicePlots()->livePointCount() > 0, 30000);
        const int gen = w.runner()->generation();
        w.runCurrent();  // as a slider edit would
        QCOMPARE(w.runner()->generation(), gen + 1);
        // Right after the restart the plot holds nothing of the old run.
        QCOMPARE(w.devicePlots()->livePointCount(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!w.runner()->isRunning(), 60000);
        QCOMPARE(w.runner()->series().front().rows(), std::size_t(400001));
    }

    void failingRunIsReportedAndDocumentUnchanged() {
        studio::MainWindow w(quiet(false));
        const std::string ptr = firstTransientPointer(*w.document());
        // Roff below Ron: each value is in range, the pair is not.
        const std::string model = w.document()->value(devicePointer(*w.document(), ptr) + "/model").get<std::string>();
        QCOMPARE(model, std::string("linear_ion_drift"));
        w.document()->setValue(devicePointer(*w.document(), ptr) + "/params/Roff", 50.0, "Roff");
        const std::string before = ms::serializeProject(w.document()->project());
        const int steps = w.document()->undoStack()->count();
        QTest::qWait(100);  // let the edit's debounced restart happen first
        QSignalSpy finished(w.runner(), &gui::ExperimentRunner::runFinished);
        w.runCurrent();
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 1, 30000);
        QCOMPARE(finished.last().at(0).value<gui::ExperimentRunner::Outcome>(), gui::ExperimentRunner::Outcome::Failed);
        const QString message = finished.last().at(1).toString();
        QVERIFY2(message.contains("Roff"), qPrintable(message));
        QVERIFY2(w.logView()->toPlainText().contains("Roff"), qPrintable(w.logView()->toPlainText()));
        QVERIFY(w.lastStatus().contains("Roff"));
        QCOMPARE(ms::serializeProject(w.document()->project()), before);
        QCOMPARE(w.document()->undoStack()->count(), steps);
    }

    // A run that passes validation and fails part-way: a PWL drive that
    // jumps to 1e300 V at 0.6 s. v and i stay finite (i = v/R ~ 1e298 A), the
    // power v*i overflows, and the engine stops there with a SimulationError.
    void midRunFailureIsReportedAndDocumentUnchanged() {
        studio::MainWindow w(quiet(false));
        const std::string ptr = firstTransientPointer(*w.document());
        json drive = {{"kind", "pwl"}, {"params", json::object()}};
        drive["points"] = json::array({{0.0, 0.0}, {0.5, 1.0}, {0.6, 1.0}, {0.6001, 1e300}, {1.0, 1e300}});
        w.document()->setValue(ptr + "/drive", drive, "drive");
        w.document()->setValue(ptr + "/duration", 1.0, "duration");
        w.document()->setValue(ptr + "/samples", 20000, "samples");
        QVERIFY(w.document()->project().validate().empty());  // nothing refuses it up front
        QTemporaryDir dir;
        QVERIFY(w.saveTo(dir.filePath("overflow.json")));
        QVERIFY(!w.document()->isModified());
        const std::string before = ms::serializeProject(w.document()->project());
        const int steps = w.document()->undoStack()->count();
        QTest::qWait(100);  // let the edits' debounced restart happen first
        QSignalSpy finished(w.runner(), &gui::ExperimentRunner::runFinished);
        QSignalSpy rows(w.runner(), &gui::ExperimentRunner::rowsAdded);
        w.runCurrent();
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() >= 1, 30000);
        QCOMPARE(finished.last().at(0).value<gui::ExperimentRunner::Outcome>(), gui::ExperimentRunner::Outcome::Failed);
        const QString message = finished.last().at(1).toString();
        QVERIFY2(message.contains("overflows") && message.contains("t = 0.6"), qPrintable(message));
        // It failed mid-run: rows up to the jump streamed into the plots first.
        QVERIFY(rows.count() >= 1);
        const auto& s = w.runner()->series().front();
        const int ct = s.column("t"), cv = s.column("v");
        QVERIFY2(s.rows() > 5000 && s.rows() <= 12002, qPrintable(QString::number(s.rows())));
        QVERIFY(s.at(s.rows() - 1, ct) <= 0.6001);
        QCOMPARE(s.at(10000, ct), 0.5);
        QCOMPARE(s.at(10000, cv), 1.0);  // the drive's ramp, as given
        QVERIFY(w.devicePlots()->livePointCount() > 100);
        // The studio says so, in the log and the status bar.
        QVERIFY2(w.logView()->toPlainText().contains("overflows"), qPrintable(w.logView()->toPlainText()));
        QVERIFY2(w.lastStatus().contains("overflows"), qPrintable(w.lastStatus()));
        // The document is as it was: same JSON, not modified, no new undo step.
        QCOMPARE(ms::serializeProject(w.document()->project()), before);
        QVERIFY(!w.document()->isModified());
        QCOMPARE(w.document()->undoStack()->count(), steps);
    }

    void saveThenOpenGivesAnEqualDocument() {
        QTemporaryDir dir;
        studio::MainWindow w(quiet(false));
        const std::string ptr = firstTransientPointer(*w.document());
        w.document()->setValue(devicePointer(*w.document(), ptr) + "/params/Roff", 20e3, "Roff");
        w.document()->setValue(ptr + "/drive/params/frequency", 2.5, "f");
        const QString path = dir.filePath("saved.json");
        QVERIFY(w.saveTo(path));
        QVERIFY(!w.document()->isModified());
        gui::DocumentModel other;
        QString error;
        QVERIFY2(other.open(path, &error), qPrintable(error));
        QVERIFY(other.project() == w.document()->project());
        QCOMPARE(other.value(devicePointer(*w.document(), ptr) + "/params/Roff").get<double>(), 20e3);
        QCOMPARE(other.filePath(), QFileInfo(path).absoluteFilePath());
    }

    void corruptOrNewerFileLeavesTheDocumentUntouched() {
        QTemporaryDir dir;
        studio::MainWindow w(quiet(false));
        const std::string ptr = firstTransientPointer(*w.document());
        w.document()->setValue(devicePointer(*w.document(), ptr) + "/params/Roff", 30e3, "Roff");
        const std::string before = ms::serializeProject(w.document()->project());
        const QString pathBefore = w.document()->filePath();

        QFile bad(dir.filePath("broken.json"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{ \"format\": \"memristor-studio-project\", \"version\": 1, \"experiments\": [ {");
        bad.close();
        QVERIFY(!w.openFile(bad.fileName()));
        QVERIFY2(w.logView()->toPlainText().contains("broken.json"), qPrintable(w.logView()->toPlainText()));

        json newer = w.document()->project().tree();
        newer["version"] = 99;
        QFile future(dir.filePath("future.json"));
        QVERIFY(future.open(QIODevice::WriteOnly));
        future.write(QByteArray::fromStdString(newer.dump()));
        future.close();
        gui::DocumentModel probe;
        QString error;
        QVERIFY(!probe.open(future.fileName(), &error));
        QVERIFY2(error.contains("version"), qPrintable(error));
        QVERIFY(!w.openFile(future.fileName()));

        QCOMPARE(ms::serializeProject(w.document()->project()), before);
        QCOMPARE(w.document()->filePath(), pathBefore);
        QVERIFY(w.document()->isModified());
        QCOMPARE(w.document()->undoStack()->count(), 1);
    }

    // Result tabs show only where the project has something for them.
    // --experiment ID selects that experiment at start (a screenshot shows
    // its result); an unknown id keeps the first and says which ids exist.
    void startsOnTheExperimentAsked() {
        studio::StartOptions o = quiet(false);
        o.projectPath = QStringLiteral(MS_SOURCE_DIR "/projects/cenn-edge-detection-4m-bridge.json");
        o.experiment = QStringLiteral("edge_6_levels");
        studio::MainWindow w(o);
        QCOMPARE(w.currentExperiment(), QStringLiteral("edge_6_levels"));
        o.experiment = QStringLiteral("no_such_experiment");
        studio::MainWindow v(o);
        QCOMPARE(v.currentExperiment(), QStringLiteral("edge_ideal_bridges"));
        const QString log = v.logView()->toPlainText();
        QVERIFY2(log.contains("no_such_experiment") && log.contains("edge_6_levels"), qPrintable(log));
    }

    void resultTabsFollowTheProjectsKinds() {
        studio::MainWindow w(quiet(false));
        QString error;
        auto visibleTabs = [&w] {
            QStringList out;
            auto* tabs = qobject_cast<QTabWidget*>(w.centralWidget());
            for (int k = 0; tabs && k < tabs->count(); ++k)
                if (tabs->isTabVisible(k)) out << tabs->tabText(k).remove(QLatin1Char('&'));
            return out;
        };
        QVERIFY2(w.document()->open(QStringLiteral(MS_SOURCE_DIR "/projects/hp-pinched-hysteresis.json"), &error), qPrintable(error));
        QStringList tabs = visibleTabs();
        QVERIFY2(tabs.contains("Device explorer") && tabs.contains("Model comparison") && tabs.contains("Studies"),
                 qPrintable(tabs.join(", ")));
        QVERIFY2(!tabs.contains("Circuit designer") && !tabs.contains("Spiking networks"), qPrintable(tabs.join(", ")));
        QVERIFY2(w.document()->open(QStringLiteral(MS_SOURCE_DIR "/projects/2m-differential-synapse.json"), &error), qPrintable(error));
        tabs = visibleTabs();
        QVERIFY2(tabs.contains("Circuit designer") && !tabs.contains("Spiking networks"), qPrintable(tabs.join(", ")));
        // Adding an experiment of another kind brings its tab.
        json e = json::parse(R"({"id": "lif", "kind": "neuron_fi_curve", "neuron": {"model": "lif"}})");
        w.document()->setValue("/experiments/3", e, "add");
        QVERIFY2(visibleTabs().contains("Spiking networks"), qPrintable(visibleTabs().join(", ")));
    }
};

QTEST_MAIN(TestStudio)
#include "test_studio.moc"
