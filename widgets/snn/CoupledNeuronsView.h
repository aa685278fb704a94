// The memristor-coupled neurons view (Volos et al. 2015, kind
// memristor_coupled_neurons): both membrane traces and their difference, the
// synchronisation portrait x1 vs x2 (on the diagonal when in step), neuron 1's
// own phase portrait x vs y, and the memristor's flux and memductance over time.
#pragma once

#include <QString>

#include "widgets/ResultView.h"

class QCPCurve;
class QCPGraph;

namespace ms::gui {

class FiguresTable;

class CoupledNeuronsView : public ResultView {
    Q_OBJECT
public:
    static QStringList kindIds() { return {"memristor_coupled_neurons"}; }
    explicit CoupledNeuronsView(DocumentModel* document, QWidget* parent = nullptr);

    void follow(ExperimentRunner* runner) override;
    void clear() override;
    QList<QCustomPlot*> plots() const override;

    // For tests: the panels, in order "traces", "sync", "phase", "memristor".
    QCustomPlot* panel(const QString& id) const;
    // Points drawn in a panel (graphs and curves together).
    int pointsIn(const QString& id) const;

private:
    void redraw();

    QCustomPlot *traces_, *sync_, *phase_, *memristor_;
    QCPGraph *x1_, *x2_, *error_, *diagonal_, *phi_, *w_;
    QCPCurve *syncCurve_, *phaseCurve_;
    FiguresTable* figures_;
};

}  // namespace ms::gui
