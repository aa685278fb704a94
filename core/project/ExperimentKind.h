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

// How much work a run asks for, in the unit that bounds its time (simulated
// drive cycles, integration steps, ...). Like the memory estimate it is checked
// before a run starts, so an absurd request (a 1 Hz drive over 1e9 s) is refused
// with a message naming the setting instead of running until it is cancelled.
struct WorkEstimate {
    double amount = 0.0;  // e.g. 1e9
    double limit = 0.0;   // the most one run may take, same unit (0: no limit)
    std::string unit;     // "cycles", "integration steps"
    std::string field;    // the setting to change, relative to the experiment ("duration")
    std::string detail;   // how the amount follows from the settings ("1e+09 s at a 1 s period")
};

// A setting a run ignores because another part of the experiment sets it
// (the ANN's device synapse drive sets the write pulse): editors grey it out
// and show `reason`.
struct SupersededSetting {
    std::string key;
    std::string reason;
};

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
    // Work a run asks for (see WorkEstimate), for a validated experiment; empty
    // for kinds whose settings' ranges already bound their run time.
    std::function<WorkEstimate(const nlohmann::json& experiment, const Project& project)> workEstimate;
    // Settings of `experiment` that its other fields override; empty if none.
    std::function<std::vector<SupersededSetting>(const nlohmann::json& experiment)> superseded;
};

const Registry<ExperimentKindInfo>& experimentKindRegistry();

// Looks up the experiment's kind and runs it; InputError for an unknown id or kind.
void runExperiment(const Project& project, const std::string& experimentId, FrameSink& sink, const StopToken& stop);

// Half of this machine's physical memory: a run estimated above it is refused.
double defaultRunMemoryLimit();
// The guards memstudio-cli and the studio apply before a run starts: InputError
// at the experiment ("experiments[0]: needs about 30000 MB, ...") when its memory
// estimate is above `memoryLimitBytes` (<= 0: defaultRunMemoryLimit()), or at the
// field its work estimate names ("experiments[0].duration: 1e+09 s at a 1 s
// period is 1e+09 cycles, more than the 1e+07 a run may take"). An unknown id
// or an invalid experiment is the InputError runExperiment would throw.
void checkRunLimits(const Project& project, const std::string& experimentId, double memoryLimitBytes = 0.0);

}  // namespace ms
