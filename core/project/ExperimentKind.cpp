// The experiment-kind registry and the one entry point that runs an
// experiment of a project (shared by memstudio-cli and the GUI).
#include "core/project/ExperimentKind.h"

#include <nlohmann/json.hpp>

#include "core/common/Errors.h"
#include "core/project/JsonFields.h"

// Each kind is one file in core/project/kinds/ defining
// `ExperimentKindInfo <name>()`, and one line here.
#define MS_EXPERIMENT_KINDS(X) \
    X(deviceTransientKind)     \
    X(pulseLtpLtdKind)         \
    X(neuronFiCurveKind)       \
    X(neuronTraceKind)         \
    X(snnUnsupervisedDigitsKind) \
    X(snnIrisHebbianKind)      \
    X(snnAnnConversionKind)    \
    X(snnStdpSongKind)         \
    X(fitIvKind)               \
    X(fitPulseCurveKind) \
    X(annTrainingKind)         \
    X(annSweepKind)            \
    X(crossbarReadKind)        \
    X(crossbarReadMarginSweepKind) \
    X(crossbarMvmKind)         \
    X(crossbarWriteKind) \
    X(circuitTransientKind) \
    X(circuitDcKind) \
    X(cellPulseCurveKind) \
    X(stdpWindowKind) \
    X(writeVerifyKind)

namespace ms {

#define MS_DECLARE(fn) ExperimentKindInfo fn();
MS_EXPERIMENT_KINDS(MS_DECLARE)
#undef MS_DECLARE

const Registry<ExperimentKindInfo>& experimentKindRegistry() {
    static const Registry<ExperimentKindInfo> reg = [] {
        Registry<ExperimentKindInfo> r;
#define MS_ADD(fn) r.add(fn());
        MS_EXPERIMENT_KINDS(MS_ADD)
#undef MS_ADD
        return r;
    }();
    return reg;
}

void runExperiment(const Project& project, const std::string& experimentId, FrameSink& sink, const StopToken& stop) {
    const nlohmann::json* experiment = project.experiment(experimentId);
    if (!experiment) {
        const auto ids = project.experimentIds();
        throw InputError("experiments", "no experiment with id '" + experimentId + "'" +
                                            (ids.empty() ? std::string(" (the project has none)")
                                                         : " (known: " + json_fields::joinIds(ids) + ")"));
    }
    // Locate it for messages: experiments[k].
    std::string path = "experiments";
    const auto& list = project.tree()["experiments"];
    for (std::size_t k = 0; k < list.size(); ++k)
        if (&list[k] == experiment) path = json_fields::index("experiments", k);

    const std::string kindId =
        experiment->contains("kind") && (*experiment)["kind"].is_string() ? (*experiment)["kind"].get<std::string>() : "";
    const ExperimentKindInfo* kind = experimentKindRegistry().find(kindId);
    if (!kind)
        throw InputError(json_fields::join(path, "kind"), "unknown experiment kind '" + kindId + "' (known: " +
                                                              json_fields::joinIds(experimentKindRegistry().ids()) + ")");
    const auto issues = kind->validate(*experiment, project, path);
    if (!issues.empty()) throw InputError(issues.front().path, issues.front().message);
    kind->run(*experiment, project, sink, stop);
}

}  // namespace ms
