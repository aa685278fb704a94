// The Diehl & Cook network (784 Poisson inputs, N excitatory + N inhibitory
// conductance LIF cells, trace STDP with normalisation, dt = 0.5 ms, 350 +
// 150 ms per example, random 28x28 inputs with 19 % ink) here and in Brian2
// 2.5 on the same machine, one thread each, run back to back:
//  - Brian2 cpp_standalone (bench/brian2/diehl_cook_standalone.py): the whole
//    run in one standalone build (rates from a TimedArray, normalisation by
//    run_regularly), compiled before timing. Its rate uses Brian2's own run
//    time, std::clock() around the network run in the generated code (CPU
//    time, without loading arrays or building synapses); the binary's whole
//    process (getrusage) is printed beside it.
//  - Brian2 runtime with cython (tests/snn/diehl_cook_brian2_bench.py), the
//    slow configuration: process CPU time around its net.run calls.
// Ours is timed around present() (network built before). The machine is
// shared, so CPU time is the fairer measure and the load average is printed.
// Then a growth table: our rate and Brian2 standalone's against N (100,
// 400, 1600) and against the input rate, the cost per synaptic event and per
// neuron step (least squares over those runs), and the fitted exponents.
//
// Profile notes (callgrind, `bench_snn 4 "" 0`: 4 examples, instructions
// including building the network, ~20 M): 264 M before issue 21's work,
// where the conductance LIF with a glibc exp per neuron was 22 % + 17 % of
// exp, the Poisson inputs (a draw per input and step) 17 %, the STDP exp per
// arrival 10 %, the per-synapse queue 5 %. perf then showed what callgrind
// cannot: subnormal arithmetic (decaying conductances, traces of silent
// neurons) took half the LIF's and a third of the STDP's cycles. Now 109 M:
// geometric Poisson gaps, one queue entry per (neuron, delay) group, one
// vectorised exp pass per step for the post traces and the membranes
// (core/snn/ExpArray.h, AVX2 clone), no subnormals. What is left per event
// (~7 ns, fitted below) is mostly cache misses and branch misses on the
// groups' varying sizes (perf on Projection::deliver and the STDP batch).
//
// Then a device-synapse network (issues 16 and 21): Song, Miller & Abbott's
// competition, 1000 Poisson inputs onto one conductance LIF neuron through
// pulse_stdp synapses on NeuroSim NL 3 devices (every update a stochastically
// rounded number of pulses along the device's curve), here and in Brian2
// cpp_standalone (bench/brian2/song_pulse_standalone.py, the same equations
// written as Brian2 code), with the fraction of devices in the middle three
// fifths of the range at the end as a check that both ran the same thing.
// Most of Brian2's time there is its PoissonGroup, one random number per
// input and step (2e8 for 20 s); ours draws the gap to each input's next
// spike instead, so the ratio says as much about input generation as about
// the synapses (measured 25.8x by CPU time, 20 s, load 2.9).
//
// usage: bench_snn [examples=20] [brian2 targets=cpp_standalone,cython]
//                  [growth examples=4, 0 = no growth table; Brian2's column
//                  only when the targets include cpp_standalone]
//                  [song seconds=20, 0 = no device-synapse table]
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "bench/BenchClock.h"
#include "core/snn/experiments/DiehlCook.h"
#include "core/snn/experiments/SongStdp.h"

using namespace ms::snn;
using ms::bench::loadAverage;
using ms::bench::logSlope;

namespace {


struct Run {
    double sim = 0, wall = 0, cpu = 0;
    double processWall = 0, processCpu = 0;  // Brian2 standalone: the whole binary
    double events = 0, cellSteps = 0;  // synaptic events, steps x 2 N conductance LIF cells
    bool ok = false;
};

Run runOurs(int examples, std::size_t excitatory, double rateScale) {
    DiehlCookOptions o;
    o.excitatory = excitatory;
    o.minSpikes = 0;  // no retries: both simulators run exactly examples x 0.5 s
    o.maxRate = 63.75 * rateScale;
    o.seed = 11;
    DiehlCookNetwork dc(784, o);
    std::mt19937_64 rng(5);
    std::uniform_real_distribution<double> u(0, 1);
    const double c0 = ms::bench::processCpuSeconds();
    const auto t0 = std::chrono::steady_clock::now();
    for (int k = 0; k < examples; ++k) {
        Eigen::VectorXd x(784);
        for (int i = 0; i < 784; ++i) x[i] = u(rng) < 0.19 ? u(rng) : 0.0;  // MNIST-like ink density
        dc.present(x, true, nullptr);
    }
    Run r;
    r.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    r.cpu = ms::bench::processCpuSeconds() - c0;
    r.sim = dc.network().time();
    r.events = static_cast<double>(dc.network().totalSynapticEvents());
    r.cellSteps = static_cast<double>(dc.network().stepIndex()) * 2.0 * static_cast<double>(excitatory);
    r.ok = true;
    return r;
}

// Brian2 in a child process; its scripts print "sim wall cpu target [run_cpu]".
Run runBrian2(const std::string& target, int examples, std::size_t excitatory, double rateScale) {
    std::string cmd = "/usr/bin/python3 " + std::string(MS_SOURCE_DIR);
    if (target == "cpp_standalone")
        cmd += "/bench/brian2/diehl_cook_standalone.py " + std::to_string(examples) + " 5 " +
               std::to_string(excitatory) + " " + std::to_string(rateScale);
    else if (excitatory == 100 && rateScale == 1.0)
        cmd += "/tests/snn/diehl_cook_brian2_bench.py " + std::to_string(examples) + " 5 " + target;
    else
        return {};
    cmd += " 2>/dev/null";
    Run r;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return r;
    char line[512] = {0}, tgt[64] = {0};
    double runCpu = -1;
    while (std::fgets(line, sizeof line, p)) {
        double sim, wall, cpu;
        const int got = std::sscanf(line, "%lf %lf %lf %63s %lf", &sim, &wall, &cpu, tgt, &runCpu);
        if (got >= 4 && wall > 0 && cpu > 0) {
            r = Run{sim, wall, cpu, wall, cpu, 0, 0, true};
            if (got == 5 && runCpu > 0) r.cpu = runCpu;  // standalone: Brian2's own network-run CPU time
        }
    }
    pclose(p);
    return r;
}

void printRow(const std::string& name, const Run& r, const std::string& load) {
    std::printf("%-30s %7.2f %8.3f %8.3f %11.1f %11.1f   %s\n", name.c_str(), r.sim, r.wall, r.cpu, r.sim / r.wall,
                r.sim / r.cpu, load.c_str());
}

void growthTable(int examples, bool withBrian2) {
    struct Config {
        std::size_t n;
        double rate;
    };
    const std::vector<Config> configs = {{100, 1}, {400, 1}, {1600, 1}, {100, 0.5}, {100, 2}, {100, 4}};
    std::printf("\nGrowth (%d examples each, %.1f s simulated; CPU time; Brian2 = cpp_standalone network run)\n",
                examples, examples * 0.5);
    std::printf("%6s %6s %10s %10s %8s %9s %9s %10s %9s   %s\n", "N_exc", "rate", "events", "cell steps",
                "cpu s", "sim/cpu", "ns/event", "ns/c.step", "Brian2", "speed-up, load avg");
    std::vector<Run> ours;
    std::vector<double> sizeX, sizeY, sizeB, rateX, rateY, rateB;
    for (const auto& c : configs) {
        const std::string load = loadAverage();
        const Run r = runOurs(examples, c.n, c.rate);
        const Run b = withBrian2 ? runBrian2("cpp_standalone", examples, c.n, c.rate) : Run{};
        ours.push_back(r);
        // ns/event and ns/c.step: all of the run's CPU time over each count.
        std::printf("%6zu %5.1fx %10.0f %10.0f %8.4f %9.1f %9.2f %10.2f %9.1f   %5.1fx  %s\n", c.n, c.rate,
                    r.events, r.cellSteps, r.cpu, r.sim / r.cpu, 1e9 * r.cpu / r.events, 1e9 * r.cpu / r.cellSteps, b.ok ? b.sim / b.cpu : 0.0, b.ok ? b.cpu / r.cpu : 0.0,
                    load.c_str());
        if (c.rate == 1) {
            sizeX.push_back(static_cast<double>(c.n));
            sizeY.push_back(r.cpu);
            sizeB.push_back(b.ok ? b.cpu : 1.0);
        }
        if (c.n == 100) {
            rateX.push_back(c.rate);
            rateY.push_back(r.cpu);
            rateB.push_back(b.ok ? b.cpu : 1.0);
        }
    }
    // cpu = a events + b cell steps + c, least squares over all runs (every
    // run has the same number of steps, so c is the per-step cost that
    // grows with neither: inputs, queues, bookkeeping).
    Eigen::MatrixXd A(static_cast<Eigen::Index>(ours.size()), 3);
    Eigen::VectorXd y(static_cast<Eigen::Index>(ours.size()));
    for (std::size_t k = 0; k < ours.size(); ++k) {
        const auto row = static_cast<Eigen::Index>(k);
        A.row(row) << ours[k].events, ours[k].cellSteps, 1.0;
        y[row] = ours[k].cpu;
    }
    const Eigen::Vector3d fit = A.colPivHouseholderQr().solve(y);
    const double steps = ours.front().sim / 0.5e-3;
    std::printf("fit cpu = a events + b cell steps + c: a = %.2f ns per synaptic event, b = %.2f ns per neuron step"
                " (2 N conductance LIF cells), c = %.0f ns per step\n",
                1e9 * fit[0], 1e9 * fit[1], 1e9 * fit[2] / steps);
    std::printf("fitted exponent of CPU time: vs N %.2f (Brian2 %.2f), vs input rate %.2f (Brian2 %.2f)\n",
                logSlope(sizeX, sizeY), logSlope(sizeX, sizeB), logSlope(rateX, rateY), logSlope(rateX, rateB));
}

// Song's network on 1000 pulse synapses (NeuroSim NL 3), `seconds` simulated.
void deviceSynapseTable(double seconds, bool withBrian2) {
    std::printf("\nDevice synapses: Song et al. STDP, 1000 inputs -> 1 LIF, pulse_stdp on NeuroSim NL 3 devices, %.0f s simulated\n",
                seconds);
    std::printf("%-30s %8s %8s %11s %8s %11s   %s\n", "simulator (one thread)", "wall s", "cpu s", "sim s/cpu", "out Hz",
                "middle 3/5", "load avg before");
    SongStdpOptions o;
    o.duration = seconds;
    o.snapshotEvery = seconds;
    o.seed = 5;
    o.synapse.type = SynapseChoice::Type::PulseStdp;
    o.synapse.pulse.model = "neurosim_nl";
    o.synapse.pulse.params = {{"NL_LTP", 3},      {"NL_LTD", -3}, {"levelsLTP", 100}, {"levelsLTD", 100},
                              {"c2c", 0},         {"Gmax", 1e-4}, {"onOff", 100}};
    o.synapse.pulse.aPlus = 0.01;
    o.synapse.pulse.aMinus = 0.0105;
    o.synapse.pulse.weightPerSiemens = 100;
    const std::string load0 = loadAverage();
    ms::NullSink sink;
    ms::StopToken stop;
    const double c0 = ms::bench::processCpuSeconds();
    const auto t0 = std::chrono::steady_clock::now();
    const SongStdpResult r = runSongStdp(o, sink, stop);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double cpu = ms::bench::processCpuSeconds() - c0;
    std::printf("%-30s %8.3f %8.3f %11.1f %8.1f %11.3f   %s\n", "memstudio (C++)", wall, cpu, seconds / cpu,
                r.outputRate, r.fractionMiddle, load0.c_str());
    if (!withBrian2) return;
    const std::string load1 = loadAverage();
    const std::string cmd = "/usr/bin/python3 " + std::string(MS_SOURCE_DIR) + "/bench/brian2/song_pulse_standalone.py " +
                            std::to_string(seconds) + " 5 3 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    double bSim = 0, bWall = 0, bCpu = 0, bRunCpu = 0, low = 0, middle = -1, high = 0;
    long spikes = 0;
    char line[512];
    while (p && std::fgets(line, sizeof line, p)) {
        char tgt[64];
        if (std::sscanf(line, "fifths %lf %lf %lf", &low, &middle, &high) == 3) continue;
        std::sscanf(line, "%lf %lf %lf %63s %lf %ld", &bSim, &bWall, &bCpu, tgt, &bRunCpu, &spikes);
    }
    if (p) pclose(p);
    if (!(bRunCpu > 0)) {
        std::printf("Brian2 (cpp_standalone) run failed (python3-brian missing?)\n");
        return;
    }
    std::printf("%-30s %8.3f %8.3f %11.1f %8.1f %11.3f   %s\n", "Brian2 2.5 (cpp_standalone)", bWall, bRunCpu,
                bSim / bRunCpu, spikes / bSim, middle, load1.c_str());
    std::printf("  (its whole binary: %.3f s CPU); speed-up over Brian2 standalone: %.1fx by CPU time\n", bCpu,
                (seconds / cpu) / (bSim / bRunCpu));
}

}  // namespace

int main(int argc, char** argv) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);  // rows as they come (Brian2's builds take minutes)
    const int examples = argc > 1 ? std::atoi(argv[1]) : 20;
    const std::string targets = argc > 2 ? argv[2] : "cpp_standalone,cython";
    const int growthExamples = argc > 3 ? std::atoi(argv[3]) : 4;
    std::printf("%-30s %7s %8s %8s %11s %11s   %s\n", "simulator (one thread)", "sim s", "wall s", "cpu s",
                "sim s/wall", "sim s/cpu", "load avg (1, 5, 15 min) before");
    const std::string load0 = loadAverage();
    const Run ours = runOurs(examples, 100, 1.0);
    printRow("memstudio (C++)", ours, load0);
    std::stringstream list(targets);
    std::string target;
    while (std::getline(list, target, ',')) {
        const std::string load1 = loadAverage();
        const Run b = runBrian2(target, examples, 100, 1.0);
        if (!b.ok) {
            std::printf("Brian2 (%s) run failed (python3-brian missing?)\n", target.c_str());
            continue;
        }
        printRow("Brian2 2.5 (" + target + ")", b, load1);
        if (target == "cpp_standalone")
            std::printf("  (its whole binary: %.3f s wall, %.3f s CPU, %.1f sim s per CPU s)\n", b.processWall,
                        b.processCpu, b.sim / b.processCpu);
        std::printf("  speed-up over Brian2 (%s): %.1fx by CPU time, %.1fx by wall time\n", target.c_str(),
                    (ours.sim / ours.cpu) / (b.sim / b.cpu), (ours.sim / ours.wall) / (b.sim / b.wall));
    }
    std::printf("load avg after: %s; ours: %.0f synaptic events, %.0f cell steps\n", loadAverage().c_str(),
                ours.events, ours.cellSteps);
    if (growthExamples > 0) growthTable(growthExamples, targets.find("cpp_standalone") != std::string::npos);
    const double songSeconds = argc > 4 ? std::atof(argv[4]) : 20.0;
    if (songSeconds > 0) deviceSynapseTable(songSeconds, targets.find("cpp_standalone") != std::string::npos);
    return 0;
}
