#include "widgets/cenn/CennView.h"

#include <QGridLayout>
#include <Eigen/Dense>

#include "widgets/ExperimentRunner.h"
#include "widgets/FiguresTable.h"
#include "widgets/crossbar/CrossbarHeatmap.h"

namespace ms::gui {

namespace {

// The series each panel shows, in panel order.
struct Panel {
    const char* id;
    const char* title;
};
const Panel kPanels[5] = {{"input", "Input u"},
                          {"state", "Final state x"},
                          {"output", "Output y"},
                          {"ideal_output", "Ideal CeNN output"},
                          {"error_map", "Differs from the ideal"}};

}  // namespace

CennView::CennView(DocumentModel* document, QWidget* parent) : ResultView(parent) {
    Q_UNUSED(document);
    auto* g = new QGridLayout(this);
    g->setContentsMargins(2, 2, 2, 2);
    g->setSpacing(2);
    for (int k = 0; k < 5; ++k) {
        maps_[k] = new CrossbarHeatmap(tr(kPanels[k].title), this);
        g->addWidget(maps_[k], k / 3, k % 3);
    }
    // The figures take the sixth place of the 2 x 3 grid.
    figures_ = new FiguresTable(this);
    g->addWidget(figures_, 1, 2);
    for (int c = 0; c < 3; ++c) g->setColumnStretch(c, 1);
    for (int r = 0; r < 2; ++r) g->setRowStretch(r, 1);
    for (int k = 3; k < 5; ++k) maps_[k]->setVisible(false);  // only runs on bridges have them
}

QList<QCustomPlot*> CennView::plots() const {
    QList<QCustomPlot*> out;
    for (auto* m : maps_) out << m->plot();
    return out;
}

CrossbarHeatmap* CennView::panel(const QString& id) const {
    for (int k = 0; k < 5; ++k)
        if (id == QLatin1String(kPanels[k].id)) return maps_[k];
    return nullptr;
}

void CennView::clear() {
    for (auto* m : maps_) m->clearMap();
    for (int k = 3; k < 5; ++k) maps_[k]->setVisible(false);
    figures_->clearFigures();
}

void CennView::follow(ExperimentRunner* runner) { followRuns(runner, kindIds(), figures_, [this] { redraw(); }); }

void CennView::redraw() {
    if (!runner()) return;
    for (const auto& s : runner()->series())
        for (int k = 0; k < 5; ++k) {
            if (s.id != QLatin1String(kPanels[k].id) || s.rows() == 0) continue;
            Eigen::MatrixXd m(Eigen::Index(s.rows()), Eigen::Index(s.columns.size()));
            for (Eigen::Index i = 0; i < m.rows(); ++i)
                for (Eigen::Index j = 0; j < m.cols(); ++j) m(i, j) = s.at(std::size_t(i), int(j));
            // +1 and -1 (black and white in the CeNN convention) on a scale centred on 0.
            maps_[k]->setMap(m, tr(kPanels[k].title), "", true);
            maps_[k]->setVisible(true);
        }
}

}  // namespace ms::gui
