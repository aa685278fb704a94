// The studio's own runner (widgets/ExperimentRunner) across its threads, for
// the ThreadSanitizer pass (issue 9) as much as for the Release suite: the
// engine runs on the runner's pool, the frames cross the mutex-guarded
// handoff and the GUI thread drains them on its timer. What a user relies on:
// - a finished run shows exactly the rows a run on one thread gives;
// - cancel ends the worker promptly and nothing of that run is shown after;
// - starting a new run while one streams drops the old run's frames;
// - closing the window (destroying the runner) mid-run waits for the worker;
// - two runners (two studio windows) at once do not disturb each other.
#include <QtTest>

#include <QSignalSpy>
#include <nlohmann/json.hpp>

#include "core/project/ExperimentKind.h"
#include "core/project/Project.h"
#include "core/sim/Frames.h"
#include "widgets/ExperimentRunner.h"

using ms::gui::ExperimentRunner;

namespace {

// A VTEAM device under a sine drive: `cycles` periods of 1 kHz, sampled
// `perCycle` times each.
ms::Project sineProject(double cycles, double perCycle = 50) {
    const nlohmann::json e = {{"id", "sine"},
                              {"kind", "device_transient"},
                              {"device", {{"model", "vteam"}}},
                              {"drive", {{"kind", "sine"}, {"params", {{"amplitude", 1.2}, {"frequency", 1e3}}}}},
                              {"duration", cycles * 1e-3},
                              {"samples", cycles * perCycle}};
    return ms::Project(nlohmann::json{{"format", "memristor-studio-project"}, {"version", 1}, {"experiments", {e}}});
}

// Every series a run on the calling thread streams, row-major.
class SerialRecorder final : public ms::CheckedSink {
public:
    std::map<std::string, std::vector<double>> rows;
    void onRows(const std::string& id, const double* data, std::size_t n) override {
        rows[id].insert(rows[id].end(), data, data + n * columnsOf(id));
    }
};

ExperimentRunner::Outcome outcomeOf(const QSignalSpy& spy) {
    return qvariant_cast<ExperimentRunner::Outcome>(spy.last().at(0));
}

// The rows the runner handed to its views, as one row-major vector.
std::vector<double> shownRows(const ExperimentRunner& runner, const QString& id) {
    std::vector<double> out;
    for (const auto& s : runner.series())
        if (s.id == id)
            for (std::size_t r = 0; r < s.rows(); ++r)
                for (std::size_t c = 0; c < s.columns.size(); ++c) out.push_back(s.at(r, static_cast<int>(c)));
    return out;
}

}  // namespace

class TestRunnerThreads : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { qRegisterMetaType<ExperimentRunner::Outcome>(); }

    void finishedRunShowsTheSerialRunsRows() {
        const ms::Project p = sineProject(40);
        SerialRecorder serial;
        ms::runExperiment(p, "sine", serial, ms::StopToken());
        ExperimentRunner runner;
        runner.setDrainInterval(1);  // drain while the worker still writes
        QSignalSpy done(&runner, &ExperimentRunner::runFinished);
        runner.start(p, "sine");
        QVERIFY(done.wait(60000));
        QCOMPARE(outcomeOf(done), ExperimentRunner::Outcome::Finished);
        for (const auto& [id, rows] : serial.rows) {
            const std::vector<double> shown = shownRows(runner, QString::fromStdString(id));
            QCOMPARE(shown.size(), rows.size());
            QVERIFY2(shown == rows, id.c_str());  // bit for bit
        }
        QVERIFY(runner.waitForWorkers(10000));
        QCOMPARE(runner.activeWorkers(), 0);
    }

    void cancelEndsTheWorkerAndShowsNothingMore() {
        ExperimentRunner runner;
        QSignalSpy rows(&runner, &ExperimentRunner::rowsAdded);
        QSignalSpy done(&runner, &ExperimentRunner::runFinished);
        runner.start(sineProject(2e5, 1), "sine");  // minutes of work
        QVERIFY(rows.wait(60000));
        runner.cancel();
        QCOMPARE(done.count(), 1);
        QCOMPARE(outcomeOf(done), ExperimentRunner::Outcome::Cancelled);
        QVERIFY(!runner.isRunning());
        QVERIFY(runner.waitForWorkers(10000));  // the engine saw the stop token
        const std::size_t shown = runner.series().front().rows();
        QTest::qWait(100);  // no late drain
        QCOMPARE(runner.series().front().rows(), shown);
        QCOMPARE(done.count(), 1);
    }

    void restartDropsTheOldRunsFrames() {
        ExperimentRunner runner;
        runner.setDrainInterval(1);
        QSignalSpy rows(&runner, &ExperimentRunner::rowsAdded);
        QSignalSpy done(&runner, &ExperimentRunner::runFinished);
        runner.start(sineProject(2e5, 1), "sine");
        QVERIFY(rows.wait(60000));
        const ms::Project shortRun = sineProject(4);
        runner.start(shortRun, "sine");  // the old job keeps running until it sees its stop
        QVERIFY(done.wait(60000));
        QCOMPARE(done.count(), 1);  // the replaced run reports nothing
        QCOMPARE(outcomeOf(done), ExperimentRunner::Outcome::Finished);
        SerialRecorder serial;
        ms::runExperiment(shortRun, "sine", serial, ms::StopToken());
        QVERIFY(shownRows(runner, "transient") == serial.rows.at("transient"));
        QVERIFY(runner.waitForWorkers(10000));
    }

    void destroyingTheRunnerMidRunWaitsForTheWorker() {
        {
            ExperimentRunner runner;
            QSignalSpy rows(&runner, &ExperimentRunner::rowsAdded);
            runner.start(sineProject(2e5, 1), "sine");
            QVERIFY(rows.wait(60000));
            QCOMPARE(runner.activeWorkers(), 1);
        }
        QCOMPARE(ExperimentRunner().activeWorkers(), 0);  // the destructor joined it
    }

    void twoRunnersAtOnceKeepTheirOwnRows() {
        const ms::Project a = sineProject(20), b = sineProject(30);
        ExperimentRunner first, second;
        first.setDrainInterval(1);
        second.setDrainInterval(1);
        QSignalSpy doneA(&first, &ExperimentRunner::runFinished), doneB(&second, &ExperimentRunner::runFinished);
        first.start(a, "sine");
        second.start(b, "sine");
        QVERIFY(doneA.count() == 1 || doneA.wait(60000));
        QVERIFY(doneB.count() == 1 || doneB.wait(60000));
        QCOMPARE(outcomeOf(doneA), ExperimentRunner::Outcome::Finished);
        QCOMPARE(outcomeOf(doneB), ExperimentRunner::Outcome::Finished);
        SerialRecorder serialA, serialB;
        ms::runExperiment(a, "sine", serialA, ms::StopToken());
        ms::runExperiment(b, "sine", serialB, ms::StopToken());
        QVERIFY(shownRows(first, "transient") == serialA.rows.at("transient"));
        QVERIFY(shownRows(second, "transient") == serialB.rows.at("transient"));
    }
};

QTEST_MAIN(TestRunnerThreads)
#include "test_runner_threads.moc"
