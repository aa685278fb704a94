// The "Associative memory" tab (issue 16): Pavlov's dog on one memristor
// synapse, live (core/snn/experiments/PavlovMemory.h). A timeline of three
// panels sharing the time axis: the inputs (bell, food and the feedback an
// output spike puts on the bell synapse), the bell synapse's conductance, and
// the output neuron's membrane with its spikes; the protocol's phases are
// shaded and named along the time axis. Beside it, one row per trial (phase,
// spikes, G, whether the bell alone made the output fire) and the
// run's figures.
#pragma once

#include <QString>

#include "widgets/ResultView.h"

class QCPAbstractItem;
class QCPAxisRect;
class QCPGraph;
class QTableWidget;

namespace ms::gui {

class FiguresTable;
struct SeriesBuffer;

class PavlovView : public ResultView {
    Q_OBJECT
public:
    static QStringList kindIds() { return {"pavlov_associative_memory"}; }
    explicit PavlovView(DocumentModel* document, QWidget* parent = nullptr);

    void follow(ExperimentRunner* runner) override;
    void clear() override;
    QList<QCustomPlot*> plots() const override;

    // For tests: the curve of "bell", "food", "feedback", "G", "v_m" or
    // "spikes", or null; the shaded phase bands (one per protocol stage, in
    // every panel) and the trial table.
    QCPGraph* graph(const QString& id) const;
    int phaseBands() const { return bands_; }
    const QTableWidget* trialTable() const { return trials_; }
    QCustomPlot* timeline() const { return plot_; }

private:
    void redraw();
    void addTimeline(const SeriesBuffer& s);
    void addSpikes(const SeriesBuffer& s);
    // Rebuilds the trial table and the phase bands from every trial so far.
    void setTrials(const SeriesBuffer& s);
    // A shaded band in every panel and a label in the top one for a stage.
    void addBand(double t0, double t1, int phase, int trials);

    QCustomPlot* plot_;
    QCPAxisRect* rects_[3];
    QCPGraph *bell_, *food_, *feedback_, *g_, *vm_, *spikes_;
    QTableWidget* trials_;
    FiguresTable* figures_;
    QList<QCPAbstractItem*> bandItems_;
    std::size_t timelineRows_ = 0, spikeRows_ = 0, trialRows_ = 0;
    int bands_ = 0;
};

}  // namespace ms::gui
