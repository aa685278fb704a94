// The studio refuses what memstudio-cli refuses (issue 9): ExperimentRunner
// applies ms::checkRunLimits before the engine starts, so a 1 Hz drive over
// 1e9 s fails at once with the CLI's message instead of running until the
// user cancels it; a sensible run of the same experiment still finishes.
#include <QtTest>

#include <QSignalSpy>
#include <nlohmann/json.hpp>

#include "core/project/Project.h"
#include "widgets/ExperimentRunner.h"

using ms::gui::ExperimentRunner;

namespace {
ms::Project sineProject(double duration) {
    const nlohmann::json e = {{"id", "long"},
                              {"kind", "device_transient"},
                              {"device", {{"model", "linear_ion_drift"}}},
                              {"drive", {{"kind", "sine"}, {"params", {{"amplitude", 1.0}, {"frequency", 1.0}}}}},
                              {"duration", duration},
                              {"samples", 100}};
    return ms::Project(nlohmann::json{{"format", "memristor-studio-project"}, {"version", 1}, {"experiments", {e}}});
}
}  // namespace

class TestRunnerLimits : public QObject {
    Q_OBJECT
private slots:
    void absurdRunFailsWithTheCliMessage() {
        ExperimentRunner runner;
        QSignalSpy done(&runner, &ExperimentRunner::runFinished);
        runner.start(sineProject(1e9), "long");
        QVERIFY(done.wait(30000));
        QCOMPARE(qvariant_cast<ExperimentRunner::Outcome>(done.front().at(0)), ExperimentRunner::Outcome::Failed);
        const QString message = done.front().at(1).toString();
        QVERIFY2(message.contains("experiments[0].duration: 1e+09 s of a sine drive with 1 s features (period or shortest "
                                  "segment) is 1e+09 cycles, more than the 1e+07 a run may take"),
                 qPrintable(message));
        QVERIFY(runner.series().empty());  // the engine never started
        QVERIFY(runner.waitForWorkers(10000));
    }

    void sensibleRunStillFinishes() {
        ExperimentRunner runner;
        QSignalSpy done(&runner, &ExperimentRunner::runFinished);
        runner.start(sineProject(2.0), "long");
        QVERIFY(done.wait(30000));
        QCOMPARE(qvariant_cast<ExperimentRunner::Outcome>(done.front().at(0)), ExperimentRunner::Outcome::Finished);
        QCOMPARE(runner.series().size(), std::size_t(1));
        QCOMPARE(runner.series().front().rows(), std::size_t(101));  // 100 samples plus t = 0
        QVERIFY(runner.waitForWorkers(10000));
    }
};

QTEST_MAIN(TestRunnerLimits)
#include "test_runner_limits.moc"
