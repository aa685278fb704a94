// Simulated seconds per wall second of the Diehl & Cook network (784 Poisson
// inputs, 100 excitatory + 100 inhibitory conductance LIF cells, trace STDP
// with normalisation, dt = 0.5 ms, 350 + 150 ms per example) on random 28x28
// inputs, here and in Brian2 on the same machine (tests/snn/
// diehl_cook_brian2_bench.py, numpy code generation). Prints a table.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "core/snn/experiments/DiehlCook.h"

using namespace ms::snn;

int main(int argc, char** argv) {
    const int examples = argc > 1 ? std::atoi(argv[1]) : 10;
    const std::string target = argc > 2 ? argv[2] : "numpy";
    DiehlCookOptions o;
    o.minSpikes = 0;  // no retries: both simulators run exactly examples x 0.5 s
    o.maxRate = 63.75;
    o.seed = 11;
    DiehlCookNetwork dc(784, o);
    std::mt19937_64 rng(5);
    std::uniform_real_distribution<double> u(0, 1);
    const auto t0 = std::chrono::steady_clock::now();
    for (int k = 0; k < examples; ++k) {
        Eigen::VectorXd x(784);
        for (int i = 0; i < 784; ++i) x[i] = u(rng) < 0.19 ? u(rng) : 0.0;  // MNIST-like ink density
        dc.present(x, true, nullptr);
    }
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double sim = dc.network().time();
    std::printf("%-28s %12s %10s %14s\n", "simulator", "simulated s", "wall s", "sim s / wall s");
    std::printf("%-28s %12.2f %10.2f %14.3f\n", "memstudio (C++)", sim, wall, sim / wall);
    std::printf("  events %llu, spikes %llu\n", static_cast<unsigned long long>(dc.network().totalSynapticEvents()),
                static_cast<unsigned long long>(dc.network().totalSpikes()));
    const std::string cmd = std::string("/usr/bin/python3 ") + MS_SOURCE_DIR +
                            "/tests/snn/diehl_cook_brian2_bench.py " + std::to_string(examples) + " 5 " + target +
                            " 2>/dev/null";
    FILE* p = popen(cmd.c_str(), "r");
    double bsim = 0, bwall = 0;
    char tgt[64] = {0};
    if (p && std::fscanf(p, "%lf %lf %63s", &bsim, &bwall, tgt) == 3 && bwall > 0) {
        std::printf("%-28s %12.2f %10.2f %14.3f\n", ("Brian2 2.5 (" + std::string(tgt) + ")").c_str(), bsim, bwall,
                    bsim / bwall);
        std::printf("speed-up over Brian2: %.1fx\n", (sim / wall) / (bsim / bwall));
    } else {
        std::printf("Brian2 run failed (python3-brian missing?)\n");
    }
    if (p) pclose(p);
    return 0;
}
