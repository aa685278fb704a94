// Experiment kind "ann_sweep": one non-ideality (or any numeric setting) of an
// ann_training experiment swept over a list of values, each value trained with
// several seeds; accuracy vs the parameter with its spread (issue 6). It runs
// as a study (issue 20, docs/studies.md): the base becomes an ann_training
// experiment and each value and seed one point of a study over it, expanded
// and run by the same code as `memstudio-cli study`.
//
//   { "id", "kind": "ann_sweep", "name",
//     "base": { ...an ann_training object without id/kind... },
//     "parameter": "/synapse/params/NL_LTP" | ["/synapse/params/NL_LTP", "/synapse/params/NL_LTD"],
//     "factors": [1, -1],          (optional: value written to each pointer = factor * value)
//     "label": "|NL|",             (optional axis label)
//     "values": [0, 1, 2, 3, 4, 5],
//     "seeds": [1, 2, 3] }
// Streams: series "sweep" (value, mean_acc, std_acc, seeds), series "sweep_runs"
// (value, seed, accuracy); scalars best_accuracy, worst_accuracy.
#include <algorithm>
#include <cmath>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/ann/AnnExperiment.h"
#include "core/ann/AnnTraining.h"
#include "core/common/Errors.h"
#include "core/project/ExperimentKind.h"
#include "core/project/JsonFields.h"
#include "core/project/kinds/AnnKindSupport.h"
#include "core/sim/PulseExperiment.h"
#include "core/study/Study.h"

namespace ms {

using namespace json_fields;

ExperimentKindInfo annSweepKind();

}  // namespace ms

namespace ms {
namespace {

struct SweepSetup {
    nlohmann::json base;
    std::vector<std::string> pointers;
    std::vector<double> factors, values;
    std::vector<std::uint64_t> seeds;
};

std::vector<double> readNumberList(const nlohmann::json& e, const std::string& key, const std::string& path,
                                   std::vector<ProjectIssue>& issues, bool required) {
    std::vector<double> out;
    if (!e.contains(key)) {
        if (required) issues.push_back({join(path, key), "missing (a list of numbers)"});
        return out;
    }
    if (!e[key].is_array() || e[key].empty()) {
        issues.push_back({join(path, key), "must be a non-empty array of numbers"});
        return out;
    }
    for (std::size_t k = 0; k < e[key].size(); ++k) {
        if (!e[key][k].is_number() || !std::isfinite(e[key][k].get<double>()))
            issues.push_back({index(join(path, key), k), "must be a finite number"});
        else
            out.push_back(e[key][k].get<double>());
    }
    return out;
}

// The field path a JSON pointer into base names in messages: "/synapse/params/NL"
// under "experiments[0].base" is "experiments[0].base.synapse.params.NL"; a
// numeric token is an array index ("/network/layers/1" -> ".network.layers[1]").
std::string pointerPath(const std::string& base, const std::string& pointer) {
    std::vector<std::string> tokens;  // unescaped by nlohmann (RFC 6901), last first
    for (nlohmann::json::json_pointer p(pointer); !p.empty(); p.pop_back()) tokens.push_back(p.back());
    std::string out = base;
    for (auto t = tokens.rbegin(); t != tokens.rend(); ++t) {
        const bool number = !t->empty() && t->size() < 10 && std::all_of(t->begin(), t->end(), [](char c) { return c >= '0' && c <= '9'; });
        out = number ? index(out, std::stoul(*t)) : join(out, *t);
    }
    return out;
}

// The base experiment with every pointer set to factor * value (and the seed).
nlohmann::json instance(const SweepSetup& s, double value, std::uint64_t seed) {
    nlohmann::json b = s.base;
    for (std::size_t k = 0; k < s.pointers.size(); ++k) b[nlohmann::json::json_pointer(s.pointers[k])] = s.factors[k] * value;
    b["seed"] = seed;
    return b;
}

SweepSetup readSweep(const nlohmann::json& e, const std::string& path, std::vector<ProjectIssue>& issues) {
    SweepSetup s;
    rejectUnknownKeys(e, {"id", "kind", "name", "description", "base", "parameter", "factors", "label", "values", "seeds"},
                      path, issues);
    if (!e.contains("base") || !e["base"].is_object()) {
        issues.push_back({join(path, "base"), "missing or not an object (an ann_training experiment without id and kind)"});
        return s;
    }
    s.base = e["base"];
    s.base.erase("id");
    s.base.erase("kind");
    readString(e, "label", path, issues);
    const std::string pp = join(path, "parameter");
    if (!e.contains("parameter")) {
        issues.push_back({pp, "missing (a JSON pointer into base, e.g. \"/synapse/params/NL_LTP\", or a list of them)"});
    } else if (e["parameter"].is_string()) {
        s.pointers.push_back(e["parameter"].get<std::string>());
    } else if (e["parameter"].is_array() && !e["parameter"].empty()) {
        for (std::size_t k = 0; k < e["parameter"].size(); ++k) {
            if (e["parameter"][k].is_string())
                s.pointers.push_back(e["parameter"][k].get<std::string>());
            else
                issues.push_back({index(pp, k), "must be a JSON pointer string"});
        }
    } else {
        issues.push_back({pp, "must be a JSON pointer string or a non-empty array of them"});
    }
    for (std::size_t k = 0; k < s.pointers.size(); ++k) {
        const std::string& p = s.pointers[k];
        if (p.empty() || p[0] != '/' || p == "/seed") {
            issues.push_back({s.pointers.size() > 1 ? index(pp, k) : pp,
                              "must be a JSON pointer into base starting with '/' (not /seed; seeds are swept by \"seeds\")"});
            s.pointers.clear();
            break;
        }
        if (p.find_first_of(".[]") != std::string::npos) {
            // A study's field paths are dotted and indexed: such a name cannot be one step of them.
            issues.push_back({s.pointers.size() > 1 ? index(pp, k) : pp,
                              "a swept field name must not contain '.', '[' or ']': \"" + p + "\""});
            s.pointers.clear();
            break;
        }
        try {
            // Writing through the pointer also checks its path into base: a
            // token that is not an array index where base has an array
            // ("/synaps//params" through a list) throws here, not in a run.
            nlohmann::json probe = e.contains("base") ? e["base"] : nlohmann::json::object();
            probe[nlohmann::json::json_pointer(p)] = 0.0;
        } catch (const nlohmann::json::exception&) {
            issues.push_back({s.pointers.size() > 1 ? index(pp, k) : pp, "is not a JSON pointer that leads to a place in base: \"" + p + "\""});
            s.pointers.clear();
            break;
        }
    }
    s.factors = readNumberList(e, "factors", path, issues, false);
    if (s.factors.empty()) s.factors.assign(s.pointers.size(), 1.0);
    if (s.factors.size() != s.pointers.size() && !s.pointers.empty())
        issues.push_back({join(path, "factors"), "needs one factor per parameter pointer (" + std::to_string(s.pointers.size()) + ")"});
    s.values = readNumberList(e, "values", path, issues, true);
    const auto seeds = readNumberList(e, "seeds", path, issues, false);
    for (std::size_t k = 0; k < seeds.size(); ++k) {
        if (!(seeds[k] >= 0 && seeds[k] <= 1e15) || seeds[k] != std::floor(seeds[k]))  // 1e15: exact in a double
            issues.push_back({index(join(path, "seeds"), k), "must be a whole number 0 .. 1e15"});
        else
            s.seeds.push_back(static_cast<std::uint64_t>(seeds[k]));
    }
    if (seeds.empty()) s.seeds = {1};
    if (s.values.size() * s.seeds.size() > 10000) issues.push_back({join(path, "values"), "more than 10000 runs"});
    // Every value must give a valid ann_training object. A problem with a
    // swept field is the sweep's: it is located at the value, or at the
    // factor when the value alone (factor 1) would have been valid there.
    if (issues.empty()) {
        const std::string base = join(path, "base");
        for (std::size_t i = 0; i < s.values.size() && issues.empty(); ++i) {
            std::vector<ProjectIssue> inner;
            readAnnSetup(instance(s, s.values[i], s.seeds.front()), base, inner, {});
            if (inner.empty()) continue;
            const ProjectIssue& first = inner.front();
            std::size_t k = 0;
            while (k < s.pointers.size() && first.path != pointerPath(base, s.pointers[k])) ++k;
            if (k == s.pointers.size()) {  // a field the sweep does not set
                issues.push_back({first.path, first.message + " (with the swept value " + formatWithUnit(s.values[i], "") + ")"});
                break;
            }
            SweepSetup unscaled = s;
            unscaled.factors.assign(s.pointers.size(), 1.0);
            std::vector<ProjectIssue> raw;
            readAnnSetup(instance(unscaled, s.values[i], s.seeds.front()), base, raw, {});
            const bool valueAlone = std::none_of(raw.begin(), raw.end(), [&](const ProjectIssue& r) { return r.path == first.path; });
            const std::string at = valueAlone && e.contains("factors") ? index(join(path, "factors"), k) : index(join(path, "values"), i);
            issues.push_back({at, "sets base" + s.pointers[k] + " to " + formatWithUnit(s.factors[k] * s.values[i], "") +
                                      " (factor x value), which is refused there: " + first.message});
        }
    }
    return s;
}

// Forwards logs and maps progress; keeps the run's test accuracy and drops
// its series (CheckedSink: a point's frames obey the CLI's rules).
class SweepPointSink final : public CheckedSink {
public:
    SweepPointSink(FrameSink& t, std::size_t run, std::size_t runs) : t_(t), run_(run), runs_(runs) {}
    void scalar(const std::string& key, double value, const std::string&) override {
        if (key == "final_accuracy") accuracy = value;
    }
    void log(LogLevel level, const std::string& text) override {
        if (level != LogLevel::Info) t_.log(level, text);
    }
    void progress(double f) override { t_.progress((static_cast<double>(run_) + f) / static_cast<double>(runs_)); }
    double accuracy = std::nan("");

private:
    FrameSink& t_;
    std::size_t run_, runs_;
};

// The sweep as a study (docs/studies.md): a project whose only experiment is
// the base as an ann_training experiment under the sweep's id, and a study of
// it over two axes in a grid, the swept pointers (with their factors) and
// "seed", so its points are the sweep's runs in the sweep's order (value
// major, seed minor). Every point then runs as `memstudio-cli study` runs it.
struct SweepStudy {
    Project project;
    study::Study study;
};

SweepStudy asStudy(const SweepSetup& s, const nlohmann::json& e, const Project& project, const std::string& label) {
    const std::string id = e.contains("id") && e["id"].is_string() ? e["id"].get<std::string>() : "sweep";
    nlohmann::json experiment = s.base;
    experiment["id"] = id;
    experiment["kind"] = "ann_training";
    nlohmann::json tree = project.tree();
    tree.erase("studies");
    tree["experiments"] = nlohmann::json::array({experiment});
    SweepStudy out{Project(std::move(tree)), {}};
    out.project.setBaseDirectory(project.baseDirectory());
    study::Study& st = out.study;
    st.id = id;
    st.experimentId = id;
    study::Axis parameter;
    for (const auto& pointer : s.pointers) parameter.paths.push_back(pointerPath("", pointer));
    parameter.factors = s.factors;
    for (double v : s.values) parameter.values.push_back(v);
    parameter.label = label;
    study::Axis seed;
    seed.paths = {"seed"};
    for (std::uint64_t v : s.seeds) seed.values.push_back(v);
    seed.label = "seed";
    st.axes = {parameter, seed};
    return out;
}

void runSweep(const nlohmann::json& e, const Project& project, FrameSink& sink, const StopToken& stop) {
    std::vector<ProjectIssue> issues;
    const SweepSetup s = readSweep(e, "experiment", issues);
    if (!issues.empty()) throw InputError(issues.front().path, issues.front().message);
    const std::string label = e.contains("label") && e["label"].is_string() ? e["label"].get<std::string>() : s.pointers.front();
    const SweepStudy sweep = asStudy(s, e, project, label);
    const std::size_t runs = study::pointCount(sweep.study);
    sink.log(LogLevel::Info, "sweeping " + label + " over " + std::to_string(s.values.size()) + " values x " +
                                 std::to_string(s.seeds.size()) + " seeds, as a study of " + std::to_string(runs) + " points");
    sink.beginSeries("sweep", {{"value", ""}, {"mean_acc", ""}, {"std_acc", ""}, {"seeds", ""}});
    sink.beginSeries("sweep_runs", {{"value", ""}, {"seed", ""}, {"accuracy", ""}});
    double best = 0.0, worst = 1.0;
    std::vector<double> acc;
    for (std::size_t k = 0; k < runs; ++k) {
        const study::Point point = study::point(sweep.study, k);
        const double v = s.values[point.valueIndex[0]];
        SweepPointSink share(sink, k, runs);
        runExperiment(study::pointProject(sweep.project, sweep.study, point), sweep.study.experimentId, share, stop);
        acc.push_back(share.accuracy);
        const double row[] = {v, double(s.seeds[point.valueIndex[1]]), share.accuracy};
        sink.appendRows("sweep_runs", row, 1);
        if (point.valueIndex[1] + 1 < s.seeds.size()) continue;
        double mean = 0.0, sq = 0.0;
        for (double a : acc) mean += a;
        mean /= static_cast<double>(acc.size());
        for (double a : acc) sq += (a - mean) * (a - mean);
        // Sample standard deviation across seeds (0 for one seed).
        const double sd = acc.size() > 1 ? std::sqrt(sq / static_cast<double>(acc.size() - 1)) : 0.0;
        const double summary[] = {v, mean, sd, double(acc.size())};
        sink.appendRows("sweep", summary, 1);
        best = std::max(best, mean);
        worst = std::min(worst, mean);
        acc.clear();
    }
    sink.scalar("best_accuracy", best, "");
    sink.scalar("worst_accuracy", worst, "");
    sink.progress(1.0);
}

}  // namespace

ExperimentKindInfo annSweepKind() {
    ExperimentKindInfo k;
    k.id = "ann_sweep";
    k.name = "ANN non-ideality sweep";
    k.summary = "Accuracy of an ann_training setup vs one parameter over a list of values, several seeds each";
    k.validate = [](const nlohmann::json& e, const Project& project, const std::string& path) {
        std::vector<ProjectIssue> issues;
        const SweepSetup s = readSweep(e, path, issues);
        if (issues.empty() && !s.values.empty())
            readDeviceSynapse(instance(s, s.values.front(), s.seeds.front()), project, join(path, "base"), issues);
        return issues;
    };
    k.run = runSweep;
    k.memoryEstimate = [](const nlohmann::json& e, const Project&) {
        std::vector<ProjectIssue> issues;
        const SweepSetup s = readSweep(e, "experiment", issues);
        if (!issues.empty() || s.values.empty()) return 8e6;
        std::vector<ProjectIssue> inner;
        return annMemoryEstimate(readAnnSetup(instance(s, s.values.front(), s.seeds.front()), "experiment.base", inner, {}));
    };
    return k;
}

}  // namespace ms
