// Neuron models against closed forms and reference integrations.
#include <QtTest>

#include <cmath>

#include "core/common/Errors.h"
#include "core/snn/Network.h"
#include "core/snn/experiments/NeuronExperiments.h"

using namespace ms;
using namespace ms::snn;

class TestSnnNeurons : public QObject {
    Q_OBJECT
private slots:
    void lifRateMatchesClosedForm();
    void lifBelowRheobaseIsSilent();
    void unknownModelAndBadParamsAreInputErrors();
};

// LIF with V_reset = E_L under constant I: ISI = t_ref + tau ln(RI / (RI - theta)),
// theta = V_th - E_L (Gerstner et al., Neuronal Dynamics, eq. 1.12). The
// clock-driven engine detects the crossing at the end of a step, so each ISI
// is rounded up to a whole number of steps: error at most one dt per ISI.
void TestSnnNeurons::lifRateMatchesClosedForm() {
    FiCurveOptions o;
    o.modelId = "lif";
    o.params = {{"E_L", -70e-3}, {"V_reset", -70e-3}, {"V_init", -70e-3}, {"V_th", -50e-3}, {"t_ref", 2e-3},
                {"tau_m", 10e-3}, {"R", 1e8}};
    o.currents = {0.21e-9, 0.25e-9, 0.3e-9, 0.5e-9, 1e-9, 2e-9};
    o.duration = 2.0;
    o.dt = 1e-5;
    NullSink sink;
    StopToken stop;
    const auto pts = runFiCurve(o, sink, stop);
    for (const auto& p : pts) {
        const double ri = 1e8 * p.current, theta = 20e-3;
        const double isi = 2e-3 + 10e-3 * std::log(ri / (ri - theta));
        const double expected = 1.0 / isi;
        const double tol = expected * (o.dt / isi) + 1e-9;
        QVERIFY2(std::abs(p.rate - expected) <= tol,
                 qPrintable(QString("I=%1 A: rate %2 Hz vs closed form %3 Hz").arg(p.current).arg(p.rate).arg(expected)));
    }
}

void TestSnnNeurons::lifBelowRheobaseIsSilent() {
    FiCurveOptions o;
    o.currents = {0.19e-9};  // R I = 19 mV < theta = 20 mV
    o.duration = 1.0;
    NullSink sink;
    StopToken stop;
    QCOMPARE(runFiCurve(o, sink, stop)[0].spikes, std::size_t(0));
}

void TestSnnNeurons::unknownModelAndBadParamsAreInputErrors() {
    QVERIFY_THROWS_EXCEPTION(InputError, makeNeuronGroup("nonesuch", 1));
    QVERIFY_THROWS_EXCEPTION(InputError, makeNeuronGroup("lif", 1, {{"tau_m", -1.0}}));
    QVERIFY_THROWS_EXCEPTION(InputError, makeNeuronGroup("izhikevich", 1, {}, "XX"));
    QVERIFY_THROWS_EXCEPTION(InputError, Network(0.0));
}

QTEST_GUILESS_MAIN(TestSnnNeurons)
#include "test_snn_neurons.moc"
