// The two sbatch scripts of `memstudio-cli study submit --slurm`: a job array
// with one task per shard (task t runs shard t+1 of N), and a merge job that
// the submitter makes depend on it (--dependency=afterok:<array job id>).
// SLURM queues, retries and accounts; these only say what each task runs.
#pragma once

#include <cstddef>
#include <string>

namespace ms::study {

struct SlurmOptions {
    std::string cli;          // absolute path of memstudio-cli
    std::string projectFile;  // absolute
    std::string studyId;
    std::string outDir;       // absolute; shared by every task
    std::size_t points = 0;
    std::size_t shards = 1;
    std::string partition;    // "" = the cluster's default
    std::string time;         // "" = the partition's default ("00:30:00", "2-00:00:00")
    std::size_t cpus = 1;     // per array task (its -j)
    std::size_t arrayLimit = 0;  // tasks running at once ("%L"); 0 = no limit
};

std::string slurmArrayScript(const SlurmOptions& o);
std::string slurmMergeScript(const SlurmOptions& o);

// Single-quoted for sh ("it's" -> 'it'\''s').
std::string shellQuote(const std::string& text);

}  // namespace ms::study
