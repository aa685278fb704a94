#include "widgets/plots/PlotCursors.h"

#include <cmath>
#include <limits>
#include <utility>

#include <qcustomplot.h>

#include "core/common/Errors.h"
#include "core/common/WaveformMeasures.h"
#include "widgets/SiFormat.h"
#include "widgets/plots/LegendPlacement.h"

namespace ms::gui {

namespace {
QString axisName(const QCPAxis* a) { return a->property("msName").toString(); }
QString axisUnit(const QCPAxis* a) { return a->property("msUnit").toString(); }

// The unit of the integral of y over x: current over time is charge,
// voltage over time is flux linkage (review Fig. 1A's q and phi).
QString integralUnit(const QString& yUnit, const QString& xUnit) {
    if (xUnit == "s" && yUnit == "A") return "C";
    if (xUnit == "s" && yUnit == "V") return "Wb";
    if (xUnit.isEmpty()) return yUnit;
    return (yUnit.isEmpty() ? QStringLiteral("1") : yUnit) + "·" + xUnit;
}

QCPItemText* makeLabel(QCustomPlot* plot) {
    auto* text = new QCPItemText(plot);
    text->setLayer("cursor");
    text->setPadding(QMargins(3, 1, 3, 1));
    text->setBrush(QColor(255, 255, 255, 230));
    text->setPen(QPen(QColor(180, 180, 180)));
    text->setFont(QFont(plot->font().family(), 8));
    text->setVisible(false);
    return text;
}
}  // namespace

PlotCursors::PlotCursors(QCustomPlot* plot) : QObject(plot), plot_(plot) {
    if (!plot->layer("cursor")) {
        plot->addLayer("cursor", plot->layer("legend"), QCustomPlot::limAbove);
        plot->layer("cursor")->setMode(QCPLayer::lmBuffered);
    }
    hover_ = new QCPItemTracer(plot);
    hover_->setLayer("cursor");
    hover_->setStyle(QCPItemTracer::tsCircle);
    hover_->setSize(7);
    hover_->setPen(QPen(QColor(200, 30, 30), 1.5));
    hover_->setVisible(false);
    hoverText_ = makeLabel(plot);
    hoverText_->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    hoverText_->position->setType(QCPItemPosition::ptAxisRectRatio);
    hoverText_->position->setCoords(0.02, 0.02);
    const QColor pinColour[2] = {QColor(20, 120, 20), QColor(120, 20, 160)};
    for (int k = 0; k < 2; ++k) {
        pins_[k] = new QCPItemTracer(plot);
        pins_[k]->setLayer("cursor");
        pins_[k]->setStyle(QCPItemTracer::tsCrosshair);
        pins_[k]->setPen(QPen(pinColour[k], 1.0, Qt::DashLine));
        pins_[k]->setVisible(false);
        pinLabels_[k] = makeLabel(plot);
        pinLabels_[k]->setText(k == 0 ? "A" : "B");
        pinLabels_[k]->setColor(pinColour[k]);
        pinLabels_[k]->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        pinLabels_[k]->position->setParentAnchor(pins_[k]->position);
        pinLabels_[k]->position->setCoords(4, -4);
    }
    readout_ = makeLabel(plot);
    readout_->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    readout_->position->setType(QCPItemPosition::ptAxisRectRatio);
    readout_->position->setCoords(0.98, 0.98);
    readout_->setTextAlignment(Qt::AlignLeft);

    connect(plot, &QCustomPlot::mouseMove, this, &PlotCursors::onMove);
    connect(plot, &QCustomPlot::mousePress, this, [this](QMouseEvent* e) { pressPos_ = e->position(); });
    // A double click resets the view (PlotNavigation): undo the pin its first
    // click made and ignore its second release.
    connect(plot, &QCustomPlot::mouseDoubleClick, this, [this](QMouseEvent* e) {
        if (e->button() != Qt::LeftButton) return;
        if (pinned_ > 0) {
            --pinned_;
            pins_[pinned_]->setVisible(false);
            pinLabels_[pinned_]->setVisible(false);
            updateReadout();
        }
        ignoreRelease_ = true;
    });
    connect(plot, &QCustomPlot::mouseRelease, this, [this](QMouseEvent* e) {
        if (std::exchange(ignoreRelease_, false)) return;
        // A click, not the end of a pan.
        if ((e->position() - pressPos_).manhattanLength() > 4) return;
        if (e->button() == Qt::RightButton) clearPins();
        else if (e->button() == Qt::LeftButton) pinNearest(e->position());
    });
    plot->setFocusPolicy(Qt::ClickFocus);
    plot->installEventFilter(this);
}

PlotCursors::Nearest PlotCursors::nearest(const QPointF& mouse) const {
    Nearest n;
    double best = std::numeric_limits<double>::infinity();
    for (int k = 0; k < plot_->plottableCount(); ++k) {
        QCPAbstractPlottable* p = plot_->plottable(k);
        if (!p->visible()) continue;
        auto consider = [&](double x, double y) {
            if (!std::isfinite(x) || !std::isfinite(y)) return;
            const double px = p->keyAxis()->coordToPixel(x), py = p->valueAxis()->coordToPixel(y);
            const double d = (px - mouse.x()) * (px - mouse.x()) + (py - mouse.y()) * (py - mouse.y());
            if (d < best) {
                best = d;
                n = {true, x, y, p->keyAxis(), p->valueAxis(), p};
            }
        };
        if (auto* g = qobject_cast<QCPGraph*>(p)) {
            // Graph data are sorted by key: look near the mouse's key only.
            const double key = g->keyAxis()->pixelToCoord(mouse.x());
            auto it = g->data()->findBegin(key);
            for (int m = 0; m < 3 && it != g->data()->constEnd(); ++m, ++it) consider(it->key, it->value);
        } else if (auto* c = qobject_cast<QCPCurve*>(p)) {
            const int step = std::max(1, c->data()->size() / 20000);
            for (int i = 0; i < c->data()->size(); i += step) {
                const auto d = c->data()->at(i);
                consider(d->key, d->value);
            }
        }
    }
    if (!(best < 40.0 * 40.0)) n.found = false;
    return n;
}

void PlotCursors::onMove(QMouseEvent* event) {
    const Nearest n = nearest(event->position());
    hover_->setVisible(n.found);
    hoverText_->setVisible(n.found && pinned_ == 0);
    if (n.found) {
        hover_->position->setAxes(n.xAxis, n.yAxis);
        hover_->position->setCoords(n.x, n.y);
        hoverText_->setText(QStringLiteral("%1 = %2\n%3 = %4")
                                .arg(axisName(n.xAxis), formatSi(n.x, axisUnit(n.xAxis)), axisName(n.yAxis),
                                     formatSi(n.y, axisUnit(n.yAxis))));
    }
    plot_->layer("cursor")->replot();
}

bool PlotCursors::pinNearest(const QPointF& pos) {
    const Nearest n = nearest(pos);
    if (!n.found) return false;
    if (pinned_ == 2) clearPins();
    pinnedAt_[pinned_] = n;
    pins_[pinned_]->position->setAxes(n.xAxis, n.yAxis);
    pins_[pinned_]->position->setCoords(n.x, n.y);
    pins_[pinned_]->setVisible(true);
    pinLabels_[pinned_]->setVisible(true);
    ++pinned_;
    updateReadout();
    return true;
}

void PlotCursors::clearPins() {
    pinned_ = 0;
    for (int k = 0; k < 2; ++k) {
        pins_[k]->setVisible(false);
        pinLabels_[k]->setVisible(false);
    }
    updateReadout();
}

bool PlotCursors::eventFilter(QObject* watched, QEvent* event) {
    if (watched == plot_ && event->type() == QEvent::KeyPress && static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape &&
        pinned_ > 0) {
        clearPins();
        return true;
    }
    return QObject::eventFilter(watched, event);
}

QString PlotCursors::readout() const { return pinned_ ? readout_->text() : QString(); }

void PlotCursors::updateReadout() {
    readout_->setVisible(pinned_ > 0);
    hoverText_->setVisible(false);
    if (pinned_ > 0) {
        QStringList lines;
        for (int k = 0; k < pinned_; ++k) {
            const Nearest& p = pinnedAt_[k];
            lines << QStringLiteral("%1: %2 = %3, %4 = %5")
                         .arg(k == 0 ? "A" : "B", axisName(p.xAxis), formatSi(p.x, axisUnit(p.xAxis)), axisName(p.yAxis),
                              formatSi(p.y, axisUnit(p.yAxis)));
        }
        if (pinned_ == 2) {
            const Nearest &a = pinnedAt_[0], &b = pinnedAt_[1];
            const double dx = b.x - a.x, dy = b.y - a.y;
            const QString xu = axisUnit(a.xAxis), yu = axisUnit(b.yAxis);
            lines << QStringLiteral("Δ%1 = %2, Δ%3 = %4").arg(axisName(a.xAxis), formatSi(dx, xu), axisName(b.yAxis), formatSi(dy, yu));
            // The slope is only meaningful on one pair of axes.
            if (a.xAxis == b.xAxis && a.yAxis == b.yAxis && dx != 0.0)
                lines << QStringLiteral("Δ%1/Δ%2 = %3").arg(axisName(a.yAxis), axisName(a.xAxis),
                                                          QString::number(dy / dx, 'g', 4) +
                                                              (yu.isEmpty() && xu.isEmpty() ? QString()
                                                                                            : QStringLiteral(" %1/%2").arg(yu.isEmpty() ? "1" : yu, xu.isEmpty() ? "1" : xu)));
        }
        if (pinned_ == 2) lines << measureLines();
        readout_->setText(lines.join('\n'));
        placeReadout();
    }
    plot_->layer("cursor")->replot();
}

// The readout goes to the corner of the axis rect the data cross least, as
// the legend does (LegendPlacement), so a long measurement does not hide the
// trace it measures.
void PlotCursors::placeReadout() {
    QCPAxisRect* rect = pinnedAt_[0].xAxis ? pinnedAt_[0].xAxis->axisRect() : plot_->axisRect();
    if (!rect) return;
    readout_->position->setAxisRect(rect);
    const QMargins pad = readout_->padding();
    const QSize size = QFontMetrics(readout_->font()).boundingRect(QRect(), Qt::AlignLeft, readout_->text()).size() +
                       QSize(pad.left() + pad.right() + 2, pad.top() + pad.bottom() + 2);
    const QRect area = rect->rect().adjusted(4, 4, -4, -4);
    int best = -1;
    for (const Qt::Alignment corner : {Qt::AlignBottom | Qt::AlignRight, Qt::AlignTop | Qt::AlignRight,
                                       Qt::AlignTop | Qt::AlignLeft, Qt::AlignBottom | Qt::AlignLeft}) {
        const bool left = corner.testFlag(Qt::AlignLeft), top = corner.testFlag(Qt::AlignTop);
        const QRectF box(left ? area.left() : area.right() - size.width(), top ? area.top() : area.bottom() - size.height(),
                         size.width(), size.height());
        const int n = LegendPlacement::dataInside(plot_, box);
        if (best >= 0 && n >= best) continue;
        best = n;
        readout_->setPositionAlignment(corner);
        readout_->position->setCoords(left ? 0.02 : 0.98, top ? 0.02 : 0.98);
    }
}

QStringList PlotCursors::measureLines() const {
    const Nearest &a = pinnedAt_[0], &b = pinnedAt_[1];
    // Only a trace that is a function of x (a graph, not a loop) has a
    // waveform between two x positions.
    auto* g = qobject_cast<QCPGraph*>(a.plottable);
    if (!g || a.plottable != b.plottable || a.x == b.x) return {};
    std::vector<double> x, y;
    x.reserve(static_cast<std::size_t>(g->data()->size()));
    y.reserve(x.capacity());
    for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
        if (std::isfinite(it->key) && std::isfinite(it->value)) x.push_back(it->key), y.push_back(it->value);
    ms::WaveformMeasures m;
    try {
        m = ms::measureWaveform(x, y, a.x, b.x);
    } catch (const ms::InputError&) {
        return {};
    }
    const QString xu = axisUnit(a.xAxis), yu = axisUnit(a.yAxis);
    const QString name = g->name().isEmpty() ? axisName(a.yAxis) : g->name();
    QStringList lines;
    lines << QStringLiteral("%1 from A to B: mean %2, RMS %3").arg(name, formatSi(m.mean, yu), formatSi(m.rms, yu));
    lines << QStringLiteral("min %1, max %2, p-p %3").arg(formatSi(m.min, yu), formatSi(m.max, yu), formatSi(m.peakToPeak, yu));
    QStringList timing{QStringLiteral("∫ = %1").arg(formatSi(m.integral, integralUnit(yu, xu)))};
    if (std::isfinite(m.riseTime)) timing << QStringLiteral("rise %1").arg(formatSi(m.riseTime, xu));
    if (std::isfinite(m.fallTime)) timing << QStringLiteral("fall %1").arg(formatSi(m.fallTime, xu));
    if (std::isfinite(m.period)) timing << QStringLiteral("period %1").arg(formatSi(m.period, xu));
    lines << timing.join(", ");
    return lines;
}

}  // namespace ms::gui
