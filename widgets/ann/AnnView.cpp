#include "widgets/ann/AnnView.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFontMetrics>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <tuple>
#include <nlohmann/json.hpp>

#include "core/project/Project.h"
#include "widgets/DocumentModel.h"
#include "widgets/ann/AnnCircuitEstimatesTable.h"
#include "widgets/ExperimentRunner.h"
#include "widgets/NoteLabel.h"
#include "widgets/FiguresTable.h"
#include "widgets/plots/PlotTools.h"

namespace ms::gui {
namespace {

const QColor kCurrent(31, 100, 180);
// Overlay colours (tab10 without the current run's blue).
const QColor kOverlay[] = {QColor(255, 127, 14), QColor(44, 160, 44), QColor(214, 39, 40), QColor(148, 103, 189),
                           QColor(140, 86, 75),  QColor(227, 119, 194), QColor(127, 127, 127), QColor(188, 189, 34),
                           QColor(23, 190, 207)};

// Axes of dimensionless quantities (epochs, %, counts): plain ticks, label only.
void plainAxis(QCPAxis* axis, const QString& label) {
    axis->setLabel(label);
    axis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    QFont f = axis->labelFont();
    f.setPointSize(9);
    axis->setLabelFont(f);
    f.setPointSize(8);
    axis->setTickLabelFont(f);
}

// Epochs are whole numbers: ticks at 1, 2, 5, 10 ... epochs, never 0.5.
void epochAxis(QCPAxis* axis) {
    plainAxis(axis, QObject::tr("epoch"));
    auto ticker = QSharedPointer<QCPAxisTickerFixed>(new QCPAxisTickerFixed);
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    axis->setTicker(ticker);
}

QCustomPlot* makePlot(QWidget* parent, const QString& title) {
    auto* p = new QCustomPlot(parent);
    stylePlot(p, title);
    p->setMinimumSize(200, 180);  // three across still fit a 1280-px screen beside the docks
    return p;
}

// The legend in a strip under the axis rect, never over the curves (a run's last
// point, the accuracy after programming, often lands where an inset legend sits).
void legendBelow(QCustomPlot* p) {
    p->legend->setVisible(true);
    p->axisRect()->insetLayout()->take(p->legend);
    const int row = p->plotLayout()->rowCount();
    p->plotLayout()->addElement(row, 0, p->legend);
    p->plotLayout()->setRowStretchFactor(row, 0.001);
    p->legend->setFont(QFont(p->font().family(), 7));
    p->legend->setMargins(QMargins(3, 1, 3, 1));
    p->legend->setRowSpacing(0);
    p->legend->setColumnSpacing(6);
    p->legend->setBorderPen(Qt::NoPen);
    p->legend->setBrush(Qt::NoBrush);
    p->legend->setIconSize(18, 9);
    p->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
}

// As many legend columns as the widest entry allows at the plot's width.
void fitLegendColumns(QCustomPlot* p) {
    QCPLegend* legend = p->legend;
    const int n = legend->itemCount();
    if (n == 0) return;
    const QFontMetrics fm(legend->font());
    int widest = 0;
    for (int k = 0; k < n; ++k)
        if (auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(k)))
            widest = std::max(widest, fm.horizontalAdvance(item->plottable()->name()));
    const int entry = widest + legend->iconSize().width() + legend->iconTextPadding() + legend->columnSpacing() + 8;
    const int columns = std::clamp((p->width() - 10) / std::max(1, entry), 1, n);
    if (legend->wrap() != columns) legend->setWrap(columns);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);  // re-place the entries in the new grid
}

QCPColorMap* makeColorMap(QCustomPlot* p, const QString& scaleLabel, const QString& unit, QCPColorGradient gradient) {
    auto* map = new QCPColorMap(p->xAxis, p->yAxis);
    map->setInterpolate(false);
    auto* scale = new QCPColorScale(p);
    p->plotLayout()->addElement(1, 1, scale);
    scale->setType(QCPAxis::atRight);
    map->setColorScale(scale);
    map->setGradient(gradient);
    if (unit.isEmpty())
        plainAxis(scale->axis(), scaleLabel);
    else
        styleAxis(scale->axis(), scaleLabel, unit);
    auto* group = new QCPMarginGroup(p);
    p->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    scale->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    p->yAxis->setRangeReversed(true);  // row 0 at the top, as the array is drawn
    return map;
}

}  // namespace

AnnView::AnnView(DocumentModel* document, QWidget* parent) : ResultView(parent), doc_(document) {
    auto* outer = new QHBoxLayout(this);
    outer->setContentsMargins(2, 2, 2, 2);
    auto* split = new QSplitter(Qt::Horizontal, this);
    pages_ = new QStackedWidget(split);

    // Page 0: a training run.
    auto* training = new QWidget(pages_);
    auto* grid = new QGridLayout(training);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(2);
    accuracy_ = makePlot(training, tr("Accuracy per epoch"));
    accuracy_->setObjectName("accuracy");
    epochAxis(accuracy_->xAxis);
    plainAxis(accuracy_->yAxis, tr("accuracy (%)"));
    legendBelow(accuracy_);
    loss_ = makePlot(training, tr("Training loss per epoch"));
    loss_->setObjectName("loss");
    epochAxis(loss_->xAxis);
    plainAxis(loss_->yAxis, tr("mean loss per sample"));
    legendBelow(loss_);
    confusion_ = makePlot(training, tr("Confusion matrix (final test set)"));
    plainAxis(confusion_->xAxis, tr("predicted class"));
    plainAxis(confusion_->yAxis, tr("true class"));
    confusionMap_ = makeColorMap(confusion_, tr("samples"), "", QCPColorGradient(QCPColorGradient::gpGrayscale).inverted());

    auto* heatBox = heatBox_ = new QWidget(training);
    auto* heatLayout = new QVBoxLayout(heatBox);
    heatLayout->setContentsMargins(0, 0, 0, 0);
    auto* controls = new QHBoxLayout;
    layerBox_ = new QComboBox(heatBox);
    layerBox_->setSizeAdjustPolicy(QComboBox::AdjustToContents);  // its items are renamed once the sizes arrive
    quantityBox_ = new QComboBox(heatBox);
    quantityBox_->addItems({tr("G+ (positive device)"), tr("G- (negative device / reference)"), tr("G+ - G-")});
    heatmapLabel_ = new QLabel(heatBox);
    heatmapLabel_->setWordWrap(true);  // wraps rather than squeezing the pickers beside it
    controls->addWidget(new QLabel(tr("Layer"), heatBox));
    controls->addWidget(layerBox_);
    controls->addWidget(quantityBox_);
    controls->addWidget(heatmapLabel_, 1);
    heatLayout->addLayout(controls);
    heatmap_ = makePlot(heatBox, tr("Conductance map"));
    plainAxis(heatmap_->xAxis, tr("column (output)"));
    plainAxis(heatmap_->yAxis, tr("row (input)"));
    heatMap_ = makeColorMap(heatmap_, "G", "S", QCPColorGradient(QCPColorGradient::gpThermal));
    heatLayout->addWidget(heatmap_, 1);
    connect(layerBox_, &QComboBox::currentIndexChanged, this, [this] { updateHeatmap(); heatmap_->replot(); });
    connect(quantityBox_, &QComboBox::currentIndexChanged, this, [this] { updateHeatmap(); heatmap_->replot(); });

    histogram_ = makePlot(training, tr("Conductance histogram (all devices)"));
    styleAxis(histogram_->xAxis, "G", "S");
    plainAxis(histogram_->yAxis, tr("devices"));
    auto* bars = new QCPBars(histogram_->xAxis, histogram_->yAxis);
    bars->setPen(QPen(kCurrent.darker(130)));
    bars->setBrush(QColor(kCurrent.red(), kCurrent.green(), kCurrent.blue(), 150));

    // A device synapse's measured pulse curve (the lookup table training
    // replays) shares the histogram's place: a tab, enabled when a run has one.
    deviceTabs_ = new QTabWidget(training);
    deviceTabs_->setDocumentMode(true);
    deviceTabs_->addTab(histogram_, tr("Conductance histogram"));
    pulseCurve_ = makePlot(deviceTabs_, tr("Device pulse curve (LTP then LTD) and its synapse"));
    pulseCurve_->setObjectName("pulseCurve");
    plainAxis(pulseCurve_->xAxis, tr("pulse number"));
    styleAxis(pulseCurve_->yAxis, "G", "S");
    for (auto [name, colour, dots] : {std::tuple{tr("device, potentiation"), QColor(214, 39, 40), true},
                                      std::tuple{tr("device, depression"), QColor(31, 100, 180), true},
                                      std::tuple{tr("synapse replay"), QColor(60, 60, 60), false}}) {
        QCPGraph* g = pulseCurve_->addGraph();
        g->setName(name);
        g->setPen(dots ? QPen(Qt::NoPen) : QPen(colour, 1.0, Qt::DashLine));
        if (dots) g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, colour, Qt::white, 5));
    }
    legendBelow(pulseCurve_);
    deviceTabs_->addTab(pulseCurve_, tr("Device pulse curve"));
    deviceTabs_->setTabEnabled(1, false);
    deviceTabs_->setTabToolTip(1, tr("Runs whose synapse is a device model (\"synapse\": {\"device\": ...}) measure its pulse curve here"));
    circuitTable_ = new AnnCircuitEstimatesTable(deviceTabs_);
    deviceTabs_->addTab(circuitTable_, tr("Circuit estimates"));
    deviceTabs_->setTabToolTip(2, tr("Area, read latency and energy per layer, from the crossbar model "
                                     "(add \"circuitEstimate\": {} to the experiment)"));
    deviceTabs_->setTabEnabled(2, false);

    grid->addWidget(accuracy_, 0, 0);
    grid->addWidget(loss_, 0, 1);
    grid->addWidget(confusion_, 0, 2);
    grid->addWidget(heatBox, 1, 0, 1, 2);
    grid->addWidget(deviceTabs_, 1, 2);
    grid->setRowStretch(0, 1);
    grid->setRowStretch(1, 1);
    // A run that took no conductance snapshot (snapshotsPerEpoch 0) leaves
    // the map and histogram out and says so, instead of two empty panels.
    omitted_ = new NoteLabel(training);
    omitted_->setWordWrap(true);
    omitted_->setStyleSheet("color: #555; padding: 2px 6px;");
    omitted_->hide();
    grid->addWidget(omitted_, 2, 0, 1, 3);
    pages_->addWidget(training);

    // Page 1: a sweep.
    sweep_ = makePlot(pages_, tr("Test accuracy vs swept parameter (mean +/- sample std over seeds)"));
    sweep_->setObjectName("sweep");
    plainAxis(sweep_->xAxis, tr("parameter"));
    plainAxis(sweep_->yAxis, tr("test accuracy (%)"));
    legendBelow(sweep_);
    pages_->addWidget(sweep_);

    // Side: overlay controls and the run's key figures.
    auto* side = new QWidget(split);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(2, 2, 2, 2);
    auto* pin = new QPushButton(tr("Pin run as overlay"), side);
    auto* clearPins = new QPushButton(tr("Clear overlays"), side);
    autoPin_ = new QCheckBox(tr("Pin every finished run"), side);
    autoPin_->setChecked(true);
    connect(pin, &QPushButton::clicked, this, &AnnView::pinCurrentRun);
    connect(clearPins, &QPushButton::clicked, this, &AnnView::clearOverlays);
    sideLayout->addWidget(pin);
    sideLayout->addWidget(clearPins);
    sideLayout->addWidget(autoPin_);
    figures_ = new FiguresTable(side);
    sideLayout->addWidget(figures_, 1);
    side->setMinimumWidth(200);
    split->addWidget(pages_);
    split->addWidget(side);
    split->setStretchFactor(0, 5);
    split->setStretchFactor(1, 1);
    outer->addWidget(split);
    for (auto* p : {accuracy_, loss_, sweep_, pulseCurve_}) {
        installHoverCursor(p);
        p->installEventFilter(this);  // legend columns follow the plot's width
    }
    redraw();
}

bool AnnView::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::Resize)
        for (auto* p : {accuracy_, loss_, sweep_, pulseCurve_})
            if (watched == p) fitLegendColumns(p);
    return ResultView::eventFilter(watched, event);
}

bool AnnView::everyPointVisible(QString* why) const {
    for (auto* p : {accuracy_, loss_, sweep_}) {
        const QCPRange x = p->xAxis->range(), y = p->yAxis->range();
        auto inside = [&](double k, double v, const QString& what) {
            if (x.contains(k) && y.contains(v)) return true;
            if (why) *why = QStringLiteral("%1: %2 point (%3, %4) outside x %5..%6, y %7..%8")
                                .arg(p->objectName(), what).arg(k).arg(v).arg(x.lower).arg(x.upper).arg(y.lower).arg(y.upper);
            return false;
        };
        for (int g = 0; g < p->graphCount(); ++g)
            for (auto it = p->graph(g)->data()->constBegin(); it != p->graph(g)->data()->constEnd(); ++it)
                if (!inside(it->key, it->value, p->graph(g)->name())) return false;
        for (int k = 0; k < p->plottableCount(); ++k)
            if (auto* err = qobject_cast<QCPErrorBars*>(p->plottable(k))) {
                auto* g = qobject_cast<QCPGraph*>(err->dataPlottable());
                if (!g) continue;
                for (int i = 0; i < err->dataCount() && i < g->dataCount(); ++i) {
                    const double key = g->data()->at(i)->key, v = g->data()->at(i)->value;
                    const auto e = err->data()->at(i);
                    if (!inside(key, v - e.errorMinus, g->name() + " error bar") || !inside(key, v + e.errorPlus, g->name() + " error bar"))
                        return false;
                }
            }
    }
    return true;
}

QList<QCustomPlot*> AnnView::plots() const { return {accuracy_, loss_, confusion_, heatmap_, histogram_, pulseCurve_, sweep_}; }

QString AnnView::runLabel(const QString& id) const {
    if (doc_) {
        if (const auto* e = doc_->project().experiment(id.toStdString()))
            if (e->contains("name") && (*e)["name"].is_string()) return QString::fromStdString((*e)["name"].get<std::string>());
    }
    return id;
}

void AnnView::follow(ExperimentRunner* runner) {
    runner_ = runner;
    connect(runner, &ExperimentRunner::runStarted, this, [this](const QString& id, const QString& kind) {
        following_ = kind == QLatin1String("ann_training") || kind == QLatin1String("ann_sweep");
        if (!following_) return;
        kind_ = kind;
        experimentId_ = id;
        current_ = Run{};
        current_.label = runLabel(id);
        current_.sweep = kind == QLatin1String("ann_sweep");
        epochsSeries_ = confusionSeries_ = histogramSeries_ = sweepSeries_ = shapesSeries_ = pulseCurveSeries_ = -1;
        for (int g = 0; g < pulseCurve_->graphCount(); ++g) pulseCurve_->graph(g)->data()->clear();
        deviceTabs_->setTabEnabled(1, false);
        deviceTabs_->setCurrentIndex(0);
        layers_.clear();
        layerBox_->blockSignals(true);
        layerBox_->clear();
        layerBox_->blockSignals(false);
        heatMap_->data()->clear();
        confusionMap_->data()->clear();
        confusion_->clearItems();
        static_cast<QCPBars*>(histogram_->plottable(0))->data()->clear();
        heatmapTime_ = -1;
        heatmapLabel_->clear();
        figures_->clearFigures();
        circuitSeries_ = -1;
        circuitTable_->clear();
        deviceTabs_->setTabEnabled(2, false);
        pages_->setCurrentIndex(current_.sweep ? 1 : 0);
        showConductancePanels(false);
        redraw();
    });
    connect(runner, &ExperimentRunner::seriesStarted, this, [this](int index) {
        if (!following_) return;
        const QString id = runner_->series()[static_cast<std::size_t>(index)].id;
        if (id == QLatin1String("epochs")) epochsSeries_ = index;
        else if (id == QLatin1String("confusion")) confusionSeries_ = index;
        else if (id == QLatin1String("g_histogram")) histogramSeries_ = index;
        else if (id == QLatin1String("sweep")) sweepSeries_ = index;
        else if (id == QLatin1String("g_layers")) shapesSeries_ = index;
        else if (id == QLatin1String("device_pulse_curve")) pulseCurveSeries_ = index;
        else if (id == QLatin1String("circuit_estimates")) {
            circuitSeries_ = index;
            deviceTabs_->setTabEnabled(2, true);
        }
        else if (id.startsWith(QLatin1String("g_layer"))) {
            const int layer = id.mid(7).toInt();
            layers_[layer].series = index;
            const LayerMaps& L = layers_[layer];
            layerBox_->addItem(tr("layer %1 (%2 x %3)").arg(layer).arg(L.rows).arg(L.cols), layer);
        }
    });
    connect(runner, &ExperimentRunner::rowsAdded, this, [this](int index, qsizetype first, qsizetype count) {
        if (following_) onRows(index, first, count);
    });
    connect(runner, &ExperimentRunner::scalarReported, this, [this](const QString& k, double v, const QString& u) {
        if (!following_) return;
        // Accuracies are fractions in core; shown in %.
        if (k.endsWith(QLatin1String("accuracy"))) figures_->addFigure(k + QStringLiteral(" (%)"), 100 * v, "");
        else figures_->addFigure(k, v, u);
    });
    connect(runner, &ExperimentRunner::logMessage, this, [this](int, const QString& text) {
        if (following_) circuitTable_->addLogLine(text);
    });
    connect(runner, &ExperimentRunner::drained, this, [this] {
        if (following_) redraw();
    });
    connect(runner, &ExperimentRunner::runFinished, this, [this](ExperimentRunner::Outcome o, const QString&) {
        if (!following_) return;
        redraw();
        showConductancePanels(o == ExperimentRunner::Outcome::Finished);
        if (o == ExperimentRunner::Outcome::Finished && autoPin_->isChecked()) pinCurrentRun();
    });
}

void AnnView::showExperiment(const QString& pointer) { Q_UNUSED(pointer); }

void AnnView::onRows(int index, qsizetype first, qsizetype count) {
    const SeriesBuffer& s = runner_->series()[static_cast<std::size_t>(index)];
    if (index == epochsSeries_) {
        const int ce = s.column("epoch"), cl = s.column("train_loss"), ctr = s.column("train_acc"), cte = s.column("test_acc");
        for (qsizetype k = first; k < first + count; ++k) {
            const auto r = static_cast<std::size_t>(k);
            current_.epoch.push_back(s.at(r, ce));
            current_.loss.push_back(s.at(r, cl));
            current_.trainAcc.push_back(100 * s.at(r, ctr));
            current_.testAcc.push_back(100 * s.at(r, cte));
        }
    } else if (index == sweepSeries_) {
        for (qsizetype k = first; k < first + count; ++k) {
            const auto r = static_cast<std::size_t>(k);
            current_.sweepValue.push_back(s.at(r, s.column("value")));
            current_.sweepMean.push_back(100 * s.at(r, s.column("mean_acc")));
            current_.sweepStd.push_back(100 * s.at(r, s.column("std_acc")));
        }
    } else if (index == shapesSeries_) {
        for (qsizetype k = first; k < first + count; ++k) {
            const auto r = static_cast<std::size_t>(k);
            LayerMaps& L = layers_[static_cast<int>(s.at(r, 0))];
            L.rows = static_cast<int>(s.at(r, 1));
            L.cols = static_cast<int>(s.at(r, 2));
            const int item = layerBox_->findData(static_cast<int>(s.at(r, 0)));
            if (item >= 0) layerBox_->setItemText(item, tr("layer %1 (%2 x %3)").arg(s.at(r, 0)).arg(L.rows).arg(L.cols));
        }
    } else if (index == circuitSeries_) {
        circuitTable_->addRows(s, first, count);
    } else if (index == pulseCurveSeries_) {
        addPulseCurveRows(s, first, count);
    } else {
        dirtyMaps_ = true;
    }
}

// Rows (pulse, G_device, G_synapse, phase): phase > 0 potentiation, < 0
// depression. The device's points and the synapse's replay of them; the tab
// opens the first time a run measures a device, so the user sees what the
// network is trained with.
void AnnView::addPulseCurveRows(const SeriesBuffer& s, qsizetype first, qsizetype count) {
    const int cp = s.column("pulse"), cd = s.column("G_device"), cs = s.column("G_synapse"), cph = s.column("phase");
    for (qsizetype k = first; k < first + count; ++k) {
        const auto r = static_cast<std::size_t>(k);
        const double pulse = s.at(r, cp);
        pulseCurve_->graph(s.at(r, cph) < 0 ? 1 : 0)->addData(pulse, s.at(r, cd));
        pulseCurve_->graph(2)->addData(pulse, s.at(r, cs));
    }
    if (!deviceTabs_->isTabEnabled(1)) {
        deviceTabs_->setTabEnabled(1, true);
        deviceTabs_->setCurrentIndex(1);
    }
    pulseCurve_->rescaleAxes();
    const QCPRange y = pulseCurve_->yAxis->range();
    pulseCurve_->yAxis->setRange(y.lower - 0.06 * y.size(), y.upper + 0.06 * y.size());
    pulseCurve_->xAxis->setRange(-1, pulseCurve_->xAxis->range().upper + 1);
}

void AnnView::pinCurrentRun() {
    if (current_.epoch.isEmpty() && current_.sweepValue.isEmpty()) return;
    // A re-run of the same experiment replaces its overlay.
    overlays_.erase(std::remove_if(overlays_.begin(), overlays_.end(),
                                   [&](const Run& r) { return r.label == current_.label && r.sweep == current_.sweep; }),
                    overlays_.end());
    overlays_.push_back(current_);
    redraw();
}

void AnnView::clearOverlays() {
    overlays_.clear();
    redraw();
}

void AnnView::clear() {
    overlays_.clear();
    current_ = Run{};
    following_ = false;
    redraw();
}

bool AnnView::conductancePanelsShown() const { return !heatBox_->isHidden(); }

QString AnnView::omittedPanels() const { return omitted_->isHidden() ? QString() : omitted_->text(); }

void AnnView::showConductancePanels(bool runFinished) {
    bool maps = false;
    if (runner_) {
        const auto& series = runner_->series();
        auto rows = [&](int index) {
            return index >= 0 && static_cast<std::size_t>(index) < series.size() ? series[static_cast<std::size_t>(index)].rows() : 0;
        };
        maps = rows(histogramSeries_) > 0;
        for (const auto& [layer, L] : layers_) maps = maps || rows(L.series) > 0;
    }
    // While a run goes, snapshots may still come; at its end the panels stay
    // only if one came, or the device tabs have something to show.
    const bool show = !runFinished || maps || deviceTabs_->isTabEnabled(1) || deviceTabs_->isTabEnabled(2);
    heatBox_->setVisible(show);
    deviceTabs_->setVisible(show);
    // An empty row would keep its share of the height: the curves take it.
    if (auto* grid = qobject_cast<QGridLayout*>(heatBox_->parentWidget()->layout())) grid->setRowStretch(1, show ? 1 : 0);
    omitted_->setText(show ? QString()
                           : tr("Not shown for this run: the conductance map and histogram (it took no conductance "
                                "snapshot; set snapshotsPerEpoch above 0 to see them)."));
    omitted_->setVisible(!show);
}

void AnnView::redraw() {
    rebuildOverlays();
    if (dirtyMaps_) {
        updateHeatmap();
        updateHistogram();
        updateConfusion();
        dirtyMaps_ = false;
    }
    for (auto* p : plots()) p->replot(QCustomPlot::rpQueuedReplot);
}

void AnnView::rebuildOverlays() {
    // Few points: rebuilding the curves each drain is cheaper than bookkeeping.
    for (auto* p : {accuracy_, loss_, sweep_}) {
        p->clearGraphs();
        p->clearPlottables();
    }
    double maxEpoch = 1, maxLoss = 0.1, minAcc = 100;
    double sweepLo = 0, sweepHi = 1, maxSweepAcc = 101;
    bool haveSweep = false;
    auto addRun = [&](const Run& r, const QColor& c, bool current) {
        // The whole label: the legend elides it to the room it has and shows it whole on hover (LegendPlacement).
        const QString& tag = r.label;
        if (!r.sweep) {
            QCPGraph* test = accuracy_->addGraph();
            test->setName(current ? tag + tr(" (test)") : tag);
            test->setPen(QPen(c, current ? 2.0 : 1.4));
            test->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, c, Qt::white, current ? 5 : 4));
            QVector<double> e, a;
            for (int k = 0; k < r.epoch.size(); ++k)
                if (std::isfinite(r.testAcc[k])) e.push_back(r.epoch[k]), a.push_back(r.testAcc[k]);
            test->setData(e, a, true);
            for (double v : a) minAcc = std::min(minAcc, v);
            if (current) {
                QVector<double> te, ta;
                for (int k = 0; k < r.epoch.size(); ++k)
                    if (std::isfinite(r.trainAcc[k])) te.push_back(r.epoch[k]), ta.push_back(r.trainAcc[k]);
                if (!te.isEmpty()) {
                    QCPGraph* train = accuracy_->addGraph();
                    train->setName(tag + tr(" (train)"));
                    train->setPen(QPen(c, 1.2, Qt::DashLine));
                    train->setData(te, ta, true);
                    for (double v : ta) minAcc = std::min(minAcc, v);
                }
            }
            QVector<double> le, lv;
            for (int k = 0; k < r.epoch.size(); ++k)
                if (std::isfinite(r.loss[k])) le.push_back(r.epoch[k]), lv.push_back(r.loss[k]), maxLoss = std::max(maxLoss, r.loss[k]);
            QCPGraph* loss = loss_->addGraph();
            loss->setName(tag);
            loss->setPen(QPen(c, current ? 2.0 : 1.4));
            loss->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, c, Qt::white, current ? 5 : 4));
            loss->setData(le, lv, true);
            for (double x : r.epoch) maxEpoch = std::max(maxEpoch, x);
        } else {
            QCPGraph* g = sweep_->addGraph();
            g->setName(tag);
            g->setPen(QPen(c, current ? 2.0 : 1.4));
            g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, c, Qt::white, 6));
            g->setData(r.sweepValue, r.sweepMean, true);
            auto* err = new QCPErrorBars(sweep_->xAxis, sweep_->yAxis);
            err->removeFromLegend();
            err->setDataPlottable(g);
            err->setData(r.sweepStd);
            err->setPen(QPen(c, 1.2));
            for (int k = 0; k < r.sweepValue.size(); ++k) {
                sweepLo = haveSweep ? std::min(sweepLo, r.sweepValue[k]) : r.sweepValue[k];
                sweepHi = haveSweep ? std::max(sweepHi, r.sweepValue[k]) : r.sweepValue[k];
                haveSweep = true;
                minAcc = std::min(minAcc, r.sweepMean[k] - r.sweepStd[k]);
                maxSweepAcc = std::max(maxSweepAcc, r.sweepMean[k] + r.sweepStd[k] + 1);
            }
        }
    };
    for (std::size_t k = 0; k < overlays_.size(); ++k) addRun(overlays_[k], kOverlay[k % 9], false);
    if (!current_.epoch.isEmpty() || !current_.sweepValue.isEmpty() || overlays_.empty()) {
        // The current run unless it is already pinned (auto-pin after it finished).
        const bool pinned = !overlays_.empty() && overlays_.back().label == current_.label &&
                            overlays_.back().epoch == current_.epoch && overlays_.back().sweepValue == current_.sweepValue;
        if (!pinned && (!current_.epoch.isEmpty() || !current_.sweepValue.isEmpty())) addRun(current_, kCurrent, true);
    }
    accuracy_->xAxis->setRange(0, maxEpoch + 0.5);
    accuracy_->yAxis->setRange(std::max(0.0, std::floor(minAcc / 10) * 10 - 2), 101);
    loss_->xAxis->setRange(0, maxEpoch + 0.5);
    loss_->yAxis->setRange(0, maxLoss * 1.08);
    const double pad = std::max(0.05 * (sweepHi - sweepLo), 0.1);
    sweep_->xAxis->setRange(sweepLo - pad, sweepHi + pad);
    sweep_->yAxis->setRange(std::max(0.0, std::floor(minAcc / 10) * 10 - 2), maxSweepAcc);
    for (auto* p : {accuracy_, loss_, sweep_}) fitLegendColumns(p);
    if (current_.sweep && runner_ && doc_) {
        // The swept parameter's name on the axis.
        if (const auto* e = doc_->project().experiment(experimentId_.toStdString())) {
            QString name;
            if (e->contains("label") && (*e)["label"].is_string()) name = QString::fromStdString((*e)["label"].get<std::string>());
            else if (e->contains("parameter")) name = QString::fromStdString((*e)["parameter"].dump());
            if (!name.isEmpty()) sweep_->xAxis->setLabel(name);
        }
    }
}

void AnnView::updateHeatmap() {
    if (!runner_ || layerBox_->currentIndex() < 0) return;
    const int layer = layerBox_->currentData().toInt();
    const auto it = layers_.find(layer);
    if (it == layers_.end() || it->second.series < 0) return;
    const SeriesBuffer& s = runner_->series()[static_cast<std::size_t>(it->second.series)];
    const std::size_t n = s.rows();
    if (n == 0) return;
    // Snapshots arrive as whole blocks of rows x cols rows (shape from series g_layers).
    const int rows = it->second.rows, cols = it->second.cols;
    const std::size_t block = static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols);
    if (block == 0 || n < block) return;
    const std::size_t start = (n / block - 1) * block;  // the newest complete snapshot
    const double t = s.at(start, 0);
    const int q = quantityBox_->currentIndex();
    heatMap_->data()->setSize(cols, rows);
    heatMap_->data()->setRange(QCPRange(0, cols - 1), QCPRange(0, rows - 1));
    for (std::size_t k = 0; k < block; ++k) {
        const std::size_t r = start + k;
        const double gp = s.at(r, 3), gn = s.at(r, 4);
        heatMap_->data()->setCell(static_cast<int>(s.at(r, 2)), static_cast<int>(s.at(r, 1)), q == 0 ? gp : q == 1 ? gn : gp - gn);
    }
    heatMap_->rescaleDataRange(true);
    heatmap_->xAxis->setRange(-0.5, cols - 0.5);
    heatmap_->yAxis->setRange(-0.5, rows - 0.5);
    heatmapTime_ = t;
    ++heatmapUpdates_;
    heatmapLabel_->setText(tr("%1 x %2 devices, t = %3 epochs").arg(rows).arg(cols).arg(t, 0, 'f', 2));
}

void AnnView::updateHistogram() {
    if (!runner_ || histogramSeries_ < 0) return;
    const SeriesBuffer& s = runner_->series()[static_cast<std::size_t>(histogramSeries_)];
    const std::size_t n = s.rows();
    if (n == 0) return;
    const double last = s.at(n - 1, 0);
    QVector<double> g, c;
    for (std::size_t r = n; r-- > 0 && s.at(r, 0) == last;) {
        g.prepend(s.at(r, 1));
        c.prepend(s.at(r, 2));
    }
    auto* bars = static_cast<QCPBars*>(histogram_->plottable(0));
    bars->setWidth(g.size() > 1 ? (g[1] - g[0]) * 0.9 : 1e-9);
    bars->setData(g, c, true);
    histogram_->rescaleAxes();
    histogram_->yAxis->setRange(0, histogram_->yAxis->range().upper * 1.08);
}

void AnnView::updateConfusion() {
    if (!runner_ || confusionSeries_ < 0) return;
    const SeriesBuffer& s = runner_->series()[static_cast<std::size_t>(confusionSeries_)];
    const std::size_t n = s.rows();
    const int classes = static_cast<int>(std::lround(std::sqrt(static_cast<double>(n))));
    if (classes < 1 || static_cast<std::size_t>(classes * classes) != n) return;  // not all received yet
    confusionMap_->data()->setSize(classes, classes);
    confusionMap_->data()->setRange(QCPRange(0, classes - 1), QCPRange(0, classes - 1));
    confusion_->clearItems();
    double most = 0;
    for (std::size_t r = 0; r < n; ++r) most = std::max(most, s.at(r, 2));
    // Counts are written only where they fit their cell: the font shrinks to
    // 6 pt for wide counts, and a cell too small even for that shows colour only.
    QFont font = confusion_->font();
    font.setPointSize(7);
    const int cellPx = confusion_->axisRect()->width() / std::max(classes, 1);
    const QString widest = QString::number(most);
    if (QFontMetrics(font).horizontalAdvance(widest) > cellPx - 2) font.setPointSize(6);
    const bool labels = classes <= 12 && QFontMetrics(font).horizontalAdvance(widest) <= cellPx - 1;
    for (std::size_t r = 0; r < n; ++r) {
        const int t = static_cast<int>(s.at(r, 0)), p = static_cast<int>(s.at(r, 1));
        const double count = s.at(r, 2);
        confusionMap_->data()->setCell(p, t, count);
        if (count > 0 && labels) {
            auto* label = new QCPItemText(confusion_);
            label->position->setCoords(p, t);
            label->setText(QString::number(count));
            label->setFont(font);
            // Light text on the dark half of the grey scale, dark text on the light half.
            label->setColor(count > 0.5 * most ? Qt::white : Qt::black);
        }
    }
    confusionMap_->rescaleDataRange(true);
    confusion_->xAxis->setRange(-0.5, classes - 0.5);
    confusion_->yAxis->setRange(-0.5, classes - 0.5);
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(1);
    confusion_->xAxis->setTicker(ticker);
    confusion_->yAxis->setTicker(ticker);
}

QVector<QPointF> AnnView::testAccuracyCurve() const {
    QVector<QPointF> out;
    for (int k = 0; k < current_.epoch.size(); ++k) out.push_back({current_.epoch[k], current_.testAcc[k]});
    return out;
}

QVector<QPointF> AnnView::sweepCurve() const {
    QVector<QPointF> out;
    for (int k = 0; k < current_.sweepValue.size(); ++k) out.push_back({current_.sweepValue[k], current_.sweepMean[k]});
    return out;
}

bool AnnView::pulseCurveShown() const { return deviceTabs_->isTabEnabled(1) && deviceTabs_->currentIndex() == 1; }

int AnnView::confusionTotal() const {
    double total = 0;
    const int nx = confusionMap_->data()->keySize(), ny = confusionMap_->data()->valueSize();
    for (int x = 0; x < nx; ++x)
        for (int y = 0; y < ny; ++y) total += confusionMap_->data()->cell(x, y);
    return static_cast<int>(std::lround(total));
}

}  // namespace ms::gui
