// A study's throughput (issue 20): points per minute of each example study
// run by the study runner on 1 thread and on 2 (memstudio-cli study -j 1 and
// -j 2), wall and CPU time side by side, each in a fresh folder, and the
// speed-up -j 2 gives. The points' own outputs are counted, not written, so
// this measures the runner and the engines, not the disk. A table; never a test.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "bench/BenchClock.h"
#include "core/project/ExperimentKind.h"
#include "core/project/Project.h"
#include "core/study/Study.h"
#include "core/study/StudyRunner.h"

namespace fs = std::filesystem;

namespace {

struct Timing {
    double wall = 0, cpu = 0;
    std::size_t points = 0, failed = 0;
};

Timing runOnce(const ms::Project& project, const ms::study::Study& s, std::size_t jobs, const fs::path& dir) {
    fs::remove_all(dir);
    const auto provenance = ms::study::makeProvenance(project, s, "bench", "bench", "bench");
    ms::study::writeProvenance(dir, provenance);
    ms::study::RunnerOptions o;
    o.outDir = dir;
    o.jobs = jobs;
    const auto run = [](const ms::Project& p, const std::string& id, const fs::path&, ms::study::PointRecord& r,
                        const ms::StopToken& stop) {
        ms::NullSink sink;
        ms::runExperiment(p, id, sink, stop);
        r.figures.push_back({"ran", "1", ""});
    };
    ms::StopToken stop;
    const auto t0 = std::chrono::steady_clock::now();
    const double c0 = ms::bench::processCpuSeconds();
    const auto counts = ms::study::runStudy(project, s, provenance, o, run, {}, stop);
    Timing t;
    t.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    t.cpu = ms::bench::processCpuSeconds() - c0;
    t.points = counts.done;
    t.failed = counts.failed;
    return t;
}

}  // namespace

int main() {
    const fs::path scratch = fs::temp_directory_path() / "memstudio-bench-study";
    std::printf("study throughput, load average %s at start; best of 3 runs per row\n", ms::bench::loadAverage().c_str());
    std::printf("%-48s %6s %3s %9s %9s %12s %9s\n", "study", "points", "-j", "wall s", "(cpu s)", "points/min", "speed-up");
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(MS_SOURCE_DIR "/projects"))
        if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        const ms::Project project = ms::loadProjectFile(f.string());
        std::vector<ms::ProjectIssue> issues;
        for (const auto& s : ms::study::readStudies(project, issues)) {
            double serial = 0;
            for (std::size_t jobs : {1u, 2u}) {
                Timing best;
                best.wall = 1e300;
                for (int rep = 0; rep < 3; ++rep) {
                    const Timing t = runOnce(project, s, jobs, scratch);
                    if (t.wall < best.wall) best = t;
                }
                if (jobs == 1) serial = best.wall;
                const std::string name = f.stem().string() + ":" + s.id;
                std::printf("%-48s %6zu %3zu %9.3f %9.3f %12.1f %9s\n", name.c_str(), best.points, jobs, best.wall, best.cpu,
                            60.0 * double(best.points) / best.wall,
                            jobs == 1 ? "-" : (std::to_string(serial / best.wall).substr(0, 4) + "x").c_str());
                if (best.failed) std::printf("  (%zu point(s) failed)\n", best.failed);
            }
        }
    }
    fs::remove_all(scratch);
    std::printf("speed-up = wall(-j 1) / wall(-j 2); on 2 cores the ideal is 2x, less when the other core is busy\n");
    return 0;
}
