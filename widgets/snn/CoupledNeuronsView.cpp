#include "widgets/snn/CoupledNeuronsView.h"

#include <algorithm>
#include <cmath>

#include <QGridLayout>

#include "widgets/ExperimentRunner.h"
#include "widgets/FiguresTable.h"
#include "widgets/plots/PlotTools.h"

namespace ms::gui {

namespace {

const QColor kBlue(31, 100, 180), kRed(214, 39, 40), kGrey(140, 140, 140), kGreen(44, 160, 44), kOrange(230, 120, 20);

QCustomPlot* makePlot(QWidget* parent, const QString& title) {
    auto* p = new QCustomPlot(parent);
    stylePlot(p, title);
    installHoverCursor(p);
    p->setMinimumSize(220, 160);
    return p;
}

QCPGraph* addLine(QCustomPlot* p, QCPAxis* y, const QColor& colour, const QString& name, double width = 1.2,
                  Qt::PenStyle style = Qt::SolidLine) {
    QCPGraph* g = p->addGraph(p->xAxis, y);
    g->setPen(QPen(colour, width, style));
    g->setName(name);
    return g;
}

QCPCurve* addCurve(QCustomPlot* p, const QColor& colour, const QString& name) {
    auto* c = new QCPCurve(p->xAxis, p->yAxis);
    c->setPen(QPen(colour, 1.0));
    c->setName(name);
    return c;
}

void fitAxis(QCPAxis* a, double lo, double hi) {
    if (!(hi > lo)) {
        lo -= 0.5;
        hi += 0.5;
    }
    const double m = 0.05 * (hi - lo);
    a->setRange(lo - m, hi + m);
}

}  // namespace

CoupledNeuronsView::CoupledNeuronsView(DocumentModel* document, QWidget* parent) : ResultView(parent) {
    Q_UNUSED(document);
    auto* g = new QGridLayout(this);
    g->setContentsMargins(2, 2, 2, 2);
    g->setSpacing(2);

    traces_ = makePlot(this, tr("Membrane variables of both neurons"));
    styleAxis(traces_->xAxis, "t", "", false, tr("time (model units)"));
    styleAxis(traces_->yAxis, "x", "", false, tr("membrane"));
    x1_ = addLine(traces_, traces_->yAxis, kBlue, tr("neuron 1"));
    x2_ = addLine(traces_, traces_->yAxis, kRed, tr("neuron 2"), 1.0);
    error_ = addLine(traces_, traces_->yAxis, kGrey, tr("e = x1 − x2"), 1.0, Qt::DotLine);
    traces_->legend->setVisible(true);
    traces_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);

    sync_ = makePlot(this, tr("Synchronisation: neuron 2 against neuron 1"));
    styleAxis(sync_->xAxis, "x1", "", false, tr("neuron 1"));
    styleAxis(sync_->yAxis, "x2", "", false, tr("neuron 2"));
    syncCurve_ = addCurve(sync_, kBlue, tr("trajectory"));
    // Drawn over the trajectory: once in step the trajectory lies on it.
    diagonal_ = addLine(sync_, sync_->yAxis, kOrange, tr("x1 = x2"), 1.4, Qt::DashLine);
    sync_->legend->setVisible(true);
    sync_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);

    phase_ = makePlot(this, tr("Phase portrait of neuron 1"));
    styleAxis(phase_->xAxis, "x1", "", false, tr("membrane"));
    styleAxis(phase_->yAxis, "y1", "", false, tr("recovery"));
    phaseCurve_ = addCurve(phase_, kBlue, tr("neuron 1"));

    memristor_ = makePlot(this, tr("Coupling memristor: flux and memductance"));
    styleAxis(memristor_->xAxis, "t", "", false, tr("time (model units)"));
    styleAxis(memristor_->yAxis, "φ", "Wb", false, tr("flux"));
    memristor_->yAxis2->setVisible(true);
    styleAxis(memristor_->yAxis2, "W", "S", false, tr("memductance"));
    phi_ = addLine(memristor_, memristor_->yAxis, kOrange, tr("flux φ"));
    w_ = addLine(memristor_, memristor_->yAxis2, kGreen, tr("W(φ)"));
    memristor_->legend->setVisible(true);
    memristor_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);

    figures_ = new FiguresTable(this);

    // Traces across the top (time is the long axis); below, the two
    // portraits, the memristor and the figures.
    g->addWidget(traces_, 0, 0, 1, 2);
    g->addWidget(sync_, 0, 2);
    g->addWidget(phase_, 1, 0);
    g->addWidget(memristor_, 1, 1);
    g->addWidget(figures_, 1, 2);
    for (int c = 0; c < 3; ++c) g->setColumnStretch(c, 1);
    for (int r = 0; r < 2; ++r) g->setRowStretch(r, 1);
}

QList<QCustomPlot*> CoupledNeuronsView::plots() const { return {traces_, sync_, phase_, memristor_}; }

QCustomPlot* CoupledNeuronsView::panel(const QString& id) const {
    if (id == QLatin1String("traces")) return traces_;
    if (id == QLatin1String("sync")) return sync_;
    if (id == QLatin1String("phase")) return phase_;
    if (id == QLatin1String("memristor")) return memristor_;
    return nullptr;
}

int CoupledNeuronsView::pointsIn(const QString& id) const {
    QCustomPlot* p = panel(id);
    if (!p) return 0;
    int n = 0;
    for (int k = 0; k < p->plottableCount(); ++k) {
        if (auto* gr = qobject_cast<QCPGraph*>(p->plottable(k))) {
            if (gr != diagonal_) n += gr->dataCount();
        } else if (auto* c = qobject_cast<QCPCurve*>(p->plottable(k))) {
            n += c->dataCount();
        }
    }
    return n;
}

void CoupledNeuronsView::clear() {
    for (QCPGraph* gr : {x1_, x2_, error_, diagonal_, phi_, w_}) gr->data()->clear();
    syncCurve_->data()->clear();
    phaseCurve_->data()->clear();
    figures_->clearFigures();
    for (auto* p : plots()) p->replot(QCustomPlot::rpQueuedReplot);
}

void CoupledNeuronsView::follow(ExperimentRunner* runner) { followRuns(runner, kindIds(), figures_, [this] { redraw(); }); }

// Rebuilt from the run's series on each drain: a few thousand rows at most.
void CoupledNeuronsView::redraw() {
    if (!runner()) return;
    const SeriesBuffer* trace = nullptr;
    for (const auto& s : runner()->series())
        if (s.id == QLatin1String("trace")) trace = &s;
    if (!trace || trace->rows() == 0) return;
    const int ct = trace->column("t"), cx1 = trace->column("x1"), cy1 = trace->column("y1"), cx2 = trace->column("x2"),
              cphi = trace->column("phi"), cw = trace->column("W"), ce = trace->column("e");
    if (ct < 0 || cx1 < 0 || cy1 < 0 || cx2 < 0 || cphi < 0 || cw < 0 || ce < 0) return;
    // FitzHugh-Nagumo's variables are v and w; Hindmarsh-Rose's x, y (and z).
    const bool fhn = trace->column("z1") < 0;
    const QString x = fhn ? QStringLiteral("v") : QStringLiteral("x"), y = fhn ? QStringLiteral("w") : QStringLiteral("y");
    styleAxis(traces_->yAxis, x, "", false, tr("membrane"));
    styleAxis(sync_->xAxis, x + "1", "", false, tr("neuron 1"));
    styleAxis(sync_->yAxis, x + "2", "", false, tr("neuron 2"));
    styleAxis(phase_->xAxis, x + "1", "", false, tr("membrane"));
    styleAxis(phase_->yAxis, y + "1", "", false, tr("recovery"));
    error_->setName(tr("e = %1").arg(x + "1 − " + x + "2"));
    diagonal_->setName(tr("%1 = %2").arg(x + "1", x + "2"));

    const int n = static_cast<int>(trace->rows());
    QVector<double> t(n), x1(n), y1(n), x2(n), phi(n), w(n), e(n), idx(n);
    double lo = 0, hi = 0;
    for (int r = 0; r < n; ++r) {
        const auto row = static_cast<std::size_t>(r);
        t[r] = trace->at(row, ct);
        x1[r] = trace->at(row, cx1);
        y1[r] = trace->at(row, cy1);
        x2[r] = trace->at(row, cx2);
        phi[r] = trace->at(row, cphi);
        w[r] = trace->at(row, cw);
        e[r] = trace->at(row, ce);
        idx[r] = r;
        lo = r ? std::min({lo, x1[r], x2[r]}) : std::min(x1[r], x2[r]);
        hi = r ? std::max({hi, x1[r], x2[r]}) : std::max(x1[r], x2[r]);
    }
    x1_->setData(t, x1, true);
    x2_->setData(t, x2, true);
    error_->setData(t, e, true);
    phi_->setData(t, phi, true);
    w_->setData(t, w, true);
    syncCurve_->setData(idx, x1, x2, true);
    phaseCurve_->setData(idx, x1, y1, true);
    diagonal_->setData({lo, hi}, {lo, hi}, true);

    traces_->rescaleAxes();
    fitAxis(traces_->yAxis, traces_->yAxis->range().lower, traces_->yAxis->range().upper);
    // The synchronisation plane is square in data: the diagonal at 45 degrees.
    fitAxis(sync_->xAxis, lo, hi);
    fitAxis(sync_->yAxis, lo, hi);
    phase_->rescaleAxes();
    fitAxis(phase_->xAxis, phase_->xAxis->range().lower, phase_->xAxis->range().upper);
    fitAxis(phase_->yAxis, phase_->yAxis->range().lower, phase_->yAxis->range().upper);
    memristor_->rescaleAxes();
    fitAxis(memristor_->yAxis, memristor_->yAxis->range().lower, memristor_->yAxis->range().upper);
    fitAxis(memristor_->yAxis2, memristor_->yAxis2->range().lower, memristor_->yAxis2->range().upper);
    for (auto* p : plots()) p->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace ms::gui
