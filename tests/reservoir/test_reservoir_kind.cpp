// The "reservoir" kind (core/project/kinds/ReservoirKind.cpp, docs/reservoir.md)
// run through the kind registry as memstudio-cli and the studio run it: the
// volatile-memristor reservoir beats the same readout on raw inputs, its
// fading memory is what predicts Mackey-Glass, bad input is refused at its
// JSON path, and an absurd request is refused before it runs.
#include <QtTest>

#include <cmath>
#include <map>

#include <nlohmann/json.hpp>

#include "core/common/Errors.h"
#include "core/data/MackeyGlass.h"
#include "core/project/ExperimentKind.h"
#include "core/project/Project.h"
#include "tests/support/ProjectRecorder.h"

using namespace ms;
using nlohmann::json;

namespace {

using Recorder = mstest::ProjectRecorder;

json project(json fields) {
    json e = {{"id", "r"}, {"kind", "reservoir"}};
    for (auto it = fields.begin(); it != fields.end(); ++it) e[it.key()] = it.value();
    return json{{"format", "memristor-studio-project"}, {"version", 1}, {"experiments", json::array({e})}};
}

Recorder run(const json& tree) {
    const Project p = parseProject(tree.dump(), "t.json");
    const auto issues = p.validate();
    if (!issues.empty()) qFatal("%s: %s", issues.front().path.c_str(), issues.front().message.c_str());
    return mstest::runRecorded(p, "r");
}

// The path of the first problem validating `tree` raises ("" if none).
QString refusal(const json& tree) {
    try {
        const auto issues = parseProject(tree.dump(), "t.json").validate();
        if (!issues.empty()) return QString::fromStdString(issues.front().path);
    } catch (const InputError& e) {
        return QString::fromStdString(e.path());
    }
    return {};
}

}  // namespace

class TestReservoirKind : public QObject {
    Q_OBJECT
private slots:
    // Du et al. 2017's task on 8x8 digits: one device per row, one read at the
    // end. The raw-input readout sees only the last pixel of each row.
    void digitsRowsBeatRawInputs() {
        Recorder r = run(project({{"task", "digits_rows"}, {"samples", 900}}));
        const double res = r.scalars.at("accuracy_reservoir"), raw = r.scalars.at("accuracy_raw"),
                     still = r.scalars.at("accuracy_no_memory");
        qInfo("digits rows: reservoir %.3f, raw %.3f, no memory %.3f", res, raw, still);
        QVERIFY2(res > 0.45 && res < 0.75, qPrintable(QString::number(res)));  // seeded band
        QVERIFY(raw < 0.25);
        QVERIFY(res > raw + 0.25);
        QCOMPARE(r.data.at("input").size(), std::size_t(64));
        QCOMPARE(r.columns.at("device_trace").size(), std::size_t(9));
        QCOMPARE(r.columns.at("readouts").size(), std::size_t(3));
        QCOMPARE(r.data.at("readouts").size(), std::size_t(9));
        // Conductances lie between Gmin and Gmax.
        for (double g : r.data.at("reservoir_states")) QVERIFY(g >= 1e-6 - 1e-18 && g <= 1e-4 + 1e-18);
    }
    // Two devices per row with different tau (10 ms, 3 ms) tell where in the
    // row the pulses fell; devices that never forget cannot, however many.
    void twoTimescalesBeatDevicesWithoutMemory() {
        Recorder r = run(project({{"task", "digits_rows"}, {"samples", 900}, {"timescales", 2}, {"tauSpread", 0.3}}));
        const double res = r.scalars.at("accuracy_reservoir"), still = r.scalars.at("accuracy_no_memory");
        qInfo("digits rows, two timescales: reservoir %.3f, no memory %.3f", res, still);
        QCOMPARE(r.scalars.at("features"), 16.0);
        QVERIFY2(res > still + 0.05, qPrintable(QString("%1 vs %2").arg(res).arg(still)));
    }
    // Midya et al. 2019b's virtual nodes on Mackey-Glass: the fading memory
    // beats the current value alone; devices that never forget saturate.
    void mackeyGlassNeedsTheFadingMemory() {
        Recorder r = run(project({{"task", "mackey_glass"}, {"length", 700}}));
        const double res = r.scalars.at("nrmse_reservoir"), raw = r.scalars.at("nrmse_raw"),
                     still = r.scalars.at("nrmse_no_memory");
        qInfo("Mackey-Glass NRMSE: reservoir %.4f, raw %.4f, no memory %.4f", res, raw, still);
        QVERIFY2(res < 0.1, qPrintable(QString::number(res)));
        QVERIFY(res < 0.5 * raw);
        QVERIFY(still > raw);
        QCOMPARE(r.columns.at("prediction").size(), std::size_t(5));
    }
    void mackeyGlassSeriesIsChaoticAndSampledConsistently() {
        const auto coarse = mackeyGlassSeries(200, 1.0), fine = mackeyGlassSeries(2000, 0.1);
        QCOMPARE(coarse.size(), std::size_t(200));
        double lo = 10, hi = -10;
        for (std::size_t k = 0; k < coarse.size(); ++k) {
            // Both integrate with h = 0.1: sample k at dt = 1 is sample 10k + 9 at dt = 0.1.
            QCOMPARE(coarse[k], fine[10 * k + 9]);
            lo = std::min(lo, coarse[k]);
            hi = std::max(hi, coarse[k]);
        }
        // The tau = 17 attractor spans roughly 0.2 .. 1.35.
        QVERIFY2(lo > 0.1 && lo < 0.6 && hi > 1.1 && hi < 1.5, qPrintable(QString("%1 .. %2").arg(lo).arg(hi)));
        QVERIFY_THROWS_EXCEPTION(InputError, mackeyGlassSeries(0, 1.0));
        QVERIFY_THROWS_EXCEPTION(InputError, mackeyGlassSeries(10, -1.0));
    }
    void badInputIsRefusedAtItsPath() {
        QCOMPARE(refusal(project({{"task", "sine"}})), QString("experiments[0].task"));
        QCOMPARE(refusal(project({{"slot", 1e-4}})), QString("experiments[0].slot"));
        QCOMPARE(refusal(project({{"reads", 9}})), QString("experiments[0].reads"));
        QCOMPARE(refusal(project({{"ridge", -1}})), QString("experiments[0].ridge"));
        QCOMPARE(refusal(project({{"colour", 1}})), QString("experiments[0].colour"));
        QCOMPARE(refusal(project({{"device", {{"model", "volatile_diffusive"}, {"params", {{"tau", -1}}}}}})),
                 QString("experiments[0].device.params.tau"));
        QCOMPARE(refusal(project({{"timescales", 2}, {"device", {{"model", "linear_ion_drift"}}}})),
                 QString("experiments[0].timescales"));
        QCOMPARE(refusal(project({{"timescales", 5}})), QString("experiments[0].timescales"));
        QCOMPARE(refusal(project({{"task", "mackey_glass"}, {"length", 100}, {"washout", 95}})),
                 QString("experiments[0].length"));
    }
    void absurdRequestsAreRefusedBeforeTheyRun() {
        const Project p = parseProject(
            project({{"task", "mackey_glass"}, {"length", 100000}, {"devices", 8}, {"virtualNodes", 50}}).dump(), "t.json");
        QVERIFY(p.validate().empty());
        try {
            checkRunLimits(p, "r");
            QFAIL("a 3e9-step run was accepted");
        } catch (const InputError& e) {
            QCOMPARE(QString::fromStdString(e.path()), QString("experiments[0].length"));
        }
    }
};

QTEST_APPLESS_MAIN(TestReservoirKind)
#include "test_reservoir_kind.moc"
