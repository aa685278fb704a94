// Cross-check against Brian2 (python3-brian): the same deterministic network
// (given input spike times, current-based LIF with exact integration, delays,
// lateral inhibition, same dt) runs in both; spike counts per neuron must
// agree and every spike time must match within one dt. The test fails when
// no python3 with brian2 is found (MS_PYTHON, python3, /usr/bin/python3).
#include <QtTest>

#include <cmath>
#include <fstream>
#include <random>

#include <nlohmann/json.hpp>

#include "core/snn/Network.h"
#include "core/snn/SpikeSources.h"

using namespace ms;
using namespace ms::snn;
using nlohmann::json;

namespace {

QString pythonWithBrian2() {
    QStringList candidates;
    if (qEnvironmentVariableIsSet("MS_PYTHON")) candidates << qEnvironmentVariable("MS_PYTHON");
    candidates << "python3" << "/usr/bin/python3";
    for (const QString& py : candidates) {
        QProcess p;
        p.start(py, {"-c", "import brian2"});
        if (p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0) return py;
    }
    return {};
}

}  // namespace

class TestSnnBrian2 : public QObject {
    Q_OBJECT
private slots:
    void sameSpikesAsBrian2();
};

void TestSnnBrian2::sameSpikesAsBrian2() {
    const double dt = 1e-4, duration = 0.3;
    const std::size_t nIn = 40, nOut = 12;
    std::mt19937_64 rng(20240607);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    // Inputs: Poisson-like trains at 15 Hz drawn once, on the dt grid.
    std::vector<std::pair<std::uint32_t, double>> inSpikes;
    json in = {{"count", nIn}, {"index", json::array()}, {"time", json::array()}};
    for (std::uint32_t i = 0; i < nIn; ++i)
        for (long long k = 0; k < std::llround(duration / dt); ++k)
            if (u(rng) < 15.0 * dt) {
                inSpikes.emplace_back(i, static_cast<double>(k) * dt);
                in["index"].push_back(i);
                in["time"].push_back(static_cast<double>(k) * dt);
            }
    std::vector<Synapse> exc, inh;
    for (std::uint32_t i = 0; i < nIn; ++i)
        for (std::uint32_t j = 0; j < nOut; ++j)
            if (u(rng) < 0.7)
                exc.push_back({i, j, 0.25e-9 * u(rng), static_cast<std::uint32_t>(std::floor(50 * u(rng)))});
    for (std::uint32_t i = 0; i < nOut; ++i)
        for (std::uint32_t j = 0; j < nOut; ++j)
            if (i != j) inh.push_back({i, j, 0.1e-9 * u(rng), 10});
    const ParamValues lif = {{"E_L", -70e-3}, {"V_reset", -65e-3}, {"V_th", -50e-3}, {"V_init", -70e-3},
                             {"t_ref", 2e-3}, {"tau_m", 10e-3}, {"R", 1e8}, {"tau_e", 5e-3}, {"tau_i", 8e-3}};  // tau_i != tau_m: Brian2's exact solver divides by (tau_i - tau_m)

    Network net(dt);
    auto& src = net.addGroup("in", std::make_unique<SpikeGeneratorGroup>(nIn, inSpikes));
    auto& g = net.add("lif", makeNeuronGroup("lif", nOut, lif));
    net.connect(src, g, SynapseTarget::Excitatory, exc);
    net.connect(g, g, SynapseTarget::Inhibitory, inh);
    auto& mon = net.monitorSpikes(g);
    net.run(duration);

    auto projJson = [](const std::vector<Synapse>& syn) {
        json j = {{"pre", json::array()}, {"post", json::array()}, {"weight", json::array()},
                  {"delay_steps", json::array()}};
        for (const auto& s : syn) {
            j["pre"].push_back(s.pre);
            j["post"].push_back(s.post);
            j["weight"].push_back(s.weight);
            j["delay_steps"].push_back(s.delaySteps);
        }
        return j;
    };
    json spec = {{"dt", dt}, {"duration", duration}, {"neurons", nOut}, {"inputs", in},
                 {"excitatory", projJson(exc)}, {"inhibitory", projJson(inh)}, {"lif", json::object()}};
    for (const auto& [k, v] : lif) spec["lif"][k] = v;
    QTemporaryDir dir;
    dir.setAutoRemove(qEnvironmentVariableIsEmpty("MS_KEEP_TEMP"));
    qInfo("work dir %s", qPrintable(dir.path()));
    const QString specPath = dir.filePath("spec.json"), outPath = dir.filePath("brian2.json");
    std::ofstream(specPath.toStdString()) << spec.dump();

    const QString py = pythonWithBrian2();
    QVERIFY2(!py.isEmpty(), "no python3 with brian2 found (install python3-brian)");
    QProcess proc;
    proc.setWorkingDirectory(dir.path());  // keep Brian2's cache out of the source tree
    proc.start(py, {MS_SOURCE_DIR "/tests/snn/brian2_crosscheck.py", specPath, outPath});
    QVERIFY(proc.waitForFinished(300000));
    QVERIFY2(proc.exitCode() == 0, proc.readAllStandardError().constData());
    json ref = json::parse(std::ifstream(outPath.toStdString()));

    std::vector<std::vector<double>> ours(nOut), theirs(nOut);
    for (const auto& s : mon.spikes) ours[s.neuron].push_back(s.t);
    for (std::size_t k = 0; k < ref["index"].size(); ++k)
        theirs[ref["index"][k].get<std::size_t>()].push_back(ref["time"][k].get<double>());
    std::size_t total = 0;
    double worst = 0.0;
    for (std::size_t j = 0; j < nOut; ++j) {
        QVERIFY2(ours[j].size() == theirs[j].size(),
                 qPrintable(QString("neuron %1: %2 spikes here, %3 in Brian2").arg(j).arg(ours[j].size()).arg(theirs[j].size())));
        for (std::size_t k = 0; k < ours[j].size(); ++k) {
            worst = std::max(worst, std::abs(ours[j][k] - theirs[j][k]));
            QVERIFY2(std::abs(ours[j][k] - theirs[j][k]) <= dt * 1.001,
                     qPrintable(QString("neuron %1 spike %2: %3 s vs %4 s").arg(j).arg(k).arg(ours[j][k]).arg(theirs[j][k])));
        }
        total += ours[j].size();
    }
    qInfo("Brian2 cross-check: %zu spikes in %zu neurons agree; largest time difference %g s", total, nOut, worst);
    QVERIFY2(total > 5 * nOut, "the network should be active enough to test something");
}

QTEST_GUILESS_MAIN(TestSnnBrian2)
#include "test_snn_brian2.moc"
