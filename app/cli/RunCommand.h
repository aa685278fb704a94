// `memstudio-cli run` and `validate`.
#pragma once

#include <string>
#include <vector>

namespace ms {
class StopToken;
}

namespace ms::cli {

struct RunOptions {
    std::string projectFile;
    std::string outDir;
    std::vector<std::string> experimentIds;  // empty: all
    bool verbose = false;
};

// Loads, validates and runs; writes DIR/summary.json and the CSVs, all or
// nothing. Throws InputError (bad input), SimulationError or Cancelled.
void runProject(const RunOptions& options, const StopToken& stop);

// Loads and validates; prints every problem. Returns the number of problems
// (0 = valid). Throws InputError for an unreadable or malformed file.
int validateProject(const std::string& projectFile);

}  // namespace ms::cli
