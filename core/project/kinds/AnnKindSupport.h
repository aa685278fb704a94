// What the kinds that train on crossbar tiles share (ann_training, ann_sweep,
// rnn_sequence): the ann_training parser and runner, the device side of any
// such network (training mode, device synapse, periphery, non-idealities,
// mitigations), and the device-driven pulse synapse. Defined in AnnTrainingKind.cpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/ann/AnnExperiment.h"
#include "core/ann/AnnTraining.h"
#include "core/devices/ModelRegistry.h"
#include "core/project/Project.h"
#include "core/sim/Frames.h"
#include "core/sim/PulseDesigner.h"
#include "core/sim/PulseExperiment.h"

namespace ms {

// The device side, read from the experiment object `e` at `path`: "mode",
// "rule", "mapping", "levelsPerDirection" (analogFieldKeys), the scalars of
// analogSettings() (tile size, wMax, DAC/ADC, update and write pulse),
// "synapse" {"model", "preset", "params"}, "nonidealities" and "mitigations",
// exactly as ann_training documents them. The synapse is instantiated (its
// problems reported under synapse) unless mode is float and none is named.
const std::vector<ParamSpec>& analogSettings();
const std::vector<std::string>& analogFieldKeys();
void readAnalogSettings(const nlohmann::json& e, const std::string& path, std::vector<ProjectIssue>& issues,
                        TrainingMode& mode, AnalogSpec& analog);

// The ann_training object at `path` (extraKeys: fields a wrapping kind adds).
AnnExperimentSetup readAnnSetup(const nlohmann::json& e, const std::string& path, std::vector<ProjectIssue>& issues,
                                const std::vector<std::string>& extraKeys = {});
void runAnnSetup(const AnnExperimentSetup& s, FrameSink& sink, const StopToken& stop, AnnRunResult* out);

// A synapse given as a device driven by pulses (AnnTrainingKind.cpp's header comment).
struct DeviceSynapseDrive {
    DeviceSpec device;
    PulseProtocol protocol;
    bool designed = false;  // pulse.scheme designed_*: the designer's train replaces identical pulses
    PulseDesignOptions design;
};
// The drive of e's "synapse": {"device", "pulse"}, or nullopt when the synapse is a model.
std::optional<DeviceSynapseDrive> readDeviceSynapse(const nlohmann::json& e, const Project& project,
                                                    const std::string& path, std::vector<ProjectIssue>& issues);
// Pulses per branch of the device measurement: the lookup table's intervals.
int deviceSynapsePulses();
// The lookup_table parameters of a measured device curve; InputError at
// `path` when the pulses do not move the conductance or potentiation lowers it.
ParamValues deviceSynapseTable(const PulseResult& curve, const std::string& path);
// Measures the device and makes s train with its lookup_table synapse.
void useDeviceSynapse(AnnExperimentSetup& s, const DeviceSynapseDrive& d, const std::string& path, FrameSink& sink,
                      const StopToken& stop);

}  // namespace ms
