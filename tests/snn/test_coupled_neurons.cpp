// Volos et al. 2015 (issue 16): the dimensionless neurons against a reference
// integration, the cubic flux-controlled memristor against its closed form,
// the memristor-coupled pair (strong coupling synchronises, weak does not),
// and bad input refused at its JSON path.
#include <QtTest>

#include <array>
#include <chrono>
#include <cmath>
#include <map>

#include <nlohmann/json.hpp>

#include "core/common/Errors.h"
#include "core/devices/ModelRegistry.h"
#include "core/project/ExperimentKind.h"
#include "core/project/Project.h"
#include "core/snn/NeuronGroup.h"

#include "tests/snn/SnnTestSupport.h"

using namespace ms;

namespace {

using snntest::CaptureSink;
using snntest::experiment;
using snntest::load;

// Reference RK4, written out here independently of ReducedNeurons.h, at a
// step `h`; upward crossings of `threshold` by q[0], linearly interpolated.
template <std::size_t N, class F>
std::vector<double> referenceSpikes(std::array<double, N> q, F f, double h, double duration, double threshold) {
    std::vector<double> out;
    const auto steps = static_cast<long>(std::llround(duration / h));
    for (long k = 0; k < steps; ++k) {
        std::array<double, N> k1 = f(q), k2, k3, k4, t;
        for (std::size_t j = 0; j < N; ++j) t[j] = q[j] + 0.5 * h * k1[j];
        k2 = f(t);
        for (std::size_t j = 0; j < N; ++j) t[j] = q[j] + 0.5 * h * k2[j];
        k3 = f(t);
        for (std::size_t j = 0; j < N; ++j) t[j] = q[j] + h * k3[j];
        k4 = f(t);
        const double before = q[0];
        for (std::size_t j = 0; j < N; ++j) q[j] += h / 6 * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
        if (before < threshold && q[0] >= threshold)
            out.push_back(static_cast<double>(k) * h + h * (threshold - before) / (q[0] - before));
    }
    return out;
}

// Spike times (model units) of one neuron of `model` on the network clock:
// dt = 1e-5 s at time_unit 1 ms is 0.01 model units per step.
std::vector<double> groupSpikes(const std::string& model, const std::string& preset, double duration, double& stepUnits) {
    auto g = snn::makeNeuronGroup(model, 1, {}, preset);
    const double dt = 1e-5, unit = 1e-3;
    stepUnits = dt / unit;
    std::vector<double> out;
    snn::SpikeList spiked;
    const auto steps = static_cast<long>(std::llround(duration / stepUnits));
    for (long k = 0; k < steps; ++k) {
        spiked.clear();
        g->step(static_cast<double>(k) * dt, dt, spiked);
        if (!spiked.empty()) out.push_back(static_cast<double>(k) * stepUnits);  // the step's start (Brian2's convention)
    }
    return out;
}

void compareSpikeTrains(const std::vector<double>& got, const std::vector<double>& ref, double step) {
    QVERIFY2(ref.size() >= 5, qPrintable(QString("reference has only %1 spikes").arg(ref.size())));
    QCOMPARE(got.size(), ref.size());
    double worst = 0;
    for (std::size_t k = 0; k < ref.size(); ++k) {
        // The group reports the start of the step in which the crossing lies.
        const double d = ref[k] - got[k];
        worst = std::max(worst, std::fabs(d - 0.5 * step));
        QVERIFY2(d >= -1e-9 && d <= step + 1e-9,
                 qPrintable(QString("spike %1: %2 vs reference %3").arg(k).arg(got[k]).arg(ref[k])));
    }
    qInfo("%zu spikes, each within one step (%.3g) of the reference", ref.size(), step);
}

}  // namespace

class TestCoupledNeurons : public QObject {
    Q_OBJECT
private slots:
    void hindmarshRoseMatchesAFinerReference() {
        const double duration = 400;
        double step = 0;
        const auto got = groupSpikes("hindmarsh_rose", "bursting", duration, step);
        // Defaults a=1 b=3 c=1 d=5 r=0.006 s=4 x_R=-1.6, preset I = 2, x0 = -1.6 (y, z on their nullclines).
        const double I = 2.0;
        auto f = [I](const std::array<double, 3>& q) {
            const double x = q[0];
            return std::array<double, 3>{q[1] - x * x * x + 3 * x * x - q[2] + I, 1 - 5 * x * x - q[1],
                                         0.006 * (4 * (x + 1.6) - q[2])};
        };
        const auto ref = referenceSpikes<3>({-1.6, 1 - 5 * 2.56, 0.0}, f, step / 100, duration, 1.0);
        compareSpikeTrains(got, ref, step);
    }

    void fitzhughNagumoMatchesAFinerReference() {
        const double duration = 400;
        double step = 0;
        const auto got = groupSpikes("fitzhugh_nagumo", "oscillating", duration, step);
        auto f = [](const std::array<double, 2>& q) {
            return std::array<double, 2>{q[0] - q[0] * q[0] * q[0] / 3 - q[1] + 0.5, 0.08 * (q[0] + 0.7 - 0.8 * q[1])};
        };
        const auto ref = referenceSpikes<2>({-1.2, -0.625}, f, step / 100, duration, 1.0);
        compareSpikeTrains(got, ref, step);
    }

    void dimensionlessModelsSaySo() {
        for (const char* id : {"hindmarsh_rose", "fitzhugh_nagumo"}) {
            const auto* info = snn::neuronRegistry().find(id);
            QVERIFY2(info, id);
            QCOMPARE(QString::fromStdString(info->membraneUnit), QString());
            QCOMPARE(QString::fromStdString(info->inputUnit), QString());
            for (const auto& s : info->params)
                if (s.key != "time_unit") QVERIFY2(s.unit.empty(), s.key.c_str());
        }
    }

    // q(phi) = a phi + b phi^3: the charge that flowed, integral of i dt under
    // a sine, against the closed form at the flux the state integrated.
    void fluxMemristorChargeMatchesClosedForm() {
        const double a = 1e-3, b = 2e-4, A = 1.0, f = 0.05, w = 2 * M_PI * f;
        auto m = instantiateDevice({"flux_cubic", "", {{"a", a}, {"b", b}}, std::nullopt});
        QCOMPARE(m->stateInfo().unit, std::string("Wb"));
        const int n = 200000;
        const double T = 1 / f, h = T / n;
        double phi = m->initialState(), q = 0, worst = 0, qMax = 0;
        auto v = [&](double t) { return A * std::sin(w * t); };
        for (int k = 0; k < n; ++k) {
            const double t = k * h;
            // RK4 on (phi, q): dphi/dt = F(v, i, phi) = v, dq/dt = i(v, phi).
            auto rate = [&](double tt, double p) {
                const double vv = v(tt), i = m->current(vv, p);
                return std::pair{m->stateDerivative(vv, i, p), i};
            };
            const auto [p1, q1] = rate(t, phi);
            const auto [p2, q2] = rate(t + h / 2, phi + h / 2 * p1);
            const auto [p3, q3] = rate(t + h / 2, phi + h / 2 * p2);
            const auto [p4, q4] = rate(t + h, phi + h * p3);
            phi += h / 6 * (p1 + 2 * p2 + 2 * p3 + p4);
            q += h / 6 * (q1 + 2 * q2 + 2 * q3 + q4);
            qMax = std::max(qMax, std::fabs(q));
            worst = std::max(worst, std::fabs(q - (a * phi + b * phi * phi * phi)));
            // And phi itself is the integral of v: (1 - cos w t) A / w.
            QVERIFY(std::fabs(phi - A / w * (1 - std::cos(w * (t + h)))) < 1e-9);
        }
        qInfo("flux_cubic: max |q - (a phi + b phi^3)| = %.3g C of a %.3g C peak", worst, qMax);
        QVERIFY(worst < 1e-9 * qMax);
        // W = dq/dphi, R = 1/W, and the loop is pinched: i = 0 at v = 0.
        QCOMPARE(m->current(0.0, 2.0), 0.0);
        QVERIFY(std::fabs(m->resistance(2.0, 0.1) - 1 / (a + 3 * b * 4)) < 1e-12 / (a + 12 * b));
    }

    void fluxMemristorRefusesFluxOutsideItsRange() {
        ResolvedDevice r;
        const auto issues = resolveDevice({"flux_cubic", "", {{"phi0", 200}}, std::nullopt}, r);
        QVERIFY(!issues.empty());
        QCOMPARE(QString::fromStdString(issues.front().key), QString("params.phi0"));
    }

    void strongCouplingSynchronisesWeakDoesNot_data() {
        QTest::addColumn<QString>("project");
        QTest::newRow("hindmarsh_rose") << "volos-hindmarsh-rose-memristor-coupling.json";
        QTest::newRow("fitzhugh_nagumo") << "volos-fitzhugh-nagumo-memristor-coupling.json";
    }
    void strongCouplingSynchronisesWeakDoesNot() {
        QFETCH(QString, project);
        const Project p = load(project.toUtf8().constData());
        QVERIFY(p.validate().empty());
        std::map<std::string, CaptureSink> out;
        for (const char* id : {"weak", "strong"}) {
            StopToken stop;
            const auto t0 = std::chrono::steady_clock::now();
            runExperiment(p, id, out[id], stop);
            const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            const auto& s = out[id].scalars;
            qInfo("%s/%s: mean |e| %.3g, max |e| %.3g, spikes %g / %g, final phi %.3g, W %.3g (%.2f s)",
                  qPrintable(project), id, s.at("mean_abs_error"), s.at("max_abs_error"), s.at("spikes_1"),
                  s.at("spikes_2"), s.at("final_phi"), s.at("final_W"), secs);
            QVERIFY(s.at("spikes_1") > 5 && s.at("spikes_2") > 5);
        }
        const auto& weak = out["weak"].scalars;
        const auto& strong = out["strong"].scalars;
        QCOMPARE(strong.at("synchronised"), 1.0);
        QVERIFY(strong.at("mean_abs_error") < strong.at("sync_tolerance"));
        QCOMPARE(weak.at("synchronised"), 0.0);
        QVERIFY(weak.at("mean_abs_error") > 100 * strong.at("sync_tolerance"));

        // The trace: e = x1 - x2 in every row, W = a + 3 b phi^2 of the device.
        const snntest::Series& trace = out["strong"].series.at("trace");
        QVERIFY(trace.rows() > 1000);
        for (std::size_t r = 0; r < trace.rows(); ++r) {
            QCOMPARE(trace.at(r, "e"), trace.at(r, "x1") - trace.at(r, "x2"));
            const double phi = trace.at(r, "phi");
            QVERIFY(std::fabs(trace.at(r, "W") - (1.0 + 0.03 * phi * phi)) < 1e-12 * (1 + phi * phi));
        }
        // Spikes: neuron 1 or 2, within the run.
        const auto& sp = out["strong"].series.at("spikes").data;
        QCOMPARE(sp.size() / 2, std::size_t(strong.at("spikes_1") + strong.at("spikes_2")));
    }

    void badInputIsRefusedAtItsPath() {
        auto firstIssue = [](Project p) {
            const auto issues = p.validate();
            return issues.empty() ? QString("(none)")
                                  : QString::fromStdString(issues.front().path + ": " + issues.front().message);
        };
        const Project base = load("volos-hindmarsh-rose-memristor-coupling.json");
        {
            Project p = base;
            experiment(p, "weak")["neuron"]["model"] = "nonesuch";
            QVERIFY2(firstIssue(p).startsWith("experiments[0].neuron.model: unknown neuron model 'nonesuch'"), qPrintable(firstIssue(p)));
        }
        {
            Project p = base;
            experiment(p, "weak")["neuron"] = {{"model", "lif"}};
            QVERIFY2(firstIssue(p).startsWith("experiments[0].neuron.model: the memristor coupling takes hindmarsh_rose or fitzhugh_nagumo"),
                     qPrintable(firstIssue(p)));
        }
        {
            Project p = base;
            experiment(p, "strong")["device"] = {{"model", "linear_ion_drift"}};
            QVERIFY2(firstIssue(p).startsWith("experiments[1].device: must be a flux-controlled memristor"), qPrintable(firstIssue(p)));
        }
        {
            Project p = base;
            experiment(p, "weak")["dt"] = 0.2;
            QVERIFY2(firstIssue(p).startsWith("experiments[0].dt: must be between"), qPrintable(firstIssue(p)));
        }
        {
            Project p = base;
            experiment(p, "weak")["initial2"] = {1.0, 2.0};
            QVERIFY2(firstIssue(p).startsWith("experiments[0].initial2: must be an array of 3 numbers"), qPrintable(firstIssue(p)));
        }
        {
            Project p = base;
            experiment(p, "weak")["initial1"] = {-1.6, 1e300, 0.0};
            QVERIFY2(firstIssue(p).startsWith("experiments[0].initial1[1]: must be between -100 and 100"), qPrintable(firstIssue(p)));
        }
        {
            Project p = base;
            experiment(p, "weak")["initial2"] = experiment(p, "weak")["initial1"];
            QVERIFY2(firstIssue(p).startsWith("experiments[0].initial2: equals initial1"), qPrintable(firstIssue(p)));
        }
        {
            Project p = base;
            experiment(p, "weak")["device"] = "nonesuch";
            QVERIFY2(firstIssue(p).startsWith("experiments[0].device: no device with id 'nonesuch'"), qPrintable(firstIssue(p)));
        }
        // The run refuses what validation refuses, with the same message.
        Project p = base;
        experiment(p, "weak")["neuron"]["params"] = {{"r", -1}};
        CaptureSink sink;
        StopToken stop;
        QVERIFY_THROWS_EXCEPTION(InputError, runExperiment(p, "weak", sink, stop));
    }
};

QTEST_GUILESS_MAIN(TestCoupledNeurons)
#include "test_coupled_neurons.moc"
