// Experiment kinds: one registry entry per kind ("device_transient",
// "pulse_ltp_ltd", later "crossbar_read", "ann_training", ...). A kind validates
// its JSON object and runs it, streaming frames. The CLI and the GUI both run
// experiments only through here, so a run is identical in both.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/common/Registry.h"
#include "core/project/Project.h"
#include "core/sim/Frames.h"  // engines stream through the same sink

namespace ms {

struct ExperimentKindInfo {
    std::string id;
    std::string name;
    std::string summary;
    // Problems in `experiment` (located under `path`, e.g. "experiments[1]").
    std::function<std::vector<ProjectIssue>(const nlohmann::json& experiment, const Project& project,
                                            const std::string& path)>
        validate;
    // Runs a validated experiment. Key figures go to sink.scalar(), series to
    // sink.beginSeries()/appendRows(). Throws SimulationError or Cancelled.
    std::function<void(const nlohmann::json& experiment, const Project& project, FrameSink& sink,
                       const StopToken& stop)>
        run;
    // Rough upper bound of the memory a run needs (bytes), checked before it starts.
    std::function<double(const nlohmann::json& experiment, const Project& project)> memoryEstimate;
    // The kind's scalar settings (duration, samples, pulse counts, ...): key,
    // unit, default, range, meaning. Editors, docs and `memstudio-cli models`
    // are generated from them; validate() checks against them.
    std::vector<ParamSpec> settings;
    // Kinds that describe a circuit (a cell, a crossbar) export it as an
    // ngspice netlist (`memstudio-cli export-spice`, File > Export SPICE).
    // Empty for kinds with nothing to export. Throws InputError.
    std::function<std::string(const nlohmann::json& experiment, const Project& project)> exportSpice;
};

const Registry<ExperimentKindInfo>& experimentKindRegistry();

// Looks up the experiment's kind and runs it; InputError for an unknown id or kind.
void runExperiment(const Project& project, const std::string& experimentId, FrameSink& sink, const StopToken& stop);

}  // namespace ms
