// The experiment-kind registry and the one entry point that runs an
// experiment of a project (shared by memstudio-cli and the GUI).
#include "core/project/ExperimentKind.h"

#include <cmath>
#include <sstream>
#include <unistd.h>

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
    X(annVsSnnKind)            \
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
    X(writeVerifyKind) \
    X(pavlovMemoryKind) \
    X(cennKind) \
    X(rnnSequenceKind) \
    X(memristorCoupledNeuronsKind) \
    X(reservoirKind)

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

double defaultRunMemoryLimit() {
    const long pages = ::sysconf(_SC_PHYS_PAGES), pageSize = ::sysconf(_SC_PAGESIZE);
    if (pages <= 0 || pageSize <= 0) return 8e9;
    return 0.5 * static_cast<double>(pages) * static_cast<double>(pageSize);
}

namespace {
// "1e+09", "2.5e+07": amounts of work are orders of magnitude, not exact counts.
std::string roughNumber(double v) {
    std::ostringstream os;
    os.precision(2);
    os << v;
    return os.str();
}
}  // namespace

void checkRunLimits(const Project& project, const std::string& experimentId, double memoryLimitBytes) {
    const nlohmann::json* e = project.experiment(experimentId);
    if (!e) {
        const auto ids = project.experimentIds();
        throw InputError("experiments", "no experiment with id '" + experimentId + "'" +
                                            (ids.empty() ? std::string(" (the project has none)")
                                                         : " (known: " + json_fields::joinIds(ids) + ")"));
    }
    std::string path = "experiments";
    const auto& list = project.tree()["experiments"];
    for (std::size_t k = 0; k < list.size(); ++k)
        if (&list[k] == e) path = json_fields::index("experiments", k);
    const std::string kindId = e->contains("kind") && (*e)["kind"].is_string() ? (*e)["kind"].get<std::string>() : "";
    const ExperimentKindInfo* kind = experimentKindRegistry().find(kindId);
    if (!kind)
        throw InputError(json_fields::join(path, "kind"),
                         "unknown experiment kind '" + kindId + "' (known: " + experimentKindRegistry().idList() + ")");
    // The estimates read the settings as the run would: only a valid experiment has them.
    const auto issues = kind->validate(*e, project, path);
    if (!issues.empty()) throw InputError(issues.front().path, issues.front().message);

    const double limit = memoryLimitBytes > 0.0 ? memoryLimitBytes : defaultRunMemoryLimit();
    const double need = kind->memoryEstimate ? kind->memoryEstimate(*e, project) : 0.0;
    if (!(need <= limit))  // NaN counts as too much
        throw InputError(path, "needs about " + std::to_string(static_cast<long long>(std::fmin(need, 1e18) / 1e6)) +
                                   " MB, more than " +
                                   (memoryLimitBytes > 0.0 ? std::to_string(static_cast<long long>(limit / 1e6)) + " MB"
                                                           : std::string("half of this machine's memory")) +
                                   "; reduce samples or pulses");

    if (!kind->workEstimate) return;
    const WorkEstimate w = kind->workEstimate(*e, project);
    if (w.limit > 0.0 && !(w.amount <= w.limit))
        throw InputError(w.field.empty() ? path : json_fields::join(path, w.field),
                         (w.detail.empty() ? std::string() : w.detail + " is ") + roughNumber(w.amount) + " " + w.unit +
                             ", more than the " + roughNumber(w.limit) + " a run may take");
}

}  // namespace ms
