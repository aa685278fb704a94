// Reading the studies section into typed studies, every problem at its path.
#include <cmath>
#include <set>

#include "core/common/Errors.h"
#include "core/project/ExperimentKind.h"
#include "core/project/JsonFields.h"
#include "core/study/FieldPath.h"
#include "core/study/Study.h"

namespace ms::study {

using namespace json_fields;

namespace {

const std::vector<std::string> kStudyKeys = {"id", "name", "description", "experiment", "axes", "combine", "seeds", "figure"};
const std::vector<std::string> kAxisKeys = {"path", "values", "range", "factors", "label"};
const std::vector<std::string> kRangeKeys = {"from", "to", "count", "scale"};

bool wholeNumber(const nlohmann::json& v, double min, double max) {
    if (!v.is_number()) return false;
    const double x = v.get<double>();
    return std::isfinite(x) && x == std::floor(x) && x >= min && x <= max;
}

// {"from", "to", "count", "scale": "lin" | "log"} -> count values, both ends exact.
std::vector<nlohmann::json> readRange(const nlohmann::json& r, const std::string& path, std::vector<ProjectIssue>& issues) {
    if (!r.is_object()) {
        issues.push_back({path, "must be an object {\"from\", \"to\", \"count\", \"scale\"} (got " + typeName(r) + ")"});
        return {};
    }
    const std::size_t before = issues.size();
    rejectUnknownKeys(r, kRangeKeys, path, issues);
    for (const char* key : {"from", "to"})
        if (!r.contains(key) || !r[key].is_number() || !std::isfinite(r[key].get<double>()))
            issues.push_back({join(path, key), r.contains(key) ? "must be a finite number (got " + typeName(r[key]) + ")"
                                                               : std::string("missing")});
    if (!r.contains("count") || !wholeNumber(r["count"], 1, double(kMaxStudyPoints)))
        issues.push_back({join(path, "count"), "must be a whole number from 1 to " + std::to_string(kMaxStudyPoints)});
    std::string scale = "lin";
    if (r.contains("scale")) {
        scale = r["scale"].is_string() ? r["scale"].get<std::string>() : "";
        if (scale != "lin" && scale != "log") issues.push_back({join(path, "scale"), "must be \"lin\" or \"log\""});
    }
    if (issues.size() != before) return {};
    const double from = r["from"].get<double>(), to = r["to"].get<double>();
    const auto count = r["count"].get<std::size_t>();
    if (scale == "log" && !(from > 0 && to > 0)) {
        issues.push_back({join(path, "from"), "a log range needs from and to above 0"});
        return {};
    }
    std::vector<nlohmann::json> values;
    for (std::size_t k = 0; k < count; ++k) {
        const double t = count == 1 ? 0.0 : double(k) / double(count - 1);
        double v = scale == "log" ? from * std::pow(to / from, t) : from + (to - from) * t;
        if (k + 1 == count && count > 1) v = to;
        values.emplace_back(v);
    }
    return values;
}

std::optional<Axis> readAxis(const nlohmann::json& a, const std::string& path, const nlohmann::json& tree,
                             std::size_t experimentIndex, const std::string& experimentId, std::vector<ProjectIssue>& issues) {
    if (!a.is_object()) {
        issues.push_back({path, "must be an axis object {\"path\", \"values\" or \"range\"} (got " + typeName(a) + ")"});
        return std::nullopt;
    }
    const std::size_t before = issues.size();
    rejectUnknownKeys(a, kAxisKeys, path, issues);
    Axis axis;
    const std::string pathAt = join(path, "path");
    if (!a.contains("path")) {
        issues.push_back({pathAt, "missing: the experiment field this axis sets (\"device.params.Roff\")"});
    } else if (a["path"].is_string()) {
        axis.paths.push_back(a["path"].get<std::string>());
    } else if (a["path"].is_array() && !a["path"].empty()) {
        for (std::size_t k = 0; k < a["path"].size(); ++k) {
            if (a["path"][k].is_string())
                axis.paths.push_back(a["path"][k].get<std::string>());
            else
                issues.push_back({index(pathAt, k), "must be a string (got " + typeName(a["path"][k]) + ")"});
        }
    } else {
        issues.push_back({pathAt, "must be a field path or a non-empty array of them (got " + typeName(a["path"]) + ")"});
    }
    for (std::size_t k = 0; k < axis.paths.size(); ++k) {
        const std::string at = a["path"].is_array() ? index(pathAt, k) : pathAt;
        // The study finds its experiment by id, and the kind decides what its fields mean.
        if (axis.paths[k] == "id" || axis.paths[k] == "kind") {
            issues.push_back({at, "'" + axis.paths[k] + "' cannot be varied (make one study per experiment instead)"});
            continue;
        }
        std::string why;
        if (!resolveField(tree, experimentIndex, axis.paths[k], why))
            issues.push_back({at, "experiment '" + experimentId + "' " + why});
    }
    const bool hasValues = a.contains("values"), hasRange = a.contains("range");
    if (hasValues == hasRange) {
        issues.push_back({path, hasValues ? "has both \"values\" and \"range\"; give one"
                                          : "needs \"values\" (a list) or \"range\" {\"from\", \"to\", \"count\", \"scale\"}"});
    } else if (hasValues) {
        const auto& v = a["values"];
        if (!v.is_array() || v.empty())
            issues.push_back({join(path, "values"), "must be a non-empty array (got " + (v.is_array() ? std::string("an empty one") : typeName(v)) + ")"});
        else
            axis.values.assign(v.begin(), v.end());
    } else {
        axis.values = readRange(a["range"], join(path, "range"), issues);
        axis.fromRange = true;
    }
    if (a.contains("factors")) {
        const auto& f = a["factors"];
        if (!f.is_array() || f.size() != axis.paths.size()) {
            issues.push_back({join(path, "factors"), "must be an array of " + std::to_string(axis.paths.size()) +
                                                         " numbers, one per path"});
        } else {
            for (std::size_t k = 0; k < f.size(); ++k) {
                if (f[k].is_number() && std::isfinite(f[k].get<double>()))
                    axis.factors.push_back(f[k].get<double>());
                else
                    issues.push_back({index(join(path, "factors"), k), "must be a finite number"});
            }
            for (std::size_t k = 0; k < axis.values.size(); ++k)
                if (!axis.values[k].is_number())
                    issues.push_back({index(join(path, "values"), k), "must be a number: the axis has factors"});
        }
    }
    if (a.contains("label") && !a["label"].is_string())
        issues.push_back({join(path, "label"), "must be a string (got " + typeName(a["label"]) + ")"});
    if (issues.size() != before) return std::nullopt;
    if (a.contains("label")) {
        axis.label = a["label"].get<std::string>();
    } else {
        for (const auto& p : axis.paths) axis.label += (axis.label.empty() ? "" : "+") + p;
    }
    return axis;
}

std::optional<Study> readStudy(const nlohmann::json& s, const std::string& path, const Project& project,
                               std::vector<ProjectIssue>& issues) {
    if (!s.is_object()) {
        issues.push_back({path, "must be a study object (got " + typeName(s) + ")"});
        return std::nullopt;
    }
    const std::size_t before = issues.size();
    rejectUnknownKeys(s, kStudyKeys, path, issues);
    readString(s, "name", path, issues);
    readString(s, "description", path, issues);
    Study study;
    if (!s.contains("id") || !s["id"].is_string() || s["id"].get<std::string>().empty())
        issues.push_back({join(path, "id"), "missing: a study needs a non-empty string id"});
    else
        study.id = s["id"].get<std::string>();

    const auto& tree = project.tree();
    const nlohmann::json* experiment = nullptr;
    if (!s.contains("experiment") || !s["experiment"].is_string()) {
        issues.push_back({join(path, "experiment"), "missing: the id of the experiment the study varies"});
    } else {
        study.experimentId = s["experiment"].get<std::string>();
        const auto ids = project.experimentIds();
        experiment = project.experiment(study.experimentId);
        if (!experiment) {
            issues.push_back({join(path, "experiment"), "no experiment with id '" + study.experimentId + "'" +
                                                           (ids.empty() ? std::string(" (the project has none)")
                                                                        : " (known: " + joinIds(ids) + ")")});
        } else {
            for (std::size_t k = 0; k < tree["experiments"].size(); ++k)
                if (&tree["experiments"][k] == experiment) study.experimentIndex = k;
        }
    }

    if (s.contains("combine")) {
        const std::string c = s["combine"].is_string() ? s["combine"].get<std::string>() : "";
        if (c == "grid" || c == "zip")
            study.combine = c == "zip" ? Combine::Zip : Combine::Grid;
        else
            issues.push_back({join(path, "combine"), "must be \"grid\" (every combination) or \"zip\" (the k-th values together)"});
    }
    if (s.contains("figure")) {
        if (s["figure"].is_string() && !s["figure"].get<std::string>().empty())
            study.figure = s["figure"].get<std::string>();
        else
            issues.push_back({join(path, "figure"), "must be the key of one of the experiment's figures (the studio plots it first)"});
    }
    if (s.contains("seeds")) {
        if (wholeNumber(s["seeds"], 1, 100000))
            study.seeds = s["seeds"].get<std::size_t>();
        else
            issues.push_back({join(path, "seeds"), "must be a whole number from 1 to 100000 (runs per point, seeds base, base + 1, ...)"});
    }

    const std::string axesAt = join(path, "axes");
    if (s.contains("axes") && !s["axes"].is_array()) {
        issues.push_back({axesAt, "must be an array of axis objects (got " + typeName(s["axes"]) + ")"});
    } else if (s.contains("axes") && experiment) {
        for (std::size_t k = 0; k < s["axes"].size(); ++k)
            if (auto axis = readAxis(s["axes"][k], index(axesAt, k), tree, study.experimentIndex, study.experimentId, issues))
                study.axes.push_back(std::move(*axis));
    }
    if (issues.size() != before || !experiment) return std::nullopt;

    // Two axes writing one field would silently overwrite each other.
    std::set<std::string> written;
    for (std::size_t a = 0; a < study.axes.size(); ++a)
        for (std::size_t k = 0; k < study.axes[a].paths.size(); ++k) {
            std::string why;
            const auto target = resolveField(tree, study.experimentIndex, study.axes[a].paths[k], why);
            if (target && !written.insert(target->location).second)
                issues.push_back({join(index(axesAt, a), "path"), "sets " + target->location + ", which another axis sets too"});
        }
    if (study.combine == Combine::Zip)
        for (std::size_t a = 1; a < study.axes.size(); ++a)
            if (study.axes[a].values.size() != study.axes[0].values.size())
                issues.push_back({index(axesAt, a), "has " + std::to_string(study.axes[a].values.size()) + " values, axes[0] has " +
                                                        std::to_string(study.axes[0].values.size()) +
                                                        " (\"zip\" pairs the k-th values, so the counts must match)"});
    double combinations = study.axes.empty() ? 1.0 : (study.combine == Combine::Zip ? double(study.axes[0].values.size()) : 1.0);
    if (study.combine == Combine::Grid)
        for (const auto& axis : study.axes) combinations *= double(axis.values.size());
    if (combinations * double(study.seeds) > double(kMaxStudyPoints))
        issues.push_back({path, "has " + std::to_string(static_cast<long long>(std::fmin(combinations * double(study.seeds), 1e18))) +
                                    " points (combinations x seeds), more than the " + std::to_string(kMaxStudyPoints) +
                                    " a study may have; split it"});

    // Seeds: run k writes base + k into the kind's "seed" setting.
    const auto& e = *experiment;
    const ExperimentKindInfo* kind =
        e.contains("kind") && e["kind"].is_string() ? experimentKindRegistry().find(e["kind"].get<std::string>()) : nullptr;
    const ParamSpec* seedSpec = kind ? findSpec(kind->settings, "seed") : nullptr;
    if (seedSpec) {
        const nlohmann::json& given = e.contains("seed") ? e["seed"] : nlohmann::json();
        const double base = given.is_number() ? given.get<double>() : seedSpec->defaultValue;
        bool axisSetsSeed = false;
        for (std::size_t a = 0; a < study.axes.size(); ++a)
            for (const auto& p : study.axes[a].paths)
                if (p == "seed") {
                    axisSetsSeed = true;
                    if (study.seeds > 1)
                        issues.push_back({join(index(axesAt, a), "path"),
                                          "sets the seed, which \"seeds\" also sets; use one or the other"});
                }
        // An axis over "seed" supplies each point's seed; a seed base would overwrite it.
        if (!axisSetsSeed && base >= 0 && base <= 9e15 && base == std::floor(base))
            study.seedBase = static_cast<std::uint64_t>(base);
    } else if (study.seeds > 1) {
        issues.push_back({join(path, "seeds"), "experiment '" + study.experimentId + "' (kind " + (e.contains("kind") && e["kind"].is_string() ? e["kind"].get<std::string>() : std::string("?")) +
                                                   ") takes no random seed, so every seed would repeat the same run; use 1"});
    }
    if (issues.size() != before) return std::nullopt;
    study.seeds = seedSpec ? study.seeds : 1;
    return study;
}

}  // namespace

std::vector<Study> readStudies(const Project& project, std::vector<ProjectIssue>& issues) {
    std::vector<Study> studies;
    const auto& t = project.tree();
    if (!t.is_object() || !t.contains("studies")) return studies;
    const auto& list = t["studies"];
    if (!list.is_array()) {
        issues.push_back({"studies", "must be an array of study objects (got " + typeName(list) + ")"});
        return studies;
    }
    std::set<std::string> seen;
    for (std::size_t k = 0; k < list.size(); ++k) {
        const std::string path = index("studies", k);
        const auto& s = list[k];
        if (s.is_object() && s.contains("id") && s["id"].is_string() && !s["id"].get<std::string>().empty() &&
            !seen.insert(s["id"].get<std::string>()).second)
            issues.push_back({join(path, "id"), "duplicate id '" + s["id"].get<std::string>() + "'"});
        if (auto study = readStudy(s, path, project, issues)) {
            study->index = k;
            studies.push_back(std::move(*study));
        }
    }
    return studies;
}

Study findStudy(const Project& project, const std::string& id) {
    const auto& t = project.tree();
    std::vector<std::string> ids;
    std::optional<std::size_t> at;
    if (t.is_object() && t.contains("studies") && t["studies"].is_array())
        for (std::size_t k = 0; k < t["studies"].size(); ++k) {
            const auto& s = t["studies"][k];
            if (!s.is_object() || !s.contains("id") || !s["id"].is_string()) continue;
            ids.push_back(s["id"].get<std::string>());
            if (ids.back() == id && !at) at = k;
        }
    if (!at)
        throw InputError("--study", "no study with id '" + id + "'" +
                                        (ids.empty() ? std::string(" (the project has none)") : " (known: " + joinIds(ids) + ")"));
    const std::string prefix = index("studies", *at);
    for (const auto& issue : validateStudies(project))
        if (issue.path == prefix || issue.path.rfind(prefix + ".", 0) == 0 || issue.path.rfind(prefix + "[", 0) == 0)
            throw InputError(issue.path, issue.message);
    std::vector<ProjectIssue> ignored;
    for (auto& s : readStudies(project, ignored))
        if (s.index == *at) return s;
    throw InputError(prefix, "could not be read");
}

}  // namespace ms::study
