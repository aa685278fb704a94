// Experiment kind "device_transient": one device under one drive, integrated
// by the device-transient engine (core/sim/DeviceTransient.h). An optional
// sweep repeats the run for a list of values of one drive or device parameter
// (hysteresis vs frequency is one experiment with one series per frequency).
//
//   { "id", "kind": "device_transient", "name",
//     "device": {model, preset, params, window} | "<id in devices>",
//     "drive": {"kind": "sine", "params": {...}, "points": [[t, value], ...]},
//     "mode": "voltage" | "current",
//     "duration", "tolerance", "absTolerance", "samples", "readVoltage",
//     "sweep": {"parameter": "drive.params.frequency", "values": [1, 10, 100]} }
//
// Series "transient" (or "transient@<key>=<value>" per sweep run): t, v, i,
// state, R, phi, q (core/sim/DeviceTransient.h); a frequency sweep's series
// add "phase" = t f in cycles.
#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/common/Errors.h"
#include "core/project/ExperimentKind.h"
#include "core/project/KindSetup.h"
#include "core/project/JsonFields.h"
#include "core/project/kinds/SweepSinks.h"
#include "core/sim/DeviceTransient.h"

namespace ms {

using namespace json_fields;

namespace {

const std::vector<ParamSpec>& transientSettings() {
    static const std::vector<ParamSpec> specs = {
        {"duration", "t_end", "s", 0, 0, 1e9, Scale::Linear,
         "Simulated time; 0 = the drive's natural duration (one period, the whole pulse train, the last PWL point)", ""},
        {"tolerance", "rtol", "", 1e-6, 1e-12, 1e-1, Scale::Log, "Relative local error tolerance of the adaptive integrator", ""},
        {"absTolerance", "atol", "", 1e-9, 1e-15, 1e-2, Scale::Log,
         "Absolute local error tolerance, as a fraction of the state range", ""},
        {"samples", "N", "", 2000, 2, 1e7, Scale::Log, "Output rows, evenly spaced in time (plus the row at t = 0)", "", true},
        {"readVoltage", "V_read", "V", 0.1, 1e-3, 10, Scale::Log, "Voltage at which the R column is read: R = V_read / i(V_read, x)",
         ""},
    };
    return specs;
}

struct Sweep {
    bool onDevice = false;  // else on the drive
    std::string key;        // parameter key
    std::string unit;
    std::vector<double> values;
};

struct TransientSetup {
    DeviceSpec device;
    const StimulusInfo* drive = nullptr;
    ParamValues driveParams;  // complete (defaults filled)
    std::vector<std::pair<double, double>> points;
    DriveMode mode = DriveMode::Voltage;
    TransientOptions options;
    std::optional<Sweep> sweep;
};

std::vector<std::pair<double, double>> readPoints(const nlohmann::json& value, const std::string& path,
                                                  std::vector<ProjectIssue>& issues) {
    std::vector<std::pair<double, double>> points;
    if (!value.is_array()) {
        issues.push_back({path, "must be an array of [t (s), value] pairs (got " + typeName(value) + ")"});
        return points;
    }
    for (std::size_t k = 0; k < value.size(); ++k) {
        const auto& p = value[k];
        if (!p.is_array() || p.size() != 2 || !p[0].is_number() || !p[1].is_number()) {
            issues.push_back({index(path, k), "must be a pair [t (s), value] of numbers"});
            return points;
        }
        const double t = p[0].get<double>(), v = p[1].get<double>();
        if (!std::isfinite(t) || !std::isfinite(v)) {
            issues.push_back({index(path, k), "must hold finite numbers"});
            return points;
        }
        if (k == 0 && t < 0) {
            issues.push_back({index(path, k), "t must not be negative (got " + formatWithUnit(t, "s") + ")"});
            return points;
        }
        if (!points.empty() && t <= points.back().first) {
            issues.push_back({index(path, k), "t must increase strictly (got " + formatWithUnit(t, "s") + " after " +
                                                   formatWithUnit(points.back().first, "s") + ")"});
            return points;
        }
        points.emplace_back(t, v);
    }
    if (points.size() < 2) issues.push_back({path, "needs at least two points"});
    return points;
}

void readDrive(const nlohmann::json& e, const std::string& path, TransientSetup& s, std::vector<ProjectIssue>& issues) {
    const std::string drivePath = join(path, "drive");
    if (!e.contains("drive")) {
        issues.push_back({drivePath, "missing (an object {\"kind\": one of " + joinIds(stimulusRegistry().ids()) +
                                         ", \"params\": {...}})"});
        return;
    }
    const auto& d = e["drive"];
    if (!d.is_object()) {
        issues.push_back({drivePath, "must be an object {\"kind\", \"params\"} (got " + typeName(d) + ")"});
        return;
    }
    rejectUnknownKeys(d, {"kind", "params", "points"}, drivePath, issues);
    if (!d.contains("kind")) {
        issues.push_back({join(drivePath, "kind"), "missing (one of: " + joinIds(stimulusRegistry().ids()) + ")"});
        return;
    }
    const std::string kind = readString(d, "kind", drivePath, issues);
    s.drive = stimulusRegistry().find(kind);
    if (!s.drive) {
        if (d["kind"].is_string())
            issues.push_back({join(drivePath, "kind"),
                              "unknown drive '" + kind + "' (known: " + joinIds(stimulusRegistry().ids()) + ")"});
        return;
    }
    ParamValues given;
    if (d.contains("params")) given = readNumbers(d["params"], join(drivePath, "params"), issues);
    s.driveParams = withDefaults(s.drive->params, given);
    appendParamIssues(checkAgainstSpecs(s.drive->params, s.driveParams), join(drivePath, "params"), issues);
    if (s.drive->id == "pwl") {
        if (!d.contains("points"))
            issues.push_back({join(drivePath, "points"), "missing (pwl needs [[t (s), value], ...] with at least two points)"});
        else
            s.points = readPoints(d["points"], join(drivePath, "points"), issues);
    } else if (d.contains("points")) {
        issues.push_back({join(drivePath, "points"), "only the pwl drive takes points"});
    }
}

void readSweep(const nlohmann::json& e, const std::string& path, TransientSetup& s, std::vector<ProjectIssue>& issues) {
    const std::string sweepPath = join(path, "sweep");
    const auto& w = e["sweep"];
    if (!w.is_object()) {
        issues.push_back({sweepPath, "must be an object {\"parameter\", \"values\"} (got " + typeName(w) + ")"});
        return;
    }
    rejectUnknownKeys(w, {"parameter", "values"}, sweepPath, issues);
    const std::string parameter = readString(w, "parameter", sweepPath, issues);
    Sweep sweep;
    const std::string drivePrefix = "drive.params.", devicePrefix = "device.params.";
    if (parameter.rfind(drivePrefix, 0) == 0) {
        sweep.key = parameter.substr(drivePrefix.size());
        const ParamSpec* spec = s.drive ? findSpec(s.drive->params, sweep.key) : nullptr;
        if (s.drive && !spec) {
            std::vector<std::string> keys;
            for (const auto& p : s.drive->params) keys.push_back(p.key);
            issues.push_back({join(sweepPath, "parameter"),
                              "drive '" + s.drive->id + "' has no parameter '" + sweep.key + "' (known: " + joinIds(keys) + ")"});
            return;
        }
        // Drive levels are written "V"; under current drive they are amperes.
        if (spec) sweep.unit = (s.mode == DriveMode::Current && spec->unit == "V") ? "A" : spec->unit;
    } else if (parameter.rfind(devicePrefix, 0) == 0) {
        sweep.onDevice = true;
        sweep.key = parameter.substr(devicePrefix.size());
        const ModelInfo* model = modelRegistry().find(s.device.modelId);
        const ParamSpec* spec = model ? findSpec(model->params, sweep.key) : nullptr;
        if (model && !spec) {
            issues.push_back({join(sweepPath, "parameter"), "model '" + model->id + "' has no parameter '" + sweep.key + "'"});
            return;
        }
        if (spec) sweep.unit = spec->unit;
    } else {
        issues.push_back({join(sweepPath, "parameter"),
                          parameter.empty() ? std::string("missing (\"drive.params.<key>\" or \"device.params.<key>\")")
                                            : "must be \"drive.params.<key>\" or \"device.params.<key>\" (got \"" +
                                                  parameter + "\")"});
        return;
    }
    const std::string valuesPath = join(sweepPath, "values");
    if (!w.contains("values") || !w["values"].is_array() || w["values"].empty() || w["values"].size() > 1000) {
        issues.push_back({valuesPath, "must be an array of 1 to 1000 numbers"});
        return;
    }
    for (std::size_t k = 0; k < w["values"].size(); ++k) {
        const auto& v = w["values"][k];
        if (!v.is_number()) {
            issues.push_back({index(valuesPath, k), "must be a number (got " + typeName(v) + ")"});
            return;
        }
        sweep.values.push_back(v.get<double>());
    }
    // Every swept value must be valid where it lands.
    for (std::size_t k = 0; k < sweep.values.size(); ++k) {
        std::vector<ParamIssue> problems;
        if (sweep.onDevice) {
            DeviceSpec spec = s.device;
            spec.params[sweep.key] = sweep.values[k];
            ResolvedDevice resolved;
            problems = resolveDevice(spec, resolved);
        } else if (s.drive) {
            ParamValues p = s.driveParams;
            p[sweep.key] = sweep.values[k];
            problems = checkAgainstSpecs(s.drive->params, p);
        }
        if (!problems.empty()) {
            issues.push_back({index(valuesPath, k), problems.front().key + ": " + problems.front().message});
            return;
        }
    }
    s.sweep = sweep;
}

TransientSetup readSetup(const nlohmann::json& e, const Project& project, const std::string& path,
                         std::vector<ProjectIssue>& issues) {
    TransientSetup s;
    rejectUnknownKeys(e,
                      {"id", "kind", "name", "description", "device", "drive", "mode", "duration", "tolerance",
                       "absTolerance", "samples", "readVoltage", "sweep"},
                      path, issues);
    if (!e.contains("device"))
        issues.push_back({join(path, "device"), "missing (a device object {\"model\", ...} or the id of an entry in devices)"});
    else
        s.device = parseDeviceSpec(e["device"], project, join(path, "device"), issues);
    readDrive(e, path, s, issues);

    const std::string mode = e.contains("mode") ? readString(e, "mode", path, issues) : "voltage";
    if (mode == "current")
        s.mode = DriveMode::Current;
    else if (mode != "voltage" && (e.contains("mode") && e["mode"].is_string()))
        issues.push_back({join(path, "mode"), "must be \"voltage\" or \"current\" (got \"" + mode + "\")"});

    const ParamValues settings = readSettings(e, transientSettings(), path, issues);
    s.options.duration = settings.at("duration");
    s.options.relTol = settings.at("tolerance");
    s.options.absTol = settings.at("absTolerance");
    s.options.samples = static_cast<std::size_t>(settings.at("samples"));
    s.options.readVoltage = settings.at("readVoltage");
    s.options.modelName = s.device.modelId;

    if (e.contains("sweep")) readSweep(e, path, s, issues);

    // Let the drive check what only it knows (e.g. a pulse period shorter than its width).
    if (issues.empty() && s.drive) {
        try {
            s.drive->create(s.driveParams, s.points);
        } catch (const InputError& err) {
            issues.push_back({join(path, "drive"), err.what()});
        }
    }
    return s;
}

std::string runLabel(const Sweep& sweep, double value) {
    std::string v = formatWithUnit(value, sweep.unit);
    std::string compact;
    for (char c : v)
        if (c != ' ') compact += c;
    return sweep.key + "=" + compact;
}

// A frequency sweep's series carry a last column "phase" = t f (cycles), so
// runs at 1, 10 and 100 Hz can be drawn on one normalised axis (on absolute
// time the 100 Hz period is 1 % of the 1 Hz one). Rows pass through with the
// column appended.
class PhaseColumnSink final : public FrameSink {
public:
    PhaseColumnSink(FrameSink& target, double frequency) : target_(target), f_(frequency) {}
    void beginSeries(const std::string& id, const std::vector<Column>& columns) override {
        width_ = columns.size();
        std::vector<Column> c = columns;
        c.push_back({"phase", "cycles"});
        target_.beginSeries(id, c);
    }
    void appendRows(const std::string& id, const double* data, std::size_t rows) override {
        buffer_.resize(rows * (width_ + 1));
        for (std::size_t r = 0; r < rows; ++r) {
            std::copy(data + r * width_, data + (r + 1) * width_, buffer_.begin() + static_cast<std::ptrdiff_t>(r * (width_ + 1)));
            buffer_[r * (width_ + 1) + width_] = data[r * width_] * f_;  // column 0 is t
        }
        target_.appendRows(id, buffer_.data(), rows);
    }
    void scalar(const std::string& key, double value, const std::string& unit) override { target_.scalar(key, value, unit); }
    void log(LogLevel level, const std::string& text) override { target_.log(level, text); }
    void progress(double fraction) override { target_.progress(fraction); }

private:
    FrameSink& target_;
    double f_;
    std::size_t width_ = 0;
    std::vector<double> buffer_;
};

void runTransient(const nlohmann::json& e, const Project& project, FrameSink& sink, const StopToken& stop) {
    std::vector<ProjectIssue> issues;
    TransientSetup s = readSetup(e, project, "experiment", issues);
    if (!issues.empty()) throw InputError(issues.front().path, issues.front().message);

    const std::size_t runs = s.sweep ? s.sweep->values.size() : 1;
    for (std::size_t r = 0; r < runs; ++r) {
        DeviceSpec device = s.device;
        ParamValues driveParams = s.driveParams;
        std::string suffix;
        if (s.sweep) {
            (s.sweep->onDevice ? device.params : driveParams)[s.sweep->key] = s.sweep->values[r];
            suffix = std::string("@").append(runLabel(*s.sweep, s.sweep->values[r]));
            sink.log(LogLevel::Info, "run " + std::to_string(r + 1) + " of " + std::to_string(runs) + ": " +
                                         s.sweep->key + " = " + formatWithUnit(s.sweep->values[r], s.sweep->unit));
        }
        const auto model = instantiateDevice(device, "device");
        const auto stimulus = s.drive->create(driveParams, s.points);
        RunShareSink share(sink, r, runs);
        const bool frequencySweep = s.sweep && !s.sweep->onDevice && s.sweep->key == "frequency";
        PhaseColumnSink phased(share, frequencySweep ? s.sweep->values[r] : 0.0);
        FrameSink& out = frequencySweep ? static_cast<FrameSink&>(phased) : share;
        const TransientSummary sum =
            runDeviceTransient(*model, *stimulus, s.mode, s.options, out, stop, "transient" + suffix);
        const StateInfo state = model->stateInfo();
        // reportFigure: nothing beyond 1e300 or below 1e-300 in magnitude reads as a measurement.
        reportFigure(sink, "peak_current" + suffix, sum.peakCurrent, "A");
        reportFigure(sink, "min_current" + suffix, sum.minCurrent, "A");
        reportFigure(sink, "R_min" + suffix, sum.rMin, "ohm");
        reportFigure(sink, "R_max" + suffix, sum.rMax, "ohm");
        reportFigure(sink, "R_ratio" + suffix, sum.rMin > 0 ? sum.rMax / sum.rMin : 0.0, "");
        reportFigure(sink, "G_max" + suffix, sum.rMin > 0 ? 1.0 / sum.rMin : 0.0, "S");
        reportFigure(sink, "G_min" + suffix, sum.rMax > 0 ? 1.0 / sum.rMax : 0.0, "S");
        reportFigure(sink, "loop_area" + suffix, sum.loopArea, "W");
        reportFigure(sink, "final_state" + suffix, sum.finalState, state.unit);
        sink.scalar("accepted_steps" + suffix, static_cast<double>(sum.acceptedSteps), "");
        sink.scalar("rejected_steps" + suffix, static_cast<double>(sum.rejectedSteps), "");
    }
    sink.progress(1.0);
}

}  // namespace

ExperimentKindInfo deviceTransientKind() {
    ExperimentKindInfo k;
    k.id = "device_transient";
    k.name = "Device transient (I-V loop)";
    k.summary = "One device under a voltage or current drive: t, v, i, state, R, flux, charge; optionally swept over one parameter";
    k.settings = transientSettings();
    k.validate = kind_setup::validator(readSetup);
    k.run = runTransient;
    k.memoryEstimate = [](const nlohmann::json& e, const Project& project) {
        const TransientSetup s = kind_setup::setupAsRead(readSetup, e, project);
        const double runs = s.sweep ? static_cast<double>(s.sweep->values.size()) : 1.0;
        // 7 columns of doubles (t, v, i, state, R, phi, q), held about four
        // times (engine buffer, queue, plot, table).
        return 1e6 + runs * (static_cast<double>(s.options.samples) + 1.0) * 7.0 * 8.0 * 4.0;
    };
    // Drive cycles: the engine never steps further than 1/50 of the drive's
    // feature time (its period, a PWL segment), so duration / feature time
    // bounds the steps from below. 1e7 cycles are >= 5e8 steps, many minutes.
    k.workEstimate = [](const nlohmann::json& e, const Project& project) {
        std::vector<ProjectIssue> issues;  // an invalid setup estimates nothing
        const TransientSetup s = readSetup(e, project, "experiment", issues);
        WorkEstimate w;
        w.unit = "cycles";
        w.limit = 1e7;
        w.field = "duration";
        if (!issues.empty() || !s.drive) return w;
        const std::size_t runs = s.sweep ? s.sweep->values.size() : 1;
        double worst = 0.0;
        for (std::size_t r = 0; r < runs; ++r) {
            ParamValues p = s.driveParams;
            if (s.sweep && !s.sweep->onDevice) p[s.sweep->key] = s.sweep->values[r];
            const auto drive = s.drive->create(p, s.points);
            const double duration = s.options.duration > 0.0 ? s.options.duration : drive->naturalDuration();
            const double feature = std::min(drive->featureTime(), duration);
            const double cycles = feature > 0.0 ? duration / feature : 0.0;
            w.amount += cycles;
            if (cycles >= worst) {
                worst = cycles;
                w.detail = formatWithUnit(duration, "s") + " of a " + s.drive->id + " drive with " +
                           formatWithUnit(feature, "s") + " features (period or shortest segment)";
            }
        }
        if (runs > 1) w.detail = std::to_string(runs) + " sweep runs of up to " + w.detail;
        return w;
    };
    return k;
}

}  // namespace ms
