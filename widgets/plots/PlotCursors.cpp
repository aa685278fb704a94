#include "widgets/plots/PlotCursors.h"

#include <cmath>
#include <limits>
#include <utility>

#include <qcustomplot.h>

#include "widgets/SiFormat.h"

namespace ms::gui {

namespace {
QString axisName(const QCPAxis* a) { return a->property("msName").toString(); }
QString axisUnit(const QCPAxis* a) { return a->property("msUnit").toString(); }

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
                n = {true, x, y, p->keyAxis(), p->valueAxis()};
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
        readout_->setText(lines.join('\n'));
    }
    plot_->layer("cursor")->replot();
}

}  // namespace ms::gui
