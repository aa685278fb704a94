// Wall time to run each example project in projects/ (every experiment, all
// output streamed into a sink that only counts rows), best of 3 runs.
// A table for people; never a test.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/project/ExperimentKind.h"
#include "core/project/Project.h"

namespace {

struct CountingSink final : ms::CheckedSink {
    std::size_t rows = 0, series = 0;
    void onBeginSeries(const std::string&, const std::vector<ms::Column>&) override { ++series; }
    void onRows(const std::string&, const double*, std::size_t n) override { rows += n; }
};

}  // namespace

int main() {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(MS_SOURCE_DIR "/projects"))
        if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());

    std::printf("%-28s %-24s %-16s %7s %9s %11s\n", "project", "experiment", "kind", "series", "rows", "wall (ms)");
    for (const auto& f : files) {
        const ms::Project project = ms::loadProjectFile(f.string());
        double projectMs = 0;
        for (const auto& id : project.experimentIds()) {
            double best = 1e300;
            CountingSink counted;
            for (int rep = 0; rep < 3; ++rep) {
                CountingSink sink;
                ms::StopToken stop;
                const auto t0 = std::chrono::steady_clock::now();
                ms::runExperiment(project, id, sink, stop);
                best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
                counted = sink;
            }
            projectMs += best;
            std::printf("%-28s %-24s %-16s %7zu %9zu %11.2f\n", f.stem().string().c_str(), id.c_str(),
                        (*project.experiment(id))["kind"].get<std::string>().c_str(), counted.series, counted.rows, best);
        }
        std::printf("%-28s %-24s %-16s %7s %9s %11.2f\n", f.stem().string().c_str(), "(whole project)", "", "", "", projectMs);
    }
    return 0;
}
