// Simulated seconds per wall second of the Diehl & Cook network (784 Poisson
// inputs, 100 excitatory + 100 inhibitory conductance LIF cells, trace STDP
// with normalisation, dt = 0.5 ms, 350 + 150 ms per example) on random 28x28
// inputs, here and in Brian2 on the same machine (tests/snn/
// diehl_cook_brian2_bench.py), run back to back. The machine is shared, so the
// table also gives CPU seconds (process time) and the load average around each
// run; the ratio of CPU rates is the fairer one when the load moves.
// usage: bench_snn [examples=20] [brian2 targets, comma separated=cython]
// (Brian2's default target "auto" picks cython when it is installed.)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "core/snn/experiments/DiehlCook.h"

using namespace ms::snn;

namespace {

std::string loadAverage() {
    std::ifstream f("/proc/loadavg");
    std::string a, b, c;
    f >> a >> b >> c;
    return a + " " + b + " " + c;
}

struct Rates {
    double sim = 0, wall = 0, cpu = 0;
};

void printRow(const std::string& name, const Rates& r, const std::string& load) {
    std::printf("%-24s %9.2f %8.2f %8.2f %12.3f %12.3f   %s\n", name.c_str(), r.sim, r.wall, r.cpu, r.sim / r.wall,
                r.sim / r.cpu, load.c_str());
}

}  // namespace

int main(int argc, char** argv) {
    const int examples = argc > 1 ? std::atoi(argv[1]) : 20;
    const std::string targets = argc > 2 ? argv[2] : "cython";
    DiehlCookOptions o;
    o.minSpikes = 0;  // no retries: both simulators run exactly examples x 0.5 s
    o.maxRate = 63.75;
    o.seed = 11;
    const std::string load0 = loadAverage();
    DiehlCookNetwork dc(784, o);
    std::mt19937_64 rng(5);
    std::uniform_real_distribution<double> u(0, 1);
    const std::clock_t c0 = std::clock();
    const auto t0 = std::chrono::steady_clock::now();
    for (int k = 0; k < examples; ++k) {
        Eigen::VectorXd x(784);
        for (int i = 0; i < 784; ++i) x[i] = u(rng) < 0.19 ? u(rng) : 0.0;  // MNIST-like ink density
        dc.present(x, true, nullptr);
    }
    Rates ours;
    ours.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    ours.cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    ours.sim = dc.network().time();
    std::printf("%-24s %9s %8s %8s %12s %12s   %s\n", "simulator", "sim s", "wall s", "cpu s", "sim s/wall s",
                "sim s/cpu s", "load avg (1, 5, 15 min) before");
    printRow("memstudio (C++)", ours, load0);
    std::stringstream list(targets);
    std::string target;
    while (std::getline(list, target, ',')) {
        const std::string load1 = loadAverage();
        const std::string cmd = std::string("/usr/bin/python3 ") + MS_SOURCE_DIR +
                                "/tests/snn/diehl_cook_brian2_bench.py " + std::to_string(examples) + " 5 " + target +
                                " 2>/dev/null";
        FILE* p = popen(cmd.c_str(), "r");
        Rates b;
        char tgt[64] = {0};
        if (p && std::fscanf(p, "%lf %lf %lf %63s", &b.sim, &b.wall, &b.cpu, tgt) == 4 && b.wall > 0 && b.cpu > 0) {
            printRow("Brian2 2.5 (" + std::string(tgt) + ")", b, load1);
            std::printf("  speed-up over Brian2 (%s): %.1fx by wall time, %.1fx by CPU time\n", tgt,
                        (ours.sim / ours.wall) / (b.sim / b.wall), (ours.sim / ours.cpu) / (b.sim / b.cpu));
        } else {
            std::printf("Brian2 (%s) run failed (python3-brian missing?)\n", target.c_str());
        }
        if (p) pclose(p);
    }
    std::printf("load avg after: %s; events %llu, spikes %llu (ours)\n", loadAverage().c_str(),
                static_cast<unsigned long long>(dc.network().totalSynapticEvents()),
                static_cast<unsigned long long>(dc.network().totalSpikes()));
    return 0;
}
