// The "cenn" experiment kind: the two example projects run through the kind
// registry (as memstudio-cli and the studio run them) and show what their
// descriptions promise; images load from PGM and CSV relative to the project
// file; bad templates and images are refused at their JSON path.
#include <QtTest>

#include <QTemporaryDir>

#include <cmath>
#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "core/common/Errors.h"
#include "core/project/ExperimentKind.h"
#include "core/project/Project.h"
#include "tests/support/ProjectRecorder.h"

using namespace ms;
using nlohmann::json;

namespace {

using Recorder = mstest::ProjectRecorder;

std::string example(const char* name) { return mstest::exampleProject(name); }

Recorder run(const Project& p, const std::string& id) { return mstest::runRecorded(p, id); }

json project(json experiment) {
    return json{{"format", "memristor-studio-project"}, {"version", 1}, {"experiments", json::array({experiment})}};
}

json cenn(json fields) {
    json e = {{"id", "c"}, {"kind", "cenn"}, {"template", "edge_detection"}, {"image", "square"}};
    for (auto it = fields.begin(); it != fields.end(); ++it) e[it.key()] = it.value();
    return e;
}

// The path of the first problem loading `tree` raises ("" if none).
QString refusal(const json& tree, const std::string& origin = "t.json") {
    try {
        const Project p = parseProject(tree.dump(), origin);
        const auto issues = p.validate();
        if (!issues.empty()) return QString::fromStdString(issues.front().path);
    } catch (const InputError& e) {
        return QString::fromStdString(e.path());
    }
    return {};
}

}  // namespace

class TestCennProject : public QObject {
    Q_OBJECT
private slots:
    void edgeExample() {
        const Project p = loadProjectFile(example("cenn-edge-detection-4m-bridge.json"));
        QVERIFY(p.validate().empty());
        Recorder ideal = run(p, "edge_ideal_bridges"), d2d = run(p, "edge_d2d_20"), levels = run(p, "edge_6_levels");
        qInfo("edge on digits_3: pixels changed ideal bridges %g, 20 %% D2D %g, 6 levels %g; settling %g s, %g steps",
              ideal.scalars["pixels_changed"], d2d.scalars["pixels_changed"], levels.scalars["pixels_changed"],
              ideal.scalars["settling_time"], ideal.scalars["iterations"]);
        QCOMPARE(ideal.scalars["pixels_changed"], 0.0);
        QVERIFY(ideal.scalars["max_weight_error"] < 1e-12);
        QCOMPARE(ideal.scalars["converged"], 1.0);
        QVERIFY(d2d.scalars["max_weight_error"] > 0.5);
        // What the description promises: both non-idealities flip pixels.
        QCOMPARE(d2d.scalars["pixels_changed"], 2.0);
        QCOMPARE(levels.scalars["pixels_changed"], 9.0);
        // Images: one row per image row, columns c0.. by pixel column.
        QCOMPARE(ideal.rows("output"), std::size_t(9));
        QCOMPARE(ideal.columns["output"].size(), std::size_t(11));
        QCOMPARE(ideal.columns["output"][10].name, std::string("c10"));
        for (const char* s : {"input", "state", "output", "ideal_output", "error_map"}) QVERIFY2(ideal.data.count(s), s);
        double errors = 0;
        for (double v : d2d.data["error_map"]) errors += v;
        QCOMPARE(errors, d2d.scalars["pixels_changed"]);
        // The bridges series (a view reads this contract): one row per wired
        // bridge, A's centre, B's nine, z; analytic programming costs no pulses.
        const std::vector<std::string> names = {"matrix", "entry", "target", "realised", "M1", "M2",
                                                "M3",     "M4",    "pulses", "energy"};
        QCOMPARE(ideal.columns["bridges"].size(), names.size());
        for (std::size_t k = 0; k < names.size(); ++k) QCOMPARE(ideal.columns["bridges"][k].name, names[k]);
        QCOMPARE(ideal.columns["bridges"][4].unit, std::string("ohm"));
        QCOMPARE(ideal.columns["bridges"][9].unit, std::string("J"));
        QCOMPARE(ideal.rows("bridges"), std::size_t(11));
        const auto& b = ideal.data["bridges"];
        QCOMPARE(b[0], 0.0);   // A
        QCOMPARE(b[1], 4.0);   // its centre
        QCOMPARE(b[2], 1.0);   // target 1
        QCOMPARE(b[5 * 10 + 0], 1.0);  // B's centre, 8
        QCOMPARE(b[5 * 10 + 1], 4.0);
        QCOMPARE(b[5 * 10 + 2], 8.0);
        QCOMPARE(b[10 * 10 + 0], 2.0);  // z, -1
        QCOMPARE(b[10 * 10 + 2], -1.0);
        for (std::size_t r = 0; r < 11; ++r) {
            QVERIFY(std::fabs(b[r * 10 + 3] - b[r * 10 + 2]) < 1e-12);
            QCOMPARE(b[r * 10 + 8], 0.0);
            QCOMPARE(b[r * 10 + 9], 0.0);
        }
        QCOMPARE(ideal.scalars["program_pulses"], 0.0);
        QCOMPARE(ideal.scalars["program_energy"], 0.0);
    }

    void edgeExampleProgrammedWithPulses() {
        const Project p = loadProjectFile(example("cenn-edge-detection-4m-bridge.json"));
        Recorder wv = run(p, "edge_write_verify"), drift = run(p, "edge_drift_1_year");
        qInfo("write-verify: %g pulses, %g J, %g pixels changed; a year of drift: %g pixels changed",
              wv.scalars["program_pulses"], wv.scalars["program_energy"], wv.scalars["pixels_changed"],
              drift.scalars["pixels_changed"]);
        // What the description promises.
        QCOMPARE(wv.scalars["program_pulses"], 2562.0);
        QVERIFY(std::fabs(wv.scalars["program_energy"] - 2.31e-3) < 0.01e-3);
        QCOMPARE(wv.scalars["bridges_unconverged"], 0.0);
        QCOMPARE(wv.scalars["pixels_changed"], 0.0);
        QVERIFY(wv.scalars["max_weight_error"] < 8.1 * 0.01);
        QCOMPARE(drift.scalars["pixels_changed"], 3.0);
        // Per-bridge pulses and energy add up to the totals.
        double pulses = 0, energy = 0;
        const auto& b = wv.data["bridges"];
        for (std::size_t r = 0; r < wv.rows("bridges"); ++r) {
            pulses += b[r * 10 + 8];
            energy += b[r * 10 + 9];
            for (int d = 4; d < 8; ++d) QVERIFY(b[r * 10 + d] >= 100 - 1e-9 && b[r * 10 + d] <= 16e3 + 1e-9);
        }
        QCOMPARE(pulses, wv.scalars["program_pulses"]);
        QVERIFY(std::fabs(energy - wv.scalars["program_energy"]) < 1e-12);
        // A pulse budget too small to arrive is reported, with a warning.
        json tree = project(cenn({{"synapse", "4m"}, {"programming", "write_verify"}, {"maxPulses", 3}}));
        struct Logged final : CheckedSink {
            std::map<std::string, double> scalars;
            std::vector<std::string> warnings;
            void scalar(const std::string& key, double value, const std::string&) override { scalars[key] = value; }
            void log(LogLevel level, const std::string& text) override {
                if (level == LogLevel::Warning) warnings.push_back(text);
            }
        } starved;
        StopToken stop;
        runExperiment(parseProject(tree.dump(), "t.json"), "c", starved, stop);
        QCOMPARE(starved.scalars["bridges_unconverged"], 11.0);
        QCOMPARE(starved.warnings.size(), std::size_t(1));
        QVERIFY(starved.warnings.front().find("11 of 11 bridges") != std::string::npos);
    }

    void noiseExample() {
        const Project p = loadProjectFile(example("cenn-noise-removal.json"));
        QVERIFY(p.validate().empty());
        Recorder denoise = run(p, "denoise"), fill = run(p, "fill_hole");
        // The noisy square settles to the clean 7 x 7 block: no speck, no pinhole.
        QCOMPARE(denoise.scalars["black_pixels"], 49.0);
        for (int r = 0; r < 12; ++r)
            for (int c = 0; c < 12; ++c) {
                const bool inside = r >= 2 && r <= 8 && c >= 2 && c <= 8;
                QCOMPARE(denoise.data["output"][r * 12 + c] > 0, inside);
            }
        QVERIFY(!denoise.data.count("error_map"));
        // The 12 x 12 square with its 4 x 4 hole fills to an 8 x 8 block.
        QCOMPARE(fill.scalars["black_pixels"], 64.0);
        QVERIFY(fill.scalars["settling_time"] > denoise.scalars["settling_time"]);
        // The state history: x(0) = u first, the final state last, snapshot times
        // strictly increasing, whole images of 12 rows with t and row in front.
        const auto& h = denoise.data["state_history"];
        const std::size_t width = 14, rows = denoise.rows("state_history");
        QCOMPARE(denoise.columns["state_history"].size(), width);
        QCOMPARE(rows % 12, std::size_t(0));
        const std::size_t snapshots = rows / 12;
        QVERIFY2(snapshots >= 20 && snapshots <= 160, qPrintable(QString::number(snapshots)));
        for (std::size_t i = 0; i < 12 * 12; ++i) {
            QCOMPARE(h[(i / 12) * width + 2 + i % 12], denoise.data["input"][i]);
            QCOMPARE(h[((snapshots - 1) * 12 + i / 12) * width + 2 + i % 12], denoise.data["state"][i]);
        }
        for (std::size_t k = 1; k < snapshots; ++k) QVERIFY(h[k * 12 * width] > h[(k - 1) * 12 * width]);
        QCOMPARE(h[(snapshots - 1) * 12 * width], denoise.scalars["settling_time"]);
    }

    void userTemplateAndImages() {
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        std::ofstream(d + "/img.pgm") << "P2\n# a 3 x 3 cross\n3 3\n255\n255 0 255\n0 0 0\n255 0 255\n";
        std::ofstream(d + "/img.csv") << "-1,1,-1\n1,1,1\n-1,1,-1\n";
        json t = {{"A", {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}}}, {"B", {{0, 0, 0}, {0, 1, 0}, {0, 0, 0}}}, {"z", 0}};
        json e1 = cenn({{"id", "pgm"}, {"template", t}, {"image", {{"file", "img.pgm"}}}});
        json e2 = cenn({{"id", "csv"}, {"template", t}, {"image", {{"file", "img.csv"}}}});
        json tree = project(e1);
        tree["experiments"].push_back(e2);
        std::ofstream(d + "/p.json") << tree.dump();
        const Project p = loadProjectFile(d + "/p.json");
        QVERIFY(p.validate().empty());
        Recorder a = run(p, "pgm"), b = run(p, "csv");
        QCOMPARE(a.data["input"], b.data["input"]);
        // B = identity, A = 0: x* = u, so the output copies the cross.
        for (std::size_t i = 0; i < 9; ++i) QVERIFY(std::fabs(a.data["output"][i] - b.data["input"][i]) < 1e-3);
        // A broken file is refused at the image's file, naming file:line.
        std::ofstream(d + "/bad.csv") << "1,1\n1,x\n";
        tree["experiments"][1]["image"]["file"] = "bad.csv";
        std::ofstream(d + "/p2.json") << tree.dump();
        const auto issues = loadProjectFile(d + "/p2.json").validate();
        QVERIFY(!issues.empty());
        QCOMPARE(issues.front().path, std::string("experiments[1].image.file"));
        QVERIFY(issues.front().message.find("bad.csv:2") != std::string::npos);
        tree["experiments"][1]["image"]["file"] = "missing.pgm";
        std::ofstream(d + "/p3.json") << tree.dump();
        const auto missing = loadProjectFile(d + "/p3.json").validate();
        QVERIFY(!missing.empty());
        QCOMPARE(missing.front().path, std::string("experiments[1].image.file"));
        // A run reports it at the experiment's field, never crashes.
        const Project p3 = loadProjectFile(d + "/p3.json");
        Recorder r;
        StopToken stop;
        try {
            runExperiment(p3, "csv", r, stop);
            QFAIL("ran with a missing image file");
        } catch (const InputError& err) {
            QVERIFY(err.path().find("image.file") != std::string::npos);
        }
    }

    // The settings a run does not read are named (the studio greys them out):
    // bridge settings for an ideal template, pulse settings for bridges set
    // exactly, the drift law without a read time.
    void unusedSettingsAreNamed() {
        const ExperimentKindInfo* k = experimentKindRegistry().find("cenn");
        QVERIFY(k && k->superseded);
        auto keys = [&](const json& e) {
            std::set<std::string> out;
            for (const auto& s : k->superseded(e)) out.insert(s.key);
            return out;
        };
        const auto ideal = keys(cenn({}));
        for (const char* key : {"rOn", "variation", "pulseWidth", "driftNu", "readTime"}) QVERIFY2(ideal.count(key), key);
        QVERIFY(!ideal.count("R") && !ideal.count("tMax"));
        const auto exact = keys(cenn({{"synapse", "4m"}}));
        QVERIFY(!exact.count("rOn") && !exact.count("readTime"));
        QVERIFY(exact.count("pulseWidth") && exact.count("driftNu"));
        const auto pulsed = keys(cenn({{"synapse", "4m"}, {"programming", "write_verify"}, {"readTime", 3600}}));
        QVERIFY(pulsed.empty());
    }

    void badInputRefusedAtItsPath() {
        QCOMPARE(refusal(project(cenn({{"template", "edges"}}))), QString("experiments[0].template"));
        QCOMPARE(refusal(project(cenn({{"template", {{"A", {{0, 0}, {0, 1}}}, {"B", json::array()}}}}))),
                 QString("experiments[0].template.A"));
        QCOMPARE(refusal(project(cenn({{"template", {{"A", {{0, 0, 0}, {0, 1}, {0, 0, 0}}},
                                                      {"B", {{0, 0, 0}, {0, 1, 0}, {0, 0, 0}}}}}}))),
                 QString("experiments[0].template.A[1]"));
        QCOMPARE(refusal(project(cenn({{"template", {{"A", {{0, 0, 0}, {0, 1, 0}, {0, 0, 0}}},
                                                      {"B", {{0, 0, 0}, {0, "x", 0}, {0, 0, 0}}}}}}))),
                 QString("experiments[0].template.B[1][1]"));
        QCOMPARE(refusal(project(cenn({{"template", {{"A", {{0, 0, 0}, {0, 1, 0}, {0, 0, 0}}}}}}))),
                 QString("experiments[0].template.B"));
        QCOMPARE(refusal(project(cenn({{"image", "circle"}}))), QString("experiments[0].image"));
        QCOMPARE(refusal(project(cenn({{"image", {{"data", {{1, 0}, {1}}}}}}))), QString("experiments[0].image.data[1]"));
        QCOMPARE(refusal(project(cenn({{"image", {{"data", {{1, 2}}}}}}))), QString("experiments[0].image.data[0][1]"));
        QCOMPARE(refusal(project(cenn({{"image", {{"file", "x.png"}}}}))), QString("experiments[0].image.file"));
        QCOMPARE(refusal(project(cenn({{"boundary", "periodic"}}))), QString("experiments[0].boundary"));
        QCOMPARE(refusal(project(cenn({{"synapse", "2m"}}))), QString("experiments[0].synapse"));
        QCOMPARE(refusal(project(cenn({{"variation", 2}}))), QString("experiments[0].variation"));
        QCOMPARE(refusal(project(cenn({{"rOn", 1e4}, {"rOff", 1e3}}))), QString("experiments[0].rOff"));
        QCOMPARE(refusal(project(cenn({{"synapse", "4m"}, {"weightScale", 2}}))), QString("experiments[0].weightScale"));
        QCOMPARE(refusal(project(cenn({{"initialState", "random"}}))), QString("experiments[0].initialState"));
        QCOMPARE(refusal(project(cenn({{"colour", 1}}))), QString("experiments[0].colour"));
        const json wv = {{"synapse", "4m"}, {"programming", "write_verify"}};
        auto with = [&](json extra) {
            json f = wv;
            for (auto it = extra.begin(); it != extra.end(); ++it) f[it.key()] = it.value();
            return project(cenn(f));
        };
        QCOMPARE(refusal(with({{"programming", "pulsed"}})), QString("experiments[0].programming"));
        QCOMPARE(refusal(project(cenn({{"programming", "write_verify"}}))), QString("experiments[0].programming"));
        QCOMPARE(refusal(with({{"pulseWidth", 0}})), QString("experiments[0].pulseWidth"));
        QCOMPARE(refusal(with({{"pulseWidth", -1e-3}})), QString("experiments[0].pulseWidth"));
        QCOMPARE(refusal(with({{"pulseAmplitude", 0}})), QString("experiments[0].pulseAmplitude"));
        QCOMPARE(refusal(with({{"programTolerance", 0}})), QString("experiments[0].programTolerance"));
        QCOMPARE(refusal(with({{"maxPulses", 2.5}})), QString("experiments[0].maxPulses"));
        QCOMPARE(refusal(with({{"readTime", -1}})), QString("experiments[0].readTime"));
        QCOMPARE(refusal(with({{"driftNu", "x"}})), QString("experiments[0].driftNu"));
        QCOMPARE(refusal(with({})), QString());
        QCOMPARE(refusal(project(cenn({}))), QString());
    }
};

QTEST_MAIN(TestCennProject)
#include "test_cenn_project.moc"
