#include "widgets/ResultView.h"

#include "widgets/ExperimentRunner.h"
#include "widgets/FiguresTable.h"

namespace ms::gui {

ExperimentRunner* ResultView::runner() const { return runner_; }

void ResultView::followRuns(ExperimentRunner* runner, const QStringList& kinds, FiguresTable* figures,
                            std::function<void()> redraw) {
    runner_ = runner;
    connect(runner, &ExperimentRunner::runStarted, this, [this, kinds](const QString&, const QString& kind) {
        following_ = kinds.contains(kind);
        if (following_) clear();
    });
    if (figures)
        connect(runner, &ExperimentRunner::scalarReported, this, [this, figures](const QString& k, double v, const QString& u) {
            if (following_) figures->addFigure(k, v, u);
        });
    connect(runner, &ExperimentRunner::drained, this, [this, redraw] {
        if (following_) redraw();
    });
    connect(runner, &ExperimentRunner::runFinished, this, [this, redraw] {
        if (following_) redraw();
    });
}

}  // namespace ms::gui
