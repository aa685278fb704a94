#include "widgets/plots/DevicePlots.h"

#include <cmath>

#include <QGridLayout>
#include <QTimer>

#include "widgets/ExperimentRunner.h"
#include "widgets/plots/MinMaxDecimator.h"
#include "widgets/plots/PlotTools.h"

namespace ms::gui {

namespace {
const QColor kPalette[] = {QColor(31, 100, 180), QColor(214, 39, 40), QColor(44, 160, 44), QColor(148, 103, 189),
                           QColor(255, 127, 14), QColor(23, 190, 207), QColor(140, 86, 75), QColor(227, 119, 194)};
QColor paletteColour(int k) { return kPalette[k % 8]; }
// Older cycles fade toward a light grey (solid colours: cheaper than alpha).
QColor faded(const QColor& c, double age) {
    const double f = std::clamp(age, 0.0, 0.85);
    return QColor::fromRgbF(c.redF() + (0.85 - c.redF()) * f, c.greenF() + (0.85 - c.greenF()) * f,
                            c.blueF() + (0.85 - c.blueF()) * f);
}
}  // namespace

// Running extents of what one run or overlay puts on each plot's x, y and y2
// axes: the axes rescale from these, never by scanning the points.
struct PlotBounds {
    Extent x, y, y2;
    void add(const PlotBounds& o) {
        x.add(o.x), y.add(o.y), y2.add(o.y2);
    }
};

struct DevicePlots::Trace {
    int series = -1;
    QColor colour;
    QString name;
    std::vector<QCPCurve*> cycles;  // oldest first
    QCPGraph *v = nullptr, *i = nullptr, *x = nullptr, *r = nullptr;
    QCPCurve* logiv = nullptr;
    QCPCurve* phiq = nullptr;  // flux against charge; null when the series has no phi, q columns
    double lastV = 0.0;
    double t0 = 0.0;
    int pointsInCycle = 0;
    // Display decimation (Falstad's scopes keep what a pixel can show): a point
    // joins the I-V curves only if it moved by about half a pixel of the plot
    // (1/600 to 1/3000 of the data range seen so far), so a million-sample run
    // draws a few thousand points per loop. The
    // runner keeps every row for CSV export.
    double vMin = 0, vMax = 0, iMin = 0, iMax = 0, plottedV = 0, plottedI = 0;
    bool anyPlotted = false;
    double logT = 0;                 // running t of the log|i| curve
    std::vector<double> cycleLogT;   // its t where each kept cycle starts
    int colT = 0, colV = 1, colI = 2, colX = 3, colR = 4, colPhi = -1, colQ = -1;
    // A frequency sweep's runs carry phase = t f (cycles): their time panels
    // share that normalised axis instead of absolute time.
    int colPhase = -1;
    double phiMin = 0, phiMax = 0, qMin = 0, qMax = 0, plottedPhi = 0, plottedQ = 0;
    bool anyPhiQ = false;
    // The time series keep per-column min/max (MinMaxDecimator), not every row.
    MinMaxDecimator dv, di, dx, dr;
    Extent eV, eI, eAbsI, eQ, ePhi;  // over every row
    bool seriesDirty = false;
    PlotBounds bounds(int plot) const {
        switch (plot) {
        case 0: return {eV, eI, {}};
        case 1: return {dv.tExtent(), dv.yExtent(), di.yExtent()};
        case 2: return {dx.tExtent(), dx.yExtent(), dr.yExtent()};
        case 3: return {eV, eAbsI, {}};
        default: return {eQ, ePhi, {}};
        }
    }
};

struct DevicePlots::Overlay {
    std::vector<QCPAbstractPlottable*> items;
    PlotBounds bounds[kPlotCount];
};

namespace {
void showDecimated(QCPGraph* g, const MinMaxDecimator& d) {
    const auto points = d.points();
    QVector<QCPGraphData> data;
    data.reserve(static_cast<qsizetype>(points.size()));
    for (const auto& p : points) data.append(QCPGraphData(p.t, p.y));
    g->data()->set(data, true);
}
}  // namespace

DevicePlots::DevicePlots(QWidget* parent) : QWidget(parent) {
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(2, 2, 2, 2);
    grid->setSpacing(2);
    const QString titles[] = {tr("Pinched hysteresis  i(v)"), tr("Drive and response  v(t), i(t)"),
                              tr("State and resistance  x(t), R(t)"), tr("log |i| vs v"),
                              tr("Flux vs charge  φ(q)\nslope dφ/dq = memristance")};
    // The three loops (i-v, log|i|-v, phi-q) side by side on top, the two
    // time panels, which want width, under them: six grid columns.
    struct Cell { int row, col, span; };
    const Cell cells[kPlotCount] = {{0, 0, 2}, {1, 0, 3}, {1, 3, 3}, {0, 4, 2}, {0, 2, 2}};
    for (int k = 0; k < kPlotCount; ++k) {
        auto* p = new QCustomPlot(this);
        stylePlot(p, titles[k]);
        plots_.push_back(p);
        grid->addWidget(p, cells[k].row, cells[k].col, 1, cells[k].span);
    }
    for (int c = 0; c < 6; ++c) grid->setColumnStretch(c, 1);
    const QString voltage = tr("voltage"), current = tr("current"), time = tr("time");
    styleAxis(plots_[0]->xAxis, "v", "V", false, voltage);
    styleAxis(plots_[0]->yAxis, "i", "A", false, current);
    styleAxis(plots_[1]->xAxis, "t", "s", false, time);
    styleAxis(plots_[1]->yAxis, "v", "V", false, voltage);
    styleAxis(plots_[1]->yAxis2, "i", "A", false, current);
    plots_[1]->yAxis2->setVisible(true);
    styleAxis(plots_[2]->xAxis, "t", "s", false, time);
    styleAxis(plots_[2]->yAxis, "x", "", false, tr("state"));
    styleAxis(plots_[2]->yAxis2, "R", "ohm", true, tr("resistance"));
    plots_[2]->yAxis2->setVisible(true);
    styleAxis(plots_[3]->xAxis, "v", "V", false, voltage);
    styleAxis(plots_[3]->yAxis, "|i|", "A", true, current);
    // The loops sit three abreast: fewer voltage labels, or "-1V-500mV" runs together.
    for (int k : {0, 3}) plots_[static_cast<std::size_t>(k)]->xAxis->ticker()->setTickCount(2);
    // The review's Fig. 1A: a memristor relates flux and charge, dφ = M dq.
    setFluxAxes(false);
    // Two quantities share each time plot: its legend says which curve is which.
    // The loops (I-V, log|i|, φ-q) draw each run in the same colour and name:
    // the I-V legend is their one key, so small panels keep their room.
    for (int k : {1, 2}) plots_[k]->legend->setVisible(true);
    for (auto* p : plots_) installHoverCursor(p);
}

DevicePlots::~DevicePlots() {
    for (auto* t : traces_) delete t;
    for (auto* o : overlays_) delete o;
}

QStringList DevicePlots::plotNames() const {
    return {tr("I-V loop"), tr("v(t), i(t)"), tr("x(t), R(t)"), tr("log|I| vs V"), tr("φ-q (flux vs charge)")};
}

void DevicePlots::setFluxAxes(bool perCycle) {
    if (perCycle) {
        // A frequency sweep: φ and q scale as 1/f, so 100 Hz would be a dot
        // at the origin of the 1 Hz curve. φ·f and q·f (per cycle) share one
        // scale and keep the slope dφ/dq.
        styleAxis(plots_[4]->xAxis, "q·f", "A", false, tr("charge per cycle"));
        styleAxis(plots_[4]->yAxis, "φ·f", "V", false, tr("flux per cycle"));
    } else {
        styleAxis(plots_[4]->xAxis, "q", "C", false, tr("charge"));
        styleAxis(plots_[4]->yAxis, "φ", "Wb", false, tr("flux"));
    }
    // A narrow panel: fewer, wider charge labels ("10µA" side by side touched).
    plots_[4]->xAxis->ticker()->setTickCount(3);
}

void DevicePlots::setTimeAxes(bool phase) {
    for (int k : {1, 2}) {
        QCPAxis* a = plots_[static_cast<std::size_t>(k)]->xAxis;
        if (phase) {
            // Cycles are a plain count: no SI prefix on the ticks.
            styleAxis(a, "t·f", "", false, tr("phase"));
            a->setLabel(tr("phase t·f (cycles)"));
        } else {
            styleAxis(a, "t", "s", false, tr("time"));
        }
        a->ticker()->setTickCount(4);  // "200ms400ms…" ran together at 1280 px
    }
}

void DevicePlots::follow(ExperimentRunner* runner) {
    runner_ = runner;
    connect(runner, &ExperimentRunner::runStarted, this, [this](const QString&, const QString& kind) {
        following_ = kind == QLatin1String("device_transient");
        // The old curves stay on screen (QCustomPlot keeps the drawn pixels)
        // until each plot's next redraw brings the new ones: a slider re-run
        // no longer blanks the panels that are not redrawn yet.
        if (following_) clearLive(false);
    });
    connect(runner, &ExperimentRunner::seriesStarted, this, [this](int index) {
        if (following_) onSeriesStarted(index);
    });
    connect(runner, &ExperimentRunner::rowsAdded, this, [this](int index, qsizetype first, qsizetype count) {
        if (following_) onRowsAdded(index, first, count);
    });
    // While streaming, one plot is redrawn per drain in turn; the end of a
    // run redraws all. drained() comes in an event-loop turn of its own (the
    // runner drains in the turns between), so the redraw happens right here.
    connect(runner, &ExperimentRunner::drained, this, [this] {
        if (!following_) return;
        replot(static_cast<int>(nextReplot_++ % plots_.size()));
    });
    connect(runner, &ExperimentRunner::runFinished, this, [this] {
        if (following_) replot();
    });
}

int DevicePlots::livePointCount() const {
    int n = 0;
    for (const auto* t : traces_)
        for (const auto* c : t->cycles) n += c->data()->size();
    return n;
}

void DevicePlots::clearLive(bool redraw) {
    for (auto* t : traces_) {
        for (auto* c : t->cycles) plots_[0]->removePlottable(c);
        plots_[1]->removeGraph(t->v);
        plots_[1]->removeGraph(t->i);
        plots_[2]->removeGraph(t->x);
        plots_[2]->removeGraph(t->r);
        plots_[3]->removePlottable(t->logiv);
        if (t->phiq) plots_[4]->removePlottable(t->phiq);
        delete t;
    }
    traces_.clear();
    if (redraw) replot();
}

void DevicePlots::onSeriesStarted(int index) {
    const SeriesBuffer& s = runner_->series()[static_cast<std::size_t>(index)];
    auto* t = new Trace;
    t->series = index;
    t->colour = paletteColour(static_cast<int>(traces_.size()));
    t->name = s.id;
    if (int c = s.column("t"); c >= 0) t->colT = c;
    if (int c = s.column("v"); c >= 0) t->colV = c;
    if (int c = s.column("i"); c >= 0) t->colI = c;
    if (int c = s.column("R"); c >= 0) t->colR = c;
    t->colPhi = s.column("phi");
    t->colQ = s.column("q");
    t->colPhase = s.column("phase");
    if (traces_.empty()) {
        setTimeAxes(t->colPhase >= 0);
        setFluxAxes(t->colPhase >= 0);
    }
    t->colX = s.columns.size() > 3 ? 3 : 0;  // the state column is named by its model ("x", "w", "g")
    if (s.columns.size() > 3) {
        const QString sym = QString::fromStdString(s.columns[3].name);
        styleAxis(plots_[2]->yAxis, sym, QString::fromStdString(s.columns[3].unit), false, tr("state"));
    }
    const QString label = s.id.startsWith("transient@") ? s.id.mid(10) : s.id;
    auto mkGraph = [&](QCustomPlot* p, QCPAxis* y, const QColor& c, const QString& n) {
        QCPGraph* g = p->addGraph(p->xAxis, y);
        // 1 px: a wider pen sends every segment through Qt's stroker; a long
        // run's aliased R(t) then took 1.4 s to draw (measured with --measure).
        g->setPen(QPen(c, 1.0));
        g->setName(n);
        g->setAdaptiveSampling(true);
        return g;
    };
    // One run: "v (left axis)"; several: "v <run>".
    const bool plain = label == QLatin1String("transient") || label.isEmpty();
    auto name = [&](const QString& sym, bool right) {
        return plain ? sym + (right ? tr(" (right axis)") : tr(" (left axis)")) : sym + ' ' + label;
    };
    t->v = mkGraph(plots_[1], plots_[1]->yAxis, t->colour.darker(130), name("v", false));
    QColor ci = t->colour;
    ci.setHsv((ci.hue() + 150) % 360, ci.saturation(), ci.value());
    t->i = mkGraph(plots_[1], plots_[1]->yAxis2, ci, name("i", true));
    const QString stateSym = s.columns.size() > 3 ? QString::fromStdString(s.columns[3].name) : QStringLiteral("x");
    t->x = mkGraph(plots_[2], plots_[2]->yAxis, t->colour, name(stateSym, false));
    QColor cr = t->colour;
    cr.setHsv((cr.hue() + 150) % 360, cr.saturation(), cr.value());
    t->r = mkGraph(plots_[2], plots_[2]->yAxis2, cr, name("R", true));
    t->logiv = new QCPCurve(plots_[3]->xAxis, plots_[3]->yAxis);
    t->logiv->setPen(QPen(t->colour, 1.2));
    t->logiv->setName(label);
    if (t->colPhi >= 0 && t->colQ >= 0) {
        t->phiq = new QCPCurve(plots_[4]->xAxis, plots_[4]->yAxis);
        t->phiq->setPen(QPen(t->colour, 1.2));
        t->phiq->setName(label);
    }
    traces_.push_back(t);
    startCycle(*t);
    const bool many = traces_.size() > 1 || !overlays_.empty();
    plots_[0]->legend->setVisible(many);
}

void DevicePlots::startCycle(Trace& t) {
    auto* c = new QCPCurve(plots_[0]->xAxis, plots_[0]->yAxis);
    c->setName(t.name.startsWith("transient@") ? t.name.mid(10) : (traces_.size() > 1 ? t.name : tr("live")));
    t.cycles.push_back(c);
    t.cycleLogT.push_back(t.logT);
    t.pointsInCycle = 0;
    if (static_cast<int>(t.cycles.size()) > kKeptCycles) {
        plots_[0]->removePlottable(t.cycles.front());
        t.cycles.erase(t.cycles.begin());
        t.cycleLogT.erase(t.cycleLogT.begin());
        if (t.logiv) t.logiv->data()->removeBefore(t.cycleLogT.front());
    }
    recolour(t);
}

void DevicePlots::recolour(Trace& t) {
    const int n = static_cast<int>(t.cycles.size());
    for (int k = 0; k < n; ++k) {
        const double age = double(n - 1 - k) / kKeptCycles;
        t.cycles[static_cast<std::size_t>(k)]->setPen(QPen(faded(t.colour, age * 1.2), k == n - 1 ? 1.6 : 1.0));
        // Only the newest cycle carries a legend entry.
        if (k == n - 1) t.cycles[static_cast<std::size_t>(k)]->addToLegend();
        else t.cycles[static_cast<std::size_t>(k)]->removeFromLegend();
    }
}

void DevicePlots::onRowsAdded(int index, qsizetype first, qsizetype count) {
    Trace* t = nullptr;
    for (auto* tr : traces_)
        if (tr->series == index) t = tr;
    if (!t) return;
    const SeriesBuffer& s = runner_->series()[static_cast<std::size_t>(index)];
    // About two steps per pixel of the I-V plot (a curve's cost is its point count).
    const QRect rect = plots_[0]->axisRect()->rect();
    const double steps = std::clamp(2.0 * std::max(rect.width(), rect.height()), 600.0, 3000.0);
    for (qsizetype k = first; k < first + count; ++k) {
        const auto row = static_cast<std::size_t>(k);
        const double v = s.at(row, t->colV), i = s.at(row, t->colI);
        // A new cycle starts where v crosses zero upward (periodic bipolar drives).
        if (t->lastV < 0.0 && v >= 0.0 && t->pointsInCycle > 8) {
            // Close the old loop at this point so no gap shows between cycles.
            t->cycles.back()->addData(v, i);
            startCycle(*t);
        }
        t->lastV = v;
        ++t->pointsInCycle;
        t->vMin = std::min(t->vMin, v), t->vMax = std::max(t->vMax, v);
        t->iMin = std::min(t->iMin, i), t->iMax = std::max(t->iMax, i);
        t->eV.add(v), t->eI.add(i), t->eAbsI.add(std::fabs(i));
        const bool moved = !t->anyPlotted || std::fabs(v - t->plottedV) * steps > (t->vMax - t->vMin) ||
                           std::fabs(i - t->plottedI) * steps > (t->iMax - t->iMin) ||
                           (t->plottedV < 0) != (v < 0);
        if (moved) {
            t->cycles.back()->addData(v, i);
            t->logiv->addData(t->logT, v, std::fabs(i) > 0 ? std::fabs(i) : std::nan(""));
            t->logT += 1;
            t->plottedV = v, t->plottedI = i, t->anyPlotted = true;
        }
        if (t->phiq) {
            // Per cycle on a frequency sweep: times f = phase / t.
            const double tt = s.at(row, t->colT);
            const double f = t->colPhase >= 0 ? (tt > 0 ? s.at(row, t->colPhase) / tt : 0.0) : 1.0;
            const double phi = f * s.at(row, t->colPhi), q = f * s.at(row, t->colQ);
            t->phiMin = std::min(t->phiMin, phi), t->phiMax = std::max(t->phiMax, phi);
            t->qMin = std::min(t->qMin, q), t->qMax = std::max(t->qMax, q);
            t->ePhi.add(phi), t->eQ.add(q);
            // The same half-pixel decimation as the I-V loop.
            if (!t->anyPhiQ || std::fabs(phi - t->plottedPhi) * steps > (t->phiMax - t->phiMin) ||
                std::fabs(q - t->plottedQ) * steps > (t->qMax - t->qMin)) {
                t->phiq->addData(q, phi);
                t->plottedPhi = phi, t->plottedQ = q, t->anyPhiQ = true;
            }
        }
        const double time = s.at(row, t->colPhase >= 0 ? t->colPhase : t->colT);
        t->dv.add(time, v);
        t->di.add(time, i);
        t->dx.add(time, s.at(row, t->colX));
        t->dr.add(time, s.at(row, t->colR));
    }
    t->seriesDirty = true;
}

void DevicePlots::rescale() {
    for (int k = 0; k < kPlotCount; ++k) {
        QCustomPlot* p = plots_[static_cast<std::size_t>(k)];
        PlotBounds b;
        for (const auto* t : traces_) b.add(t->bounds(k));
        for (const auto* o : overlays_) b.add(o->bounds[k]);
        if (!b.x.valid()) continue;
        for (auto [a, e] : {std::pair{p->xAxis, b.x}, std::pair{p->yAxis, b.y}, std::pair{p->yAxis2, b.y2}}) {
            if (!a->visible() || !e.valid()) continue;
            if (a->scaleType() == QCPAxis::stLogarithmic) {
                if (!(e.hi > 0)) continue;
                // |i| touches 0 at v = 0: six decades below the peak is what a
                // reader can use; the rest would squash the loop into a line.
                a->setRange(std::max(e.posLo, e.hi * 1e-6) / 1.5, e.hi * 1.5);
            } else {
                const double size = e.hi - e.lo, centre = 0.5 * (e.hi + e.lo);
                const double pad = size > 0 ? size * 0.05 : std::max(1e-12, std::fabs(centre) * 0.1);
                a->setRange(e.lo - pad, e.hi + pad);
            }
        }
    }
}

void DevicePlots::replot(int only) {
    for (auto* t : traces_) {
        if (!t->seriesDirty) continue;
        showDecimated(t->v, t->dv);
        showDecimated(t->i, t->di);
        showDecimated(t->x, t->dx);
        showDecimated(t->r, t->dr);
        t->seriesDirty = false;
    }
    rescale();
    if (only >= 0) {
        // Now, not queued: a queued replot could land in the same turn as the next drain.
        plots_[static_cast<std::size_t>(only)]->replot(QCustomPlot::rpRefreshHint);
        return;
    }
    // A full redraw goes one plot per event-loop turn, 5 ms apart: queued
    // replots of all four would run back to back in one turn (~4 x 12 ms),
    // a stall the user feels when a run starts or ends.
    for (std::size_t k = 0; k < plots_.size(); ++k) {
        QCustomPlot* p = plots_[k];
        QTimer::singleShot(static_cast<int>(5 * k), p, [p] { p->replot(QCustomPlot::rpQueuedReplot); });
    }
}

void DevicePlots::pinRun(const QString& label) {
    if (traces_.empty()) return;
    replot();  // the time series show every row received so far
    auto* o = new Overlay;
    for (int k = 0; k < kPlotCount; ++k)
        for (const auto* t : traces_) o->bounds[k].add(t->bounds(k));
    const QColor c = paletteColour(static_cast<int>(overlays_.size()) + 3);
    bool first = true;
    for (auto* t : traces_) {
        auto* curve = new QCPCurve(plots_[0]->xAxis, plots_[0]->yAxis);
        // Each cycle numbers its points from 0; re-number while merging so the
        // loop keeps its drawing order.
        for (auto* cyc : t->cycles)
            for (auto it = cyc->data()->constBegin(); it != cyc->data()->constEnd(); ++it) curve->addData(it->key, it->value);
        curve->setPen(QPen(c, 1.0, Qt::DashLine));
        curve->setName(label);
        if (!first) curve->removeFromLegend();
        first = false;
        o->items.push_back(curve);
        auto* log = new QCPCurve(plots_[3]->xAxis, plots_[3]->yAxis);
        log->data()->set(*t->logiv->data());
        log->setPen(QPen(c, 1.0, Qt::DashLine));
        log->setName(label);
        o->items.push_back(log);
        if (t->phiq) {
            auto* pq = new QCPCurve(plots_[4]->xAxis, plots_[4]->yAxis);
            pq->data()->set(*t->phiq->data());
            pq->setPen(QPen(c, 1.0, Qt::DashLine));
            pq->setName(label);
            o->items.push_back(pq);
        }
        for (auto [src, plot] : {std::pair{t->v, plots_[1]}, std::pair{t->i, plots_[1]}, std::pair{t->x, plots_[2]},
                                 std::pair{t->r, plots_[2]}}) {
            QCPGraph* g = plot->addGraph(plot->xAxis, src->valueAxis());
            g->data()->set(*src->data());
            g->setPen(QPen(c, 1.0, Qt::DashLine));
            g->setName(label);
            g->removeFromLegend();
            o->items.push_back(g);
        }
    }
    overlays_.push_back(o);
    plots_[0]->legend->setVisible(true);
    replot();
}

void DevicePlots::clearOverlays() {
    for (auto* o : overlays_) {
        for (auto* item : o->items) item->parentPlot()->removePlottable(item);
        delete o;
    }
    overlays_.clear();
    plots_[0]->legend->setVisible(traces_.size() > 1);
    replot();
}

}  // namespace ms::gui
