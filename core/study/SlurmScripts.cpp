#include "core/study/SlurmScripts.h"

namespace ms::study {

std::string shellQuote(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

namespace {

std::string header(const SlurmOptions& o, const std::string& jobName) {
    std::string s = "#!/bin/bash\n";
    s += "#SBATCH --job-name=" + jobName + "\n";
    if (!o.partition.empty()) s += "#SBATCH --partition=" + o.partition + "\n";
    if (!o.time.empty()) s += "#SBATCH --time=" + o.time + "\n";
    return s;
}

}  // namespace

std::string slurmArrayScript(const SlurmOptions& o) {
    std::string s = header(o, "ms-study-" + o.studyId);
    s += "#SBATCH --array=0-" + std::to_string(o.shards - 1) +
         (o.arrayLimit > 0 ? "%" + std::to_string(o.arrayLimit) : std::string()) + "\n";
    s += "#SBATCH --ntasks=1\n";
    s += "#SBATCH --cpus-per-task=" + std::to_string(o.cpus) + "\n";
    s += "#SBATCH --output=" + o.outDir + "/slurm/logs/shard-%A_%a.out\n";
    s += "# Study '" + o.studyId + "': " + std::to_string(o.points) + " points in " + std::to_string(o.shards) +
         " shards; array task t runs the points p with p % " + std::to_string(o.shards) +
         " == t. Written by memstudio-cli study submit.\n";
    s += "set -eu\n";
    s += "exec " + shellQuote(o.cli) + " study " + shellQuote(o.projectFile) + " --study " + shellQuote(o.studyId) +
         " --out " + shellQuote(o.outDir) + " -j \"${SLURM_CPUS_PER_TASK:-1}\" --shard \"$((SLURM_ARRAY_TASK_ID + 1))/" +
         std::to_string(o.shards) + "\"\n";
    return s;
}

std::string slurmMergeScript(const SlurmOptions& o) {
    std::string s = header(o, "ms-study-" + o.studyId + "-merge");
    s += "#SBATCH --ntasks=1\n";
    s += "#SBATCH --cpus-per-task=1\n";
    s += "#SBATCH --output=" + o.outDir + "/slurm/logs/merge-%j.out\n";
    s += "# Assembles " + o.outDir + "/study.csv once every shard has finished (submitted with\n"
         "# --dependency=afterok on the array job).\n";
    s += "set -eu\n";
    s += "exec " + shellQuote(o.cli) + " study merge " + shellQuote(o.outDir) + "\n";
    return s;
}

}  // namespace ms::study
