// Validation of a study down to its points: each point's experiment goes
// through its kind's own validation before anything runs, and a problem is
// reported at the axis value that causes it ("studies[0].axes[1].values[2]").
#include <set>

#include "core/common/Errors.h"
#include "core/project/ExperimentKind.h"
#include "core/project/JsonFields.h"
#include "core/study/FieldPath.h"
#include "core/study/Study.h"

namespace ms::study {

using namespace json_fields;

namespace {

// Problems that no single axis explains (a cross-field rule) are listed for
// this many points; the rest are counted.
constexpr std::size_t kPointIssuesShown = 10;

// "unknown field (known here: a, b)" reads as "known here: a, b)" after "has no field 'x' (".
std::string withoutPrefix(const std::string& text, const std::string& prefix) {
    if (text.rfind(prefix, 0) != 0 || text.empty() || text.back() != ')') return text;
    return text.substr(prefix.size(), text.size() - prefix.size() - 1);
}

std::string pointText(const Study& study, const Point& p) {
    std::string text = "point " + std::to_string(p.index) + " (";
    for (std::size_t a = 0; a < study.axes.size(); ++a)
        text += (a ? ", " : "") + study.axes[a].label + " = " + valueText(study.axes[a].values[p.valueIndex[a]]);
    if (p.seed) text += std::string(study.axes.empty() ? "" : ", ") + "seed " + std::to_string(*p.seed);
    return text + ")";
}

void validatePoints(const Project& project, const Study& study, std::vector<ProjectIssue>& issues) {
    const auto& tree = project.tree();
    const nlohmann::json& base = tree["experiments"][study.experimentIndex];
    const std::string experimentAt = index("experiments", study.experimentIndex);
    // value("kind", "") would throw on a kind that is not a string (reported at experiments[k]).
    const ExperimentKindInfo* kind =
        base.contains("kind") && base["kind"].is_string() ? experimentKindRegistry().find(base["kind"].get<std::string>()) : nullptr;
    // An invalid experiment is reported at experiments[k]; its points would only repeat that.
    if (!kind || !kind->validate(base, project, experimentAt).empty()) return;

    const std::string studyAt = index("studies", study.index);
    // Where each axis path lands, in the file as written (firstMissing: a field the axis adds).
    std::vector<std::vector<FieldTarget>> targets(study.axes.size());
    for (std::size_t a = 0; a < study.axes.size(); ++a)
        for (const auto& path : study.axes[a].paths) {
            std::string why;
            auto target = resolveField(tree, study.experimentIndex, path, why);
            targets[a].push_back(target ? std::move(*target) : FieldTarget());
        }

    std::size_t unexplained = 0;
    const std::size_t combinations = combinationCount(study);
    for (std::size_t c = 0; c < combinations; ++c) {
        // The seed only matters at its extremes (its range check).
        std::set<std::size_t> seedIndices = {0, study.seeds - 1};
        for (std::size_t s : seedIndices) {
            const Point p = point(study, c * study.seeds + s);
            std::vector<ProjectIssue> found;
            try {
                const Project pp = pointProject(project, study, p);
                found = kind->validate(pp.tree()["experiments"][study.experimentIndex], pp, experimentAt);
            } catch (const InputError& e) {
                issues.push_back({e.path(), e.why()});
                return;
            }
            for (const auto& issue : found) {
                bool explained = false;
                for (std::size_t a = 0; a < study.axes.size() && !explained; ++a)
                    for (std::size_t k = 0; k < targets[a].size() && !explained; ++k) {
                        const FieldTarget& t = targets[a][k];
                        if (t.location.empty() || !concerns(issue.path, t)) continue;
                        explained = true;
                        const Axis& axis = study.axes[a];
                        const std::string axisAt = index(join(studyAt, "axes"), a);
                        if (!t.firstMissing.empty() && issue.path == t.firstMissing) {
                            issues.push_back({axis.paths.size() > 1 ? index(join(axisAt, "path"), k) : join(axisAt, "path"),
                                              "experiment '" + study.experimentId + "' has no field '" + axis.paths[k] +
                                                  "' (" + withoutPrefix(issue.message, "unknown field (") + ")"});
                        } else {
                            const std::size_t v = p.valueIndex[a];
                            issues.push_back({axis.fromRange ? join(axisAt, "range") : index(join(axisAt, "values"), v),
                                              (axis.fromRange ? "value " + std::to_string(v) + " (" + valueText(axis.values[v]) + ")"
                                                              : valueText(axis.values[v])) +
                                                  " gives " + issue.path + ": " + issue.message});
                        }
                    }
                if (explained) continue;
                if (issue.path == join(experimentAt, "seed")) {
                    issues.push_back({join(studyAt, "seeds"), "seed " + std::to_string(p.seed.value_or(0)) + ": " + issue.message});
                } else if (unexplained++ < kPointIssuesShown) {
                    issues.push_back({studyAt, pointText(study, p) + " gives " + issue.path + ": " + issue.message});
                }
            }
        }
    }
    if (unexplained > kPointIssuesShown)
        issues.push_back({studyAt, "and " + std::to_string(unexplained - kPointIssuesShown) + " more problems at other points"});
}

}  // namespace

std::vector<ProjectIssue> validateStudies(const Project& project) {
    std::vector<ProjectIssue> issues;
    for (const Study& study : readStudies(project, issues)) validatePoints(project, study, issues);
    // Every combination repeats an axis value's problem; keep each once.
    std::vector<ProjectIssue> unique;
    std::set<std::pair<std::string, std::string>> seen;
    for (auto& issue : issues)
        if (seen.insert({issue.path, issue.message}).second) unique.push_back(std::move(issue));
    return unique;
}

}  // namespace ms::study
