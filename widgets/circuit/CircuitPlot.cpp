#include "widgets/circuit/CircuitPlot.h"

#include <cmath>

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "core/common/Errors.h"
#include "core/common/TraceExpression.h"

#include "widgets/ExperimentRunner.h"
#include "widgets/circuit/ParameterStep.h"
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

    traceRow_ = new QWidget(this);
    auto* row = new QHBoxLayout(traceRow_);
    row->setContentsMargins(4, 2, 4, 2);
    row->addWidget(new QLabel(tr("Add trace"), traceRow_));
    traceEdit_ = new QLineEdit(traceRow_);
    traceEdit_->setObjectName("traceExpression");
    traceEdit_->setPlaceholderText(tr("e.g. v(in)-v(out), v(in)*i(M1), integ(i(M1)); Enter adds"));
    traceEdit_->setToolTip(tr("An expression over this run's columns: + - * / ^, parentheses, numbers,\n"
                              "integ() and deriv() along the x axis, abs, sqrt, exp, log, log10.\n"
                              "Units follow: v*i is W, integ(i) is C, integ(v) is Wb."));
    row->addWidget(traceEdit_, 1);
    auto* step = new QPushButton(tr("Step parameter…"), traceRow_);
    step->setObjectName("stepParameter");
    step->setToolTip(tr("Run the experiment once per value of one part's parameter and overlay the probed traces"));
    row->addWidget(step);
    connect(step, &QPushButton::clicked, this, &CircuitPlot::stepRequested);
    auto* clear = new QPushButton(tr("Clear traces"), traceRow_);
    row->addWidget(clear);
    traceStatus_ = new QLabel(traceRow_);
    traceStatus_->setStyleSheet("color: #b00020;");
    traceStatus_->setWordWrap(true);
    l->addWidget(traceRow_);
    l->addWidget(traceStatus_);
    l->addWidget(plot_, 1);
    // A trace that does not evaluate on the run shown is taken back, its text
    // left in the field to be mended and the problem shown under it.
    connect(traceEdit_, &QLineEdit::returnPressed, this, [this] {
        addTrace(traceEdit_->text());
        const QString problem = traceError();
        if (problem.isEmpty()) {
            traceEdit_->clear();
            return;
        }
        traces_.removeLast();
        setKind(kind_);
        emit tracesChanged();
        traceStatus_->setText(problem);
        traceStatus_->show();
    });
    connect(clear, &QPushButton::clicked, this, &CircuitPlot::clearTraces);
    traceStatus_->hide();
    setKind("circuit_transient");
}

void CircuitPlot::addTrace(const QString& expression) {
    if (expression.trimmed().isEmpty()) return;
    traces_ << expression.trimmed();
    setKind(kind_);
    emit tracesChanged();
}

void CircuitPlot::clearTraces() {
    traces_.clear();
    steps_ = nullptr;
    emit stepsCleared();
    traceStatus_->clear();
    traceStatus_->hide();
    setKind(kind_);
    emit tracesChanged();
}

QString CircuitPlot::traceError() const { return traceStatus_->text(); }

void CircuitPlot::showProblem(const QString& text) {
    traceStatus_->setText(text);
    traceStatus_->setVisible(!text.isEmpty());
}

QCPGraph* CircuitPlot::traceGraph(int k) const {
    return k >= 0 && k < static_cast<int>(traceGraphs_.size()) ? traceGraphs_[static_cast<std::size_t>(k)] : nullptr;
}

void CircuitPlot::removeTraceAxes() {
    for (QCPAxis* a : traceAxes_) plot_->axisRect()->removeAxis(a);
    traceAxes_.clear();
}

QCPAxis* CircuitPlot::axisForUnit(const QString& unit) {
    if (unit == "V") return plot_->yAxis;
    if (unit == "A") {
        plot_->yAxis2->setVisible(true);
        return plot_->yAxis2;
    }
    for (QCPAxis* a : traceAxes_)
        if (a->property("msUnit").toString() == unit) return a;
    QCPAxis* a = plot_->axisRect()->addAxis(QCPAxis::atRight);
    styleAxis(a, tr("trace"), unit);
    traceAxes_.push_back(a);
    return a;
}

void CircuitPlot::drawTraces(const SeriesBuffer& s, int xColumn) {
    std::vector<ms::TraceInput> columns;
    ms::TraceInput x;
    for (std::size_t c = 0; c < s.columns.size(); ++c) {
        ms::TraceInput in{s.columns[c].name, s.columns[c].unit, {}};
        in.values.reserve(s.rows());
        for (std::size_t r = 0; r < s.rows(); ++r) in.values.push_back(s.at(r, static_cast<int>(c)));
        if (static_cast<int>(c) == xColumn) x = std::move(in);
        else columns.push_back(std::move(in));
    }
    QString problem;
    for (std::size_t k = 0; k < traceGraphs_.size(); ++k) {
        QCPGraph* g = traceGraphs_[k];
        g->data()->clear();
        try {
            const ms::TraceResult r = ms::evaluateTrace(traces_[static_cast<qsizetype>(k)].toStdString(), columns, x);
            const QString unit = QString::fromStdString(r.unit);
            QCPAxis* axis = axisForUnit(unit);
            if (g->valueAxis() != axis) {
                // A graph keeps its axes: re-create it on the axis its unit needs.
                const QPen pen = g->pen();
                plot_->removeGraph(g);
                g = plot_->addGraph(plot_->xAxis, axis);
                g->setPen(pen);
                traceGraphs_[k] = g;
            }
            g->setName(unit.isEmpty() ? traces_[static_cast<qsizetype>(k)]
                                      : QStringLiteral("%1 [%2]").arg(traces_[static_cast<qsizetype>(k)], unit));
            QVector<double> t(x.values.begin(), x.values.end()), v(r.values.begin(), r.values.end());
            g->setData(t, v, true);
        } catch (const ms::InputError& e) {
            g->setName(tr("%1 (error)").arg(traces_[static_cast<qsizetype>(k)]));
            problem = QString::fromStdString(e.what());
        }
    }
    traceStatus_->setText(problem);
    traceStatus_->setVisible(!problem.isEmpty());
}

void CircuitPlot::setKind(const QString& kind) {
    kind_ = kind;
    plot_->clearGraphs();
    traceGraphs_.clear();
    stepGraphs_.clear();
    removeTraceAxes();
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
        styleAxis(plot_->yAxis2, tr("|error| (relative)"), "");  // short: it must fit a 1280x720 screen's plot height
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
        static const QColor traceColours[] = {QColor(44, 160, 44), QColor(148, 103, 189), QColor(140, 86, 75),
                                              QColor(227, 119, 194), QColor(23, 190, 207), QColor(188, 189, 34)};
        for (int k = 0; k < traces_.size(); ++k)
            traceGraphs_.push_back(addGraph(plot_, traces_[k], traceColours[k % 6], false));
    }
    traceRow_->setVisible(kind == "circuit_transient" || kind == "circuit_dc");
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
    if (!traces_.isEmpty() && ct >= 0) drawTraces(s, ct);
    drawSteps();
}

void CircuitPlot::drawSteps() {
    for (QCPGraph* g : stepGraphs_) plot_->removeGraph(g);
    stepGraphs_.clear();
    if (!steps_) return;
    const QString probes[2] = {voltageProbe(), currentProbe()};
    for (int k = 0; k < static_cast<int>(steps_->size()); ++k) {
        const SteppedRun& run = (*steps_)[static_cast<std::size_t>(k)];
        const SeriesBuffer* s = findSeries(run.series, kind_ == "circuit_dc" ? "dc" : "transient");
        if (!s) continue;
        const int ct = s->column(kind_ == "circuit_dc" ? "sweep" : "t");
        // A colour per value, none of them the blue and red of the run's own probes.
        static const QColor stepColours[] = {QColor(255, 127, 14), QColor(44, 160, 44),   QColor(148, 103, 189),
                                             QColor(140, 86, 75),  QColor(227, 119, 194), QColor(127, 127, 127),
                                             QColor(188, 189, 34), QColor(23, 190, 207)};
        const QColor colour = stepColours[k % 8];
        for (int p = 0; p < 2; ++p) {
            const int c = probes[p].isEmpty() ? -1 : s->column(probes[p].toUtf8().constData());
            if (c < 0 || ct < 0) continue;
            // One legend entry per value: the voltage's, solid; the current
            // is drawn dashed in the same colour on the current axis.
            const QString name = k == 0 && !probes[1].isEmpty() ? tr("%1 (solid %2, dashed %3)").arg(run.label, probes[0], probes[1])
                                                               : run.label;
            QCPGraph* g = addGraph(plot_, p == 0 ? name : QStringLiteral("%1 · %2").arg(probes[p], run.label), colour, false,
                                   p == 0 ? plot_->yAxis : plot_->yAxis2);
            if (p == 1) {
                g->setPen(QPen(colour, 1.4, Qt::DashLine));
                g->removeFromLegend();
            }
            QVector<double> t(static_cast<qsizetype>(s->rows())), v(static_cast<qsizetype>(s->rows()));
            for (std::size_t r = 0; r < s->rows(); ++r) {
                t[static_cast<qsizetype>(r)] = s->at(r, ct);
                v[static_cast<qsizetype>(r)] = s->at(r, c);
            }
            g->setData(t, v, true);
            stepGraphs_.push_back(g);
        }
    }
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
        else {
            for (int g = 0; g < plot_->graphCount(); ++g) plot_->graph(g)->data()->clear();
            drawSteps();
        }
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
