// Runs a study's points (or one shard of them) on a few threads, writing each
// point's outputs and record into DIR/points/<p>/ (StudyResults.h). A point
// already recorded with the same fingerprint is not run again (resume); a
// point whose run throws is recorded as failed and the study goes on.
//
// The runner owns scheduling and the folder; what a point's run writes
// besides its record is the caller's (memstudio-cli streams series to CSV).
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "core/project/Project.h"
#include "core/sim/Frames.h"
#include "core/study/StudyResults.h"

namespace ms::study {

struct Shard {
    std::size_t index = 1;  // K of K/N, 1-based
    std::size_t count = 1;  // N
};

// Points of shard K/N: those with index % N == K - 1.
bool inShard(std::size_t pointIndex, const Shard& shard);

struct RunnerOptions {
    std::filesystem::path outDir;
    std::size_t jobs = 1;
    Shard shard;
    bool retryFailed = false;  // run points recorded as failed again
};

// Runs one point's project into `directory` (a fresh staging folder that
// becomes DIR/points/<p>) and returns its figures; series and log go into
// `details`. Throws on failure (the message is recorded).
using PointRun = std::function<void(const Project& pointProject, const std::string& experimentId,
                                    const std::filesystem::path& directory, PointRecord& record, const StopToken& stop)>;

struct RunnerCounts {
    std::size_t total = 0;    // points of this shard
    std::size_t resumed = 0;  // already done in DIR
    std::size_t toRun = 0;
    std::size_t done = 0;     // run now (ok or failed)
    std::size_t failed = 0;
};

// Called (under a lock, from a worker) after each point finishes.
using PointDone = std::function<void(const PointRecord& record, const RunnerCounts& counts)>;

// The points of this shard that still need a run, in index order.
std::vector<std::size_t> pointsToRun(const Study& study, const Provenance& provenance, const RunnerOptions& options);

// Runs them. Returns the counts; throws Cancelled when `stop` was requested
// (finished points stay recorded).
RunnerCounts runStudy(const Project& project, const Study& study, const Provenance& provenance,
                      const RunnerOptions& options, const PointRun& run, const PointDone& onDone, StopToken& stop);

}  // namespace ms::study
