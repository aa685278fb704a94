// Pulse designer (issue 18): non-identical pulses that linearise the analog
// VTEAM preset's LTP/LTD curve, steps equal within a stated tolerance, and
// an unreachable target refused at the setting that limits it.
#include <QtTest>

#include <cmath>

#include <nlohmann/json.hpp>

#include "SimTestSupport.h"
#include "core/common/Errors.h"
#include "core/project/ExperimentKind.h"
#include "core/project/Project.h"
#include "core/sim/PulseDesigner.h"
#include "core/sim/PulseExperiment.h"

using namespace mstest;

namespace {

std::unique_ptr<ms::MemristorModel> analogVteam() {
    ms::DeviceSpec spec;
    spec.modelId = "vteam";
    spec.presetId = "analog_vteam";
    return ms::instantiateDevice(spec);
}

// projects/ltp-ltd-pulses.json's train: 50 + 50 pulses of -/+1.6 V, 1 us, 1 us gaps, read at 0.1 V.
ms::PulseProtocol shippedTrain() {
    ms::PulseProtocol p;
    p.potentiationPulses = p.depressionPulses = 50;
    p.potentiationAmplitude = -1.6;
    p.depressionAmplitude = 1.6;
    p.width = 1e-6;
    p.gap = 1e-6;
    p.readVoltage = 0.1;
    return p;
}

nlohmann::json projectWith(const nlohmann::json& experiment) {
    nlohmann::json base = nlohmann::json::parse(R"({"id": "e", "kind": "pulse_ltp_ltd",
        "device": {"model": "vteam", "preset": "analog_vteam"}, "scheme": "designed_amplitude",
        "potentiationPulses": 20, "depressionPulses": 20, "potentiationAmplitude": -1.6, "depressionAmplitude": 1.6,
        "width": 1e-6, "gap": 1e-6, "readVoltage": 0.1})");
    if (experiment.is_object()) base.update(experiment);  // {} arrives as null
    return {{"format", "memristor-studio-project"}, {"version", 1}, {"name", "t"}, {"experiments", {base}}};
}

std::string firstIssue(const nlohmann::json& experiment) {
    const auto issues = ms::Project(projectWith(experiment)).validate();
    return issues.empty() ? "(valid)" : issues.front().path + ": " + issues.front().message;
}

}  // namespace

class TstPulseDesigner : public QObject {
    Q_OBJECT
private slots:
    void designedAmplitudesLineariseAnalogVteam();
    void designedWidthsLineariseAnalogVteam();
    void unreachableTargetRefusedAtItsSetting();
    void kindStreamsDesignAndFiguresBeforeAndAfter();
    void kindRefusesBadInputAtItsPath();
};

// Identical pulses: NL -0.09 / -1.46, asymmetry 1.37; incrementing
// amplitude (1.2 V + 10 mV per pulse): -3.09 / +1.86. Designed: every step
// within 1 % of the mean step (the search stops at 0.1 % of a step, the rest is
// read disturb carried from pulse to pulse), so |NL| < 0.5 on both branches.
void TstPulseDesigner::designedAmplitudesLineariseAnalogVteam() {
    const auto dev = analogVteam();
    const ms::PulseProtocol ref = shippedTrain();
    ms::StopToken stop;
    ms::NullSink quiet;
    const auto before = ms::runPulseExperiment(*dev, ref, quiet, stop);
    const ms::PulseDesign d = ms::designPulses(*dev, ref, {}, stop);
    QCOMPARE(d.protocol.potentiationAmplitudes.size(), std::size_t(50));
    QCOMPARE(d.protocol.depressionAmplitudes.size(), std::size_t(50));
    RecordingSink sink;
    const auto after = ms::runPulseExperiment(*dev, d.protocol, sink, stop);
    const double inequality = ms::stepInequality(after.conductance, 50);
    const auto [lo, hi] = std::minmax_element(d.protocol.potentiationAmplitudes.begin(), d.protocol.potentiationAmplitudes.end());
    qInfo("identical: NL %.3f / %.3f, asym %.3f; designed: NL %.3f / %.3f, asym %.3f, steps within %.3g %%, "
          "G %.4g..%.4g uS, LTP amplitudes %.3f..%.3f V",
          before.figures.nonlinearityLtp, before.figures.nonlinearityLtd, before.figures.asymmetry,
          after.figures.nonlinearityLtp, after.figures.nonlinearityLtd, after.figures.asymmetry, 100 * inequality,
          d.gLow * 1e6, d.gHigh * 1e6, *lo, *hi);
    QVERIFY(std::fabs(before.figures.nonlinearityLtd) > 1.0);
    QVERIFY(std::fabs(after.figures.nonlinearityLtp) < 0.5);
    QVERIFY(std::fabs(after.figures.nonlinearityLtd) < 0.5);
    QVERIFY(after.figures.asymmetry < before.figures.asymmetry);
    QVERIFY(inequality < 0.01);
    // The curve spans the identical train's range and returns to its start.
    QVERIFY(std::fabs(after.conductance[50] - d.gHigh) < 0.01 * (d.gHigh - d.gLow));
    QVERIFY(std::fabs(after.conductance.back() - d.gLow) < 0.01 * (d.gHigh - d.gLow));
    // Every pulse keeps its train's sign and stays within the searched range.
    for (double a : d.protocol.potentiationAmplitudes) QVERIFY(a <= 0.0 && a >= -3.0);
    for (double a : d.protocol.depressionAmplitudes) QVERIFY(a >= 0.0 && a <= 3.0);
}

// The same by width at the identical train's amplitude.
void TstPulseDesigner::designedWidthsLineariseAnalogVteam() {
    const auto dev = analogVteam();
    ms::PulseProtocol ref = shippedTrain();
    ref.potentiationPulses = ref.depressionPulses = 20;
    ms::PulseDesignOptions o;
    o.variable = ms::DesignVariable::Width;
    o.minWidth = 1e-9;
    o.maxWidth = 1e-4;
    ms::StopToken stop;
    ms::NullSink quiet;
    const ms::PulseDesign d = ms::designPulses(*dev, ref, o, stop);
    const auto after = ms::runPulseExperiment(*dev, d.protocol, quiet, stop);
    const double inequality = ms::stepInequality(after.conductance, 20);
    qInfo("designed widths: NL %.3f / %.3f, steps within %.3g %%, first/last LTP width %.3g / %.3g s",
          after.figures.nonlinearityLtp, after.figures.nonlinearityLtd, 100 * inequality,
          d.protocol.potentiationWidths.front(), d.protocol.potentiationWidths.back());
    QVERIFY(std::fabs(after.figures.nonlinearityLtp) < 0.5);
    QVERIFY(std::fabs(after.figures.nonlinearityLtd) < 0.5);
    QVERIFY(inequality < 0.01);
    for (double a : d.protocol.potentiationAmplitudes) QCOMPARE(a, -1.6);
}

// The designed potentiation pulses span 1.567 to 1.665 V: capped at 1.6 V,
// the first already falls short and the designer names maxAmplitude; pulses of the wrong sign name potentiationAmplitude.
void TstPulseDesigner::unreachableTargetRefusedAtItsSetting() {
    const auto dev = analogVteam();
    ms::StopToken stop;
    ms::PulseDesignOptions o;
    o.maxAmplitude = 1.6;
    try {
        ms::designPulses(*dev, shippedTrain(), o, stop);
        QFAIL("an unreachable target was accepted");
    } catch (const ms::InputError& e) {
        qInfo("%s", e.what());
        QCOMPARE(e.path(), std::string("maxAmplitude"));
        QVERIFY(e.why().find("cannot move G") != std::string::npos);
    }
    // A listed train must give one entry per pulse.
    ms::PulseProtocol listed = shippedTrain();
    listed.scheme = ms::PulseScheme::Listed;
    listed.potentiationAmplitudes = {-1.6, -1.6};
    try {
        ms::NullSink quiet;
        ms::runPulseExperiment(*dev, listed, quiet, stop);
        QFAIL("a list of 2 amplitudes for 50 pulses was accepted");
    } catch (const ms::InputError& e) {
        QCOMPARE(e.path() + ": " + e.why(), std::string("potentiationAmplitudes: needs one entry per pulse (50), got 2"));
    }
    ms::PulseProtocol swapped = shippedTrain();
    std::swap(swapped.potentiationAmplitude, swapped.depressionAmplitude);
    try {
        ms::designPulses(*dev, swapped, {}, stop);
        QFAIL("a train that lowers G was accepted");
    } catch (const ms::InputError& e) {
        QCOMPARE(e.path(), std::string("potentiationAmplitude"));
    }
}

// pulse_ltp_ltd with scheme designed_amplitude: the designed curve as
// ltp_ltd, the pulses as designed_pulses, NL before (identical) and after.
void TstPulseDesigner::kindStreamsDesignAndFiguresBeforeAndAfter() {
    const ms::Project project(projectWith({}));
    RecordingSink sink;
    ms::StopToken stop;
    ms::runExperiment(project, "e", sink, stop);
    QCOMPARE(sink.series.at("ltp_ltd").rows(), std::size_t(41));
    const Series& pulses = sink.series.at("designed_pulses");
    QCOMPARE(pulses.rows(), std::size_t(40));
    QCOMPARE(pulses.columns[1].name, std::string("amplitude"));
    QVERIFY(pulses.at(0, 1) < 0.0 && pulses.at(39, 1) > 0.0);
    qInfo("identical NL %.3f / %.3f, designed %.3f / %.3f, step inequality %.3g",
          sink.scalars.at("NL_LTP_identical"), sink.scalars.at("NL_LTD_identical"), sink.scalars.at("NL_LTP"),
          sink.scalars.at("NL_LTD"), sink.scalars.at("step_inequality"));
    QVERIFY(std::fabs(sink.scalars.at("NL_LTD_identical")) > 0.5);
    QVERIFY(std::fabs(sink.scalars.at("NL_LTP")) < 0.5 && std::fabs(sink.scalars.at("NL_LTD")) < 0.5);
    QVERIFY(sink.scalars.at("asymmetry") < sink.scalars.at("asymmetry_identical"));
    QVERIFY(sink.scalars.at("step_inequality") < 0.01);
    // The rows' targets are the equal steps the reads follow.
    const Series& g = sink.series.at("ltp_ltd");
    for (std::size_t k = 0; k < 40; ++k) {
        const double step = std::fabs(pulses.at(1, 3) - pulses.at(0, 3));
        QVERIFY(std::fabs(g.at(k + 1, 1) - pulses.at(k, 3)) < 0.01 * step);
    }
}

void TstPulseDesigner::kindRefusesBadInputAtItsPath() {
    QCOMPARE(firstIssue({}), std::string("(valid)"));
    QCOMPARE(firstIssue({{"scheme", "designed_width"}, {"minWidth", 1e-6}, {"maxWidth", 1e-7}}),
             std::string("experiments[0].maxWidth: must exceed minWidth (1e-06 s)"));
    // Another scheme's settings are kept (a file with every setting written out stays
    // valid) and declared superseded, so the editor greys them out with the reason.
    QCOMPARE(firstIssue({{"scheme", "fixed_amplitude"}, {"maxAmplitude", 2.0}}), std::string("(valid)"));
    const auto superseded = ms::experimentKindRegistry().find("pulse_ltp_ltd")->superseded(
        nlohmann::json{{"scheme", "designed_amplitude"}});
    std::vector<std::string> keys;
    for (const auto& s : superseded) keys.push_back(s.key);
    QCOMPARE(keys, (std::vector<std::string>{"amplitudeStep", "widthStep", "minWidth", "maxWidth"}));
    QCOMPARE(superseded[2].reason, std::string("Used by scheme designed_width only (scheme is designed_amplitude)"));
    QVERIFY(firstIssue({{"scheme", "designed"}}).rfind("experiments[0].scheme: must be", 0) == 0);
    QVERIFY(firstIssue({{"maxAmplitude", -1.0}}).rfind("experiments[0].maxAmplitude: ", 0) == 0);
    // A width range whose shortest pulse needs 5e10 steps in a 1 ms gap is
    // refused before the run, at minWidth.
    try {
        ms::checkRunLimits(ms::Project(projectWith({{"scheme", "designed_width"}, {"minWidth", 1e-12}, {"gap", 1e-3}})), "e");
        QFAIL("a run of 5e10 steps was allowed");
    } catch (const ms::InputError& e) {
        qInfo("%s", e.what());
        QCOMPARE(e.path(), std::string("experiments[0].minWidth"));
    }
    // Known only when the device is simulated: the run refuses at the setting.
    const ms::Project project(projectWith({{"maxAmplitude", 1.6}}));
    RecordingSink sink;
    ms::StopToken stop;
    try {
        ms::runExperiment(project, "e", sink, stop);
        QFAIL("an unreachable design ran");
    } catch (const ms::InputError& e) {
        qInfo("%s", e.what());
        QCOMPARE(e.path(), std::string("experiment.maxAmplitude"));
    }
}

QTEST_APPLESS_MAIN(TstPulseDesigner)
#include "tst_pulse_designer.moc"
