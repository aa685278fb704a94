#include "core/study/StudyRunner.h"

#include <atomic>
#include <chrono>
#include <fstream>
#include <mutex>
#include <thread>
#include <unistd.h>

#include "core/common/Errors.h"

namespace fs = std::filesystem;

namespace ms::study {

bool inShard(std::size_t pointIndex, const Shard& shard) {
    return shard.count <= 1 || pointIndex % shard.count == shard.index - 1;
}

std::vector<std::size_t> pointsToRun(const Study& study, const Provenance& provenance, const RunnerOptions& options) {
    std::vector<std::size_t> out;
    const std::size_t n = pointCount(study);
    for (std::size_t k = 0; k < n; ++k) {
        if (!inShard(k, options.shard)) continue;
        const auto r = readPointRecord(options.outDir, k);
        const bool done = r && r->fingerprint == provenance.fingerprints.at(k) && (r->ok || !options.retryFailed);
        if (!done) out.push_back(k);
    }
    return out;
}

namespace {

// Runs one point into a staging folder and moves it into place whole: a
// point folder with a point.json is always a finished point.
PointRecord runPoint(const Project& project, const Study& study, const Provenance& provenance, const RunnerOptions& options,
                     const PointRun& run, std::size_t index, std::size_t worker, const StopToken& stop) {
    const Point p = point(study, index);
    PointRecord r;
    r.index = index;
    for (std::size_t a = 0; a < study.axes.size(); ++a) r.values.push_back(study.axes[a].values[p.valueIndex[a]]);
    r.seed = p.seed;
    r.fingerprint = provenance.fingerprints.at(index);
    const fs::path staging = options.outDir / "points" /
                             ("." + std::to_string(index) + ".partial-" + std::to_string(::getpid()) + "-" + std::to_string(worker));
    std::error_code ec;
    fs::remove_all(staging, ec);
    fs::create_directories(staging, ec);
    if (ec) throw InputError(staging.string(), "cannot create: " + ec.message());
    const auto start = std::chrono::steady_clock::now();
    try {
        run(pointProject(project, study, p), study.experimentId, staging, r, stop);
        r.ok = true;
    } catch (const Cancelled&) {
        fs::remove_all(staging, ec);
        throw;
    } catch (const std::exception& e) {
        r.ok = false;
        r.message = e.what();
        r.figures.clear();  // figures of a run that did not finish would read as results
    }
    if (stop.stopRequested()) {  // an engine that returned early without throwing
        fs::remove_all(staging, ec);
        throw Cancelled();
    }
    r.details["wallTime"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    r.details["studioVersion"] = provenance.studioVersion;
    {
        std::ofstream out(staging / "point.json", std::ios::binary);
        out << toJson(r).dump(2) << '\n';
        out.flush();
        if (!out) throw InputError((staging / "point.json").string(), "write failed (disk full?)");
    }
    const fs::path target = pointDirectory(options.outDir, index);
    fs::remove_all(target, ec);  // a stale or failed earlier result
    fs::rename(staging, target, ec);
    if (ec) throw InputError(target.string(), "cannot move the point's results into place: " + ec.message());
    return r;
}

}  // namespace

RunnerCounts runStudy(const Project& project, const Study& study, const Provenance& provenance,
                      const RunnerOptions& options, const PointRun& run, const PointDone& onDone, StopToken& stop) {
    const std::vector<std::size_t> indices = pointsToRun(study, provenance, options);
    RunnerCounts counts;
    for (std::size_t k = 0; k < pointCount(study); ++k) counts.total += inShard(k, options.shard) ? 1 : 0;
    counts.toRun = indices.size();
    counts.resumed = counts.total - counts.toRun;
    std::error_code ec;
    fs::create_directories(options.outDir / "points", ec);
    if (ec) throw InputError(options.outDir.string(), "cannot create " + (options.outDir / "points").string() + ": " + ec.message());

    std::atomic<std::size_t> next{0};
    std::mutex lock;
    std::exception_ptr fatal;  // a failure of the folder, not of a point: stops the study
    auto worker = [&](std::size_t id) {
        while (!stop.stopRequested()) {
            const std::size_t k = next.fetch_add(1);
            if (k >= indices.size()) return;
            try {
                const PointRecord r = runPoint(project, study, provenance, options, run, indices[k], id, stop);
                std::lock_guard<std::mutex> guard(lock);
                ++counts.done;
                if (!r.ok) ++counts.failed;
                if (onDone) onDone(r, counts);
            } catch (const Cancelled&) {
                return;
            } catch (...) {
                std::lock_guard<std::mutex> guard(lock);
                if (!fatal) fatal = std::current_exception();
                stop.requestStop();
                return;
            }
        }
    };
    const std::size_t jobs = std::max<std::size_t>(1, std::min(options.jobs, indices.size()));
    if (jobs == 1) {
        worker(0);
    } else {
        std::vector<std::thread> threads;
        for (std::size_t j = 0; j < jobs; ++j) threads.emplace_back(worker, j);
        for (auto& t : threads) t.join();
    }
    if (fatal) std::rethrow_exception(fatal);
    if (stop.stopRequested()) throw Cancelled();
    return counts;
}

}  // namespace ms::study
