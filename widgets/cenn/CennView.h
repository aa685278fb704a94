// The cellular-network view (issue 17): the input image, the final state, the
// output and, when the template is realised by 4M bridges, the ideal CeNN's
// output beside the map of pixels that differ from it; the run's figures
// (settling time, pixels changed, bridge weight error) beside them.
#pragma once

#include <QString>

#include "widgets/ResultView.h"

namespace ms::gui {

class CrossbarHeatmap;
class FiguresTable;

class CennView : public ResultView {
    Q_OBJECT
public:
    static QStringList kindIds() { return {"cenn"}; }
    explicit CennView(DocumentModel* document, QWidget* parent = nullptr);

    void follow(ExperimentRunner* runner) override;
    void clear() override;
    QList<QCustomPlot*> plots() const override;

    // For tests: the panel showing series `id` ("input", "state", "output",
    // "ideal_output", "error_map"), or null.
    CrossbarHeatmap* panel(const QString& id) const;

private:
    void redraw();

    CrossbarHeatmap* maps_[5];
    FiguresTable* figures_;
};

}  // namespace ms::gui
