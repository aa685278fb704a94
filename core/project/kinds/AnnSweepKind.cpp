// Experiment kind "ann_sweep": one non-ideality (or any numeric setting) of an
// ann_training experiment swept over a list of values, each value trained with
// several seeds; accuracy vs the parameter with its spread (issue 6).
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

// Forwards logs and maps progress; drops each run's own series and scalars.
class SweepRunSink final : public FrameSink {
public:
    SweepRunSink(FrameSink& t, std::size_t run, std::size_t runs) : t_(t), run_(run), runs_(runs) {}
    void beginSeries(const std::string&, const std::vector<Column>&) override {}
    void appendRows(const std::string&, const double*, std::size_t) override {}
    void scalar(const std::string&, double, const std::string&) override {}
    void log(LogLevel level, const std::string& text) override {
        if (level != LogLevel::Info) t_.log(level, text);
    }
    void progress(double f) override { t_.progress((static_cast<double>(run_) + f) / static_cast<double>(runs_)); }

private:
    FrameSink& t_;
    std::size_t run_, runs_;
};

void runSweep(const nlohmann::json& e, const Project& project, FrameSink& sink, const StopToken& stop) {
    std::vector<ProjectIssue> issues;
    const SweepSetup s = readSweep(e, "experiment", issues);
    if (!issues.empty()) throw InputError(issues.front().path, issues.front().message);
    const std::string label = e.contains("label") && e["label"].is_string() ? e["label"].get<std::string>() : s.pointers.front();
    sink.log(LogLevel::Info, "sweeping " + label + " over " + std::to_string(s.values.size()) + " values x " +
                                 std::to_string(s.seeds.size()) + " seeds");
    sink.beginSeries("sweep", {{"value", ""}, {"mean_acc", ""}, {"std_acc", ""}, {"seeds", ""}});
    sink.beginSeries("sweep_runs", {{"value", ""}, {"seed", ""}, {"accuracy", ""}});
    const std::size_t runs = s.values.size() * s.seeds.size();
    std::size_t run = 0;
    double best = 0.0, worst = 1.0;
    for (double v : s.values) {
        std::vector<double> acc;
        for (std::uint64_t seed : s.seeds) {
            std::vector<ProjectIssue> inner;
            const nlohmann::json base = instance(s, v, seed);
            AnnExperimentSetup setup = readAnnSetup(base, "experiment.base", inner, {});
            const auto drive = readDeviceSynapse(base, project, "experiment.base", inner);
            if (!inner.empty()) throw InputError(inner.front().path, inner.front().message);
            SweepRunSink share(sink, run++, runs);
            // A device synapse is measured again for each value (the swept value may be its drive).
            if (drive) useDeviceSynapse(setup, *drive, "experiment.base.synapse", share, stop);
            AnnRunResult r;
            runAnnSetup(setup, share, stop, &r);
            acc.push_back(r.testAccuracy);
            const double row[] = {v, double(seed), r.testAccuracy};
            sink.appendRows("sweep_runs", row, 1);
        }
        double mean = 0.0, sq = 0.0;
        for (double a : acc) mean += a;
        mean /= static_cast<double>(acc.size());
        for (double a : acc) sq += (a - mean) * (a - mean);
        // Sample standard deviation across seeds (0 for one seed).
        const double sd = acc.size() > 1 ? std::sqrt(sq / static_cast<double>(acc.size() - 1)) : 0.0;
        const double row[] = {v, mean, sd, double(acc.size())};
        sink.appendRows("sweep", row, 1);
        best = std::max(best, mean);
        worst = std::min(worst, mean);
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
