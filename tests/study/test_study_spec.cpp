// A study's points, in-process: grid and zip order, ranges, seeds, references
// into shared sections, and every problem located at its JSON path.
#include <QtTest>

#include <nlohmann/json.hpp>

#include "core/common/Errors.h"
#include "core/project/ExperimentKind.h"
#include "core/study/Sha256.h"
#include "core/study/Study.h"
#include "core/study/StudyAggregate.h"

using namespace ms;
using nlohmann::json;

namespace {

// One crossbar read-margin experiment on a shared crossbar (as the example
// project study-read-margin-size-bias-wire) plus the given studies.
Project projectWith(const json& studies) {
    json t = json::parse(R"({
      "format": "memristor-studio-project", "version": 1,
      "crossbars": [{"id": "xb", "size": [2, 2], "rWireRow": 1, "rWireCol": 1, "rSense": 1e3,
                     "conductance": {"source": "uniform", "g": 1e-4}}],
      "experiments": [
        {"id": "dt", "kind": "device_transient", "device": {"model": "linear_ion_drift", "preset": "hp_tio2"},
         "drive": {"kind": "sine", "params": {"amplitude": 1, "frequency": 1}}, "samples": 50},
        {"id": "m", "kind": "crossbar_read_margin_sweep", "crossbar": "xb", "bias": "floating",
         "ron": 1e4, "roff": 1e5, "nMin": 4, "nMax": 4, "points": 1}]})");
    t["studies"] = studies;
    return Project(t);
}

std::vector<std::string> issueTexts(const Project& p) {
    std::vector<std::string> out;
    for (const auto& i : study::validateStudies(p)) out.push_back(i.path + ": " + i.message);
    return out;
}

bool hasIssueAt(const Project& p, const std::string& path, const std::string& containing) {
    for (const auto& i : study::validateStudies(p))
        if (i.path == path && i.message.find(containing) != std::string::npos) return true;
    return false;
}

// Keeps an experiment's "sweep_runs" rows and its final_accuracy (strict as the CLI's sink).
struct AccuracyRecorder final : CheckedSink {
    std::vector<double> runs;  // value, seed, accuracy per row
    double accuracy = -1.0;
    void onRows(const std::string& id, const double* d, std::size_t n) override {
        if (id == "sweep_runs") runs.insert(runs.end(), d, d + 3 * n);
    }
    void scalar(const std::string& key, double v, const std::string&) override {
        if (key == "final_accuracy") accuracy = v;
    }
};

}  // namespace

class StudySpec : public QObject {
    Q_OBJECT
private slots:
    // The project hash of provenance.json is what `sha256sum` prints (one block, two blocks, a block boundary).
    void sha256MatchesKnownDigests() {
        QCOMPARE(study::sha256Hex(""), std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(study::sha256Hex("abc"), std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(study::sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                 std::string("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
        QCOMPARE(study::sha256Hex(std::string(64, 'a')),
                 std::string("ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"));
    }

    // ann_sweep runs as a study (issue 20): its runs equal, run for run, the
    // points of a study over the same ann_training experiment.
    void annSweepIsTheStudyOfItsBase() {
        const json base = json::parse(R"({"data": {"set": "digits"}, "network": {"layers": [64, 10]},
          "mode": "in_situ", "synapse": {"model": "neurosim_nl", "params": {"NL_LTP": 0, "NL_LTD": 0, "levelsLTP": 50,
          "levelsLTD": 50, "c2c": 0.01}}, "epochs": 1, "learningRate": 0.05, "snapshotsPerEpoch": 0,
          "trainAccuracyEachEpoch": false})");
        json mlp = base, sweep = {{"id", "sw"}, {"kind", "ann_sweep"}, {"base", base}, {"values", {0, 4}}, {"seeds", {5, 2}},
                                  {"parameter", {"/synapse/params/NL_LTP", "/synapse/params/NL_LTD"}}, {"factors", {1, -1}}};
        mlp["id"] = "mlp";
        mlp["kind"] = "ann_training";
        json t = {{"format", "memristor-studio-project"}, {"version", 1}, {"experiments", {mlp, sweep}}};
        t["studies"] = json::parse(R"([{"id": "s", "experiment": "mlp", "axes": [
          {"path": ["synapse.params.NL_LTP", "synapse.params.NL_LTD"], "factors": [1, -1], "values": [0, 4]},
          {"path": "seed", "values": [5, 2]}]}])");
        const Project p(t);
        QVERIFY(p.validate().empty());
        StopToken stop;
        AccuracyRecorder swept;
        runExperiment(p, "sw", swept, stop);
        QCOMPARE(swept.runs.size(), std::size_t(4 * 3));
        const study::Study s = study::findStudy(p, "s");
        QCOMPARE(study::pointCount(s), std::size_t(4));
        for (std::size_t k = 0; k < 4; ++k) {
            AccuracyRecorder point;
            runExperiment(study::pointProject(p, s, study::point(s, k)), "mlp", point, stop);
            QCOMPARE(swept.runs[3 * k], k < 2 ? 0.0 : 4.0);
            QCOMPARE(swept.runs[3 * k + 1], k % 2 ? 2.0 : 5.0);
            QCOMPARE(swept.runs[3 * k + 2], point.accuracy);
        }
        // NL and the seed axis both change the result: the comparison is not between constants.
        QVERIFY(swept.runs[2] != swept.runs[8]);
        QVERIFY(swept.runs[2] != swept.runs[5]);
    }

    void gridRunsTheFirstAxisSlowestAndSeedsInnermost() {
        const Project p = projectWith(json::parse(R"([{"id": "s", "experiment": "m",
            "axes": [{"path": "bias", "values": ["floating", "v3"]}, {"path": "ron", "values": [1e3, 2e3, 3e3]}]}])"));
        QVERIFY(issueTexts(p).empty());
        const study::Study s = study::findStudy(p, "s");
        QCOMPARE(study::pointCount(s), std::size_t(6));
        const study::Point p4 = study::point(s, 4);  // bias v3 (1), ron 2e3 (1)
        QCOMPARE(p4.valueIndex, (std::vector<std::size_t>{1, 1}));
        const Project pp = study::pointProject(p, s, p4);
        QCOMPARE(pp.experiment("m")->at("bias").get<std::string>(), std::string("v3"));
        QCOMPARE(pp.experiment("m")->at("ron").get<double>(), 2e3);
        QVERIFY(!pp.tree().contains("studies"));
    }

    // The Studies tab's plot: a figure against the first axis, one curve per
    // value of the other axes, the mean over seeds with the sample standard
    // deviation; failed points and non-finite figures are left out.
    void aggregateIsTheMeanAndSampleDeviationOverSeeds() {
        study::Study s;  // as findStudy reads it: two axes, a grid, three seeds
        s.id = "s";
        s.experimentId = "mlp";
        s.axes.resize(2);
        s.axes[0].label = "bias";
        s.axes[0].values = {"floating", "v3"};
        s.axes[1].label = "R_on";
        s.axes[1].values = {1e3, 2e3};
        s.seeds = 3;
        s.seedBase = 5;
        QCOMPARE(study::pointCount(s), std::size_t(12));
        std::vector<study::PointRecord> records;
        for (std::size_t k = 0; k < 12; ++k) {
            study::PointRecord r;
            r.index = k;
            r.ok = true;
            const study::Point pt = study::point(s, k);
            // margin = 10 * bias index + ron index + seed offset (0, 1, 2 -> +0, +2, +4)
            const double v = 10.0 * double(pt.valueIndex[0]) + double(pt.valueIndex[1]) + 2.0 * double(k % 3);
            r.figures.push_back({"margin", study::numberText(v), "V"});
            if (k == 11) r.figures.front().value = "nan";  // not counted
            records.push_back(r);
        }
        records[6].ok = false;  // bias v3, ron 1e3, first seed: failed, not counted
        const study::Aggregate a = study::aggregateFigure(s, records, "margin");
        QCOMPARE(a.xLabel, std::string("bias"));
        QVERIFY(!a.xNumeric);
        QCOMPARE(a.xTicks, (std::vector<std::string>{"floating", "v3"}));
        QCOMPARE(a.unit, std::string("V"));
        QCOMPARE(a.curves.size(), std::size_t(2));
        QCOMPARE(a.curves[0].label, std::string("R_on = 1000"));
        const auto& c0 = a.curves[0].points;  // ron 1e3: floating {0, 2, 4}; v3 {12, 14} (first seed failed)
        QCOMPARE(c0.size(), std::size_t(2));
        QCOMPARE(c0[0].mean, 2.0);
        QCOMPARE(c0[0].stddev, 2.0);
        QCOMPARE(c0[0].n, std::size_t(3));
        QCOMPARE(c0[1].x, 1.0);
        QCOMPARE(c0[1].mean, 13.0);
        QVERIFY(std::abs(c0[1].stddev - std::sqrt(2.0)) < 1e-12);
        const auto& c1 = a.curves[1].points;  // ron 2e3: floating {1, 3, 5}; v3 {11, 13} (nan left out)
        QCOMPARE(c1[0].mean, 3.0);
        QCOMPARE(c1[1].mean, 12.0);
        QCOMPARE(c1[1].n, std::size_t(2));
        QCOMPARE(study::figureKeys(records), (std::vector<std::string>{"margin"}));
    }

    void theFigureToPlotIsAString() {
        const Project p = projectWith(json::parse(R"([{"id": "s", "experiment": "m", "figure": 3}])"));
        QVERIFY(hasIssueAt(p, "studies[0].figure", "key of one of the experiment's figures"));
        const Project q = projectWith(json::parse(R"([{"id": "s", "experiment": "m", "figure": "max_N"}])"));
        QVERIFY(issueTexts(q).empty());
        QCOMPARE(study::findStudy(q, "s").figure, std::string("max_N"));
    }

    void zipPairsValuesAndRangesHitTheirEnds() {
        const Project p = projectWith(json::parse(R"([{"id": "s", "experiment": "m", "combine": "zip",
            "axes": [{"path": "ron", "range": {"from": 1e2, "to": 1e4, "count": 3, "scale": "log"}},
                     {"path": "roff", "range": {"from": 1e5, "to": 2e5, "count": 3}}]}])"));
        QVERIFY2(issueTexts(p).empty(), issueTexts(p).empty() ? "" : issueTexts(p).front().c_str());
        const study::Study s = study::findStudy(p, "s");
        QCOMPARE(study::pointCount(s), std::size_t(3));
        QCOMPARE(s.axes[0].values[1].get<double>(), 1e3);
        QCOMPARE(s.axes[0].values[2].get<double>(), 1e4);
        QCOMPARE(s.axes[1].values[1].get<double>(), 1.5e5);
        QCOMPARE(study::point(s, 2).valueIndex, (std::vector<std::size_t>{2, 2}));
    }

    void aPathThroughAReferenceSetsTheSharedEntry() {
        const Project p = projectWith(json::parse(R"([{"id": "s", "experiment": "m",
            "axes": [{"path": ["crossbar.rWireRow", "crossbar.rWireCol"], "factors": [1, 2], "values": [5]}]}])"));
        QVERIFY(issueTexts(p).empty());
        const study::Study s = study::findStudy(p, "s");
        const Project pp = study::pointProject(p, s, study::point(s, 0));
        QCOMPARE(pp.tree()["crossbars"][0]["rWireRow"].get<double>(), 5.0);
        QCOMPARE(pp.tree()["crossbars"][0]["rWireCol"].get<double>(), 10.0);
        QCOMPARE(pp.experiment("m")->at("crossbar").get<std::string>(), std::string("xb"));
    }

    void seedsCountFromTheExperimentsSeedAndAreRefusedWithoutOne() {
        json t = json::parse(R"({"format": "memristor-studio-project", "version": 1, "experiments": [
            {"id": "a", "kind": "ann_training", "data": {"set": "digits", "trainSamples": 50, "testSamples": 20},
             "network": {"layers": [64, 10]}, "epochs": 1, "seed": 7}],
            "studies": [{"id": "s", "experiment": "a", "seeds": 3}]})");
        const Project p(t);
        QVERIFY(issueTexts(p).empty());
        const study::Study s = study::findStudy(p, "s");
        QCOMPARE(study::pointCount(s), std::size_t(3));
        QCOMPARE(study::point(s, 2).seed.value(), std::uint64_t(9));
        QCOMPARE(study::pointProject(p, s, study::point(s, 1)).experiment("a")->at("seed").get<int>(), 8);

        const Project seedless = projectWith(json::parse(R"([{"id": "s", "experiment": "dt", "seeds": 2}])"));
        QVERIFY(hasIssueAt(seedless, "studies[0].seeds", "takes no random seed"));
    }

    void everyProblemIsLocatedAtItsPath() {
        const Project p = projectWith(json::parse(R"([
            {"id": "s", "experiment": "m", "axes": [
                {"path": "biass", "values": ["v2"]},
                {"path": "ron", "values": [1e4, -5]},
                {"path": "crossbar.rWireRow", "range": {"from": 1, "to": -1, "count": 3}},
                {"path": "nMax", "values": [8], "range": {"from": 1, "to": 2, "count": 2}}]},
            {"id": "s", "experiment": "nope", "axes": [], "combine": "diagonal"},
            {"id": "t", "experiment": "m", "axes": [{"path": "crossbar.size[5]", "values": [1]}, {"path": "kind", "values": ["x"]}]},
            {"id": "u", "experiment": "m", "axes": [{"path": "roff", "values": [1e5]}, {"path": "ron", "values": [1e4, 1e6]}]}])"));
        QVERIFY(hasIssueAt(p, "studies[0].axes[3]", "has both \"values\" and \"range\""));
        QVERIFY(hasIssueAt(p, "studies[1].id", "duplicate id 's'"));
        QVERIFY(hasIssueAt(p, "studies[1].experiment", "no experiment with id 'nope' (known: dt, m)"));
        QVERIFY(hasIssueAt(p, "studies[1].combine", "\"grid\""));
        QVERIFY(hasIssueAt(p, "studies[2].axes[0].path", "'crossbar.size' has 2 entries, no [5]"));
        QVERIFY(hasIssueAt(p, "studies[2].axes[1].path", "'kind' cannot be varied"));

        // Once the structure is sound, each point goes through the kind's validation.
        const Project q = projectWith(json::parse(R"([{"id": "s", "experiment": "m", "axes": [
                {"path": "biass", "values": ["v2"]},
                {"path": "ron", "values": [1e4, -5]},
                {"path": "crossbar.rWireRow", "range": {"from": 1, "to": -1, "count": 3}},
                {"path": "device.params.Roff", "values": [1]}]}])"));
        QVERIFY(hasIssueAt(q, "studies[0].axes[3].path", "has no field 'device.params.Roff'"));
        QVERIFY(hasIssueAt(q, "studies[0].axes[0].path", "experiment 'm' has no field 'biass' (known here:"));
        QVERIFY(hasIssueAt(q, "studies[0].axes[1].values[1]", "-5 gives experiments[1].ron: must be between"));
        QVERIFY(hasIssueAt(q, "studies[0].axes[2].range", "value 2 (-1) gives crossbars[0].rWireRow:"));
        // The project's own validation reports them too, and the study cannot be run.
        bool inProject = false;
        for (const auto& i : q.validate()) inProject = inProject || i.path == "studies[0].axes[1].values[1]";
        QVERIFY(inProject);
        QVERIFY_THROWS_EXCEPTION(InputError, study::findStudy(q, "s"));

        // A malformed experiment is reported at experiments[k], never thrown from the study's checks.
        json bad = q.tree();
        bad["experiments"][1]["kind"] = 5;
        bad["studies"][0]["seeds"] = 2;
        QVERIFY(hasIssueAt(Project(bad), "studies[0].seeds", "(kind ?) takes no random seed"));
    }
};

QTEST_APPLESS_MAIN(StudySpec)
#include "test_study_spec.moc"
