// Per-layer circuit estimates of an ann_training run (issue 22): the optional
// "circuitEstimate" object of the experiment and the figures it reports.
//
//   "circuitEstimate": {"cell": "1m" | "1m1t", <scalar settings (circuitEstimateSettings)>}
//
// Present (even {}): after training, the run reports per weight layer k
// (conv first when on, then the dense layers) the scalars
//   layer<k>_area (m^2), layer<k>_read_latency (s per image),
//   layer<k>_read_energy_per_image (J), layer<k>_write_energy_per_epoch (J),
//   layer<k>_write_latency_per_epoch (s),
// the totals circuit_area, circuit_read_latency, circuit_read_energy_per_image,
// and the series "circuit_estimates" (one row per layer, circuitEstimateColumns()).
// The wires and the read voltage are the run's nonidealities.irDrop values
// (read whether or not IR drop is simulated); the costs are the settings here.
// Equations: core/ann/LayerCircuitEstimate.h; prose: docs/circuit-estimates.md.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/ann/AnnExperiment.h"
#include "core/ann/AnnTraining.h"
#include "core/ann/LayerCircuitEstimate.h"
#include "core/common/ParamSpec.h"
#include "core/project/Project.h"
#include "core/sim/Frames.h"

namespace ms {

const std::vector<ParamSpec>& circuitEstimateSettings();
// Cells of the cell registry that hold one device (one per weight polarity).
const std::vector<std::string>& circuitEstimateCells();

struct CircuitEstimateSetup {
    bool enabled = false;    // the experiment has a circuitEstimate object
    std::string cell = "1m";
    ParamValues values;      // circuitEstimateSettings(), defaults filled in
};

// The circuitEstimate object of experiment `e` (at `path`); problems go to
// `issues` at path.circuitEstimate.<key>.
CircuitEstimateSetup readCircuitEstimate(const nlohmann::json& e, const std::string& path,
                                         std::vector<ProjectIssue>& issues);

// The weight layers of the network as the tiles hold them (the conv stage's
// filters first when it is on, on the image after the data transforms; then
// the dense layers, with a bias input when network.bias).
std::vector<LayerShape> annLayerShapes(const AnnExperimentSetup& s);

// Costs, wires and layout of the estimate for this run (mean conductance
// from the synapse model, (Gmin + Gmax)/2).
CircuitCosts circuitCosts(const CircuitEstimateSetup& c, const AnnExperimentSetup& s);
WireModel circuitWires(const CircuitEstimateSetup& c, const AnnExperimentSetup& s);
TileLayout circuitLayout(const AnnExperimentSetup& s);

// Update pulses and write energy per epoch of in situ training, split over
// the layers in proportion to their devices (the run counts totals only);
// zero for the other modes (they program once, after training).
std::vector<LayerWrites> writesPerEpoch(const AnnExperimentSetup& s, const AnnRunResult& r,
                                        const std::vector<LayerShape>& layers);

// One line: every assumption with its value and unit, and what is not modelled.
std::string circuitAssumptionsText(const CircuitEstimateSetup& c, const AnnExperimentSetup& s);

// Columns of the series "circuit_estimates".
std::vector<Column> circuitEstimateColumns();

// Estimates and streams them (nothing when !c.enabled or in float mode).
void reportCircuitEstimates(const CircuitEstimateSetup& c, const AnnExperimentSetup& s, const AnnRunResult& r,
                            FrameSink& sink);

}  // namespace ms
