// The project side of circuits (issue 4): the "circuits" section validated
// with path-precise errors and kept losslessly (schematic included), synapse
// cells read back from edited netlists, the circuit experiment kinds, and the
// four example projects run for their physics: the 2M weight changes sign,
// the 4M bridge weight goes up and back through 0, write-verify converges
// within tolerance, the STDP window is potentiating for dt > 0, depressing for
// dt < 0 and decays with |dt|.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/circuit/Analysis.h"
#include "core/circuit/CircuitObject.h"
#include "core/common/Errors.h"
#include "core/project/ExperimentKind.h"
#include "core/project/Project.h"
#include "tests/circuit/CircuitTestSupport.h"

using namespace ms;
using namespace ms::circuit;
using nlohmann::json;

namespace {

std::string example(const char* name) { return std::string(MS_SOURCE_DIR) + "/projects/" + name; }

RecordingSink runOne(const Project& p, const std::string& id) {
    RecordingSink sink;
    StopToken stop;
    runExperiment(p, id, sink, stop);
    return sink;
}

// First issue of a tree, or "" if it validates.
std::pair<std::string, std::string> firstIssue(const json& tree) {
    const auto issues = Project(tree).validate();
    if (issues.empty()) return {};
    return {issues.front().path, issues.front().message};
}

json divider() {
    return json::parse(R"({"format": "memristor-studio-project", "version": 1, "name": "t",
      "circuits": [{"id": "div", "name": "divider", "netlist": {"title": "", "elements": [
        {"kind": "voltage_source", "name": "V1", "nodes": ["in", "0"], "params": {"dc": 1}},
        {"kind": "resistor", "name": "R1", "nodes": ["in", "mid"], "params": {"R": 1000}},
        {"kind": "resistor", "name": "R2", "nodes": ["mid", "0"], "params": {"R": 3000}}]},
        "schematic": {"parts": {"R1": {"x": 40, "y": 0, "rotation": 90}}, "nodes": {}, "future": [1, 2]}}],
      "experiments": [{"id": "op", "kind": "circuit_dc", "circuit": "div"}]})");
}

double column(const RecordedSeries& s, std::size_t row, const std::string& name) {
    const int c = s.column(name);
    if (c < 0) throw std::runtime_error("no column " + name);
    return s.rows[row][static_cast<std::size_t>(c)];
}

}  // namespace

class CircuitProjectsTest : public QObject {
    Q_OBJECT
private slots:
    void circuitsSectionValidatesAndRoundTrips() {
        const json tree = divider();
        QCOMPARE(firstIssue(tree).first, std::string());
        // The schematic is the GUI's: kept exactly, whatever it holds.
        const Project p(tree);
        const Project back = parseProject(serializeProject(p));
        QCOMPARE(back.tree()["circuits"][0]["schematic"], tree["circuits"][0]["schematic"]);
        QVERIFY(back == p);
        // The divider's DC point: 1 V * 3k / 4k.
        const auto sink = runOne(back, "op");
        QCOMPARE(sink.series.at("dc").rows.size(), std::size_t(1));
        QVERIFY(std::fabs(sink.scalars.at("v(mid)") - 0.75) < 1e-12);
        QVERIFY(std::fabs(sink.scalars.at("i(R1)") - 0.25e-3) < 1e-15);
    }

    void badCircuitsArePathPrecise_data() {
        QTest::addColumn<QString>("pointer");  // JSON pointer to replace
        QTest::addColumn<QString>("value");    // replacement JSON
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");
        QTest::newRow("node not a string") << "/circuits/0/netlist/elements/1/nodes/1" << "3"
                                           << "circuits[0].netlist.elements[1].nodes[1]" << "node name";
        QTest::newRow("bad parameter") << "/circuits/0/netlist/elements/1/params/R" << "-5"
                                       << "circuits[0].netlist.elements[1].params.R" << "";
        QTest::newRow("unknown kind") << "/circuits/0/netlist/elements/1/kind" << R"("resistr")"
                                      << "circuits[0].netlist.elements[1].kind" << "unknown element kind";
        QTest::newRow("schematic not an object") << "/circuits/0/schematic" << "[]" << "circuits[0].schematic" << "object";
        QTest::newRow("duplicate id") << "/circuits/1" << R"({"id": "div", "netlist": {"elements": [
             {"kind": "resistor", "name": "R", "nodes": ["a", "0"]}, {"kind": "current_source", "name": "I", "nodes": ["a", "0"]}]}})"
                                      << "circuits[1].id" << "duplicate";
        QTest::newRow("cell without its devices") << "/circuits/0/cell" << R"({"id": "2m"})" << "circuits[0].cell"
                                                  << "no memristor";
        QTest::newRow("unknown circuit") << "/experiments/0/circuit" << R"("nope")" << "experiments[0].circuit"
                                         << "no circuit with id 'nope'";
    }
    void badCircuitsArePathPrecise() {
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        QFETCH(QString, path);
        QFETCH(QString, message);
        json tree = divider();
        tree[json::json_pointer(pointer.toStdString())] = json::parse(value.toStdString());
        const auto [p, m] = firstIssue(tree);
        qInfo("%s: %s", p.c_str(), m.c_str());
        QCOMPARE(QString::fromStdString(p), path);
        QVERIFY2(QString::fromStdString(m).contains(message), m.c_str());
        // The CLI's entry point refuses it too, with the same location.
        try {
            parseProject(tree.dump());
            QFAIL("no error");
        } catch (const InputError& e) {
            QCOMPARE(QString::fromStdString(e.path()), path);
        }
    }

    // A circuit saved mid-edit (a part placed, not yet wired) is a valid
    // document: it loads, and only running an experiment on it fails, with a
    // message naming the circuit, the node and an element on it.
    void connectivityBlocksRunNotLoad_data() {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");
        QTest::newRow("floating part") << "/circuits/0/netlist/elements/3"
                                       << R"({"kind": "resistor", "name": "R9", "nodes": ["n1", "n2"], "params": {"R": 1e3}})"
                                       << "circuits[0].netlist.elements[3].nodes[0]"
                                       << "nodes 'n1', 'n2' (at R9 terminal a) have no DC path to ground";
        QTest::newRow("floating node") << "/circuits/0/netlist/elements/2"
                                       << R"({"kind": "capacitor", "name": "C1", "nodes": ["mid", "x"], "params": {"C": 1e-9}})"
                                       << "circuits[0].netlist.elements[2].nodes[1]"
                                       << "node 'x' (at C1 terminal b) has no DC path to ground";
        QTest::newRow("no ground") << "/circuits/0/netlist/elements" << R"([
             {"kind": "voltage_source", "name": "V1", "nodes": ["in", "g"], "params": {"dc": 1}},
             {"kind": "resistor", "name": "R1", "nodes": ["in", "g"], "params": {"R": 1000}}])"
                                   << "circuits[0].netlist" << "no ground";
        QTest::newRow("voltage loop") << "/circuits/0/netlist/elements/2"
                                      << R"({"kind": "voltage_source", "name": "V2", "nodes": ["in", "0"], "params": {"dc": 2}})"
                                      << "circuits[0].netlist.elements[2]" << "voltage sources form a loop: V1, V2";
    }
    void connectivityBlocksRunNotLoad() {
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        QFETCH(QString, path);
        QFETCH(QString, message);
        json tree = divider();
        tree[json::json_pointer(pointer.toStdString())] = json::parse(value.toStdString());
        // Loads: validation and the file round trip accept it, schematic and all.
        QCOMPARE(firstIssue(tree).second, std::string());
        QTemporaryDir dir;
        const std::string file = dir.filePath("midedit.json").toStdString();
        {
            std::ofstream out(file);
            out << serializeProject(Project(tree));
        }
        const Project p = loadProjectFile(file);
        QCOMPARE(p.tree()["circuits"][0], tree["circuits"][0]);
        // The problem is known (the CLI's validate warns with it) ...
        const auto problems = checkCircuitConnectivity(p.tree()["circuits"][0], "circuits[0]");
        QCOMPARE(problems.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(problems.front().path), path);
        // ... and a run refuses it, naming circuit, node and element.
        try {
            runOne(p, "op");
            QFAIL("the run did not refuse the circuit");
        } catch (const InputError& e) {
            qInfo("%s", e.what());
            QCOMPARE(QString::fromStdString(e.path()), path);
            QVERIFY2(QString::fromStdString(e.why()).startsWith("circuit 'div' cannot be simulated: "), e.what());
            QVERIFY2(QString::fromStdString(e.why()).contains(message), e.what());
        }
        // Every circuit kind refuses it at run time, none at validation.
        const json cellTree = [&] {
            json t = tree;
            t["experiments"].push_back({{"id", "tr"}, {"kind", "circuit_transient"}, {"circuit", "div"}, {"duration", 1e-3}});
            return t;
        }();
        QCOMPARE(firstIssue(cellTree).second, std::string());
        QVERIFY_THROWS_EXCEPTION(InputError, runOne(Project(cellTree), "tr"));
    }

    void structuralErrorsStillRefuseTheLoad() {
        // Bad types, unknown kinds and bad numbers are not "mid-edit": refused at load.
        for (const auto& [pointer, value] : std::vector<std::pair<std::string, json>>{
                 {"/circuits/0/netlist/elements/1/kind", "resistr"},
                 {"/circuits/0/netlist/elements/1/params/R", "1k"},
                 {"/circuits/0/netlist/elements/1/params/R", -5},
                 {"/circuits/0/netlist/elements/1/nodes", "in"}}) {
            json tree = divider();
            tree["circuits"][0]["netlist"]["elements"].push_back(
                json::parse(R"({"kind": "resistor", "name": "R9", "nodes": ["n1", "n2"]})"));  // floating too
            tree[json::json_pointer(pointer)] = value;
            const auto [p, m] = firstIssue(tree);
            QCOMPARE(p.rfind("circuits[0].netlist.elements[1]", 0), std::size_t(0));
            QVERIFY_THROWS_EXCEPTION(InputError, parseProject(tree.dump()));
        }
    }

    void cellFromAnEditedNetlist() {
        // Add cell: buildCell -> circuit object -> CellCircuit again: same weight.
        const DeviceSpec hp{"linear_ion_drift", "hp_tio2", {}, std::nullopt};
        const CellCircuit built = buildCell("4m", hp);
        json object = circuitObjectFromCell(built, "b", "bridge");
        QCOMPARE(object["cell"]["memristors"], json({"M1", "M2", "M3", "M4"}));
        QVERIFY(!object.contains("schematic"));
        // Edit the netlist: M2's initial resistance, as the parameter editor would.
        object["netlist"]["elements"][2]["device"]["params"]["Rinit"] = 2000.0;
        QVERIFY(checkCircuitObject(object, "circuits[0]").empty());
        const CellCircuit cell = cellFromCircuitObject(object, "circuits[0]");
        Circuit c(cell.netlist);
        const double r1 = 11e3, r2 = 2000.0;  // hp_tio2 starts at Rinit = 11 kohm
        const double expected = r2 / (r1 + r2) - 0.5;
        QVERIFY(std::fabs(cellWeight(cell, c) - expected) < 1e-12);
        // The read sees that weight: (V(a) - V(b)) / V_read.
        c.setStimulus(cell.programSource, std::nullopt, cell.readVoltage);
        const Solution s = dcOperatingPoint(c);
        QVERIFY(std::fabs((c.voltage(s, "a") - c.voltage(s, "b")) / cell.readVoltage - expected) < 1e-9);
        // A cell block that does not fit: wrong number of devices, a non-source.
        json bad = object;
        bad["cell"]["memristors"] = {"M1", "M2"};
        QCOMPARE(checkCircuitObject(bad, "circuits[3]").front().path, std::string("circuits[3].cell.memristors"));
        bad = object;
        bad["cell"]["programSource"] = "M1";
        QCOMPARE(checkCircuitObject(bad, "circuits[3]").front().path, std::string("circuits[3].cell.programSource"));
    }

    void twoMemristorExample() {
        const Project p = loadProjectFile(example("2m-differential-synapse.json"));
        const auto curve = runOne(p, "weight_curve");
        const double w0 = curve.scalars.at("w_initial"), wMax = curve.scalars.at("w_max"), wEnd = curve.scalars.at("w_final");
        qInfo("2M weight: initial %.3g S, max %.3g S, final %.3g S, %g sign changes", w0, wMax, wEnd,
              curve.scalars.at("sign_changes"));
        QVERIFY(w0 < 0.0);    // M+ OFF, M- ON
        QVERIFY(wMax > 0.0);  // through 0 to positive
        QVERIFY(wEnd < 0.0);  // and back
        QVERIFY(curve.scalars.at("sign_changes") >= 2);
        const auto& rows = curve.series.at("weight").rows;
        QCOMPARE(rows.size(), std::size_t(41));
        for (std::size_t k = 1; k <= 20; ++k) QVERIFY(rows[k][3] > rows[k - 1][3]);   // LTP raises w
        for (std::size_t k = 21; k <= 40; ++k) QVERIFY(rows[k][3] < rows[k - 1][3]);  // LTD lowers it
        // w = G+ - G- from the R columns.
        for (const auto& r : rows) QVERIFY(std::fabs(r[3] - (1.0 / r[4] - 1.0 / r[5])) < 1e-12 * std::fabs(1.0 / r[5]));

        // Transient: one series, t then every node voltage and element current;
        // the TIA holds its input at 0 V and outputs -Rf times what flows in.
        const auto tr = runOne(p, "sine_drive");
        const auto& s = tr.series.at("transient");
        std::vector<std::string> names;
        for (const auto& c : s.columns) names.push_back(c.name);
        const std::vector<std::string> expected = {"t", "v(in)", "v(inb)", "v(sum)", "v(out)", "i(Vin)", "i(E1)",
                                                   "i(Mp)", "i(Mn)", "i(T1)", "x(Mp)", "x(Mn)"};
        QCOMPARE(names, expected);
        QCOMPARE(s.rows.size(), std::size_t(401));
        double peak = 0.0;
        for (std::size_t k = 0; k < s.rows.size(); ++k) {
            const double t = column(s, k, "t");
            QVERIFY(std::fabs(column(s, k, "v(in)") - 1.8 * std::sin(2 * M_PI * 5e4 * t)) < 1e-9);
            QVERIFY(std::fabs(column(s, k, "v(inb)") + column(s, k, "v(in)")) < 1e-9);
            const double iin = column(s, k, "i(Mp)") + column(s, k, "i(Mn)");
            QVERIFY(std::fabs(column(s, k, "v(out)") + 1e4 * iin) < 1e-6 * (1.0 + std::fabs(1e4 * iin)));
            peak = std::max(peak, std::fabs(column(s, k, "v(out)")));
        }
        QVERIFY(peak > 0.1);
        QVERIFY(tr.scalars.count("dc_v(out)") == 1);

        // DC transfer: V(out) = -Rf Vin (G+ - G-) at the initial states.
        const auto dc = runOne(p, "transfer");
        const auto& d = dc.series.at("dc");
        const double w = curve.series.at("weight").rows[0][3];
        QCOMPARE(d.rows.size(), std::size_t(21));
        for (std::size_t k = 0; k < d.rows.size(); ++k) {
            const double vin = column(d, k, "sweep");
            QVERIFY(std::fabs(column(d, k, "v(out)") + 1e4 * vin * w) < 1e-6 * std::fabs(1e4 * 0.2 * w));
        }
    }

    void bridgeExample() {
        const Project p = loadProjectFile(example("4m-bridge-synapse.json"));
        const auto curve = runOne(p, "bridge_weight");
        const double w0 = curve.scalars.at("w_initial"), wMax = curve.scalars.at("w_max"), wEnd = curve.scalars.at("w_final");
        qInfo("4M weight: initial %.3g, max %.3g, final %.3g", w0, wMax, wEnd);
        QVERIFY(std::fabs(w0) < 1e-12);  // balanced bridge
        QVERIFY(wMax > 0.05 && wMax <= 1.0);
        QVERIFY(wEnd < -0.05 && wEnd >= -1.0);
        // The bridge weight is the read output per input volt: a balanced
        // bridge reads 0 at every input.
        const auto dc = runOne(p, "read_transfer");
        for (const auto& r : dc.series.at("dc").rows) QVERIFY(std::fabs(r[dc.series.at("dc").column("v(a)")] -
                                                                         r[dc.series.at("dc").column("v(b)")]) < 1e-12);
        // Transient: KCL at the source, every sample.
        const auto tr = runOne(p, "sine_drive");
        const auto& s = tr.series.at("transient");
        for (std::size_t k = 0; k < s.rows.size(); ++k) {
            // Currents leave node in through M1 (in -> a) and enter it through M3 (b -> in).
            const double iM = column(s, k, "i(M1)") - column(s, k, "i(M3)");
            QVERIFY(std::fabs(column(s, k, "i(Vin)") + iM) < 1e-9 * (1e-6 + std::fabs(iM)));
        }
    }

    void writeVerifyExample() {
        const Project p = loadProjectFile(example("1m1t-write-verify.json"));
        for (const char* id : {"set_50uS", "reset_15uS"}) {
            const auto r = runOne(p, id);
            const double target = p.experiment(id)->at("targetConductance").get<double>();
            qInfo("%s: %.3g S -> %.4g S in %g pulses, error %.3g", id, r.scalars.at("initial_conductance"),
                  r.scalars.at("final_conductance"), r.scalars.at("pulses_used"), r.scalars.at("final_error"));
            QCOMPARE(r.scalars.at("converged"), 1.0);
            QVERIFY(std::fabs(r.scalars.at("final_conductance") / target - 1.0) <= 0.02);
            QVERIFY(r.scalars.at("pulses_used") > 1);
            const auto& rows = r.series.at("write_verify").rows;
            QCOMPARE(rows.size(), std::size_t(r.scalars.at("pulses_used")) + 1);
            QVERIFY(std::fabs(rows.back()[2] - r.scalars.at("final_conductance")) < 1e-15);
        }
        const auto tr = runOne(p, "reset_pulses");
        const auto& s = tr.series.at("transient");
        // RESET pulses move the state up (OFF) and the memristor and transistor share one current.
        QVERIFY(s.rows.back()[static_cast<std::size_t>(s.column("x(M1)"))] >
                s.rows.front()[static_cast<std::size_t>(s.column("x(M1)"))] + 0.02 * 3e-9);
        for (std::size_t k = 0; k < s.rows.size(); ++k)
            QVERIFY(std::fabs(column(s, k, "i(M1)") - column(s, k, "i(Q1)")) < 1e-9 * (1e-9 + std::fabs(column(s, k, "i(M1)"))));
    }

    void stdpExample() {
        const Project p = loadProjectFile(example("stdp-window.json"));
        const auto r = runOne(p, "stdp_window");
        const auto& rows = r.series.at("stdp").rows;
        QCOMPARE(r.series.at("stdp").columns.front().name, std::string("dt"));
        QCOMPARE(rows.size(), std::size_t(12));
        for (const auto& row : rows) qInfo("dt %+.2e s  dw %+.4g", row[0], row[1]);
        std::vector<std::pair<double, double>> ltp, ltd;
        for (const auto& row : rows) (row[0] > 0 ? ltp : ltd).push_back({std::fabs(row[0]), row[1]});
        std::sort(ltp.begin(), ltp.end());
        std::sort(ltd.begin(), ltd.end());
        for (const auto& [dt, dw] : ltp) QVERIFY(dw >= 0.0);
        for (const auto& [dt, dw] : ltd) QVERIFY(dw <= 0.0);
        QVERIFY(ltp.front().second > 0.05 && ltd.front().second < -0.05);
        for (std::size_t k = 1; k < ltp.size(); ++k) QVERIFY(ltp[k].second <= ltp[k - 1].second);
        for (std::size_t k = 1; k < ltd.size(); ++k) QVERIFY(ltd[k].second >= ltd[k - 1].second);
        QVERIFY(r.scalars.at("dw_max") > 0 && r.scalars.at("dt_at_dw_max") > 0);
        QVERIFY(r.scalars.at("dw_min") < 0 && r.scalars.at("dt_at_dw_min") < 0);
        qInfo("decay lengths: LTP %.3g s, LTD %.3g s", r.scalars.at("tau_ltp"), r.scalars.at("tau_ltd"));
        QVERIFY(r.scalars.at("tau_ltp") > 0);
        // The spike-pair circuit: dt = +200 us potentiates (VTEAM: G up means x down).
        const auto tr = runOne(p, "spike_pair");
        const auto& s = tr.series.at("transient");
        QVERIFY(s.rows.back()[static_cast<std::size_t>(s.column("x(M1)"))] <
                s.rows.front()[static_cast<std::size_t>(s.column("x(M1)"))]);
    }

    void kindsEstimateMemoryAndExport() {
        for (const char* file : {"2m-differential-synapse.json", "4m-bridge-synapse.json", "1m1t-write-verify.json",
                                 "stdp-window.json"}) {
            const Project p = loadProjectFile(example(file));
            for (const auto& id : p.experimentIds()) {
                const json& e = *p.experiment(id);
                const auto* kind = experimentKindRegistry().find(e["kind"].get<std::string>());
                QVERIFY(kind);
                const double bytes = kind->memoryEstimate(e, p);
                QVERIFY(bytes > 0 && bytes < 1e9);
                if (kind->exportSpice) {
                    const std::string net = kind->exportSpice(e, p);
                    QVERIFY2(net.find(".end") != std::string::npos, id.c_str());
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(CircuitProjectsTest)
#include "test_circuit_projects.moc"
