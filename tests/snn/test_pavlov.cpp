// Pavlov's associative memory (issue 16; docs/pavlov.md) on the example
// project: the bell alone fails before pairing, succeeds after acquisition,
// fails after extinction and succeeds after relearning; the bell synapse's
// conductance only rises while bell and food are paired and only falls while
// the bell rings alone; the G it reports is the device model's 1/R at the read
// voltage for the recorded state; food alone teaches the bell nothing; bad
// input is refused at its JSON path.
#include <QtTest>

#include <cmath>
#include <map>

#include <nlohmann/json.hpp>

#include "core/common/Errors.h"
#include "core/devices/ModelRegistry.h"
#include "core/project/ExperimentKind.h"
#include "core/project/Project.h"

#include "tests/snn/SnnTestSupport.h"

using namespace ms;

namespace {

using snntest::CaptureSink;
using snntest::Series;

Project example() { return loadProjectFile(MS_SOURCE_DIR "/projects/pavlov-associative-memory.json"); }

// The example's run, made once for the tests that read it.
const CaptureSink& exampleRun() {
    static const CaptureSink sink = [] {
        CaptureSink s;
        StopToken stop;
        runExperiment(example(), "pavlov", s, stop);
        return s;
    }();
    return sink;
}

// Path of the first problem the kind reports for the edited experiment.
std::string firstProblem(const std::function<void(nlohmann::json&)>& edit) {
    Project p = example();
    nlohmann::json& e = p.tree()["experiments"][0];
    edit(e);
    const auto issues = experimentKindRegistry().find("pavlov_associative_memory")->validate(e, p, "experiments[0]");
    if (issues.empty()) return "";
    // The run refuses it too, at the same place, without crashing.
    try {
        CaptureSink sink;
        StopToken stop;
        runExperiment(p, "pavlov", sink, stop);
        return "ran";
    } catch (const InputError& err) {
        if (err.path() != issues.front().path) return "run says " + err.path();
    }
    return issues.front().path;
}

enum Phase { Test = 0, Acquisition = 1, Extinction = 2, Relearning = 3 };

}  // namespace

class TestPavlov : public QObject {
    Q_OBJECT
private slots:
    void bellAloneRespondsOnlyAfterPairing() {
        const auto& s = exampleRun().scalars;
        QCOMPARE(s.at("responds_before"), 0.0);
        QCOMPARE(s.at("responds_after_acquisition"), 1.0);
        QCOMPARE(s.at("responds_after_extinction"), 0.0);
        QCOMPARE(s.at("responds_after_relearning"), 1.0);
        QVERIFY(s.at("trials_to_acquire") >= 2);  // not learnt in one pairing
        QVERIFY(s.at("trials_to_extinguish") >= 1);
        // Savings: relearning is faster than the first acquisition.
        QVERIFY(s.at("trials_to_relearn") >= 1);
        QVERIFY(s.at("trials_to_relearn") <= s.at("trials_to_acquire"));
    }

    void conductanceRisesWithPairingAndFallsInExtinction() {
        const auto& r = exampleRun();
        const Series& tl = r.series.at("timeline");
        const Series& trials = r.series.at("trials");
        QVERIFY(tl.rows() > 1000);
        // Stage of each timeline row from the trial windows.
        std::size_t trial = 0;
        int rises = 0, falls = 0;
        for (std::size_t k = 1; k < tl.rows(); ++k) {
            const double t = tl.at(k, "t");
            while (trial + 1 < trials.rows() && t >= trials.at(trial, "t_end")) ++trial;
            const double dG = tl.at(k, "G") - tl.at(k - 1, "G");
            const auto phase = static_cast<int>(trials.at(trial, "phase"));
            if (t - trials.at(trial, "t_start") < 1e-9) continue;  // a row on the boundary
            if (phase == Acquisition || phase == Relearning) QVERIFY2(dG >= 0, "G fell while paired");
            if (phase == Extinction) QVERIFY2(dG <= 0, "G rose while the bell rang alone");
            rises += dG > 0;
            falls += dG < 0;
        }
        QVERIFY(rises > 0 && falls > 0);
        // A bell-alone trial in which the output stayed silent leaves G exactly where it was.
        int silent = 0;
        for (std::size_t k = 1; k < trials.rows(); ++k)
            if (trials.at(k, "responds") == 0) {
                QCOMPARE(trials.at(k, "G_end"), trials.at(k - 1, "G_end"));
                ++silent;
            }
        QVERIFY(silent >= 3);  // the first test, the last extinction trials, the test after them
        const auto& s = r.scalars;
        QVERIFY(s.at("G_after_acquisition") > 1.3 * s.at("G_initial"));
        QVERIFY(s.at("G_after_extinction") < s.at("G_after_acquisition"));
        QVERIFY(s.at("G_after_relearning") > s.at("G_after_extinction"));
    }

    void foodAloneTeachesNothing() {
        // Food without the bell: the output fires, but the bell synapse's
        // transistor is open, so no feedback reaches it.
        Project p = example();
        nlohmann::json& e = p.tree()["experiments"][0];
        e["protocol"] = nlohmann::json::parse(
            R"([{"phase": "acquisition", "trials": 3, "bell": false, "food": true}, {"phase": "test", "trials": 1}])");
        CaptureSink sink;
        StopToken stop;
        runExperiment(p, "pavlov", sink, stop);
        QCOMPARE(sink.scalars.at("G_after_acquisition"), sink.scalars.at("G_initial"));
        QCOMPARE(sink.scalars.at("responds_after_acquisition"), 0.0);
        QVERIFY(sink.series.at("trials").at(0, "spikes") >= 5);
    }

    void reportedConductanceIsTheDeviceModels() {
        const Series& tl = exampleRun().series.at("timeline");
        const Project p = example();
        std::vector<ProjectIssue> issues;
        const DeviceSpec spec = parseDeviceSpec("bell_synapse", p, "device", issues);
        QVERIFY(issues.empty());
        const auto model = instantiateDevice(spec);
        double worst = 0;
        for (std::size_t k = 0; k < tl.rows(); k += 7) {
            const double g = 1.0 / model->resistance(tl.at(k, "x"), 0.1);
            worst = std::max(worst, std::fabs(tl.at(k, "G") - g) / g);
        }
        QVERIFY2(worst < 1e-12, qPrintable(QString::number(worst)));
    }

    void badInputIsRefusedAtItsPath() {
        QCOMPARE(firstProblem([](auto& e) { e["device"] = "no_such_device"; }), std::string("experiments[0].device"));
        QCOMPARE(firstProblem([](auto& e) { e["protocol"][1]["phase"] = "dinner"; }),
                 std::string("experiments[0].protocol[1].phase"));
        QCOMPARE(firstProblem([](auto& e) { e["protocol"][3]["trials"] = -2; }),
                 std::string("experiments[0].protocol[3].trials"));
        QCOMPARE(firstProblem([](auto& e) { e["bellWidth"] = 5e-6; }), std::string("experiments[0].bellWidth"));
        QCOMPARE(firstProblem([](auto& e) { e["foodWidth"] = 4e-6; }), std::string("experiments[0].foodWidth"));
        // No threshold: every bell read would teach the synapse.
        QCOMPARE(firstProblem([](auto& e) { e["device"] = {{"model", "linear_ion_drift"}}; }),
                 std::string("experiments[0].device"));
        // A threshold below the bell pulse (MemTorch's VTEAM: 0.02 V).
        QCOMPARE(firstProblem([](auto& e) { e["device"] = {{"model", "vteam"}, {"preset", "memtorch"}}; }),
                 std::string("experiments[0].bellAmplitude"));
        // Pairing that does not reach the SET threshold.
        QCOMPARE(firstProblem([](auto& e) { e["feedbackPaired"] = 0.1; }), std::string("experiments[0].feedbackPaired"));
        QCOMPARE(firstProblem([](auto& e) { e["protocol"] = nlohmann::json::array(); }),
                 std::string("experiments[0].protocol"));
        QCOMPARE(firstProblem([](auto& e) { e["neuron"]["model"] = "lif_nope"; }),
                 std::string("experiments[0].neuron.model"));
        QCOMPARE(firstProblem([](auto&) {}), std::string(""));
    }
};

QTEST_MAIN(TestPavlov)
#include "test_pavlov.moc"
