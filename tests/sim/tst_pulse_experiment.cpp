// LTP/LTD pulse experiment: the NeuroSim NL relation against its published
// table, the fit against a synthetic NeuroSim curve, and the whole protocol
// on the HP model against its exact solution.
#include <QtTest>

#include <cmath>

#include "SimTestSupport.h"
#include "core/synapses/NeuroSimCurve.h"
#include "core/sim/PulseExperiment.h"

using namespace mstest;

class TstPulseExperiment : public QObject {
    Q_OBJECT
private slots:
    void nlRelationReproducesNeuroSimTable();
    void fitRecoversNeuroSimCurve();
    void hpProtocolMatchesExactSolution();
    void startStateAndSinglePulsesFollowExactSolution();
};

// docs/device-models.md §6a table: A-hat per NL (MLP_NeuroSim V3.0). Our relation
// is the inverse of max(y - p) = 0.099 NL; entries agree to 0.2 %.
void TstPulseExperiment::nlRelationReproducesNeuroSimTable() {
    const double nl[] = {0.5, 1, 2, 2.4, 3, 4, 4.88, 6, 9};
    const double ahat[] = {2.5199, 1.2517, 0.6090, 0.4992, 0.3868, 0.2691, 0.2003, 0.1356, 0.0228};
    for (int k = 0; k < 9; ++k) {
        const double a = ms::neuroSimAHat(nl[k]);
        qInfo("NL %.2f: A-hat %.5f (table %.4f)", nl[k], a, ahat[k]);
        QVERIFY(std::fabs(a - ahat[k]) <= 2e-3 * ahat[k] + 2e-4);
        QVERIFY(std::fabs(ms::neuroSimNonlinearity(ahat[k]) - nl[k]) <= 2e-3 * nl[k]);
        QVERIFY(std::fabs(ms::neuroSimAHat(-nl[k]) + a) <= 1e-12);
        QVERIFY(std::fabs(ms::neuroSimNonlinearity(-ahat[k]) + ms::neuroSimNonlinearity(ahat[k])) <= 1e-12);
    }
}

// §6a expected curve: NL 2.4, P_max 97: normalised G 0.455 / 0.731 / 0.899
// after 25 / 50 / 75 % of the pulses; the fit must return NL 2.4.
void TstPulseExperiment::fitRecoversNeuroSimCurve() {
    const double a = ms::neuroSimAHat(2.4) * 97;
    const double gmin = 3.0769e-9, gmax = 3.8462e-8;
    const double B = (gmax - gmin) / (1 - std::exp(-97 / a));
    std::vector<double> g;
    for (int p = 0; p <= 97; ++p) g.push_back(B * (1 - std::exp(-p / a)) + gmin);
    auto norm = [&](double p) { return (B * (1 - std::exp(-p / a))) / (gmax - gmin); };
    QVERIFY(std::fabs(norm(0.25 * 97) - 0.455) < 0.001);
    QVERIFY(std::fabs(norm(0.50 * 97) - 0.731) < 0.001);
    QVERIFY(std::fabs(norm(0.75 * 97) - 0.899) < 0.001);
    const double nl = ms::neuroSimNonlinearity(ms::fitNeuroSimAHat(g));
    qInfo("fitted NL %.4f (true 2.4)", nl);
    QVERIFY(std::fabs(nl - 2.4) < 0.01);
}

// HP without window: R^2 = R0^2 - 2 (Roff - Ron) k phi, phi = ∫ v dt over
// pulses AND reads (the read voltage is applied in every gap), so each read
// is known exactly. Depression by equal negative pulses walks back.
void TstPulseExperiment::hpProtocolMatchesExactSolution() {
    auto dev = hpDevice();
    ms::PulseProtocol p;
    p.potentiationPulses = 20;
    p.depressionPulses = 20;
    p.potentiationAmplitude = 1.0;
    p.depressionAmplitude = -1.0;
    p.width = 5e-3;
    p.gap = 1e-3;
    p.readVoltage = 0.1;
    RecordingSink sink;
    ms::StopToken stop;
    const auto r = ms::runPulseExperiment(*dev, p, sink, stop, "linear_ion_drift");
    QCOMPARE(r.conductance.size(), std::size_t(41));
    const double c = 2 * (16e3 - 100) * 1e4, R0 = 11e3;
    double phi = 2 * p.readVoltage * p.gap, worst = 0;
    for (std::size_t k = 0; k < r.conductance.size(); ++k) {
        if (k > 0) phi += (r.phase[k] > 0 ? p.potentiationAmplitude : p.depressionAmplitude) * p.width + p.readVoltage * p.gap;
        const double g = 1 / std::sqrt(R0 * R0 - c * phi);
        worst = std::max(worst, std::fabs(r.conductance[k] - g) / g);
    }
    qInfo("HP pulses: worst relative G error %.3g; Gmax/Gmin %.4f, NL_LTP %.3f, NL_LTD %.3f, levels %d", worst,
          r.figures.onOffRatio, r.figures.nonlinearityLtp, r.figures.nonlinearityLtd, r.figures.distinguishableLevels);
    QVERIFY(worst < 1e-6);
    QCOMPARE(r.figures.gMax, *std::max_element(r.conductance.begin(), r.conductance.end()));
    // Depression retraces potentiation up to the small read disturb: NL
    // labels agree, asymmetry near zero; the curve is convex (G = 1/R grows
    // faster as R falls), so NL_LTP < 0.
    QVERIFY(r.figures.nonlinearityLtp < 0);
    QVERIFY(r.figures.asymmetry < 0.05);
    QVERIFY(sink.series.count("ltp_ltd"));
    QCOMPARE(sink.series.at("ltp_ltd").rows(), std::size_t(41));
}

// A protocol may start from any state (the ANN's device synapse starts from
// the loop cycling settles to), and stateAfterPulse is one step of it: both
// against the same exact HP solution from R0 = 8 kOhm.
void TstPulseExperiment::startStateAndSinglePulsesFollowExactSolution() {
    auto dev = hpDevice();
    ms::PulseProtocol p;
    p.potentiationPulses = p.depressionPulses = 10;
    p.width = 5e-3;
    p.gap = 1e-3;
    const double Ron = 100, Roff = 16e3, R0 = 8e3, c = 2 * (Roff - Ron) * 1e4;
    p.startState = (Roff - R0) / (Roff - Ron);  // R = Ron x + Roff (1 - x)
    RecordingSink sink;
    ms::StopToken stop;
    const auto r = ms::runPulseExperiment(*dev, p, sink, stop);
    double phi = 2 * p.readVoltage * p.gap, worst = 0, x = p.startState;  // the initial read: read "pulse" + gap
    for (std::size_t k = 0; k < r.conductance.size(); ++k) {
        if (k > 0) {
            const double a = r.phase[k] > 0 ? p.potentiationAmplitude : p.depressionAmplitude;
            phi += a * p.width + p.readVoltage * p.gap;
            x = ms::stateAfterPulse(*dev, a, p.width, p, x, stop);
        } else {
            x = ms::stateAfterPulse(*dev, p.readVoltage, p.gap, p, x, stop);
        }
        const double g = 1 / std::sqrt(R0 * R0 - c * phi);
        worst = std::max(worst, std::fabs(r.conductance[k] - g) / g);
        // The same segment by hand reads the same conductance.
        QVERIFY(std::fabs(dev->current(p.readVoltage, x) / p.readVoltage - r.conductance[k]) <= 1e-12 * g);
    }
    qInfo("HP from 8 kOhm: worst relative G error %.3g", worst);
    QVERIFY(worst < 1e-6);
}

QTEST_APPLESS_MAIN(TstPulseExperiment)
#include "tst_pulse_experiment.moc"
