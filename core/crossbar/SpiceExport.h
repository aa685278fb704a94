// SPICE export of a crossbar under one drive: an ngspice-compatible netlist
// (resistors for wires, terminals and linear cells; B-sources for the K_r-sinh
// element and the sinh selector; DC sources per terminal; .op). Node names:
// r<i>_<j> / c<i>_<j> row / column line at cell (i,j) (ideal lines collapse to
// r<i>_0 and c<M-1>_<j>), m<i>_<j> between a cell's element and its
// transistor or selector, tr<i> / tc<j> behind a terminal resistance.
// Sources: Vr<i> drives row i, Vc<j> column j; ngspice reports their branch
// currents as vr<i>#branch = -(current into the line) and vc<j>#branch =
// +(current out of the line).
#pragma once

#include <string>

#include "core/crossbar/CrossbarSolver.h"

namespace ms {

struct SpiceExportOptions {
    std::string title = "memristor-studio crossbar";
    // Append a .control block that prints every node voltage and source
    // current with 15 digits (for cross-checks); otherwise a plain .op deck.
    bool printAll = false;
    // Tight Newton tolerances so nonlinear cells converge far below 1e-6.
    bool tightTolerances = true;
};

std::string crossbarNetlist(const CrossbarSpec& spec, const CrossbarDrive& drive,
                            const SpiceExportOptions& options = {});

}  // namespace ms
