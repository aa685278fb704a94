#include "widgets/snn/PavlovView.h"

#include <algorithm>
#include <cmath>

#include <QHBoxLayout>
#include <QHeaderView>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include "widgets/ExperimentRunner.h"
#include "widgets/FiguresTable.h"
#include "widgets/SiFormat.h"
#include "widgets/plots/PlotTools.h"

namespace ms::gui {

namespace {

// Phase codes of the "trials" series (core/snn/experiments/PavlovMemory.h).
const char* const kPhaseNames[] = {"test", "acquisition", "extinction", "relearning"};
const QColor kPhaseShade[] = {QColor(225, 225, 225, 110), QColor(150, 215, 150, 90), QColor(235, 160, 150, 90),
                              QColor(150, 185, 235, 90)};

QString phaseName(int code) {
    return code >= 0 && code < 4 ? QString::fromLatin1(kPhaseNames[code]) : QStringLiteral("?");
}

QCPGraph* addLine(QCPAxisRect* r, const QString& name, const QColor& colour, double width = 1.2) {
    QCPGraph* g = r->parentPlot()->addGraph(r->axis(QCPAxis::atBottom), r->axis(QCPAxis::atLeft));
    g->setName(name);
    g->setPen(QPen(colour, width));
    g->setAdaptiveSampling(true);
    return g;
}

// y range of the graphs of `r` over their data, padded, never empty.
void fitValues(QCPAxisRect* r) {
    bool any = false;
    QCPRange all;
    for (QCPGraph* g : r->graphs()) {
        if (g->valueAxis() != r->axis(QCPAxis::atLeft)) continue;
        bool found = false;
        const QCPRange range = g->getValueRange(found);
        if (!found) continue;
        all = any ? QCPRange(std::min(all.lower, range.lower), std::max(all.upper, range.upper)) : range;
        any = true;
    }
    if (!any) return;
    double pad = 0.08 * all.size();
    if (pad <= 0) pad = std::max(1e-12, 0.1 * std::fabs(all.upper));
    r->axis(QCPAxis::atLeft)->setRange(all.lower - pad, all.upper + pad);
}

}  // namespace

PavlovView::PavlovView(DocumentModel* document, QWidget* parent) : ResultView(parent) {
    Q_UNUSED(document);
    plot_ = new QCustomPlot(this);
    stylePlot(plot_, tr("Bell, food and the bell synapse over the protocol"));
    plot_->addLayer("phases", plot_->layer("grid"), QCustomPlot::limBelow);

    // Three panels stacked under the title, one time axis (only the bottom
    // one labelled), left edges aligned by a margin group.
    auto* margins = new QCPMarginGroup(plot_);
    rects_[0] = plot_->axisRect();
    for (int k = 1; k < 3; ++k) {
        rects_[k] = new QCPAxisRect(plot_);
        plot_->plotLayout()->addElement(k + 1, 0, rects_[k]);
    }
    const char* labels[3][2] = {{"input", "V"}, {"G", "S"}, {"v_m", "V"}};
    const char* quantities[3] = {"bell, food", "bell synapse", "output membrane"};
    for (int k = 0; k < 3; ++k) {
        QCPAxisRect* r = rects_[k];
        r->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
        r->setRangeDrag(Qt::Horizontal);
        r->setRangeZoom(Qt::Horizontal);
        styleAxis(r->axis(QCPAxis::atLeft), labels[k][1] == QString("S") ? "G" : labels[k][0], labels[k][1], false,
                  quantities[k]);
        styleAxis(r->axis(QCPAxis::atBottom), "t", "s", false, k == 2 ? tr("time") : QString());
        r->axis(QCPAxis::atBottom)->setTickLabels(k == 2);
        if (k < 2) r->axis(QCPAxis::atBottom)->setLabel(QString());
        connect(r->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
                [this, k](const QCPRange& range) {
                    for (int j = 0; j < 3; ++j)
                        if (j != k && rects_[j]->axis(QCPAxis::atBottom)->range() != range)
                            rects_[j]->axis(QCPAxis::atBottom)->setRange(range);
                });
    }
    plot_->plotLayout()->setRowStretchFactor(0, 0.01);

    // Food pulses coincide with bell pulses: food is a wide band drawn first,
    // so it shows around the bell line instead of under it.
    food_ = addLine(rects_[0], tr("food"), QColor(60, 170, 60, 170), 4.0);
    bell_ = addLine(rects_[0], tr("bell"), QColor(200, 120, 0));
    feedback_ = addLine(rects_[0], tr("feedback"), QColor(120, 60, 170), 1.0);
    g_ = addLine(rects_[1], tr("G"), QColor(30, 90, 200), 1.6);
    vm_ = addLine(rects_[2], tr("v_m"), QColor(60, 60, 60), 1.0);
    // Spikes: a marker at the top of the membrane panel (right axis, 0..1).
    QCPAxis* marks = rects_[2]->axis(QCPAxis::atRight);
    marks->setRange(0, 1);
    spikes_ = plot_->addGraph(rects_[2]->axis(QCPAxis::atBottom), marks);
    spikes_->setName(tr("output spikes"));
    spikes_->setLineStyle(QCPGraph::lsNone);
    spikes_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssTriangleInverted, QColor(200, 30, 30), 6));
    // G and v_m are named by their axes; the legend is a strip under the
    // title, where it covers no data (LegendPlacement then only fits columns).
    g_->removeFromLegend();
    vm_->removeFromLegend();
    plot_->legend->setVisible(true);
    plot_->axisRect()->insetLayout()->take(plot_->legend);
    plot_->axisRect()->insetLayout()->simplify();
    plot_->plotLayout()->insertRow(1);
    plot_->plotLayout()->addElement(1, 0, plot_->legend);
    plot_->plotLayout()->setRowStretchFactor(1, 0.001);
    plot_->legend->setBorderPen(Qt::NoPen);
    plot_->legend->setBrush(Qt::NoBrush);
    plot_->legend->setProperty("msLegendMovedOut", true);
    plot_->addLayer("phaseLabels", plot_->layer("main"), QCustomPlot::limAbove);

    trials_ = new QTableWidget(0, 4, this);
    trials_->setHorizontalHeaderLabels({tr("Phase"), tr("Spikes"), tr("G end"), tr("Bell alone")});
    trials_->horizontalHeaderItem(3)->setToolTip(tr("On trials without food: did the bell alone make the output fire?"));
    trials_->verticalHeader()->setDefaultSectionSize(18);
    trials_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    trials_->horizontalHeader()->setStretchLastSection(true);
    trials_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    trials_->setToolTip(tr("One row per trial. Bell alone: on trials without food, whether the output fired"));
    figures_ = new FiguresTable(this);

    auto* side = new QWidget(this);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(trials_, 3);
    sideLayout->addWidget(figures_, 2);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(plot_);
    split->addWidget(side);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    side->setMinimumWidth(300);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(split);
}

QList<QCustomPlot*> PavlovView::plots() const { return {plot_}; }

QCPGraph* PavlovView::graph(const QString& id) const {
    if (id == "bell") return bell_;
    if (id == "food") return food_;
    if (id == "feedback") return feedback_;
    if (id == "G") return g_;
    if (id == "v_m") return vm_;
    if (id == "spikes") return spikes_;
    return nullptr;
}

void PavlovView::clear() {
    for (QCPGraph* g : {bell_, food_, feedback_, g_, vm_, spikes_}) g->data()->clear();
    for (QCPAbstractItem* item : bandItems_) plot_->removeItem(item);
    bandItems_.clear();
    bands_ = 0;
    trials_->setRowCount(0);
    figures_->clearFigures();
    timelineRows_ = spikeRows_ = trialRows_ = 0;
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void PavlovView::follow(ExperimentRunner* runner) { followRuns(runner, kindIds(), figures_, [this] { redraw(); }); }

void PavlovView::redraw() {
    if (!runner()) return;
    for (const auto& s : runner()->series()) {
        if (s.id == QLatin1String("timeline")) addTimeline(s);
        else if (s.id == QLatin1String("spikes")) addSpikes(s);
        else if (s.id == QLatin1String("trials") && s.rows() != trialRows_) setTrials(s);
    }
    bool found = false;
    const QCPRange t = g_->getKeyRange(found);
    if (found) rects_[2]->axis(QCPAxis::atBottom)->setRange(t);  // the others follow
    for (QCPAxisRect* r : rects_) fitValues(r);
    // Room above the pulses for the phase names.
    QCPAxis* inputs = rects_[0]->axis(QCPAxis::atLeft);
    inputs->setRangeUpper(inputs->range().upper + 0.25 * inputs->range().size());
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void PavlovView::addTimeline(const SeriesBuffer& s) {
    const int t = s.column("t"), bell = s.column("bell"), food = s.column("food"), fb = s.column("feedback"),
              g = s.column("G"), vm = s.column("v_m");
    if (t < 0 || bell < 0 || food < 0 || fb < 0 || g < 0 || vm < 0) return;
    for (; timelineRows_ < s.rows(); ++timelineRows_) {
        const std::size_t r = timelineRows_;
        const double time = s.at(r, t);
        bell_->addData(time, s.at(r, bell));
        food_->addData(time, s.at(r, food));
        feedback_->addData(time, s.at(r, fb));
        g_->addData(time, s.at(r, g));
        vm_->addData(time, s.at(r, vm));
    }
}

void PavlovView::addSpikes(const SeriesBuffer& s) {
    const int t = s.column("t");
    if (t < 0) return;
    for (; spikeRows_ < s.rows(); ++spikeRows_) spikes_->addData(s.at(spikeRows_, t), 0.93);
}

void PavlovView::setTrials(const SeriesBuffer& s) {
    const int stage = s.column("stage"), phase = s.column("phase"), food = s.column("food"), bell = s.column("bell"),
              t0 = s.column("t_start"), t1 = s.column("t_end"), g = s.column("G_end"), spikes = s.column("spikes"),
              responds = s.column("responds");
    if (stage < 0 || phase < 0 || t0 < 0 || t1 < 0 || g < 0 || spikes < 0 || responds < 0 || bell < 0 || food < 0)
        return;
    trialRows_ = s.rows();
    trials_->setRowCount(static_cast<int>(trialRows_));
    for (std::size_t r = 0; r < trialRows_; ++r) {
        const bool withBell = s.at(r, bell) != 0, withFood = s.at(r, food) != 0;
        const QString stimulus = withBell && withFood ? tr("bell + food")
                                 : withBell           ? tr("bell")
                                 : withFood           ? tr("food")
                                                      : tr("none");
        const double answer = s.at(r, responds);
        const QString respond = answer < 0 ? QStringLiteral("–") : answer > 0 ? tr("yes") : tr("no");
        const QStringList cells = {phaseName(static_cast<int>(s.at(r, phase))),
                                   QString::number(static_cast<int>(s.at(r, spikes))),
                                   formatSi(s.at(r, g), QStringLiteral("S"), 3), respond};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (c == 0) {
                item->setBackground(kPhaseShade[std::clamp(static_cast<int>(s.at(r, phase)), 0, 3)]);
                item->setToolTip(stimulus);
            }
            if (c == 3 && answer >= 0) item->setForeground(answer > 0 ? QColor(20, 130, 20) : QColor(180, 30, 30));
            trials_->setItem(static_cast<int>(r), c, item);
        }
    }
    trials_->scrollToBottom();

    // One band per protocol stage, from its first trial's start to its last trial's end.
    for (QCPAbstractItem* item : bandItems_) plot_->removeItem(item);
    bandItems_.clear();
    bands_ = 0;
    std::size_t first = 0;
    for (std::size_t r = 1; r <= trialRows_; ++r)
        if (r == trialRows_ || s.at(r, stage) != s.at(first, stage)) {
            addBand(s.at(first, t0), s.at(r - 1, t1), static_cast<int>(s.at(first, phase)), static_cast<int>(r - first));
            first = r;
        }
}

void PavlovView::addBand(double t0, double t1, int phase, int trials) {
    for (int k = 0; k < 3; ++k) {
        QCPAxisRect* r = rects_[k];
        auto* band = new QCPItemRect(plot_);
        band->setLayer("phases");
        band->setClipAxisRect(r);
        band->setPen(Qt::NoPen);
        band->setBrush(kPhaseShade[std::clamp(phase, 0, 3)]);
        for (QCPItemPosition* p : {band->topLeft, band->bottomRight}) {
            p->setAxes(r->axis(QCPAxis::atBottom), r->axis(QCPAxis::atLeft));
            p->setAxisRect(r);
            p->setTypeX(QCPItemPosition::ptPlotCoords);
            p->setTypeY(QCPItemPosition::ptAxisRectRatio);
        }
        band->topLeft->setCoords(t0, 0);
        band->bottomRight->setCoords(t1, 1);
        bandItems_ << band;
    }
    // The name along the time axis, at the top of the inputs panel.
    auto* label = new QCPItemText(plot_);
    label->setLayer("phaseLabels");
    label->setBrush(QColor(255, 255, 255, 200));
    label->setPadding(QMargins(3, 1, 3, 1));
    label->setClipAxisRect(rects_[0]);
    label->position->setAxes(rects_[0]->axis(QCPAxis::atBottom), rects_[0]->axis(QCPAxis::atLeft));
    label->position->setAxisRect(rects_[0]);
    label->position->setTypeX(QCPItemPosition::ptPlotCoords);
    label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    label->position->setCoords(0.5 * (t0 + t1), 0.02);
    label->setPositionAlignment(Qt::AlignTop | Qt::AlignHCenter);
    label->setFont(QFont(plot_->font().family(), 8));
    label->setColor(QColor(70, 70, 70));
    label->setText(trials > 1 ? QStringLiteral("%1 ×%2").arg(phaseName(phase)).arg(trials) : phaseName(phase));
    bandItems_ << label;
    ++bands_;
}

}  // namespace ms::gui
