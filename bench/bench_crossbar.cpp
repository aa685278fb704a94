// Crossbar solver benchmark (issue 5): factor time, time per input vector and
// peak memory for N×N MVM arrays (docs/crossbar.md §2 setup: G uniform in
// 1–100 µS, inputs 0–0.2 V, 1 Ω per wire segment, virtual-ground columns), and
// ngspice on the same netlists up to 64×64. Prints a table; never a test.
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "bench/BenchClock.h"
#include "core/crossbar/BiasScheme.h"
#include "core/crossbar/SpiceExport.h"

using namespace ms;
using Clock = std::chrono::steady_clock;

namespace {

double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

double peakMiB() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return double(ru.ru_maxrss) / 1024.0;
}

// Runs ngspice on the netlist; returns wall time (s) and column currents, or -1.
double runNgspice(const std::string& netlist, std::size_t cols, std::vector<double>& currents) {
    const std::string base = "/tmp/bench_crossbar_" + std::to_string(getpid());
    std::ofstream(base + ".cir") << netlist;
    const auto t0 = Clock::now();
    // ngspice's exit status is not reliable in batch mode; the parsed currents are the check.
    const int rc = std::system(("ngspice -b " + base + ".cir > " + base + ".out 2>&1").c_str());
    const double t = since(t0);
    (void)rc;
    std::ifstream in(base + ".out");
    std::string line;
    std::map<std::string, double> v;
    while (std::getline(in, line)) {
        const auto eq = line.find(" = ");
        if (eq != std::string::npos) try { v[line.substr(0, eq)] = std::stod(line.substr(eq + 3)); } catch (...) {}
    }
    std::remove((base + ".cir").c_str());
    std::remove((base + ".out").c_str());
    currents.assign(cols, 0.0);
    for (std::size_t j = 0; j < cols; ++j) {
        const auto it = v.find("vc" + std::to_string(j) + "#branch");
        if (it == v.end()) return -1;
        currents[j] = it->second;
    }
    return t;
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t maxN = argc > 1 ? std::size_t(std::atol(argv[1])) : 1024;  // e.g. 64 for a quick run
    const bool haveNgspice =
        !std::getenv("MS_BENCH_NO_NGSPICE") && std::system("command -v ngspice > /dev/null 2>&1") == 0;
    std::printf("crossbar MVM benchmark, %ld cores, load average %s at start\n", sysconf(_SC_NPROCESSORS_ONLN),
                ms::bench::loadAverage().c_str());
    // The growth table: CPU cost against N, for the fitted exponents below.
    std::vector<double> sizes, factorCpus, oneCpus, batchCpus, ngSizes, ngTimes;
    std::printf("%6s %10s %10s %9s %9s %11s %11s %12s %12s %9s %10s %9s %9s\n", "N", "unknowns", "L entries",
                "factor s", "(cpu s)", "1 vector ms", "(cpu ms)", "batch64 ms/v", "(cpu ms/v)", "peak MiB", "ngspice s",
                "speed-up", "max diff");
    double lastFactor = 0.0;
    for (std::size_t n : {32, 64, 128, 256, 512, 1024}) {
        if (n > maxN) break;
        if (lastFactor * 9.0 > 60.0) {  // factor work grows ~8x per doubling of N
            std::printf("%6zu skipped: the factorization would take about %.0f s (> 60 s)\n", n, lastFactor * 9.0);
            continue;
        }
        CrossbarSpec s = uniformCrossbar(n, n, 1e-5);
        std::mt19937_64 rng(1);
        std::uniform_real_distribution<double> g(1e-6, 1e-4), in(0.0, 0.2);
        for (auto& v : s.conductance) v = g(rng);
        s.rWireRow = s.rWireCol = 1.0;
        std::vector<double> x(n);
        for (auto& v : x) v = in(rng);
        const auto drive = mvmDrive(s, x);

        auto t0 = Clock::now();
        double c0 = ms::bench::processCpuSeconds();
        CrossbarSolver solver(s, drive);
        const double factor = since(t0), factorCpu = ms::bench::processCpuSeconds() - c0;
        lastFactor = factor;
        t0 = Clock::now();
        c0 = ms::bench::processCpuSeconds();
        const auto sol = solver.solve(drive);
        const double one = since(t0), oneCpu = ms::bench::processCpuSeconds() - c0;
        const Eigen::Index K = 64;
        Eigen::MatrixXd X(Eigen::Index(n), K);
        for (Eigen::Index k = 0; k < K; ++k)
            for (Eigen::Index i = 0; i < Eigen::Index(n); ++i) X(i, k) = in(rng);
        t0 = Clock::now();
        c0 = ms::bench::processCpuSeconds();
        const Eigen::MatrixXd I = solver.columnCurrents(X, std::vector<double>(n, 0.0));
        const double batch = since(t0) / double(K), batchCpu = (ms::bench::processCpuSeconds() - c0) / double(K);

        std::string ng = "-", speed = "-", diff = "-";
        if (haveNgspice && n <= 64) {
            SpiceExportOptions o;
            o.printAll = true;
            std::vector<double> ref;
            const double t = runNgspice(crossbarNetlist(s, drive, o), n, ref);
            if (t > 0) {
                double worst = 0.0;
                for (std::size_t j = 0; j < n; ++j)
                    worst = std::max(worst, std::fabs(sol.colCurrent[j] - ref[j]) / std::fabs(ref[j]));
                char buf[64];
                std::snprintf(buf, sizeof buf, "%.2f", t);
                ng = buf;
                ngSizes.push_back(double(n));
                ngTimes.push_back(t);
                std::snprintf(buf, sizeof buf, "%.0fx", t / (factor + one));
                speed = buf;
                std::snprintf(buf, sizeof buf, "%.1e", worst);
                diff = buf;
            }
        }
        sizes.push_back(double(n));
        factorCpus.push_back(factorCpu);
        oneCpus.push_back(oneCpu);
        batchCpus.push_back(batchCpu);
        std::printf("%6zu %10zu %10zu %9.3f %9.3f %11.3f %11.3f %12.3f %12.3f %9.0f %10s %9s %9s\n", n,
                    solver.unknowns(), solver.factorNonZeros(), factor, factorCpu, one * 1e3, oneCpu * 1e3, batch * 1e3,
                    batchCpu * 1e3, peakMiB(), ng.c_str(), speed.c_str(), diff.c_str());
        std::fflush(stdout);
    }
    std::printf("factor = build + order + Cholesky; 1 vector = full solve with all maps; batch64 = column currents\n"
                "for 64 input vectors at once (one columnCurrents call), per vector; (cpu) = CPU time of all threads\n"
                "(2 threads: wall on an idle 2-core machine is about cpu/2 for the parallel parts); speed-up =\n"
                "ngspice / (factor + 1 vector); max diff = largest relative column-current difference to ngspice.\n"
                "Peak MiB is the process maximum so far. MS_BENCH_NO_NGSPICE=1 skips ngspice.\n");
    if (sizes.size() >= 2)
        std::printf("fitted exponents (CPU time ~ N^k over N = %.0f..%.0f): factor %.2f, 1 vector %.2f, batch64 per vector %.2f\n",
                    sizes.front(), sizes.back(), ms::bench::logSlope(sizes, factorCpus), ms::bench::logSlope(sizes, oneCpus),
                    ms::bench::logSlope(sizes, batchCpus));
    if (ngSizes.size() >= 2)
        std::printf("ngspice wall time ~ N^%.2f over N = %.0f..%.0f\n", ms::bench::logSlope(ngSizes, ngTimes),
                    ngSizes.front(), ngSizes.back());
    if (!haveNgspice) std::printf("ngspice not installed: its column is empty\n");
    return 0;
}
