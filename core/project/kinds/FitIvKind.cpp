// Experiment kind "fit_iv": fits a registered device model to a measured I-V
// sweep (core/fit/IvFit.h; docs/measured-devices.md).
//
//   { "id", "kind": "fit_iv", "name", "description",
//     "device": {...} | "<id in devices>",     model and start values
//     "measurement": {"file", "delimiter", "columns", "units", "samplePeriod"} | {"data": {"t", "v", "i"}},
//     "free": {"<param>": {"min", "max", "start", "log"}, ...},
//     "error": "linear" | "relative" | "log", "starts", "seed", "maxIterations" }
#include <nlohmann/json.hpp>

#include "core/fit/FitJson.h"
#include "core/fit/IvFit.h"
#include "core/project/ExperimentKind.h"
#include "core/project/KindSetup.h"
#include "core/project/JsonFields.h"

namespace ms {

using namespace json_fields;

namespace {

const std::vector<ParamSpec>& fitSettings() {
    static const std::vector<ParamSpec> specs = {
        {"starts", "starts", "", 4, 1, 100, Scale::Linear, "Optimiser starts: the given values, then random ones around them", "", true},
        {"seed", "seed", "", 1, 0, 1e15, Scale::Linear, "Seed of the random starts", "", true},
        {"maxIterations", "iterations", "", 60, 1, 10000, Scale::Log, "Levenberg-Marquardt iterations per start", "", true},
    };
    return specs;
}

struct IvSetup {
    DeviceSpec device;
    std::vector<fit::FreeParameter> free;
    fit::CurrentError error = fit::CurrentError::Linear;
    fit::LmOptions lm;
};

IvSetup readSetup(const nlohmann::json& e, const Project& project, const std::string& path,
                  std::vector<ProjectIssue>& issues) {
    IvSetup s;
    rejectUnknownKeys(e, kind_setup::experimentKeys(fitSettings(), {"device", "measurement", "free", "error"}), path, issues);
    if (!e.contains("device"))
        issues.push_back({join(path, "device"), "missing (the model to fit and its start values)"});
    else
        s.device = parseDeviceSpec(e["device"], project, join(path, "device"), issues);
    if (!e.contains("measurement"))
        issues.push_back({join(path, "measurement"), "missing ({\"file\": path} or {\"data\": {\"t\", \"v\", \"i\"}})"});
    else
        for (const auto& i : fit::checkMeasurement(e["measurement"], "iv")) issues.push_back({join(path, i.key), i.message});
    const std::string err = e.contains("error") ? readString(e, "error", path, issues) : "linear";
    if (err == "relative") s.error = fit::CurrentError::Relative;
    else if (err == "log") s.error = fit::CurrentError::Log;
    else if (err != "linear" && e.contains("error") && e["error"].is_string())
        issues.push_back({join(path, "error"), "must be \"linear\", \"relative\" or \"log\" (got \"" + err + "\")"});
    const ParamValues v = readSettings(e, fitSettings(), path, issues);
    s.lm.starts = static_cast<int>(v.at("starts"));
    s.lm.seed = static_cast<std::uint64_t>(v.at("seed"));
    s.lm.maxIterations = static_cast<int>(v.at("maxIterations"));
    if (!issues.empty()) return s;
    ResolvedDevice r;
    if (!resolveDevice(s.device, r).empty() || !r.model) return s;
    std::vector<ParamIssue> free;
    s.free = fit::readFreeParameters(e.contains("free") ? e["free"] : nlohmann::json::object(), r.model->params, r.params, free);
    appendParamIssues(free, path, issues);
    return s;
}

void runFit(const nlohmann::json& e, const Project& project, FrameSink& sink, const StopToken& stop) {
    const IvSetup s = kind_setup::validSetup(readSetup, e, project);
    const fit::IvSweep sweep = fit::loadIvMeasurement(e["measurement"], project.baseDirectory());
    sink.log(LogLevel::Info, "fitting " + s.device.modelId + " to " + std::to_string(sweep.size()) + " measured points");
    fit::IvFitOptions o;
    o.device = s.device;
    o.free = s.free;
    o.error = s.error;
    o.lm = s.lm;
    const fit::FitReport r = fit::fitIvSweep(sweep, o, sink, stop);
    fit::streamReport(r, sink, "v", "V", "i", "A");
    sink.progress(1.0);
}

}  // namespace

ExperimentKindInfo fitIvKind() {
    ExperimentKindInfo k;
    k.id = "fit_iv";
    k.name = "Fit a device to an I-V sweep";
    k.summary = "Drives a model with the measured voltage and fits its free parameters to the measured current";
    k.settings = fitSettings();
    k.validate = kind_setup::validator(readSetup);
    k.run = runFit;
    k.memoryEstimate = [](const nlohmann::json&, const Project&) { return 16e6; };
    return k;
}

}  // namespace ms
