// A study's points: which axis values and seed point p has, and the project
// copy it runs.
#include <charconv>

#include "core/common/Errors.h"
#include "core/project/JsonFields.h"
#include "core/study/FieldPath.h"
#include "core/study/Sha256.h"
#include "core/study/Study.h"

namespace ms::study {

std::size_t combinationCount(const Study& study) {
    if (study.axes.empty()) return 1;
    if (study.combine == Combine::Zip) return study.axes[0].values.size();
    std::size_t n = 1;
    for (const auto& a : study.axes) n *= a.values.size();
    return n;
}

std::size_t pointCount(const Study& study) { return combinationCount(study) * study.seeds; }

Point point(const Study& study, std::size_t index) {
    Point p;
    p.index = index;
    p.combination = index / study.seeds;
    const std::size_t seedIndex = index % study.seeds;
    p.valueIndex.assign(study.axes.size(), 0);
    // Grid: the first axis varies slowest, as nested loops written in axis order.
    std::size_t rest = p.combination;
    for (std::size_t a = study.axes.size(); a-- > 0;) {
        const std::size_t n = study.axes[a].values.size();
        p.valueIndex[a] = study.combine == Combine::Zip ? p.combination : rest % n;
        if (study.combine == Combine::Grid) rest /= n;
    }
    if (study.seedBase) p.seed = *study.seedBase + seedIndex;
    return p;
}

Project pointProject(const Project& project, const Study& study, const Point& p) {
    nlohmann::json tree = project.tree();
    tree.erase("studies");
    for (std::size_t a = 0; a < study.axes.size(); ++a) {
        const Axis& axis = study.axes[a];
        const nlohmann::json& value = axis.values.at(p.valueIndex[a]);
        for (std::size_t k = 0; k < axis.paths.size(); ++k) {
            // Resolved on the copy: an earlier axis may have switched a reference.
            std::string why;
            const auto target = resolveField(tree, study.experimentIndex, axis.paths[k], why);
            if (!target)
                throw InputError(json_fields::join(json_fields::index(json_fields::index("studies", study.index) + ".axes", a), "path"),
                                 "experiment '" + study.experimentId + "' " + why);
            tree[target->pointer] = axis.factors.empty() ? value : nlohmann::json(axis.factors[k] * value.get<double>());
        }
    }
    if (p.seed) tree["experiments"][study.experimentIndex]["seed"] = *p.seed;
    Project out(std::move(tree));
    out.setBaseDirectory(project.baseDirectory());
    return out;
}

std::string pointFingerprint(const Project& pointProject, const std::string& experimentId) {
    nlohmann::json tree = pointProject.tree();
    const nlohmann::json* e = pointProject.experiment(experimentId);
    nlohmann::json experiment = e ? *e : nlohmann::json();
    for (const char* key : {"name", "description"}) {
        tree.erase(key);
        if (experiment.is_object()) experiment.erase(key);
    }
    tree.erase("studies");
    tree["experiments"] = nlohmann::json::array({experiment});
    return sha256Hex(tree.dump());
}

std::string valueText(const nlohmann::json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number_float()) {
        char buf[64];
        const auto r = std::to_chars(buf, buf + sizeof buf, value.get<double>());
        return std::string(buf, r.ptr);
    }
    return value.dump();
}

}  // namespace ms::study
