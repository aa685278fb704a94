// `memstudio-cli study` (docs/studies.md): run a project's study, or one shard
// of it, in-process on N threads; `study merge` assembles the table of a
// sharded run; `study submit --slurm` writes and submits a SLURM job array
// and a merge job that depends on it.
#pragma once

#include <string>
#include <vector>

namespace ms::cli {

// Arguments after "study". Returns the exit code (0 ok, 1 interrupted or a
// failure of the output folder, 2 bad input); throws InputError for bad input.
int studyCommand(const std::vector<std::string>& args, const std::string& studioVersion);

}  // namespace ms::cli
