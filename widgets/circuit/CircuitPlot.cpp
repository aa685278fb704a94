#include "widgets/circuit/CircuitPlot.h"

#include <cmath>

#include <QVBoxLayout>

#include "widgets/ExperimentRunner.h"
#include "widgets/plots/PlotTools.h"

namespace ms::gui {
namespace {

const SeriesBuffer* findSeries(const std::vector<SeriesBuffer>& series, const char* id) {
    for (const auto& s : series)
        if (s.id == QLatin1String(id)) return &s;
    return nullptr;
}

QCPGraph* addGraph(QCustomPlot* plot, const QString& name, const QColor& c, bool dots, QCPAxis* y = nullptr) {
    QCPGraph* g = y ? plot->addGraph(plot->xAxis, y) : plot->addGraph();
    g->setName(name);
    g->setPen(QPen(c, 1.6));
    if (dots) g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, c, Qt::white, 5));
    return g;
}

void padRange(QCPAxis* a, double frac = 0.06) {
    const QCPRange r = a->range();
    const double pad = r.size() > 0 ? frac * r.size() : (std::fabs(r.lower) > 0 ? 0.1 * std::fabs(r.lower) : 1.0);
    a->setRange(r.lower - pad, r.upper + pad);
}

}  // namespace

CircuitPlot::CircuitPlot(QWidget* parent) : QWidget(parent) {
    auto* l = new QVBoxLayout(this);
    l->setContentsMargins(0, 0, 0, 0);
    plot_ = new QCustomPlot(this);
    stylePlot(plot_, QString());
    installHoverCursor(plot_);
    l->addWidget(plot_);
    setKind("circuit_transient");
}

void CircuitPlot::setKind(const QString& kind) {
    kind_ = kind;
    plot_->clearGraphs();
    plot_->yAxis2->setVisible(false);
    plot_->legend->setVisible(true);
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    plot_->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    if (kind == "cell_pulse_curve") {
        styleAxis(plot_->xAxis, tr("pulse"), "");
        plot_->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        styleAxis(plot_->yAxis, tr("cell weight w"), "");
        addGraph(plot_, tr("LTP (potentiating pulses)"), QColor(31, 100, 180), true);
        addGraph(plot_, tr("LTD (depressing pulses)"), QColor(214, 39, 40), true);
    } else if (kind == "stdp_window") {
        styleAxis(plot_->xAxis, QString::fromUtf8("Δt = t_post − t_pre"), "s");
        styleAxis(plot_->yAxis, QString::fromUtf8("Δw = ΔG / G (relative)"), "");
        addGraph(plot_, tr("STDP window"), QColor(110, 40, 160), true);
    } else if (kind == "write_verify") {
        styleAxis(plot_->xAxis, tr("pulse"), "");
        plot_->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        styleAxis(plot_->yAxis, tr("conductance G"), "S");
        styleAxis(plot_->yAxis2, tr("|error| to target (relative)"), "");
        plot_->yAxis2->setVisible(true);
        addGraph(plot_, tr("G after each pulse"), QColor(31, 100, 180), true);
        addGraph(plot_, tr("|error|"), QColor(230, 120, 20), false, plot_->yAxis2);
        plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    } else {
        if (kind == "circuit_dc") styleAxis(plot_->xAxis, tr("swept source level"), "V");
        else styleAxis(plot_->xAxis, tr("time t"), "s");
        styleAxis(plot_->yAxis, tr("node voltage"), "V");
        styleAxis(plot_->yAxis2, tr("element current"), "A");
        plot_->yAxis2->setVisible(!currentProbe().isEmpty());
        addGraph(plot_, legendOf(0), QColor(31, 100, 180), false);
        addGraph(plot_, legendOf(1), QColor(214, 39, 40), false, plot_->yAxis2);
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void CircuitPlot::setProbe(const QString& column) {
    if (column.startsWith("v(")) vProbe_ = column;
    else if (column.startsWith("i(")) iProbe_ = column;
    else return;
    if (kind_ == "circuit_transient" || kind_ == "circuit_dc") setKind(kind_);
    else if (kind_.isEmpty()) setKind("circuit_transient");
}

void CircuitPlot::setDefaultProbes(const QString& voltage, const QString& voltageWhy, const QString& current,
                                   const QString& currentWhy) {
    if (voltage == vDefault_ && current == iDefault_ && voltageWhy == vDefaultWhy_ && currentWhy == iDefaultWhy_) return;
    vDefault_ = voltage;
    vDefaultWhy_ = voltageWhy;
    iDefault_ = current;
    iDefaultWhy_ = currentWhy;
    if ((kind_ == "circuit_transient" || kind_ == "circuit_dc") && (vProbe_.isEmpty() || iProbe_.isEmpty())) setKind(kind_);
}

// The legend says whether a curve was clicked or is the default, and how to change it.
QString CircuitPlot::legendOf(int graph) const {
    const QString& probe = graph == 0 ? vProbe_ : iProbe_;
    const QString& fallback = graph == 0 ? vDefault_ : iDefault_;
    const QString& why = graph == 0 ? vDefaultWhy_ : iDefaultWhy_;
    if (!probe.isEmpty()) return probe;
    if (fallback.isEmpty()) return graph == 0 ? tr("click a node to probe its voltage") : tr("click a part to probe its current");
    return graph == 0 ? tr("%1: %2 (default; click a node to probe)").arg(fallback, why)
                      : tr("%1: %2 (default; click a part to probe)").arg(fallback, why);
}

int CircuitPlot::pointsOf(const QString& column) const {
    if ((kind_ != "circuit_transient" && kind_ != "circuit_dc") || plot_->graphCount() < 2) return 0;
    if (column == voltageProbe()) return plot_->graph(0)->dataCount();
    if (column == currentProbe()) return plot_->graph(1)->dataCount();
    return 0;
}

void CircuitPlot::drawTransient(const SeriesBuffer& s) {
    const int ct = s.column(s.id == QLatin1String("dc") ? "sweep" : "t");
    const QString probes[2] = {voltageProbe(), currentProbe()};
    for (int g = 0; g < 2; ++g) {
        QCPGraph* graph = plot_->graph(g);
        graph->data()->clear();
        const int c = probes[g].isEmpty() ? -1 : s.column(probes[g].toUtf8().constData());
        if (probes[g].isEmpty()) continue;
        if (c < 0 || ct < 0) {
            graph->setName(tr("%1 (not in this run)").arg(probes[g]));
            continue;
        }
        graph->setName(legendOf(g));
        QVector<double> t(static_cast<qsizetype>(s.rows())), v(static_cast<qsizetype>(s.rows()));
        for (std::size_t r = 0; r < s.rows(); ++r) {
            t[static_cast<qsizetype>(r)] = s.at(r, ct);
            v[static_cast<qsizetype>(r)] = s.at(r, c);
        }
        graph->setData(t, v, true);
    }
    plot_->yAxis2->setVisible(!probes[1].isEmpty());
}

void CircuitPlot::refresh(const std::vector<SeriesBuffer>& series) {
    if (kind_ == "cell_pulse_curve") {
        const SeriesBuffer* s = findSeries(series, "weight");
        plot_->graph(0)->data()->clear();
        plot_->graph(1)->data()->clear();
        if (s) {
            const int cn = s->column("pulse"), cp = s->column("phase"), cw = s->column("w");
            if (cn >= 0 && cw >= 0)
                for (std::size_t r = 0; r < s->rows(); ++r) {
                    const double phase = cp >= 0 ? s->at(r, cp) : 1.0;
                    QCPGraph* g = plot_->graph(phase < 0 ? 1 : 0);
                    // The LTD branch starts where LTP ended, so the curve has no gap.
                    if (phase < 0 && g->dataCount() == 0 && plot_->graph(0)->dataCount() > 0) {
                        const auto last = plot_->graph(0)->data()->at(plot_->graph(0)->dataCount() - 1);
                        g->addData(last->key, last->value);
                    }
                    g->addData(s->at(r, cn), s->at(r, cw));
                }
            if (cw >= 0 && !s->columns[static_cast<std::size_t>(cw)].unit.empty())
                styleAxis(plot_->yAxis, tr("cell weight w"), QString::fromStdString(s->columns[static_cast<std::size_t>(cw)].unit));
        }
    } else if (kind_ == "stdp_window") {
        const SeriesBuffer* s = findSeries(series, "stdp");
        plot_->graph(0)->data()->clear();
        if (s && s->column("dt") >= 0 && s->column("dw") >= 0) {
            const int cx = s->column("dt"), cy = s->column("dw");
            for (std::size_t r = 0; r < s->rows(); ++r) plot_->graph(0)->addData(s->at(r, cx), s->at(r, cy));
        }
    } else if (kind_ == "write_verify") {
        const SeriesBuffer* s = findSeries(series, "write_verify");
        plot_->graph(0)->data()->clear();
        plot_->graph(1)->data()->clear();
        if (s && s->column("pulse") >= 0 && s->column("G") >= 0) {
            const int cn = s->column("pulse"), cg = s->column("G"), ce = s->column("error");
            for (std::size_t r = 0; r < s->rows(); ++r) {
                plot_->graph(0)->addData(s->at(r, cn), s->at(r, cg));
                if (ce >= 0) plot_->graph(1)->addData(s->at(r, cn), std::fabs(s->at(r, ce)));
            }
        }
    } else {
        const SeriesBuffer* s = findSeries(series, kind_ == "circuit_dc" ? "dc" : "transient");
        if (s) drawTransient(*s);
        else
            for (int g = 0; g < plot_->graphCount(); ++g) plot_->graph(g)->data()->clear();
    }
    plot_->rescaleAxes();
    padRange(plot_->yAxis);
    if (plot_->yAxis2->visible()) padRange(plot_->yAxis2);
    if (kind_ == "circuit_transient" || kind_ == "circuit_dc")
        // Headroom above the curves for the legend in the top corner (its two long entries).
        for (QCPAxis* a : {plot_->yAxis, plot_->yAxis2}) {
            const QCPRange r = a->range();
            a->setRange(r.lower, r.upper + 0.3 * r.size());
        }
    if (kind_ != "circuit_transient" && kind_ != "circuit_dc") padRange(plot_->xAxis, 0.03);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace ms::gui
