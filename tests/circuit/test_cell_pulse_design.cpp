// Designed pulses for synapse cells (issue 18): cell_pulse_curve accepts
// pulse_ltp_ltd's schemes designed_amplitude and designed_width, designing
// the train on the cell's memristor model (core/sim/PulseDesigner.h). On a 1M
// cell of the analog VTEAM preset, the source is across the device, so the
// designed amplitudes must linearise the cell's weight curve as they do the
// device's (tests/sim/tst_pulse_designer.cpp): |NL| below 0.5 on both
// branches, where identical -/+1.6 V, 1 us pulses give a strongly
// saturating depression.
#include <QtTest>

#include <cmath>

#include <nlohmann/json.hpp>

#include "core/common/Errors.h"
#include "core/project/ExperimentKind.h"
#include "core/project/Project.h"
#include "tests/circuit/CircuitTestSupport.h"

using nlohmann::json;

namespace {

json cellProject(const json& experiment) {
    json tree = json::parse(R"({"format": "memristor-studio-project", "version": 1, "name": "t",
      "circuits": [{"id": "syn1m", "name": "1M cell",
        "netlist": {"title": "1M synapse", "elements": [
          {"kind": "voltage_source", "name": "Vin", "nodes": ["in", "0"], "params": {"dc": 0}},
          {"kind": "memristor", "name": "M1", "nodes": ["in", "x"], "device": {"model": "vteam", "preset": "analog_vteam"}},
          {"kind": "tia", "name": "T1", "nodes": ["x", "out"], "params": {"Rf": 10000}}]},
        "cell": {"id": "1m", "memristors": ["M1"], "programSource": "Vin", "readElement": "M1", "readVoltage": 0.1}}]})");
    json e = json::parse(R"({"id": "curve", "kind": "cell_pulse_curve", "circuit": "syn1m", "ltpPulses": 50,
        "ltdPulses": 50, "ltpAmplitude": -1.6, "ltdAmplitude": 1.6, "width": 1e-6})");
    if (experiment.is_object()) e.update(experiment);
    tree["experiments"] = json::array({e});
    return tree;
}

RecordingSink run(const json& tree) {
    RecordingSink sink;
    ms::StopToken stop;
    ms::runExperiment(ms::Project(tree), "curve", sink, stop);
    return sink;
}

std::string firstIssue(const json& experiment) {
    const auto issues = ms::Project(cellProject(experiment)).validate();
    return issues.empty() ? "(valid)" : issues.front().path + ": " + issues.front().message;
}

}  // namespace

class CellPulseDesignTest : public QObject {
    Q_OBJECT
private slots:
    void designedAmplitudesLineariseTheCell() {
        const RecordingSink identical = run(cellProject(json::object()));
        const RecordingSink designed = run(cellProject({{"scheme", "designed_amplitude"}}));
        const auto& s = designed.scalars;
        qInfo("identical train: NL %.3f / %.3f, asymmetry %.3f", identical.scalars.at("NL_LTP"),
              identical.scalars.at("NL_LTD"), identical.scalars.at("asymmetry"));
        qInfo("designed (before, reported by the run): NL %.3f / %.3f, asymmetry %.3f", s.at("NL_LTP_identical"),
              s.at("NL_LTD_identical"), s.at("asymmetry_identical"));
        qInfo("designed: NL %.3f / %.3f, asymmetry %.3f", s.at("NL_LTP"), s.at("NL_LTD"), s.at("asymmetry"));
        // The run's "before" is the identical train's own curve.
        QCOMPARE(s.at("NL_LTP_identical"), identical.scalars.at("NL_LTP"));
        QCOMPARE(s.at("NL_LTD_identical"), identical.scalars.at("NL_LTD"));
        QVERIFY(std::fabs(identical.scalars.at("NL_LTD")) > 1.0);
        QVERIFY(std::fabs(s.at("NL_LTP")) < 0.5);
        QVERIFY(std::fabs(s.at("NL_LTD")) < 0.5);
        QVERIFY(s.at("asymmetry") < s.at("asymmetry_identical"));
        // The designed pulses, and the weight curve driven with them.
        const RecordedSeries& pulses = designed.series.at("designed_pulses");
        QCOMPARE(pulses.rows.size(), std::size_t(100));
        const RecordedSeries& w = designed.series.at("weight");
        QCOMPARE(w.rows.size(), std::size_t(101));
        const int cv = w.column("V"), ca = pulses.column("amplitude");
        for (std::size_t k = 0; k < 100; ++k) {
            QCOMPARE(w.rows[k + 1][static_cast<std::size_t>(cv)], pulses.rows[k][static_cast<std::size_t>(ca)]);
            QVERIFY(std::fabs(pulses.rows[k][static_cast<std::size_t>(ca)]) <= 3.0);
        }
    }

    void designedWidthsRun() {
        const RecordingSink designed = run(cellProject({{"scheme", "designed_width"}, {"ltpPulses", 10}, {"ltdPulses", 10},
                                                        {"minWidth", 1e-9}, {"maxWidth", 1e-4}}));
        const auto& s = designed.scalars;
        qInfo("designed widths: NL %.3f / %.3f (identical %.3f / %.3f)", s.at("NL_LTP"), s.at("NL_LTD"),
              s.at("NL_LTP_identical"), s.at("NL_LTD_identical"));
        QVERIFY(std::fabs(s.at("NL_LTP")) < 0.5);
        QVERIFY(std::fabs(s.at("NL_LTD")) < 0.5);
    }

    void badSchemeInputNamesItsPath() {
        QCOMPARE(QString::fromStdString(firstIssue({{"scheme", "designed_amplitude"}})), QString("(valid)"));
        QVERIFY(QString::fromStdString(firstIssue({{"scheme", "designed"}})).startsWith("experiments[0].scheme: must be"));
        QVERIFY(QString::fromStdString(firstIssue({{"scheme", "designed_amplitude"}, {"ltdAmplitude", -1}}))
                    .startsWith("experiments[0].ltdAmplitude: must have the opposite sign"));
        QVERIFY(QString::fromStdString(firstIssue({{"scheme", "designed_width"}, {"minWidth", 1e-3}, {"maxWidth", 1e-6}}))
                    .startsWith("experiments[0].maxWidth: must exceed minWidth"));
        // A target beyond the searched range is refused at the setting that limits it.
        RecordingSink sink;
        ms::StopToken stop;
        try {
            ms::runExperiment(ms::Project(cellProject({{"scheme", "designed_amplitude"}, {"maxAmplitude", 0.5}})), "curve",
                              sink, stop);
            QFAIL("an unreachable design ran");
        } catch (const ms::InputError& e) {
            qInfo("%s: %s", e.path().c_str(), e.why().c_str());
            QCOMPARE(QString::fromStdString(e.path()), QString("experiment.maxAmplitude"));
        }
    }
};

QTEST_APPLESS_MAIN(CellPulseDesignTest)
#include "test_cell_pulse_design.moc"
