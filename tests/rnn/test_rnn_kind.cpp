// The "rnn_sequence" experiment kind: bad input refused at its JSON path; the
// example projects run through the kind registry (as memstudio-cli and the
// studio run them) and show what their descriptions promise: in situ training
// on nonlinear devices loses accuracy and ex situ write-verify recovers it.
#include <QtTest>

#include <QTemporaryDir>

#include <cmath>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/common/Errors.h"
#include "core/data/Dataset.h"
#include "core/project/ExperimentKind.h"
#include "core/project/Project.h"
#include "tests/support/ProjectRecorder.h"

using namespace ms;
using nlohmann::json;

namespace {

using Recorder = mstest::ProjectRecorder;

std::string example(const char* name) { return mstest::exampleProject(name); }

Recorder run(const Project& p, const std::string& id) { return mstest::runRecorded(p, id); }

json rnn(json fields) {
    json e = {{"id", "r"}, {"kind", "rnn_sequence"}, {"task", "digits_rowwise"}, {"epochs", 1}};
    for (auto it = fields.begin(); it != fields.end(); ++it) e[it.key()] = it.value();
    return e;
}

// Every problem path of an experiment.
std::vector<std::string> problems(const json& experiment) {
    const json tree = {{"format", "memristor-studio-project"}, {"version", 1}, {"experiments", json::array({experiment})}};
    std::vector<std::string> paths;
    try {
        const Project p = parseProject(tree.dump(), "t.json");
        for (const auto& i : p.validate()) paths.push_back(i.path);
    } catch (const InputError& err) {
        paths.push_back(err.path());  // what parsing refuses first
    }
    return paths;
}

bool refusedAt(const json& experiment, const std::string& path) {
    const auto paths = problems(experiment);
    return std::find(paths.begin(), paths.end(), path) != paths.end();
}

}  // namespace

class TestRnnKind : public QObject {
    Q_OBJECT
private slots:
    void goodSetupHasNoProblems() {
        QVERIFY(problems(rnn({})).empty());
        QVERIFY(problems(rnn({{"task", "mackey_glass"}, {"window", 12}, {"cell", "elman"}})).empty());
    }

    void badInputRefusedAtItsPath() {
        const std::string at = "experiments[0].";
        QVERIFY(refusedAt(rnn({{"cell", "jordan"}}), at + "cell"));
        QVERIFY(refusedAt(rnn({{"hidden", 0}}), at + "hidden"));
        QVERIFY(refusedAt(rnn({{"hidden", -4}}), at + "hidden"));
        QVERIFY(refusedAt(rnn({{"task", "speech"}}), at + "task"));
        // Sequence shapes: row groups must tile the 8 rows; a window must leave windows to train and test.
        QVERIFY(refusedAt(rnn({{"rowsPerStep", 3}}), at + "rowsPerStep"));
        QVERIFY(refusedAt(rnn({{"task", "mackey_glass"}, {"seriesSamples", 100}, {"window", 95}}), at + "window"));
        QVERIFY(refusedAt(rnn({{"testSamples", 5000}}), at + "testSamples"));
        // The device side is ann_training's reader: its paths are the same.
        QVERIFY(refusedAt(rnn({{"mode", "in_situ"}, {"synapse", {{"model", "no_such_model"}}}}), at + "synapse.model"));
        QVERIFY(refusedAt(rnn({{"mode", "sideways"}}), at + "mode"));
        QVERIFY(refusedAt(rnn({{"mitigations", {{"devicesPerWeight", 0}}}}), at + "mitigations.devicesPerWeight"));
        QVERIFY(refusedAt(rnn({{"synapse", {{"device", "d"}}}}), at + "synapse.device"));
        QVERIFY(refusedAt(rnn({{"hwaNoise", 0.1}}), at + "hwaNoise"));
        QVERIFY(refusedAt(rnn({{"hiddenUnits", 8}}), at + "hiddenUnits"));
    }

    // The other task's settings are greyed out, not refused: a file keeps them when the task changes.
    void otherTasksSettingsAreSuperseded() {
        const auto* kind = experimentKindRegistry().find("rnn_sequence");
        QVERIFY(problems(rnn({{"window", 8}})).empty());
        auto keys = [&](const json& e) {
            std::vector<std::string> k;
            for (const auto& s : kind->superseded(e)) k.push_back(s.key);
            return k;
        };
        const auto digits = keys(rnn({})), series = keys(rnn({{"task", "mackey_glass"}}));
        QVERIFY(std::find(digits.begin(), digits.end(), "window") != digits.end());
        QVERIFY(std::find(digits.begin(), digits.end(), "rowsPerStep") == digits.end());
        QVERIFY(std::find(series.begin(), series.end(), "rowsPerStep") != series.end());
    }

    // Fashion-MNIST row by row: 28 steps of 28 pixels through ann_training's loader.
    void fashionMnistRowWise() {
        QVERIFY(refusedAt(rnn({{"task", "fashion_mnist_rowwise"}, {"rowsPerStep", 3}}), "experiments[0].rowsPerStep"));
        QVERIFY(refusedAt(rnn({{"task", "fashion_mnist_rowwise"}, {"testSamples", 20000}}), "experiments[0].testSamples"));
        QVERIFY(problems(rnn({{"task", "fashion_mnist_rowwise"}, {"rowsPerStep", 7}})).empty());
        if (findFashionMnist().empty()) QSKIP("dataset-fashion-mnist is not installed");
        const json tree = {{"format", "memristor-studio-project"},
                           {"version", 1},
                           {"experiments", json::array({rnn({{"task", "fashion_mnist_rowwise"}, {"hidden", 8},
                                                             {"trainSamples", 300}, {"testSamples", 100}})})}};
        Recorder r = run(parseProject(tree.dump(), "t.json"), "r");
        QCOMPARE(r.rows("hidden_state"), std::size_t(28 * 8));
        QVERIFY(r.scalars.at("final_accuracy") > 0.2);  // 10 classes: chance is 0.1
    }

    // A user's series from CSV: a header, then time and value columns; bad lines named file:line.
    void csvSeries() {
        QTemporaryDir dir;
        const std::string file = dir.filePath("series.csv").toStdString();
        {
            std::ofstream out(file);
            out << "t,x\n";
            for (int k = 0; k < 300; ++k) out << k << "," << std::sin(0.2 * k) + 0.5 * std::sin(0.05 * k) << "\n";
        }
        const json e = rnn({{"task", "csv_series"}, {"seriesFile", file}, {"seriesColumn", 1}, {"hidden", 8}, {"epochs", 15},
                            {"learningRate", 0.02}, {"batchSize", 8}});
        QVERIFY(problems(e).empty());
        const json tree = {{"format", "memristor-studio-project"}, {"version", 1}, {"experiments", json::array({e})}};
        Recorder r = run(parseProject(tree.dump(), "t.json"), "r");
        qInfo("CSV sine mixture one-step NRMSE %.4f", r.scalars.at("final_nrmse"));
        QVERIFY(r.scalars.at("final_nrmse") < 0.2);
        QCOMPARE(r.rows("prediction"), std::size_t(std::lround(0.3 * (300 - 8))));
        // A bad value is refused at seriesFile with the file's line; a missing file and column too.
        { std::ofstream out(file, std::ios::app); out << "300,oops\n"; }
        const auto paths = problems(e);
        QVERIFY(std::find(paths.begin(), paths.end(), "experiments[0].seriesFile") != paths.end());
        try {
            const Project p = parseProject(tree.dump(), "t.json");
            const auto issues = p.validate();
            QVERIFY(!issues.empty() && issues.front().message.find("series.csv:302") != std::string::npos);
        } catch (const InputError& err) {
            QVERIFY2(std::string(err.what()).find("series.csv:302") != std::string::npos, err.what());
        }
        QVERIFY(refusedAt(rnn({{"task", "csv_series"}, {"seriesFile", file + ".missing"}}), "experiments[0].seriesFile"));
        QVERIFY(refusedAt(rnn({{"task", "csv_series"}}), "experiments[0].seriesFile"));
        QVERIFY(refusedAt(rnn({{"seriesFile", file}}), "experiments[0].seriesFile"));  // not a csv_series task
    }

    void mackeyGlassExampleStreamsPredictionAndStates() {
        const Project p = loadProjectFile(example("lstm-mackey-glass.json"));
        Recorder r = run(p, "float");
        QVERIFY(r.scalars.at("final_nrmse") <= 0.1);
        QCOMPARE(r.rows("epochs"), std::size_t(20));
        QVERIFY(r.rows("prediction") > 100);
        QCOMPARE(r.rows("hidden_state"), std::size_t(8 * 16));
        QCOMPARE(r.rows("gates"), std::size_t(8 * 4 * 16));
    }

    // rnn-insitu-nonlinear.json: NL 5 in situ well below float, write-verify within 1 point of it.
    void inSituNonlinearLosesAndWriteVerifyRecovers() {
        const Project p = loadProjectFile(example("rnn-insitu-nonlinear.json"));
        const double nl5 = run(p, "insitu_nl5").scalars.at("final_accuracy");
        Recorder wv = run(p, "exsitu_nl5_write_verify");
        const double floatAcc = wv.scalars.at("float_accuracy"), verified = wv.scalars.at("final_accuracy");
        qInfo("float %.2f %%, in situ NL 5 %.2f %%, ex situ write-verify %.2f %%", 100 * floatAcc, 100 * nl5, 100 * verified);
        QVERIFY(floatAcc >= 0.95);
        QVERIFY(nl5 < floatAcc - 0.2);
        QVERIFY(std::fabs(verified - floatAcc) <= 0.01);
        QVERIFY(wv.scalars.at("pulses") > 0);
    }
};

QTEST_GUILESS_MAIN(TestRnnKind)
#include "test_rnn_kind.moc"
