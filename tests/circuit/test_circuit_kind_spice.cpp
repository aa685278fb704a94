// SPICE export of the experiment kinds that build their own circuit: the
// stdp_window kind writes the spike pair at its first Delta t; ngspice runs it
// in batch and agrees with our simulator on every node voltage, branch
// current and the memristor state within 0.5 % (of the signal's peak; of the
// state's range), and on that pair's Delta w within 0.5 %.
#include <QtTest>

#include <cmath>

#include <nlohmann/json.hpp>

#include "core/circuit/CellExperiments.h"
#include "core/circuit/elements/MemristorElement.h"
#include "core/project/ExperimentKind.h"
#include "core/project/kinds/CircuitKindSupport.h"
#include "tests/circuit/CircuitTestSupport.h"
#include "tests/support/Ngspice.h"

using namespace ms;
using namespace ms::circuit;
using mstest::NgspiceOutput;
using mstest::interpolate;
using nlohmann::json;

namespace {

std::string example(const char* name) { return std::string(MS_SOURCE_DIR) + "/projects/" + name; }

// The STDP example with the sweep starting at `firstDt`.
Project stdpProject(double firstDt) {
    Project p = loadProjectFile(example("stdp-window.json"));
    for (auto& e : p.tree()["experiments"])
        if (e["id"] == "stdp_window") e["deltaT"] = json::array({firstDt, -firstDt});
    return p;
}

}  // namespace

class CircuitKindSpiceTest : public QObject {
    Q_OBJECT
private slots:
    void stdpPairAgreesWithNgspice_data() {
        QTest::addColumn<double>("dt");
        QTest::newRow("dt = +200 us (potentiation)") << 2e-4;
        QTest::newRow("dt = -150 us (depression)") << -1.5e-4;
    }
    void stdpPairAgreesWithNgspice() {
        QFETCH(double, dt);
        const Project p = stdpProject(dt);
        const json& e = *p.experiment("stdp_window");
        const ExperimentKindInfo* kind = experimentKindRegistry().find("stdp_window");
        QVERIFY(kind && kind->exportSpice);
        const std::string netlist = kind->exportSpice(e, p);
        QVERIFY(netlist.find("PWL(") != std::string::npos);

        QTemporaryDir dir;
        NgspiceOutput out;
        std::string err;
        // The netlist writes stdp_window.data; the reader looks for out.data.
        std::string renamed = netlist;
        for (auto at = renamed.find("stdp_window.data"); at != std::string::npos; at = renamed.find("stdp_window.data"))
            renamed.replace(at, 16, "out.data");
        QVERIFY2(mstest::runNgspice(renamed, dir.path(), out, err), err.c_str());
        QVERIFY2(out.table.size() > 100, out.log.c_str());

        // Our transient of the same pair (the circuit the run simulates).
        StdpOptions o;
        o.spike = {e["aPlus"], e["tPlus"], e["aMinus"], e["tau"], e["tTail"]};
        o.readVoltage = e["readVoltage"];
        const DeviceSpec device{"vteam", "analog_vteam", {}, std::nullopt};
        const StdpPairCircuit pair = stdpPairCircuit(device, o, dt);
        Circuit c(pair.netlist);
        std::vector<std::string> probes;  // in the export's order
        for (const auto& probe : circuit_kinds::allProbes(c)) {
            try {
                spiceVector(c, probe);
                probes.push_back(probe);
            } catch (const InputError&) {
            }
        }
        QCOMPARE(out.table.front().size(), probes.size() + 1);
        const double g0 = 1.0 / c.readResistance("M1", o.readVoltage);
        RecordingSink sink;
        StopToken stop;
        CircuitTransientOptions to;
        to.duration = pair.duration;
        to.samples = 400;
        to.tol.relTol = 1e-6;
        to.probes = probes;
        runTransient(c, to, sink, stop);
        const auto& ours = sink.series.at("circuit");
        const auto& m = c.memristor("M1");
        for (std::size_t k = 0; k < probes.size(); ++k) {
            const bool state = probes[k][0] == 'x';
            double peak = 0.0, worst = 0.0;
            for (const auto& r : ours.rows) peak = std::max(peak, std::fabs(r[k + 1]));
            for (const auto& r : ours.rows) {
                const double mine = state ? m.fraction(m.toUnknown(r[k + 1])) : r[k + 1];
                // Rows on a spike edge compare a jump with ngspice's ramp: skip the edges' neighbourhood.
                const double theirs = interpolate(out.table, k + 1, r[0]);
                const double before = interpolate(out.table, k + 1, r[0] - 2e-7), after = interpolate(out.table, k + 1, r[0] + 2e-7);
                if (!state && std::fabs(after - before) > 1e-3 * peak) continue;
                worst = std::max(worst, std::fabs(mine - theirs) / (state ? 1.0 : std::max(peak, 1e-30)));
            }
            qInfo("%-10s peak %.4g  max |ours - ngspice| / %s = %.2g", probes[k].c_str(), peak, state ? "range" : "peak", worst);
            QVERIFY2(worst < 5e-3, probes[k].c_str());
        }
        // Delta w of the pair: ngspice's final state read as we read ours.
        const double xSpice = out.table.back()[probes.size()];  // x(M1) is the last probe
        QCOMPARE(probes.back(), std::string("x(M1)"));
        const double g1 = 1.0 / c.readResistance("M1", o.readVoltage);
        c.setState("M1", m.toState(xSpice));
        const double g1Spice = 1.0 / c.readResistance("M1", o.readVoltage);
        const double dw = (g1 - g0) / g0, dwSpice = (g1Spice - g0) / g0;
        // ... and the kind's own run gives the same point.
        RecordingSink run;
        runExperiment(p, "stdp_window", run, stop);
        const double dwRun = run.series.at("stdp").rows.front()[1];
        qInfo("dt %+.3g s: dw ours %.6g, kind run %.6g, ngspice %.6g", dt, dw, dwRun, dwSpice);
        QVERIFY(std::fabs(dw) > 0.05);  // the pair really programs the device
        QVERIFY(std::fabs(dwRun - dw) < 1e-3 * std::fabs(dw));
        QVERIFY(std::fabs(dwSpice - dw) < 5e-3 * std::fabs(dw));
    }
};

QTEST_GUILESS_MAIN(CircuitKindSpiceTest)
#include "test_circuit_kind_spice.moc"
