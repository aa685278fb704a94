// `memstudio-cli export-spice PROJECT.json --experiment ID -o FILE.cir`:
// writes the experiment's circuit (a synapse cell, a circuit, a crossbar) as
// an ngspice netlist through its kind's exportSpice().
#pragma once

#include <string>

namespace ms::cli {

struct ExportSpiceOptions {
    std::string projectFile;
    std::string experimentId;  // empty: the project's only exportable experiment
    std::string outFile;
};

// Throws InputError: unreadable project, unknown experiment, a kind with
// nothing to export, an output file that cannot be written (the old file is
// then left as it was).
void exportSpice(const ExportSpiceOptions& options);

}  // namespace ms::cli
