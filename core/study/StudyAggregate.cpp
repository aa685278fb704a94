#include "core/study/StudyAggregate.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

namespace ms::study {

std::vector<std::string> figureKeys(const std::vector<PointRecord>& records) {
    std::vector<std::string> keys;
    for (const auto& r : records)
        for (const auto& f : r.figures)
            if (std::find(keys.begin(), keys.end(), f.key) == keys.end()) keys.push_back(f.key);
    return keys;
}

Aggregate aggregateFigure(const Study& study, const std::vector<PointRecord>& records, const std::string& key) {
    Aggregate out;
    const std::size_t firstCount = study.axes.empty() ? 1 : study.axes[0].values.size();
    if (!study.axes.empty()) {
        out.xLabel = study.axes[0].label;
        for (const auto& v : study.axes[0].values) {
            out.xTicks.push_back(valueText(v));
            out.xNumeric = out.xNumeric && v.is_number();
        }
    }
    // Values per (curve = combination of the other axes, first-axis value).
    std::map<std::size_t, std::vector<std::vector<double>>> sums;
    std::map<std::size_t, std::string> labels;
    for (const auto& r : records) {
        if (!r.ok) continue;
        const Point p = point(study, r.index);
        std::size_t curve = 0;
        std::string label;
        for (std::size_t a = 1; a < study.axes.size(); ++a) {
            curve = curve * study.axes[a].values.size() + p.valueIndex[a];
            label += (label.empty() ? "" : ", ") + study.axes[a].label + " = " + valueText(study.axes[a].values[p.valueIndex[a]]);
        }
        for (const auto& f : r.figures) {
            if (f.key != key) continue;
            const double v = std::strtod(f.value.c_str(), nullptr);
            if (!std::isfinite(v)) break;
            if (out.unit.empty()) out.unit = f.unit;
            auto& row = sums[curve];
            row.resize(firstCount);
            row[study.axes.empty() ? 0 : p.valueIndex[0]].push_back(v);
            labels[curve] = label;
            break;
        }
    }
    for (const auto& [curve, row] : sums) {
        AggregateCurve c;
        c.label = labels[curve];
        for (std::size_t k = 0; k < row.size(); ++k) {
            const auto& values = row[k];
            if (values.empty()) continue;
            AggregatePoint ap;
            const nlohmann::json v = study.axes.empty() ? nlohmann::json(0) : study.axes[0].values[k];
            ap.x = v.is_number() ? v.get<double>() : static_cast<double>(k);
            ap.n = values.size();
            for (double x : values) ap.mean += x / static_cast<double>(ap.n);
            if (ap.n > 1) {  // two passes: figures like 1e-12 +- 1e-15 keep their digits
                double ss = 0;
                for (double x : values) ss += (x - ap.mean) * (x - ap.mean);
                ap.stddev = std::sqrt(ss / static_cast<double>(ap.n - 1));
            }
            c.points.push_back(ap);
        }
        out.curves.push_back(std::move(c));
    }
    return out;
}

}  // namespace ms::study
