#include "widgets/snn/SnnView.h"

#include <algorithm>
#include <cmath>

#include <QGridLayout>
#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

#include "widgets/ExperimentRunner.h"
#include "widgets/NoteLabel.h"
#include "widgets/plots/PlotTools.h"
#include "widgets/snn/DeviceSynapsePlots.h"
#include "widgets/snn/WeightImageGrid.h"

namespace ms::gui {

namespace {

const QColor kBlue(31, 100, 180), kRed(214, 39, 40), kGreen(44, 160, 44), kGrey(110, 110, 110), kOrange(230, 120, 20);

QCustomPlot* makePlot(QWidget* parent, const QString& title) {
    auto* p = new QCustomPlot(parent);
    stylePlot(p, title);
    installHoverCursor(p);
    return p;
}

QCPGraph* addLine(QCustomPlot* p, const QColor& colour, const QString& name, double width = 1.3,
                  Qt::PenStyle style = Qt::SolidLine) {
    QCPGraph* g = p->addGraph();
    g->setPen(QPen(colour, width, style));
    g->setName(name);
    return g;
}

QCPGraph* addDots(QCustomPlot* p, const QColor& colour, const QString& name, double size) {
    QCPGraph* g = p->addGraph();
    g->setLineStyle(QCPGraph::lsNone);
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colour, colour, size));
    g->setPen(QPen(colour));
    g->setName(name);
    return g;
}

// Axis ranges from the data with a margin; a flat range gets a unit span.
void rescaleWithMargin(QCustomPlot* p, double margin = 0.05) {
    p->rescaleAxes(true);
    for (QCPAxis* a : {p->xAxis, p->yAxis}) {
        QCPRange r = a->range();
        if (r.size() <= 0) r = QCPRange(r.lower - 0.5, r.upper + 0.5);
        a->setRange(r.lower - margin * r.size(), r.upper + margin * r.size());
    }
}

bool isExplorerKind(const QString& kind) { return kind.startsWith(QLatin1String("neuron_")); }

// Why a kind leaves a network-page panel empty (empty: it fills it). Lines
// are broken by hand so a note fits a panel of the 3-column grid.
QString noteFor(const QString& kind, int panel) {
    enum { Raster, Weights, Accuracy, Activity, Histogram, Window };  // SnnView::Panel order
    if (kind == QLatin1String("ann_to_snn")) {
        switch (panel) {
        case Raster: return QObject::tr("A converted network is read out\nby spike counts: no raster streamed");
        case Weights: return QObject::tr("No learning in a converted network:\nits weights are the trained ANN's");
        case Histogram: return QObject::tr("No weight learning\nin a converted network");
        case Window: return QObject::tr("No STDP in a converted network");
        default: return {};
        }
    }
    if (kind == QLatin1String("snn_iris_hebbian")) {
        switch (panel) {
        case Raster: return QObject::tr("The Iris run streams no spike raster");
        case Activity: return QObject::tr("The Iris run streams\nno network activity");
        case Histogram: return QObject::tr("Abstract weights: no histogram (they are\nin the image panel). Device synapses:\nconductances arrive at the end");
        case Window: return QObject::tr("Supervised Hebbian rule on abstract\nweights: no STDP window");
        default: return {};
        }
    }
    if (kind == QLatin1String("snn_stdp_song")) {
        switch (panel) {
        case Raster: return QObject::tr("One output neuron: its rate\nis under Network activity");
        case Weights: return QObject::tr("One neuron's input weights:\nsee the weight histogram");
        case Accuracy: return QObject::tr("No labels in the Song et al. run:\nnothing to score");
        case Window: return QObject::tr("Stochastic binary devices switch with\na probability: no STDP window");
        default: return {};
        }
    }
    return {};
}

}  // namespace

SnnView::SnnView(DocumentModel* document, QWidget* parent) : ResultView(parent) {
    Q_UNUSED(document);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    pages_ = new QTabWidget(this);
    pages_->setTabPosition(QTabWidget::South);
    layout->addWidget(pages_);

    // Network learning page.
    auto* net = new QWidget(pages_);
    auto* g = new QGridLayout;
    g->setContentsMargins(0, 0, 0, 0);
    g->setSpacing(2);
    raster_ = makePlot(net, tr("Spike raster (excitatory neurons)"));
    styleAxis(raster_->xAxis, "t", "s", false, tr("time"));
    styleAxis(raster_->yAxis, tr("neuron"), "", false);
    addDots(raster_, QColor(20, 20, 20), tr("spike"), 2.5);
    weights_ = new WeightImageGrid(net);
    accuracy_ = makePlot(net, tr("Accuracy"));
    styleAxis(accuracy_->xAxis, tr("training examples"), "");
    styleAxis(accuracy_->yAxis, tr("accuracy"), "");
    addLine(accuracy_, kBlue, tr("running (training digits)"))
        ->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, kBlue, Qt::white, 5));
    addDots(accuracy_, kRed, tr("held out"), 8);
    accuracy_->legend->setVisible(true);
    accuracy_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    activity_ = makePlot(net, tr("Network activity"));
    styleAxis(activity_->xAxis, "t", "s", false, tr("time"));
    styleAxis(activity_->yAxis, tr("rate"), "Hz");
    addLine(activity_, kBlue, tr("output rate"));
    addLine(activity_, kGrey, tr("ANN MACs"), 1.3, Qt::DashLine);
    activity_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    histogram_ = makePlot(net, tr("Weight histogram"));
    styleAxis(histogram_->xAxis, "w", "", false, tr("weight / g_max"));
    styleAxis(histogram_->yAxis, tr("fraction of synapses"), "");
    bars_ = new QCPBars(histogram_->xAxis, histogram_->yAxis);
    bars_->setPen(QPen(kBlue.darker(120)));
    bars_->setBrush(kBlue.lighter(130));
    window_ = makePlot(net, tr("STDP window"));
    styleAxis(window_->xAxis, "Δt", "s", false, tr("t_post − t_pre"));
    styleAxis(window_->yAxis, "Δw", "", false, tr("weight change"));
    addLine(window_, kBlue, tr("potentiation (pre before post)"), 1.6);
    addLine(window_, kRed, tr("depression (post before pre)"), 1.6);
    window_->legend->setVisible(true);
    window_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    // The panels a kind does not produce are left out and named in one line
    // above the others, which share the page (layoutNetworkPanels).
    auto* netColumn = new QVBoxLayout(net);
    netColumn->setContentsMargins(0, 0, 0, 0);
    netColumn->setSpacing(2);
    omitted_ = new NoteLabel(net);
    omitted_->setWordWrap(true);
    omitted_->setStyleSheet("color: #555; padding: 2px 6px;");
    omitted_->hide();
    netColumn->addWidget(omitted_);
    netColumn->addLayout(g, 1);
    grid_ = g;
    layoutNetworkPanels();
    pages_->addTab(net, tr("Network learning"));

    // Neuron explorer page.
    auto* ex = new QWidget(pages_);
    auto* e = new QGridLayout(ex);
    e->setContentsMargins(0, 0, 0, 0);
    e->setSpacing(2);
    trace_ = makePlot(ex, tr("Membrane potential under a current step"));
    styleAxis(trace_->xAxis, "t", "s", false, tr("time"));
    styleAxis(trace_->yAxis, "v", "V", false, tr("membrane"));
    addLine(trace_, kBlue, "v");
    states_ = makePlot(ex, tr("State variables"));
    styleAxis(states_->xAxis, "t", "s", false, tr("time"));
    styleAxis(states_->yAxis, tr("gate"), "", false);
    for (auto [name, colour] : {std::pair{QStringLiteral("m"), kRed}, std::pair{QStringLiteral("h"), kGreen},
                                std::pair{QStringLiteral("n"), kBlue}, std::pair{QStringLiteral("u"), kOrange},
                                // the dimensionless models: Hindmarsh-Rose y, z; FitzHugh-Nagumo w
                                std::pair{QStringLiteral("y"), kRed}, std::pair{QStringLiteral("z"), kGreen},
                                std::pair{QStringLiteral("w"), kOrange}})
        addLine(states_, colour, name);
    states_->legend->setVisible(true);
    states_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    phase_ = makePlot(ex, tr("Phase plane"));
    styleAxis(phase_->xAxis, "v", "V", false, tr("membrane"));
    styleAxis(phase_->yAxis, "u", "mV/ms", false, tr("recovery"));
    addLine(phase_, kRed, tr("v-nullcline"), 1.3, Qt::DashLine);
    addLine(phase_, kGreen, tr("u-nullcline"), 1.3, Qt::DashLine);
    trajectory_ = new QCPCurve(phase_->xAxis, phase_->yAxis);
    trajectory_->setPen(QPen(kBlue, 1.2));
    trajectory_->setName(tr("trajectory"));
    phase_->legend->setVisible(true);
    phase_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    fi_ = makePlot(ex, tr("F–I curve"));
    styleAxis(fi_->xAxis, "I", "A", false, tr("input current"));
    styleAxis(fi_->yAxis, tr("rate"), "Hz", false, tr("firing"));
    addLine(fi_, kBlue, tr("simulated"))->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, kBlue, Qt::white, 4));
    addLine(fi_, kRed, tr("closed form"), 1.3, Qt::DashLine);
    fi_->legend->setVisible(true);
    fi_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    e->addWidget(trace_, 0, 0);
    e->addWidget(states_, 0, 1);
    e->addWidget(phase_, 1, 0);
    e->addWidget(fi_, 1, 1);
    pages_->addTab(ex, tr("Neuron explorer"));
}

QList<QCustomPlot*> SnnView::plots() const {
    if (pages_->currentIndex() == 1) return {trace_, states_, phase_, fi_};
    return {raster_, accuracy_, activity_, histogram_, window_};
}

int SnnView::currentPage() const { return pages_->currentIndex(); }

QCustomPlot* SnnView::plotOf(Panel panel) const {
    switch (panel) {
    case Raster: return raster_;
    case Accuracy: return accuracy_;
    case Activity: return activity_;
    case Histogram: return histogram_;
    case Window: return window_;
    case Trace: return trace_;
    case States: return states_;
    case Phase: return phase_;
    case Fi: return fi_;
    case Weights:
    case PanelCount: break;
    }
    return nullptr;
}

bool SnnView::hasData(Panel panel) const {
    if (panel == Weights) return weights_->imageCount() > 0 || !classWeights_.empty();
    if (panel == Histogram) return !bars_->data()->isEmpty() || !histogramBins_.empty();
    const QCustomPlot* p = plotOf(panel);
    if (!p) return false;
    for (int k = 0; k < p->graphCount(); ++k)
        if (!p->graph(k)->data()->isEmpty()) return true;
    return false;
}

QString SnnView::panelNote(const QWidget* panel) const {
    if (panel == weights_) return weights_->note();
    for (int k = 0; k < PanelCount; ++k)
        if (plotOf(static_cast<Panel>(k)) == panel && notes_[k] && notes_[k]->visible()) return notes_[k]->text();
    return {};
}

void SnnView::setNote(Panel panel, const QString& note) {
    if (panel == Weights) {
        weights_->setNote(note);
        return;
    }
    QCustomPlot* p = plotOf(panel);
    if (!p) return;
    QCPItemText*& item = notes_[panel];
    const bool show = !note.isEmpty();
    const bool shown = item && item->visible();
    if (!item) {
        if (!show) return;
        item = new QCPItemText(p);
        item->setClipToAxisRect(false);
        item->position->setType(QCPItemPosition::ptAxisRectRatio);
        item->position->setCoords(0.5, 0.5);
        item->setPositionAlignment(Qt::AlignCenter);
        item->setTextAlignment(Qt::AlignCenter);
        item->setColor(QColor(120, 120, 120));
        item->setFont(QFont(p->font().family(), 9));
    }
    item->setText(note);
    item->setVisible(show);
    if (show != shown) {
        // A note replaces the axes: empty axes read as "still computing".
        for (QCPAxis* a : {p->xAxis, p->yAxis}) {
            a->setVisible(!show);
            a->grid()->setVisible(!show);
        }
        if (show) {
            legendShown_[panel] = p->legend->visible();
            p->legend->setVisible(false);
        } else {
            p->legend->setVisible(legendShown_[panel]);
        }
    }
    p->replot(QCustomPlot::rpQueuedReplot);
}

int SnnView::rasterPointCount() const { return raster_->graph(0)->dataCount(); }

void SnnView::follow(ExperimentRunner* runner) {
    runner_ = runner;
    connect(runner, &ExperimentRunner::runStarted, this, [this](const QString&, const QString& kind) { onRunStarted(kind); });
    connect(runner, &ExperimentRunner::rowsAdded, this, [this](int index, qsizetype first, qsizetype count) {
        if (following_) onRows(index, first, count);
    });
    connect(runner, &ExperimentRunner::drained, this, [this] {
        if (following_) onDrained();
    });
    connect(runner, &ExperimentRunner::runFinished, this, [this](ExperimentRunner::Outcome outcome, const QString&) {
        if (following_) onRunFinished(outcome == ExperimentRunner::Outcome::Finished);
    });
}

void SnnView::onRunStarted(const QString& kind) {
    static const QStringList kinds = {"neuron_fi_curve", "neuron_trace",  "snn_unsupervised_digits",
                                      "snn_iris_hebbian", "ann_to_snn", "snn_stdp_song"};
    following_ = kinds.contains(kind);
    if (!following_) return;
    kind_ = kind;
    ++run_;
    pages_->setCurrentIndex(isExplorerKind(kind) ? 1 : 0);
    if (isExplorerKind(kind)) return;
    std::fill(std::begin(emptyAtEnd_), std::end(emptyAtEnd_), false);
    // Panels this kind never writes say so, unless an earlier run of the
    // project filled them (a new run clears only what it writes).
    // An empty panel's note from an earlier kind is replaced or removed.
    for (int k = Raster; k <= Window; ++k) {
        const auto panel = static_cast<Panel>(k);
        if (!hasData(panel)) setNote(panel, noteFor(kind, k));
    }
    layoutNetworkPanels();
}

QString SnnView::omittedPanels() const { return omitted_->isHidden() ? QString() : omitted_->text(); }

void SnnView::layoutNetworkPanels() {
    QWidget* const panels[] = {raster_, weights_, accuracy_, activity_, histogram_, window_};
    std::vector<QWidget*> shown;
    QStringList left;
    for (int k = Raster; k <= Window; ++k) {
        // Left out: a panel this kind never writes (it has a note from
        // noteFor) that neither this run nor an earlier one filled.
        const bool filled = hasData(static_cast<Panel>(k)) || (run_ > 0 && panelRun_[k] == run_);
        static const char* const names[] = {QT_TR_NOOP("Spike raster"), QT_TR_NOOP("Weight images"), QT_TR_NOOP("Accuracy"),
                                            QT_TR_NOOP("Network activity"), QT_TR_NOOP("Histogram"), QT_TR_NOOP("STDP window")};
        const QString note = filled            ? QString()
                             : emptyAtEnd_[k] ? tr("%1 (this run wrote none)").arg(tr(names[k]))
                                              : noteFor(kind_, k);
        panels[k]->setVisible(note.isEmpty());
        if (note.isEmpty()) shown.push_back(panels[k]);
        else left << QString(note).replace('\n', ' ');
    }
    for (QWidget* w : panels) grid_->removeWidget(w);
    for (int k = 0; k < 6; ++k) grid_->setColumnStretch(k, 0), grid_->setRowStretch(k, 0);
    // Six panels in two rows of three (the first row taller); five as three
    // over two, the two sharing the row's width rather than leaving an empty
    // sixth cell; four in a square; two or three side by side. The grid has
    // six columns so that a row of three and a row of two both fill it.
    const int n = static_cast<int>(shown.size());
    const int columns = n <= 3 ? std::max(n, 1) : n == 4 ? 2 : 3;
    constexpr int kCells = 6;
    for (int k = 0; k < n; ++k) {
        const int row = k / columns, inRow = row == 0 ? std::min(n, columns) : n - columns;
        const int span = kCells / inRow;
        grid_->addWidget(shown[static_cast<std::size_t>(k)], row, (k % columns) * span, 1, span);
    }
    for (int c = 0; c < kCells; ++c) grid_->setColumnStretch(c, 1);
    grid_->setRowStretch(0, n > 4 ? 3 : 1);
    if (n > columns) grid_->setRowStretch(1, n > 4 ? 2 : 1);
    omitted_->setText(left.isEmpty() ? QString() : tr("Not shown for this run: %1.").arg(left.join(QStringLiteral("; "))));
    omitted_->setVisible(!left.isEmpty());
}

void SnnView::onRunFinished(bool finished) {
    if (!finished || isExplorerKind(kind_)) return;
    // A panel left empty by a finished run (digits with raster = 0, the
    // STDP window of stochastic binary synapses) is not waiting for data:
    // it leaves the grid to the panels that have some, and the line under
    // the grid names it.
    bool any = false;
    for (int k = Raster; k <= Window; ++k) {
        const auto panel = static_cast<Panel>(k);
        if (panelRun_[k] != run_ && !hasData(panel) && panelNote(panel == Weights ? static_cast<QWidget*>(weights_)
                                                                                    : plotOf(panel))
                                                           .isEmpty())
            emptyAtEnd_[k] = any = true;
    }
    if (any) layoutNetworkPanels();
}

void SnnView::claim(Panel panel) {
    if (panelRun_[panel] != run_) {
        clearPanel(panel);
        setNote(panel, {});
        panelRun_[panel] = run_;
        // A panel left out for this kind that streams after all comes back.
        if (panel <= Window && (panel == Weights ? static_cast<QWidget*>(weights_) : plotOf(panel))->isHidden())
            layoutNetworkPanels();
    }
    dirty_[panel] = true;
}

void SnnView::clearPanel(Panel panel) {
    auto clearGraphs = [](QCustomPlot* p) {
        for (int k = 0; k < p->graphCount(); ++k) p->graph(k)->data()->clear();
    };
    switch (panel) {
    case Raster:
        clearGraphs(raster_);
        rasterTime_ = 0;
        rasterNeurons_ = 1;
        break;
    case Weights:
        weights_->clear();
        classWeights_.clear();
        break;
    case Accuracy: clearGraphs(accuracy_); break;
    case Activity: clearGraphs(activity_); break;
    case Histogram:
        bars_->data()->clear();
        if (conductanceHistogram_ || histogramInSiemens_) resetWeightHistogramAxes(histogram_, bars_);
        conductanceHistogram_ = false;
        histogramInSiemens_ = false;
        histogramTime_ = -1;
        histogramBins_.clear();
        break;
    case Window: clearGraphs(window_); break;
    case Trace: clearGraphs(trace_); break;
    case States: clearGraphs(states_); break;
    case Phase:
        clearGraphs(phase_);
        trajectory_->data()->clear();
        break;
    case Fi: clearGraphs(fi_); break;
    case PanelCount: break;
    }
}

void SnnView::clear() {
    for (int p = 0; p < PanelCount; ++p) {
        clearPanel(static_cast<Panel>(p));
        setNote(static_cast<Panel>(p), {});
        panelRun_[p] = 0;
        dirty_[p] = true;
    }
    following_ = false;
    kind_.clear();
    layoutNetworkPanels();
    onDrained();
}

void SnnView::onRows(int index, qsizetype first, qsizetype count) {
    const SeriesBuffer& s = runner_->series()[static_cast<std::size_t>(index)];
    const auto f = static_cast<std::size_t>(first), n = static_cast<std::size_t>(count);
    if (s.id == "raster") addRaster(s, f, n);
    else if (s.id == "weights") addWeightRows(s, f, n);
    else if (s.id == "accuracy") addAccuracy(s, f, n);
    else if (s.id == "rate" || s.id == "operations") addActivity(s, f, n);
    else if (s.id == "histogram") addHistogram(s, f, n);
    else if (s.id == "stdp_window" && isDeviceWindow(s)) {
        claim(Window);
        addDeviceWindowRows(window_, s, f, n);
    } else if (s.id == "stdp_window") addWindow(s, f, n);
    else if (s.id == "conductance_histogram") {
        claim(Histogram);
        conductanceHistogram_ = true;
        drawConductanceHistogram(histogram_, bars_, s);
    }
    else if (s.id == "trace") addTrace(s, f, n);
    else if (s.id == "nullclines") addNullclines(s, f, n);
    else if (s.id == "fi") addFi(s, f, n);
}

void SnnView::addRaster(const SeriesBuffer& s, std::size_t first, std::size_t count) {
    claim(Raster);
    const int ct = s.column("t"), cn = s.column("neuron");
    if (ct < 0 || cn < 0) return;
    QCPGraph* g = raster_->graph(0);
    for (std::size_t r = first; r < first + count; ++r) {
        const double t = s.at(r, ct), j = s.at(r, cn);
        g->addData(t, j);
        rasterTime_ = std::max(rasterTime_, t);
        rasterNeurons_ = std::max(rasterNeurons_, static_cast<int>(j) + 1);
    }
    // Keep only what the scrolling window shows (plus a little), so a long run stays cheap.
    g->data()->removeBefore(rasterTime_ - 1.5 * rasterWindow_);
}

void SnnView::addWeightRows(const SeriesBuffer& s, std::size_t first, std::size_t count) {
    claim(Weights);
    const int cNeuron = s.column("neuron"), cW0 = s.column("w0");
    if (cNeuron >= 0 && cW0 >= 0) {
        // One row per neuron: example, neuron, w0 .. w(inputs-1). The image
        // is the most nearly square one, no wider than tall (64: 8x8, 30:
        // 5x6); a prime count is one row.
        const int inputs = static_cast<int>(s.columns.size()) - cW0;
        int width = static_cast<int>(std::floor(std::sqrt(double(inputs))));
        while (width > 1 && inputs % width != 0) --width;
        int neurons = weights_->imageCount();
        for (std::size_t r = first; r < first + count; ++r) neurons = std::max(neurons, static_cast<int>(s.at(r, cNeuron)) + 1);
        if (width == 1) width = inputs;
        weights_->setShape(neurons, width, inputs / width);
        const bool siemens = s.columns[static_cast<std::size_t>(cW0)].unit == "S";
        for (std::size_t r = first; r < first + count; ++r) {
            weights_->setWeights(static_cast<int>(s.at(r, cNeuron)), &s.data[r * s.columns.size() + static_cast<std::size_t>(cW0)]);
            if (r + 1 == first + count)
                weights_->setCaption((siemens ? tr("G (S) into %1 neurons after %2 examples")
                                              : tr("Weights into %1 neurons after %2 examples"))
                                         .arg(neurons)
                                         .arg(s.at(r, s.column("example"))));
        }
        return;
    }
    // Long form (input, class, w): Iris's receptive fields, drawn per drain.
    const int ci = s.column("input"), cc = s.column("class"), cw = s.column("w");
    if (ci < 0 || cc < 0 || cw < 0) return;
    weightUnit_ = QString::fromStdString(s.columns[static_cast<std::size_t>(cw)].unit);
    for (std::size_t r = first; r < first + count; ++r) {
        auto& v = classWeights_[static_cast<int>(s.at(r, cc))];
        const auto i = static_cast<std::size_t>(s.at(r, ci));
        if (v.size() <= i) v.resize(i + 1, 0.0);
        v[i] = s.at(r, cw);
    }
}

void SnnView::addAccuracy(const SeriesBuffer& s, std::size_t first, std::size_t count) {
    claim(Accuracy);
    if (s.column("snn") >= 0) {  // ann_to_snn: t, snn, ann
        styleAxis(accuracy_->xAxis, "t", "s", false, tr("simulated time per digit"));
        accuracy_->graph(0)->setName(tr("spiking network"));
        accuracy_->graph(1)->setName(tr("ANN"));
        accuracy_->graph(1)->setLineStyle(QCPGraph::lsLine);
        accuracy_->graph(1)->setScatterStyle(QCPScatterStyle::ssNone);
        accuracy_->graph(1)->setPen(QPen(kRed, 1.3, Qt::DashLine));
        for (std::size_t r = first; r < first + count; ++r) {
            accuracy_->graph(0)->addData(s.at(r, s.column("t")), s.at(r, s.column("snn")));
            accuracy_->graph(1)->addData(s.at(r, s.column("t")), s.at(r, s.column("ann")));
        }
        return;
    }
    accuracy_->graph(1)->setLineStyle(QCPGraph::lsNone);
    accuracy_->graph(1)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, kRed, kRed, 8));
    if (s.column("epoch") >= 0) {  // Iris: epoch, training accuracy
        styleAxis(accuracy_->xAxis, tr("epoch"), "");
        accuracy_->graph(0)->setName(tr("training flowers"));
        for (std::size_t r = first; r < first + count; ++r)
            accuracy_->graph(0)->addData(s.at(r, s.column("epoch")), s.at(r, s.column("accuracy")));
        return;
    }
    styleAxis(accuracy_->xAxis, tr("training examples"), "");
    accuracy_->graph(0)->setName(tr("running (training digits)"));
    accuracy_->graph(1)->setName(tr("held out"));
    const int cs = s.column("set");
    for (std::size_t r = first; r < first + count; ++r) {
        const bool heldOut = cs >= 0 && s.at(r, cs) > 0.5;
        accuracy_->graph(heldOut ? 1 : 0)->addData(s.at(r, s.column("examples")), s.at(r, s.column("accuracy")));
    }
}

void SnnView::addActivity(const SeriesBuffer& s, std::size_t first, std::size_t count) {
    claim(Activity);
    const int ct = s.column("t");
    if (s.id == "rate") {
        styleAxis(activity_->yAxis, tr("output rate"), "Hz");
        activity_->legend->setVisible(false);
        for (std::size_t r = first; r < first + count; ++r) activity_->graph(0)->addData(s.at(r, ct), s.at(r, s.column("rate")));
        return;
    }
    styleAxis(activity_->xAxis, "t", "s", false, tr("simulated time per digit"));
    styleAxis(activity_->yAxis, tr("operations per digit"), "");
    activity_->graph(0)->setName(tr("SNN synaptic events"));
    activity_->legend->setVisible(true);
    for (std::size_t r = first; r < first + count; ++r) {
        activity_->graph(0)->addData(s.at(r, ct), s.at(r, s.column("events")));
        activity_->graph(1)->addData(s.at(r, ct), s.at(r, s.column("macs")));
    }
}

void SnnView::addHistogram(const SeriesBuffer& s, std::size_t first, std::size_t count) {
    claim(Histogram);
    const int ct = s.column("t"), cw = s.column("w"), cf = s.column("fraction");
    // Device synapses stream the bins as conductances (unit S), abstract weights as w / g_max.
    histogramInSiemens_ = s.columns[std::size_t(cw)].unit == "S";
    for (std::size_t r = first; r < first + count; ++r) {
        const double t = s.at(r, ct);
        if (t != histogramTime_) {
            histogramTime_ = t;
            histogramBins_.clear();
        }
        histogramBins_.emplace_back(s.at(r, cw), s.at(r, cf));
    }
}

void SnnView::addWindow(const SeriesBuffer& s, std::size_t first, std::size_t count) {
    claim(Window);
    const int ct = s.column("dt"), cw = s.column("dw");
    for (std::size_t r = first; r < first + count; ++r) {
        const double dt = s.at(r, ct), dw = s.at(r, cw);
        window_->graph(dt > 0 ? 0 : 1)->addData(dt, dw);
    }
    QString unit = QString::fromStdString(s.columns[static_cast<std::size_t>(cw)].unit);
    styleAxis(window_->yAxis, "Δw", "", false, unit == "gmax" ? tr("weight change / g_max") : tr("weight change"));
}

void SnnView::addTrace(const SeriesBuffer& s, std::size_t first, std::size_t count) {
    claim(Trace);
    claim(States);
    claim(Phase);
    const int ct = s.column("t"), cv = s.column("v");
    constexpr int kStates = 7;
    const int gates[kStates] = {s.column("m"), s.column("h"), s.column("n"), s.column("u"),
                                s.column("y"), s.column("z"), s.column("w")};
    const bool izh = gates[3] >= 0, hh = gates[2] >= 0;
    // Hindmarsh-Rose (x, y, z) and FitzHugh-Nagumo (v, w): dimensionless,
    // their phase plane is the membrane against y or w.
    const int recovery = gates[4] >= 0 ? gates[4] : gates[6];
    const bool reduced = recovery >= 0, hr = gates[4] >= 0;
    for (std::size_t r = first; r < first + count; ++r) {
        const double t = s.at(r, ct), v = s.at(r, cv);
        if (!izh && !hh && !reduced) addPhaseLinePoint(t, v);  // before the trace gets (t, v): it holds the previous sample
        trace_->graph(0)->addData(t, v);
        for (int k = 0; k < kStates; ++k)
            if (gates[k] >= 0) states_->graph(k)->addData(t, s.at(r, gates[k]));
        // An Izhikevich reset (v jumps down to c) is a break in the
        // trajectory, not a path through the plane: a NaN point cuts the curve.
        const bool reset = izh && trajectory_->dataCount() > 0 &&
                           trajectory_->data()->at(trajectory_->dataCount() - 1)->key - v > 0.02;
        if (reset) trajectory_->addData(qQNaN(), qQNaN());
        if (izh) trajectory_->addData(v, s.at(r, gates[3]));
        else if (hh) trajectory_->addData(v, s.at(r, gates[2]));
        else if (reduced) trajectory_->addData(v, s.at(r, recovery));
    }
    for (int k = 0; k < kStates; ++k) states_->graph(k)->setVisible(gates[k] >= 0);
    for (int k = 0; k < kStates; ++k) states_->graph(k)->removeFromLegend();
    for (int k = 0; k < kStates; ++k)
        if (gates[k] >= 0) states_->graph(k)->addToLegend();
    const QString membrane = hr ? QStringLiteral("x") : QStringLiteral("v");
    const bool unitless = s.columns[static_cast<std::size_t>(cv)].unit.empty();
    styleAxis(trace_->yAxis, membrane, unitless ? "" : "V", false,
              unitless ? tr("membrane (dimensionless)") : tr("membrane"));
    styleAxis(trace_->xAxis, "t", "s", false, reduced ? tr("time (model units × time_unit)") : tr("time"));
    styleAxis(phase_->xAxis, membrane, unitless ? "" : "V", false,
              unitless ? tr("membrane (dimensionless)") : tr("membrane"));
    if (reduced) {
        styleAxis(states_->yAxis, hr ? tr("y, z") : tr("w"), "", false, tr("dimensionless"));
        styleAxis(phase_->yAxis, hr ? "y" : "w", "", false, tr("recovery (dimensionless)"));
        phase_->graph(0)->removeFromLegend();
        phase_->graph(1)->removeFromLegend();
    } else if (izh) {
        styleAxis(states_->yAxis, "u", "mV/ms", false, tr("recovery"));
        styleAxis(phase_->yAxis, "u", "mV/ms", false, tr("recovery"));
        phase_->graph(0)->addToLegend();
        phase_->graph(1)->addToLegend();
    } else if (hh) {
        styleAxis(states_->yAxis, tr("gating variable"), "");
        styleAxis(phase_->yAxis, "n", "", false, tr("K⁺ activation"));
        phase_->graph(0)->removeFromLegend();
        phase_->graph(1)->removeFromLegend();
    } else {
        const QString note = tr("This neuron has one state variable, the membrane potential v:\n"
                                "no gates or recovery variable to plot.\n"
                                "Its phase line, dv/dt against v, is in the phase-plane panel.");
        if (panelNote(states_) != note) setNote(States, note);
        styleAxis(phase_->yAxis, "dv/dt", "V/s", false, tr("rate of change"));
        phase_->graph(0)->removeFromLegend();
        phase_->graph(1)->removeFromLegend();
    }
    // The phase line starts top left (rest, driven up at R I / tau) and
    // never reaches the bottom-left corner: the legend goes there.
    phase_->axisRect()->insetLayout()->setInsetAlignment(
        0, Qt::AlignLeft | (izh || hh || reduced ? Qt::AlignTop : Qt::AlignBottom));
}

// A one-variable neuron (LIF, SRM0) has a phase line, not a plane: dv/dt
// against v. Between samples the slope is (v1 - v0)/(t1 - t0), drawn at the
// midpoint, where it is exact to second order for the exponential relaxation
// tau dv/dt = E_L - v + R I. A drop of more than 2 mV in one sample is a
// reset (the membrane relaxes far slower at any sensible sampling): the curve
// breaks there instead of drawing the jump as a steep fall. The previous
// sample is the membrane trace's last point (both panels clear together).
void SnnView::addPhaseLinePoint(double t, double v) {
    const QCPGraph* trace = trace_->graph(0);
    if (trace->dataCount() == 0) return;
    const auto previous = trace->data()->at(trace->dataCount() - 1);
    const double t0 = previous->key, v0 = previous->value;
    if (!(t > t0)) return;
    if (v0 - v > 2e-3) {
        if (trajectory_->dataCount() > 0) trajectory_->addData(qQNaN(), qQNaN());
    } else {
        trajectory_->addData(0.5 * (v + v0), (v - v0) / (t - t0));
    }
}

void SnnView::addNullclines(const SeriesBuffer& s, std::size_t first, std::size_t count) {
    claim(Phase);
    const int cv = s.column("v"), c1 = s.column("u_v_nullcline"), c2 = s.column("u_u_nullcline");
    for (std::size_t r = first; r < first + count; ++r) {
        phase_->graph(0)->addData(s.at(r, cv), s.at(r, c1));
        phase_->graph(1)->addData(s.at(r, cv), s.at(r, c2));
    }
}

void SnnView::addFi(const SeriesBuffer& s, std::size_t first, std::size_t count) {
    claim(Fi);
    const int ci = s.column("I"), cr = s.column("rate"), ct = s.column("rate_theory");
    const QString unit = QString::fromStdString(s.columns[static_cast<std::size_t>(ci)].unit);
    styleAxis(fi_->xAxis, "I", unit == "A" ? "A" : unit, false,
              unit == "A/m^2" ? tr("current density") : unit.isEmpty() ? tr("input (model units)") : tr("input current"));
    for (std::size_t r = first; r < first + count; ++r) {
        fi_->graph(0)->addData(s.at(r, ci), s.at(r, cr));
        if (ct >= 0) fi_->graph(1)->addData(s.at(r, ci), s.at(r, ct));
    }
    if (ct >= 0) fi_->graph(1)->addToLegend();
    else fi_->graph(1)->removeFromLegend();
}

void SnnView::onDrained() {
    if (dirty_[Raster]) {
        raster_->xAxis->setRange(std::max(0.0, rasterTime_ - rasterWindow_), std::max(rasterWindow_, rasterTime_));
        raster_->yAxis->setRange(-0.5, rasterNeurons_ - 0.5);
        raster_->replot(QCustomPlot::rpQueuedReplot);
    }
    if (dirty_[Weights] && !classWeights_.empty()) {
        // Iris: rows = the 4 features, columns = each feature's receptive fields.
        const int inputs = static_cast<int>(classWeights_.begin()->second.size());
        const int features = inputs % 4 == 0 ? 4 : 1;
        weights_->setShape(static_cast<int>(classWeights_.size()), inputs / features, features);
        for (const auto& [c, w] : classWeights_)
            if (static_cast<int>(w.size()) == inputs) weights_->setWeights(c, w.data());
        weights_->setCaption(weightUnit_ == QLatin1String("S")
                                 ? tr("Conductance G (S) per class")
                                 : tr("Weights per class (rows: features, columns: fields)"));
    }
    if (dirty_[Accuracy]) {
        // Iris has no held-out curve while it trains: no legend entry for it.
        QCPGraph* second = accuracy_->graph(1);
        if (second->data()->isEmpty()) second->removeFromLegend();
        else second->addToLegend();
        rescaleWithMargin(accuracy_);
        accuracy_->yAxis->setRange(0, 1.05);
        accuracy_->replot(QCustomPlot::rpQueuedReplot);
    }
    if (dirty_[Histogram] && !conductanceHistogram_) {
        QVector<double> keys, values;
        for (const auto& [w, f] : histogramBins_) {
            keys << w;
            values << f;
        }
        if (histogramInSiemens_ && !keys.isEmpty()) {
            // Conductance bins over the device's range (two for binary
            // devices): the axis spans the bins, each bar a share of the
            // axis so two far-apart bars do not overlap.
            const double step = keys.size() > 1 ? keys[1] - keys[0] : std::max(std::abs(keys[0]), 1e-12);
            styleAxis(histogram_->xAxis, "G", "S", false, tr("conductance at V_read"));
            bars_->setWidthType(QCPBars::wtAxisRectRatio);
            bars_->setWidth(0.85 / std::max<qsizetype>(10, keys.size()));
            histogram_->xAxis->setRange(keys.front() - 0.5 * step, keys.back() + 0.5 * step);
        } else {
            bars_->setWidth(keys.size() > 1 ? (keys[1] - keys[0]) * 0.9 : 0.05);
            histogram_->xAxis->setRange(0, 1);
        }
        bars_->setData(keys, values, true);
        double top = 0;
        for (double v : values) top = std::max(top, v);
        histogram_->yAxis->setRange(0, std::max(0.05, top * 1.1));
        histogram_->replot(QCustomPlot::rpQueuedReplot);
    }
    for (auto [panel, plot] : {std::pair{Activity, activity_}, std::pair{Window, window_}, std::pair{Trace, trace_},
                               std::pair{States, states_}, std::pair{Fi, fi_}})
        if (dirty_[panel]) {
            rescaleWithMargin(plot);
            plot->replot(QCustomPlot::rpQueuedReplot);
        }
    if (dirty_[Phase]) {
        // Frame the trajectory (the nullclines reach far beyond it).
        QCPRange x(-0.09, 0.04), y;
        bool found = false;
        QCPRange tx = trajectory_->getKeyRange(found);
        if (found) x = QCPRange(tx.lower - 0.1 * tx.size(), tx.upper + 0.1 * tx.size());
        bool foundY = false;
        y = trajectory_->getValueRange(foundY);
        if (!foundY) y = QCPRange(-20, 10);
        const double pad = std::max(0.15 * y.size(), 1e-3);
        phase_->xAxis->setRange(x);
        phase_->yAxis->setRange(y.lower - pad, y.upper + pad);
        phase_->replot(QCustomPlot::rpQueuedReplot);
    }
    for (bool& d : dirty_) d = false;
}

}  // namespace ms::gui
