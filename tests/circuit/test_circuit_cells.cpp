// Synapse cells and their experiments: metadata, weights against their
// expressions (read through the circuit), LTP/LTD curves, the STDP window's
// shape, and write-verify reaching its target.
#include <QtTest>

#include <cmath>

#include "core/circuit/Analysis.h"
#include "core/circuit/CellExperiments.h"
#include "core/circuit/NetlistJson.h"
#include "core/circuit/SynapseCell.h"
#include "core/common/Errors.h"
#include "tests/circuit/CircuitTestSupport.h"

using namespace ms;
using namespace ms::circuit;

namespace {
const DeviceSpec kHp{"linear_ion_drift", "hp_tio2", {}, std::nullopt};
const DeviceSpec kVteam{"vteam", "analog_vteam", {}, std::nullopt};

Solution readAt(const CellCircuit& cell, Circuit& c) {
    c.setStimulus(cell.programSource, std::nullopt, cell.readVoltage);
    return dcOperatingPoint(c);
}
}  // namespace

class CircuitCellsTest : public QObject {
    Q_OBJECT
private slots:
    void registryFacts() {
        const auto& reg = cellRegistry();
        QCOMPARE(reg.all().size(), std::size_t(4));
        QCOMPARE(reg.find("1m")->areaF2, 4.0);
        QCOMPARE(reg.find("2m")->areaF2, 8.0);
        QCOMPARE(reg.find("1m1t")->areaF2, 24.0);
        QCOMPARE(reg.find("4m")->areaF2, 16.0);
        QCOMPARE(reg.find("2m")->range, std::string("+, 0, -"));
        QCOMPARE(reg.find("1m")->range, std::string("+"));
        QCOMPARE(reg.find("4m")->weightExpression, std::string("M2/(M1+M2) - M4/(M3+M4)"));
        for (const auto& c : reg.all()) QVERIFY(checkAgainstSpecs(c.params, withDefaults(c.params)).empty());
        try {
            buildCell("3m", kHp);
            QFAIL("no error");
        } catch (const InputError& e) {
            QVERIFY(QString(e.what()).contains("unknown synapse cell '3m'"));
        }
        try {
            buildCell("1m", kHp, {{"vRead", -1.0}});
            QFAIL("no error");
        } catch (const InputError& e) {
            QCOMPARE(e.path(), std::string("cell.params.vRead"));
        }
    }

    void weightsMatchExpressions() {
        // HP devices have a linear I-V, so what the circuit reads equals the
        // expression exactly.
        {
            CellCircuit cell = buildCell("1m", kHp);
            Circuit c(cell.netlist);
            c.setState("M1", 0.42);
            const double r = 100 * 0.42 + 16e3 * 0.58;
            QVERIFY(std::fabs(cellWeight(cell, c) - 1.0 / r) < 1e-15);
            const Solution s = readAt(cell, c);
            QVERIFY(std::fabs(c.current(s, "M1") / cell.readVoltage - 1.0 / r) < 1e-12 / r);
        }
        {
            CellCircuit cell = buildCell("2m", kHp);
            Circuit c(cell.netlist);
            c.setState("Mp", 0.3);
            c.setState("Mn", 0.3);
            QVERIFY(std::fabs(cellWeight(cell, c)) < 1e-18);  // equal devices: weight 0
            c.setState("Mn", 0.8);
            const double gp = 1.0 / (100 * 0.3 + 16e3 * 0.7), gn = 1.0 / (100 * 0.8 + 16e3 * 0.2);
            QVERIFY(std::fabs(cellWeight(cell, c) - (gp - gn)) < 1e-15);
            QVERIFY(cellWeight(cell, c) < 0.0);  // the negative range
            const Solution s = readAt(cell, c);
            const double w = -c.voltage(s, "out") / (10e3 * cell.readVoltage);
            QVERIFY(std::fabs(w - (gp - gn)) < 1e-12 * std::fabs(gp - gn));
        }
        {
            CellCircuit cell = buildCell("4m", kHp);
            Circuit c(cell.netlist);
            const double x[4] = {0.1, 0.7, 0.45, 0.2};
            double r[4];
            for (int k = 0; k < 4; ++k) {
                c.setState(cell.memristors[static_cast<std::size_t>(k)], x[k]);
                r[k] = 100 * x[k] + 16e3 * (1 - x[k]);
            }
            const double w = r[1] / (r[0] + r[1]) - r[3] / (r[2] + r[3]);
            QVERIFY(std::fabs(cellWeight(cell, c) - w) < 1e-15);
            const Solution s = readAt(cell, c);
            QVERIFY(std::fabs((c.voltage(s, "a") - c.voltage(s, "b")) / cell.readVoltage - w) < 1e-12);
        }
        {
            CellCircuit cell = buildCell("1m1t", kVteam);
            Circuit c(cell.netlist);
            c.setState("M1", 0.9e-9);
            const double r = 10e3 * std::exp(std::log(10.0) * 0.3);
            QVERIFY(std::fabs(cellWeight(cell, c) - 1.0 / r) < 1e-12 / r);
            // The read current sees the memristor and the transistor in series.
            const double g = readConductance(cell, c);
            QVERIFY(g < 1.0 / r && g > 0.7 / r);
        }
    }

    void netlistSurvivesJson() {
        // A cell with a PWL source and a windowed device survives a save and
        // load, and solves to the same point.
        CellCircuit cell = buildCell("4m", DeviceSpec{"linear_ion_drift", "hp_tio2", {{"Ron", 200}},
                                                      WindowChoice{"biolek", {{"p", 3}}}});
        cell.netlist.find("Vin")->stimulus = StimulusSpec{"pwl", {}, {{0.0, 0.0}, {1e-3, 0.4}, {2e-3, -0.1}}};
        const std::string text = netlistToJson(cell.netlist).dump();
        const Netlist back = netlistFromJson(nlohmann::json::parse(text));
        QCOMPARE(netlistToJson(back).dump(), text);
        QCOMPARE(back.find("M3")->device->window->params.at("p"), 3.0);
        QCOMPARE(back.find("Vin")->stimulus->points.size(), std::size_t(3));
        Circuit a(cell.netlist), b(back);
        QCOMPARE(a.voltage(dcOperatingPoint(a, 1e-3), "a"), b.voltage(dcOperatingPoint(b, 1e-3), "a"));
        try {
            netlistFromJson(nlohmann::json::parse(R"({"elements": [{"kind": "resistor", "name": "R1", "nodes": ["a", 3]}]})"));
            QFAIL("no error");
        } catch (const InputError& e) {
            QCOMPARE(e.path(), std::string("circuit.elements[0].nodes[1]"));
        }
    }

    void ltpLtdCurves() {
        // 4M bridge of HP devices: positive pulses raise the weight, negative
        // ones lower it, each pulse by a nonzero step.
        CellCircuit cell = buildCell("4m", kHp);
        PulseCurveOptions o;
        o.ltpAmplitude = 1.0;
        o.ltdAmplitude = -1.0;
        o.width = 0.05;
        o.ltpPulses = o.ltdPulses = 8;
        RecordingSink sink;
        StopToken stop;
        const auto w = runCellPulseCurve(cell, o, sink, stop);
        QCOMPARE(w.size(), std::size_t(17));
        QVERIFY(std::fabs(w[0]) < 1e-15);
        for (std::size_t k = 1; k <= 8; ++k) QVERIFY(w[k] > w[k - 1] + 1e-4);
        for (std::size_t k = 9; k <= 16; ++k) QVERIFY(w[k] < w[k - 1] - 1e-4);
        QVERIFY(w[8] <= 1.0 && w[16] >= -1.0);
        QCOMPARE(sink.series.at("weight").rows.size(), std::size_t(17));
        qInfo("4M LTP/LTD: w after 8 LTP %.4f, after 8 LTD %.4f", w[8], w[16]);

        // 2M with VTEAM: negative pulses raise G+ and lower G- (push-pull).
        CellCircuit two = buildCell("2m", kVteam);
        o.ltpAmplitude = -1.4;
        o.ltdAmplitude = 1.4;
        o.width = 1e-6;
        o.ltpPulses = o.ltdPulses = 5;
        RecordingSink second;  // a sink records one run, as the CLI's does
        const auto w2 = runCellPulseCurve(two, o, second, stop);
        for (std::size_t k = 1; k <= 5; ++k) QVERIFY(w2[k] > w2[k - 1]);
        for (std::size_t k = 6; k <= 10; ++k) QVERIFY(w2[k] < w2[k - 1]);
        QVERIFY(w2[5] > 0.0);
    }

    void stdpWindowShape() {
        StdpOptions o;
        o.deltaT = {-6e-4, -4e-4, -3e-4, -2e-4, -1.5e-4, 1.5e-4, 2e-4, 3e-4, 4e-4, 6e-4};
        // Neither spike alone crosses the +-0.8 V thresholds.
        QVERIFY(o.spike.aPlus < 0.8 && o.spike.aMinus < 0.8);
        RecordingSink sink;
        StopToken stop;
        const auto pts = runStdpWindow(kVteam, o, sink, stop);
        QCOMPARE(pts.size(), o.deltaT.size());
        for (const auto& p : pts) qInfo("dt = %+.2e s  dw = %+.4g", p.dt, p.dw);
        // Potentiation after (dt > 0), depression before (dt < 0), decaying
        // with |dt|.
        for (std::size_t k = 0; k < 5; ++k) QVERIFY(pts[k].dw < 0.0 || pts[k].dt < -5e-4);
        for (std::size_t k = 5; k < 10; ++k) QVERIFY(pts[k].dw > 0.0 || pts[k].dt > 5e-4);
        for (std::size_t k = 1; k < 5; ++k) QVERIFY(std::fabs(pts[k].dw) > std::fabs(pts[k - 1].dw));
        for (std::size_t k = 6; k < 10; ++k) QVERIFY(std::fabs(pts[k].dw) < std::fabs(pts[k - 1].dw));
        QVERIFY(pts[5].dw > 0.05 && pts[4].dw < -0.05);
        QVERIFY(std::fabs(pts[9].dw) < 0.01 * pts[5].dw);
    }

    void writeVerifyReachesTarget_data() {
        QTest::addColumn<double>("target");
        QTest::newRow("SET to 50 uS") << 50e-6;
        QTest::newRow("RESET to 15 uS") << 15e-6;
    }
    void writeVerifyReachesTarget() {
        QFETCH(double, target);
        CellCircuit cell = buildCell("1m1t", kVteam);
        Circuit c(cell.netlist);
        WriteVerifyOptions o;
        o.targetConductance = target;
        o.tolerance = 0.02;
        o.setStart = -0.9;   // VTEAM: negative voltage raises G
        o.resetStart = 0.9;
        o.step = 0.05;
        o.width = 1e-6;
        o.maxPulses = 300;
        RecordingSink sink;
        StopToken stop;
        const double g0 = readConductance(cell, c);
        const WriteVerifyResult r = runWriteVerify(cell, c, o, sink, stop);
        qInfo("write-verify %.3g S -> %.4g S in %zu pulses, final error %.3g", g0, r.finalConductance, r.pulses,
              r.finalError);
        QVERIFY(r.converged);
        QVERIFY(std::fabs(r.finalError) <= 0.02);
        QVERIFY(std::fabs(readConductance(cell, c) - target) <= 0.02 * target);
        QVERIFY(r.pulses > 1);
        QCOMPARE(sink.scalars.at("pulses_used"), double(r.pulses));
        QCOMPARE(sink.series.at("write_verify").rows.size(), r.pulses + 1);
    }
};

QTEST_GUILESS_MAIN(CircuitCellsTest)
#include "test_circuit_cells.moc"
