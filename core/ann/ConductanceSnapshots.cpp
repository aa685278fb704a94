#include "core/ann/ConductanceSnapshots.h"

#include <algorithm>
#include <string>

namespace ms {

void ConductanceSnapshots::operator()(const std::vector<WeightSlot*>& slots, double t) {
    // Before ex situ programming the layers are still floating point: nothing to map
    // yet, and declaring the shapes now would declare them again at the next snapshot.
    if (std::none_of(slots.begin(), slots.end(), [](const auto* s) { return s->analog != nullptr; })) return;
    if (!begun_) {
        // Shapes first, so a viewer knows each map's size before its rows arrive.
        sink_.beginSeries("g_layers", {{"layer", ""}, {"rows", ""}, {"cols", ""}});
        for (std::size_t l = 0; l < slots.size(); ++l)
            if (const AnalogWeights* a = slots[l]->analog.get()) {
                const double row[] = {double(l), double(a->inputs()), double(a->outputs())};
                sink_.appendRows("g_layers", row, 1);
            }
    }
    std::vector<double> all;
    for (std::size_t l = 0; l < slots.size(); ++l) {
        const AnalogWeights* a = slots[l]->analog.get();
        if (!a) continue;
        const std::string id = "g_layer" + std::to_string(l);
        if (!begun_) sink_.beginSeries(id, {{"t", "epoch"}, {"row", ""}, {"col", ""}, {"G_pos", "S"}, {"G_neg", "S"}});
        const Eigen::MatrixXd gp = a->conductances(0), gn = a->conductances(1);
        std::vector<double> rows;
        rows.reserve(static_cast<std::size_t>(gp.size()) * 5);
        for (int i = 0; i < a->inputs(); ++i)
            for (int o = 0; o < a->outputs(); ++o) {
                rows.insert(rows.end(), {t, double(i), double(o), gp(o, i), gn(o, i)});
                all.push_back(gp(o, i));
                if (a->differential()) all.push_back(gn(o, i));
            }
        sink_.appendRows(id, rows.data(), rows.size() / 5);
    }
    if (all.empty()) return;
    if (!begun_) sink_.beginSeries("g_histogram", {{"t", "epoch"}, {"G", "S"}, {"count", ""}});
    begun_ = true;
    const auto [lo, hi] = std::minmax_element(all.begin(), all.end());
    const int bins = 40;
    const double width = std::max((*hi - *lo) / bins, 1e-30);
    std::vector<double> count(bins, 0.0);
    for (double g : all) count[std::min(bins - 1, static_cast<int>((g - *lo) / width))] += 1;
    std::vector<double> rows;
    for (int b = 0; b < bins; ++b) rows.insert(rows.end(), {t, *lo + (b + 0.5) * width, count[b]});
    sink_.appendRows("g_histogram", rows.data(), bins);
}

}  // namespace ms
