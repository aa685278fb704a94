// The "ann_training" and "ann_sweep" experiment kinds: the five example
// projects load and (shortened) run with the issue's bands, bad input gets
// path-precise messages, and the streamed series have their documented shape.
#include <QtTest>

#include <map>

#include <nlohmann/json.hpp>

#include "core/ann/AnnExperiment.h"
#include "core/common/Errors.h"
#include "core/project/ExperimentKind.h"
#include "core/project/Project.h"

#include "AnnTestSupport.h"

using namespace ms;

namespace {

using anntest::Recorder;

Project example(const char* name) { return loadProjectFile(std::string(MS_SOURCE_DIR) + "/projects/" + name); }

// Runs experiment `id` of `p` after applying `edit` to its JSON (shortening).
Recorder runEdited(Project p, const std::string& id, const std::function<void(nlohmann::json&)>& edit) {
    for (auto& e : p.tree()["experiments"])
        if (e["id"] == id) edit(e);
    const auto issues = p.validate();
    if (!issues.empty()) qFatal("%s: %s", issues.front().path.c_str(), issues.front().message.c_str());
    Recorder r;
    StopToken stop;
    runExperiment(p, id, r, stop);
    return r;
}

std::string firstIssue(const nlohmann::json& experiment) {
    nlohmann::json tree = {{"format", kProjectFormat}, {"version", kProjectVersion}, {"name", "t"},
                           {"experiments", nlohmann::json::array({experiment})}};
    const auto issues = Project(tree).validate();
    return issues.empty() ? "" : issues.front().path + ": " + issues.front().message;
}

QString pct(double a) { return QString::number(100 * a, 'f', 1) + " %"; }

}  // namespace

class TestAnnKinds : public QObject {
    Q_OBJECT
private slots:
    void everyExampleLoads() {
        for (const char* f : {"slp-digits-crossbar.json", "mlp-digits-insitu-nonlinear.json", "mlp-nl-sweep.json",
                              "cnn-digits.json", "mlp-fashion-mnist.json"}) {
            const Project p = example(f);
            QVERIFY2(!p.experimentIds().empty(), f);
            for (const auto& id : p.experimentIds()) {
                const auto* kind = experimentKindRegistry().find((*p.experiment(id))["kind"].get<std::string>());
                QVERIFY(kind);
                const double bytes = kind->memoryEstimate(*p.experiment(id), p);
                QVERIFY2(bytes > 1e6 && bytes < 4e9, qPrintable(QString("%1 %2: %3").arg(f, id.c_str()).arg(bytes)));
            }
        }
    }
    void slpInSituReachesNinetyPercent() {
        // The example as shipped (10 epochs): a 64x10 crossbar trained in situ >= 90 %.
        Recorder r = runEdited(example("slp-digits-crossbar.json"), "slp_insitu", [](nlohmann::json&) {});
        qInfo("SLP in situ: %s", qPrintable(pct(r.scalars["final_accuracy"])));
        QVERIFY2(r.scalars["final_accuracy"] >= 0.90, qPrintable(pct(r.scalars["final_accuracy"])));
        // epochs: 10 rows of (epoch, train_loss, train_acc, test_acc, pulses, energy).
        QCOMPARE(r.rows("epochs"), std::size_t(10));
        QCOMPARE(r.columns["epochs"][3].name, std::string("test_acc"));
        QCOMPARE(r.at("epochs", 9, 3), r.scalars["final_accuracy"]);
        QVERIFY(r.at("epochs", 9, 4) > r.at("epochs", 0, 4));  // pulses accumulate
        // Confusion: 10x10 cells summing to the 539 test samples.
        QCOMPARE(r.rows("confusion"), std::size_t(100));
        double total = 0;
        for (std::size_t k = 0; k < 100; ++k) total += r.at("confusion", k, 2);
        QCOMPARE(total, 539.0);
        // Conductance maps: 4 per epoch plus the initial one, 65 x 10 each, within [Gmin, Gmax].
        QCOMPARE(r.rows("g_layer0"), std::size_t(41 * 65 * 10));
        const double gMax = 1.0 / 81e3, gMin = gMax / 50.2;
        for (std::size_t k = 0; k < r.rows("g_layer0"); k += 97) {
            QVERIFY(r.at("g_layer0", k, 3) >= gMin * (1 - 1e-9) && r.at("g_layer0", k, 3) <= gMax * (1 + 1e-9));
        }
        // Histogram of the last snapshot counts all 2 x 650 devices.
        double last = -1, count = 0;
        for (std::size_t k = 0; k < r.rows("g_histogram"); ++k) last = std::max(last, r.at("g_histogram", k, 0));
        for (std::size_t k = 0; k < r.rows("g_histogram"); ++k)
            if (r.at("g_histogram", k, 0) == last) count += r.at("g_histogram", k, 2);
        QCOMPARE(count, 1300.0);
    }
    void idealCnnWithinOnePointOfFloat() {
        Recorder r = runEdited(example("cnn-digits.json"), "cnn_ideal", [](nlohmann::json& e) { e["epochs"] = 5; });
        qInfo("CNN float %s, ideal devices %s", qPrintable(pct(r.scalars["float_accuracy"])), qPrintable(pct(r.scalars["final_accuracy"])));
        QVERIFY(std::fabs(r.scalars["final_accuracy"] - r.scalars["float_accuracy"]) <= 0.01);
        QVERIFY(r.scalars["float_accuracy"] > 0.93);
    }
    void nonlinearExampleOrdersIdealAboveNl5() {
        const Project p = example("mlp-digits-insitu-nonlinear.json");
        auto shorten = [](nlohmann::json& e) {
            e["epochs"] = 3;
            e["snapshotsPerEpoch"] = 0;
        };
        const double ideal = runEdited(p, "ideal", shorten).scalars["final_accuracy"];
        const double nl5 = runEdited(p, "nl5", shorten).scalars["final_accuracy"];
        const double fu = runEdited(p, "nl5_fu", shorten).scalars["final_accuracy"];
        qInfo("3 epochs: ideal %s, NL 5 %s, NL 5 + Fu pulses %s", qPrintable(pct(ideal)), qPrintable(pct(nl5)), qPrintable(pct(fu)));
        QVERIFY(ideal > nl5 + 0.05);
        QVERIFY(fu > nl5 + 0.03);
    }
    void nlSweepFallsWithNl() {
        Recorder r = runEdited(example("mlp-nl-sweep.json"), "nl_sweep", [](nlohmann::json& e) {
            e["values"] = {0, 3, 6};
            e["seeds"] = {1, 2};
            e["base"]["epochs"] = 3;
        });
        QCOMPARE(r.rows("sweep"), std::size_t(3));
        QCOMPARE(r.rows("sweep_runs"), std::size_t(6));
        for (std::size_t k = 0; k < 3; ++k) {
            QCOMPARE(r.at("sweep", k, 3), 2.0);
            // mean and sample std of the two seeds' runs
            const double a = r.at("sweep_runs", 2 * k, 2), b = r.at("sweep_runs", 2 * k + 1, 2);
            QVERIFY(std::fabs(r.at("sweep", k, 1) - (a + b) / 2) < 1e-12);
            QVERIFY(std::fabs(r.at("sweep", k, 2) - std::fabs(a - b) / std::sqrt(2.0)) < 1e-12);
        }
        qInfo("NL 0/3/6: %s / %s / %s", qPrintable(pct(r.at("sweep", 0, 1))), qPrintable(pct(r.at("sweep", 1, 1))),
              qPrintable(pct(r.at("sweep", 2, 1))));
        QVERIFY(r.at("sweep", 1, 1) < r.at("sweep", 0, 1) - 0.02);
        QVERIFY(r.at("sweep", 2, 1) < r.at("sweep", 1, 1) - 0.02);
    }
    void fashionMnistShortRun() {
        QVERIFY2(!findFashionMnist(kFashionMnistFolder).empty(),
                 "Fashion-MNIST missing: install the Debian package dataset-fashion-mnist");
        Recorder r = runEdited(example("mlp-fashion-mnist.json"), "fashion_float", [](nlohmann::json& e) {
            e["data"]["trainSamples"] = 3000;
            e["data"]["testSamples"] = 1000;
            e["epochs"] = 2;
        });
        qInfo("Fashion-MNIST 784-100-10 float, 3000 images x 2 epochs: %s", qPrintable(pct(r.scalars["final_accuracy"])));
        // Published MLPs reach ~88 % on the full set; a 3000-image subset trains to the high 70s.
        QVERIFY2(r.scalars["final_accuracy"] > 0.72, qPrintable(pct(r.scalars["final_accuracy"])));
        double total = 0;
        for (std::size_t k = 0; k < r.rows("confusion"); ++k) total += r.at("confusion", k, 2);
        QCOMPARE(total, 1000.0);
    }
    void fashionMnistMissingNamesThePath() {
        AnnExperimentSetup s;
        s.dataSet = "fashion-mnist";
        s.dataFolder = "/nonexistent/fmnist";
        bool named = false;
        try {
            loadAnnData(s);
        } catch (const InputError& e) {
            named = std::string(e.what()).find("/nonexistent/fmnist/train-images-idx3-ubyte.gz") != std::string::npos &&
                    std::string(e.what()).find("dataset-fashion-mnist") != std::string::npos;
        }
        QVERIFY(named);
    }
    void badInputIsLocated() {
        const nlohmann::json ok = {{"id", "a"}, {"kind", "ann_training"}, {"network", {{"layers", {64, 10}}}}};
        QCOMPARE(firstIssue(ok), std::string());
        auto with = [&](const std::function<void(nlohmann::json&)>& f) {
            nlohmann::json e = ok;
            f(e);
            return firstIssue(e);
        };
        QVERIFY(with([](auto& e) { e["network"]["layers"] = {63, 10}; }).rfind("experiments[0].network.layers[0]: is 63", 0) == 0);
        QVERIFY(with([](auto& e) { e["network"]["layers"] = {64, 5}; }).rfind("experiments[0].network.layers[1]:", 0) == 0);
        QVERIFY(with([](auto& e) { e["network"]["layers"] = {64, -3}; }).rfind("experiments[0].network.layers[1]:", 0) == 0);
        QVERIFY(with([](auto& e) { e["mode"] = "on_chip"; }).rfind("experiments[0].mode: must be one of", 0) == 0);
        QVERIFY(with([](auto& e) { e["epochs"] = -1; }).rfind("experiments[0].epochs:", 0) == 0);
        QVERIFY(with([](auto& e) { e["tileRows"] = 1; }).rfind("experiments[0].tileRows:", 0) == 0);
        QVERIFY(with([](auto& e) { e["mode"] = "in_situ"; e["synapse"] = {{"model", "neurosim_nl"}, {"params", {{"NL_LTP", 20}}}}; })
                    .rfind("experiments[0].synapse.params.NL_LTP:", 0) == 0);
        QVERIFY(with([](auto& e) { e["nonidealities"]["irDrop"] = {{"rWireRow", -1}}; })
                    .rfind("experiments[0].nonidealities.irDrop.rWireRow:", 0) == 0);
        QVERIFY(with([](auto& e) { e["mitigations"]["bipolarPulses"] = 1; })
                    .rfind("experiments[0].mitigations.bipolarPulses: must be true or false", 0) == 0);
        QVERIFY(with([](auto& e) { e["mitigations"]["irDropCompensation"] = true; })
                    .rfind("experiments[0].mitigations.irDropCompensation: needs", 0) == 0);
        // Each redundant device takes a row of its tile: 8 of them do not fit 4-row tiles.
        QVERIFY(with([](auto& e) { e["tileRows"] = 4; e["mitigations"]["devicesPerWeight"] = 8; })
                    .rfind("experiments[0].mitigations.devicesPerWeight: is 8 but a tile has only 4 rows", 0) == 0);
        QVERIFY(with([](auto& e) { e["data"]["set"] = "cifar"; }).rfind("experiments[0].data.set: must be one of", 0) == 0);
        QVERIFY(with([](auto& e) { e["nonidealities"]["stuckOn"] = 0.7; e["nonidealities"]["stuckOff"] = 0.7; })
                    .rfind("experiments[0].nonidealities.stuckOn:", 0) == 0);
        QVERIFY(with([](auto& e) { e["colour"] = 1; }).find("colour") != std::string::npos);
        // The sweep: its pointer, its values, and each value's instance. A
        // swept field out of range is the value's fault, or the factor's when
        // the value alone would do; anything else is located in base.
        nlohmann::json sweep = {{"id", "s"}, {"kind", "ann_sweep"}, {"base", ok}, {"parameter", "/synapse/params/NL_LTP"},
                                {"values", {0, 1}}};
        sweep["base"]["mode"] = "in_situ";
        QCOMPARE(firstIssue(sweep), std::string());
        nlohmann::json bad = sweep;
        bad["values"] = {0, 30};
        QVERIFY2(firstIssue(bad).rfind("experiments[0].values[1]: sets base/synapse/params/NL_LTP to 30 (factor x value), "
                                       "which is refused there: ",
                                       0) == 0,
                 firstIssue(bad).c_str());
        bad = sweep;
        bad["parameter"] = {"/synapse/params/NL_LTP", "/synapse/params/NL_LTD"};
        bad["factors"] = {1, -40};
        QVERIFY2(firstIssue(bad).rfind("experiments[0].factors[1]: sets base/synapse/params/NL_LTD to -40", 0) == 0,
                 firstIssue(bad).c_str());
        bad = sweep;
        bad["base"]["learningRate"] = -1;
        QVERIFY2(firstIssue(bad).rfind("experiments[0].base.learningRate:", 0) == 0, firstIssue(bad).c_str());
        bad = sweep;
        bad["parameter"] = "synapse";
        QVERIFY(firstIssue(bad).rfind("experiments[0].parameter:", 0) == 0);
        bad = sweep;
        bad["values"] = nlohmann::json::array();
        QVERIFY(firstIssue(bad).rfind("experiments[0].values:", 0) == 0);
    }
    void cancelStopsARun() {
        const Project p = example("slp-digits-crossbar.json");
        Recorder r;
        StopToken stop;
        stop.requestStop();
        QVERIFY_THROWS_EXCEPTION(Cancelled, runExperiment(p, "slp_insitu", r, stop));
    }
};

QTEST_GUILESS_MAIN(TestAnnKinds)
#include "test_ann_kinds.moc"
