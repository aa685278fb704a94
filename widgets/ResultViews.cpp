// The registry of result views (see ResultView.h): one line per view, in tab order.
#include "widgets/ResultView.h"

#include "widgets/ann/AnnView.h"
#include "widgets/cenn/CennView.h"
#include "widgets/circuit/CircuitView.h"
#include "widgets/crossbar/CrossbarView.h"
#include "widgets/fit/FitView.h"
#include "widgets/reservoir/ReservoirView.h"
#include "widgets/rnn/RnnView.h"
#include "widgets/snn/AnnVsSnnView.h"
#include "widgets/snn/CoupledNeuronsView.h"
#include "widgets/snn/PavlovView.h"
#include "widgets/snn/SnnView.h"

namespace ms::gui {

const std::vector<ResultViewEntry>& resultViewRegistry() {
    static const std::vector<ResultViewEntry> views = {
        {"circuit", QObject::tr("Circuit designer"), CircuitView::kinds(), [](DocumentModel* d, QWidget* p) -> ResultView* { return new CircuitView(d, p); }},
        {"crossbar", QObject::tr("Crossbar designer"), CrossbarView::kindIds(), [](DocumentModel* d, QWidget* p) -> ResultView* { return new CrossbarView(d, p); }},
        {"ann", QObject::tr("ANN on crossbars"), {"ann_training", "ann_sweep"}, [](DocumentModel* d, QWidget* p) -> ResultView* { return new AnnView(d, p); }},
        {"cenn", QObject::tr("Cellular networks"), CennView::kindIds(), [](DocumentModel* d, QWidget* p) -> ResultView* { return new CennView(d, p); }},
        {"snn", QObject::tr("Spiking networks"), {"neuron_fi_curve", "neuron_trace", "snn_unsupervised_digits", "snn_iris_hebbian", "ann_to_snn", "snn_stdp_song"}, [](DocumentModel* d, QWidget* p) -> ResultView* { return new SnnView(d, p); }},
        {"ann_vs_snn", QObject::tr("ANN vs SNN"), AnnVsSnnView::kindIds(), [](DocumentModel* d, QWidget* p) -> ResultView* { return new AnnVsSnnView(d, p); }},
        {"coupled_neurons", QObject::tr("Coupled neurons"), CoupledNeuronsView::kindIds(), [](DocumentModel* d, QWidget* p) -> ResultView* { return new CoupledNeuronsView(d, p); }},
        {"pavlov", QObject::tr("Associative memory"), PavlovView::kindIds(), [](DocumentModel* d, QWidget* p) -> ResultView* { return new PavlovView(d, p); }},
        {"reservoir", QObject::tr("Reservoir computing"), ReservoirView::kindIds(), [](DocumentModel* d, QWidget* p) -> ResultView* { return new ReservoirView(d, p); }},
        {"rnn", QObject::tr("Recurrent networks"), RnnView::kindIds(), [](DocumentModel* d, QWidget* p) -> ResultView* { return new RnnView(d, p); }},
        {"fit", QObject::tr("Device fitting"), {"fit_iv", "fit_pulse_curve"}, [](DocumentModel* d, QWidget* p) -> ResultView* { return new FitView(d, p); }},
    };
    return views;
}

}  // namespace ms::gui
