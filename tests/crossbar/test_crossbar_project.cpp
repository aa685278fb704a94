// Crossbars in the project file: the four example projects load, run through
// the experiment-kind registry (as memstudio-cli and the studio run them) and
// show the physics they are meant to show; maps stream row 0 first; bad input
// is refused before any work with the JSON path of the problem.
#include <QtTest>

#include <cmath>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "core/common/Errors.h"
#include "core/crossbar/ConductanceMap.h"
#include "core/project/ExperimentKind.h"
#include "core/project/Project.h"
#include "tests/support/ProjectRecorder.h"

using namespace ms;
using nlohmann::json;

namespace {

using Recorder = mstest::ProjectRecorder;

std::string example(const char* name) { return mstest::exampleProject(name); }

Recorder run(const Project& p, const std::string& id) { return mstest::runRecorded(p, id); }

json base() {
    return json{{"format", "memristor-studio-project"}, {"version", 1}, {"experiments", json::array()}};
}

json readExperiment(json crossbar) {
    return json{{"id", "r"}, {"kind", "crossbar_read"}, {"crossbar", std::move(crossbar)}, {"bias", "v3"}};
}

json smallCrossbar() {
    return json{{"size", {4, 4}}, {"rWireRow", 1.0}, {"rWireCol", 1.0}, {"conductance", {{"source", "uniform"}, {"g", 1e-4}}}};
}

// The path of the InputError that loading `tree` raises ("" if none).
QString refusal(const json& tree, QString* message = nullptr) {
    try {
        parseProject(tree.dump(), "t.json");
    } catch (const InputError& e) {
        if (message) *message = QString::fromStdString(e.why());
        return QString::fromStdString(e.path());
    }
    return {};
}

}  // namespace

class TestCrossbarProject : public QObject {
    Q_OBJECT
private slots:
    void examplesLoadAndRoundTrip() {
        for (const char* name : {"sneak-path-floating-vs-v2-vs-v3.json", "ir-drop-vs-size.json",
                                 "1t1r-vs-1r-read-margin.json", "write-disturb-v2-v3.json"}) {
            const Project p = loadProjectFile(example(name));
            QVERIFY2(p.validate().empty(), name);
            QVERIFY(parseProject(serializeProject(p)) == p);
        }
    }

    // Biasing the unselected lines cuts the sneak paths: V/3 (and V/2) keep a
    // far larger read margin than floating lines; the map is row 0 first.
    void sneakPathExample() {
        const Project p = loadProjectFile(example("sneak-path-floating-vs-v2-vs-v3.json"));
        Recorder floating = run(p, "read_floating"), v2 = run(p, "read_v2"), v3 = run(p, "read_v3");
        qInfo("read margin: floating %.4f, V/2 %.4f, V/3 %.4f; sneak current floating %.3e A, V/3 %.3e A",
              floating.scalars["read_margin"], v2.scalars["read_margin"], v3.scalars["read_margin"],
              floating.scalars["I_sneak"], v3.scalars["I_sneak"]);
        QVERIFY(v3.scalars["read_margin"] > floating.scalars["read_margin"]);
        QVERIFY(v2.scalars["read_margin"] > floating.scalars["read_margin"]);
        QVERIFY(std::fabs(floating.scalars["I_sneak"]) > std::fabs(v3.scalars["I_sneak"]));
        // Maps: 16 rows (row 0 first) of c0..c15; the selected cell (5, 9) carries I_selected.
        QCOMPARE(v3.rows("map_cell_current"), std::size_t(16));
        QCOMPARE(v3.columns["map_cell_current"].size(), std::size_t(16));
        QCOMPARE(QString::fromStdString(v3.columns["map_cell_current"][9].name), QString("c9"));
        QVERIFY(std::fabs(v3.at("map_cell_current", 5, 9) - v3.scalars["I_selected"]) <= 1e-12 * std::fabs(v3.scalars["I_selected"]));
        // The row driver is at the left end: row 5's line voltage is highest at c0.
        QVERIFY(v3.at("map_row_voltage", 5, 0) > v3.at("map_row_voltage", 5, 15));
        for (const char* m : {"map_conductance", "map_row_voltage", "map_col_voltage"}) QCOMPARE(v3.rows(m), std::size_t(16));
    }

    // Flocke & Noll: floating lines, ideal wires, virtual ground: the sneak
    // network of an N×N array of R is R(2N−1)/(N−1)², so I_sneak = V(N−1)²/(R(2N−1)).
    void floatingReadMatchesClosedForm() {
        json t = base();
        json c = {{"size", {9, 9}}, {"conductance", {{"source", "uniform"}, {"g", 1e-4}}}};
        json e = readExperiment(c);
        e["bias"] = "floating";
        e["row"] = 4;
        e["col"] = 2;
        e["gOn"] = 1e-4;
        e["gOff"] = 1e-5;
        t["experiments"].push_back(e);
        Recorder r = run(parseProject(t.dump()), "r");
        const double n = 9, expected = 1.0 * (n - 1) * (n - 1) / (1e4 * (2 * n - 1));
        QVERIFY2(std::fabs(r.scalars["I_sneak"] / expected - 1) < 1e-9,
                 qPrintable(QString("%1 vs %2").arg(r.scalars["I_sneak"]).arg(expected)));
        QVERIFY(std::fabs(r.scalars["I_selected"] - 1e-4) < 1e-12);
    }

    // IR drop: the MVM error grows with the array size and with the wire resistance; tiles recover accuracy.
    void irDropExample() {
        Project p = loadProjectFile(example("ir-drop-vs-size.json"));
        auto& e = p.tree()["experiments"][0];
        e["sizeSweep"] = {8, 16, 32, 64};  // shortened from 128
        e["wireSweep"] = {1, 5};
        Recorder r = run(p, "mvm");
        QCOMPARE(r.rows("error_vs_size"), std::size_t(8));
        for (std::size_t k = 0; k < 8; ++k) {
            const double n = r.at("error_vs_size", k, 0), w = r.at("error_vs_size", k, 1), err = r.at("error_vs_size", k, 2);
            qInfo("N %3.0f, %.1f ohm: max column error %.4f %%", n, w, 100 * err);
            if (k % 4) QVERIFY(std::fabs(err) > std::fabs(r.at("error_vs_size", k - 1, 2)));      // grows with N
            if (k >= 4) QVERIFY(std::fabs(err) > std::fabs(r.at("error_vs_size", k - 4, 2)));     // grows with r_wire
        }
        QVERIFY(r.scalars["max_error_tiled"] < r.scalars["max_error_whole"]);
        QCOMPARE(r.scalars["tiles"], 4.0);
        QCOMPARE(r.rows("mvm_columns"), std::size_t(32));
        // IR drop only ever loses current: every column reads below its ideal.
        for (std::size_t j = 0; j < 32; ++j) QVERIFY(r.at("mvm_columns", j, 1) < r.at("mvm_columns", j, 2));
    }

    void accessTransistorKeepsTheMargin() {
        Project p = loadProjectFile(example("1t1r-vs-1r-read-margin.json"));
        for (auto& e : p.tree()["experiments"]) {
            e["nMax"] = 32;  // shortened from 128
            e["points"] = 5;
        }
        Recorder r1 = run(p, "margin_1r"), rnl = run(p, "margin_1r_nonlinear"), t1 = run(p, "margin_1t1r");
        qInfo("margin at N=32: 1R %.4f, 1R K_r=10 %.4f, 1T1R %.4f; max N (2 %% margin): %g, %g, %g", r1.scalars["margin_last"],
              rnl.scalars["margin_last"], t1.scalars["margin_last"], r1.scalars["max_N"], rnl.scalars["max_N"],
              t1.scalars["max_N"]);
        QVERIFY(t1.scalars["margin_last"] > r1.scalars["margin_last"]);
        QVERIFY(rnl.scalars["margin_last"] > r1.scalars["margin_last"]);
        QVERIFY(t1.scalars["max_N"] > r1.scalars["max_N"]);
        // The passive margin falls with N.
        const std::size_t n = r1.rows("margin_vs_n");
        QVERIFY(r1.at("margin_vs_n", n - 1, 1) < r1.at("margin_vs_n", 0, 1));
    }

    void writeDisturbExample() {
        const Project p = loadProjectFile(example("write-disturb-v2-v3.json"));
        Recorder v2 = run(p, "write_v2"), v3 = run(p, "write_v3");
        qInfo("half-selected disturb: V/2 %.3e, V/3 %.3e; unselected: V/2 %.3e, V/3 %.3e; selected dG %.3e / %.3e S",
              v2.scalars["max_half_selected_disturb"], v3.scalars["max_half_selected_disturb"],
              v2.scalars["max_unselected_disturb"], v3.scalars["max_unselected_disturb"], v2.scalars["dG_selected"],
              v3.scalars["dG_selected"]);
        QVERIFY(v3.scalars["max_half_selected_disturb"] < v2.scalars["max_half_selected_disturb"]);
        QVERIFY(v3.scalars["max_unselected_disturb"] > v2.scalars["max_unselected_disturb"]);
        QVERIFY(v2.scalars["dG_selected"] > 0);
        QCOMPARE(v2.rows("map_disturb_dG"), std::size_t(12));
        QVERIFY(std::fabs(v2.at("map_disturb_dG", 3, 4) - v2.scalars["dG_selected"]) <= 1e-12 * std::fabs(v2.scalars["dG_selected"]));
    }

    void spiceExportOfEachCircuitKind() {
        const Project p = loadProjectFile(example("sneak-path-floating-vs-v2-vs-v3.json"));
        const auto* kind = experimentKindRegistry().find("crossbar_read");
        const std::string net = kind->exportSpice(*p.experiment("read_v3"), p);
        QVERIFY(net.find(".op") != std::string::npos);
        QVERIFY(net.find("r5_9") != std::string::npos);
        const Project w = loadProjectFile(example("write-disturb-v2-v3.json"));
        QVERIFY(experimentKindRegistry().find("crossbar_write")->exportSpice(*w.experiment("write_v3"), w).find(".op") !=
                std::string::npos);
    }

    void conductanceMaps() {
        const auto a = randomConductanceMap(20, 30, 1e-6, 1e-4, 5), b = randomConductanceMap(20, 30, 1e-6, 1e-4, 5),
                   c = randomConductanceMap(20, 30, 1e-6, 1e-4, 6);
        QVERIFY(a == b);
        QVERIFY(a != c);
        for (double g : a) QVERIFY(g >= 1e-6 && g <= 1e-4);
        const auto bits = randomConductanceMap(100, 100, 1e-6, 1e-4, 1, 0.25);
        const auto on = std::count(bits.begin(), bits.end(), 1e-4);
        QVERIFY(std::abs(on - 2500) < 200);  // binomial sd ~43
        Eigen::MatrixXd w(2, 2);
        w << -1, 0, 0.5, 1;
        const auto g = programmedConductanceMap(w, 1e-6, 1e-4);
        QCOMPARE(g[0], 1e-6);
        QCOMPARE(g[3], 1e-4);
        QVERIFY(std::fabs(g[1] - (1e-6 + 0.5 * (1e-4 - 1e-6))) < 1e-18);
    }

    void csvMapAndItsErrors() {
        QTemporaryDir dir;
        const std::string good = dir.filePath("g.csv").toStdString(), bad = dir.filePath("b.csv").toStdString(),
                          ragged = dir.filePath("r.csv").toStdString();
        std::ofstream(good) << "c0,c1,c2\n1e-4,2e-4,3e-4\n# comment\n4e-4,5e-4,6e-4\n";
        std::ofstream(bad) << "1e-4,2e-4,3e-4\n4e-4,x5,6e-4\n";
        std::ofstream(ragged) << "1e-4,2e-4,3e-4\n4e-4,5e-4\n";
        std::size_t r = 0, c = 0;
        const auto g = loadConductanceCsv(good, 0, 0, &r, &c);
        QCOMPARE(r, std::size_t(2));
        QCOMPARE(c, std::size_t(3));
        QCOMPARE(g[4], 5e-4);
        auto pathOf = [](const std::string& f, std::size_t rows, std::size_t cols) {
            try {
                loadConductanceCsv(f, rows, cols);
            } catch (const InputError& e) {
                return QString::fromStdString(e.path());
            }
            return QString();
        };
        QCOMPARE(pathOf(bad, 0, 0), QString::fromStdString(bad + ":2:6"));
        QCOMPARE(pathOf(ragged, 0, 0), QString::fromStdString(ragged + ":2:1"));
        QCOMPARE(pathOf(good, 3, 3), QString::fromStdString(good + ":5:1"));  // ends (line 5) after 2 of 3 rows
        QVERIFY(pathOf(good, 2, 4).endsWith(":2:1"));
        // Through the project: a CSV source of the wrong size is refused at its line.
        json t = base();
        json cb = {{"size", {3, 3}}, {"conductance", {{"source", "csv"}, {"file", good}}}};
        t["experiments"].push_back(readExperiment(cb));
        QString why;
        QVERIFY(refusal(t, &why).startsWith(QString::fromStdString(good)));
        cb["size"] = {2, 3};
        t["experiments"][0] = readExperiment(cb);
        QCOMPARE(refusal(t), QString());
    }

    void badInputIsRefusedWithItsPath_data() {
        QTest::addColumn<QString>("patch");  // JSON merge patch for the experiment
        QTest::addColumn<QString>("path");
        QTest::newRow("negative sense resistance") << R"({"crossbar": {"rSense": -5}})" << "experiments[0].crossbar.rSense";
        QTest::newRow("negative wire resistance") << R"({"crossbar": {"rWireCol": -1}})" << "experiments[0].crossbar.rWireCol";
        QTest::newRow("zero conductance") << R"({"crossbar": {"conductance": {"g": 0}}})" << "experiments[0].crossbar.conductance.g";
        QTest::newRow("transistor rOn zero")
            << R"({"crossbar": {"cellType": "1T1R", "transistor": {"rOn": 0}}})" << "experiments[0].crossbar.transistor.rOn";
        QTest::newRow("matrix of the wrong size")
            << R"({"crossbar": {"conductance": {"g": null, "source": "matrix", "values": [[1e-4, 1e-4], [1e-4, 1e-4]]}}})"
            << "experiments[0].crossbar.conductance.values";
        QTest::newRow("weights of the wrong size")
            << R"({"crossbar": {"conductance": {"g": null, "source": "weights", "gMin": 1e-6, "gMax": 1e-4, "weights": [[1, 2, 3, 4]]}}})"
            << "experiments[0].crossbar.conductance.weights";
        QTest::newRow("differential needs an even column count")
            << R"({"crossbar": {"size": [2, 3], "cellType": "differential", "conductance": {"g": null, "source": "weights", "gMin": 1e-6, "gMax": 1e-4, "weights": [[1], [2]]}}})"
            << "experiments[0].crossbar.conductance.weights";
        QTest::newRow("size not a pair") << R"({"crossbar": {"size": [4]}})" << "experiments[0].crossbar.size";
        QTest::newRow("beyond the machine") << R"({"crossbar": {"size": [100000, 100000]}})" << "experiments[0].crossbar.size";
        QTest::newRow("cell outside") << R"({"row": 4})" << "experiments[0].row";
        QTest::newRow("unknown bias") << R"({"bias": "v4"})" << "experiments[0].bias";
        QTest::newRow("unknown cell type") << R"({"crossbar": {"cellType": "2T2R"}})" << "experiments[0].crossbar.cellType";
        QTest::newRow("unknown crossbar id") << R"({"crossbar": "nope"})" << "experiments[0].crossbar";
    }
    void badInputIsRefusedWithItsPath() {
        QFETCH(QString, patch);
        QFETCH(QString, path);
        json t = base();
        json e = readExperiment(smallCrossbar());
        e.merge_patch(json::parse(patch.toStdString()));
        t["experiments"].push_back(e);
        QString why;
        QCOMPARE(refusal(t, &why), path);
        qInfo("%s", qPrintable(why));
        if (QString(QTest::currentDataTag()) == "beyond the machine") QVERIFY(why.contains("GiB"));
    }

    // Every row floating and the columns open: nothing holds any node, the
    // nodal matrix is singular; refused before any solve.
    void allFloatingCircuitIsRefused() {
        json t = base();
        t["experiments"].push_back({{"id", "m"}, {"kind", "crossbar_mvm"}, {"crossbar", smallCrossbar()},
                                    {"inputs", {nullptr, nullptr, nullptr, nullptr}}, {"columns", "floating"}});
        QString why;
        QCOMPARE(refusal(t, &why).left(21), QString("experiments[0].inputs"));
        QVERIFY2(why.contains("float"), qPrintable(why));
        // One driven row is enough.
        t["experiments"][0]["inputs"][1] = 0.3;
        QCOMPARE(refusal(t), QString());
        Recorder r = run(parseProject(t.dump()), "m");
        QVERIFY(std::fabs(r.at("map_row_voltage", 1, 0) - 0.3) < 1e-12);  // no current can flow: the row sits at 0.3 V
    }

    // A floating input row still gives the column currents a user asked for; with the
    // columns sensed at 0 V the floating row sits near 0 V and adds next to nothing,
    // so each column carries the three driven rows' 3 x 0.2 V x 100 uS, less IR drop.
    void floatingRowStillWritesColumnCurrents() {
        json t = base();
        t["experiments"].push_back({{"id", "m"}, {"kind", "crossbar_mvm"}, {"crossbar", smallCrossbar()},
                                    {"inputs", {0.2, nullptr, 0.2, 0.2}}});
        Recorder r = run(parseProject(t.dump()), "m");
        QCOMPARE(r.rows("mvm_columns"), std::size_t(4));
        for (std::size_t j = 0; j < 4; ++j) {
            QCOMPARE(r.at("mvm_columns", j, 0), double(j));
            const double i = r.at("mvm_columns", j, 1);
            QVERIFY2(i > 0.99 * 6e-5 && i < 6e-5, qPrintable(QString::number(i)));
        }
    }

    void writeNeedsADevice() {
        json t = base();
        t["experiments"].push_back({{"id", "w"}, {"kind", "crossbar_write"}, {"crossbar", smallCrossbar()}});
        QCOMPARE(refusal(t), QString("experiments[0].crossbar.device"));
    }

    void crossbarIdErrorsPointIntoTheSection() {
        json t = base();
        json c = smallCrossbar();
        c["id"] = "a";
        c["rDriver"] = -2;
        t["crossbars"] = json::array({c});
        t["experiments"].push_back(readExperiment("a"));
        QCOMPARE(refusal(t), QString("crossbars[0].rDriver"));
    }
};

QTEST_GUILESS_MAIN(TestCrossbarProject)
#include "test_crossbar_project.moc"
