#include "widgets/plots/PlotNavigation.h"

#include <cmath>

#include <QRubberBand>
#include <qcustomplot.h>

#include "widgets/SiFormat.h"
#include "widgets/plots/LegendPlacement.h"

namespace ms::gui {

namespace {

// The axis's symbol as styleAxis() set it, else its label.
QString axisName(const QCPAxis* a) {
    const QString n = a->property("msName").toString();
    return n.isEmpty() ? a->label() : n;
}

QString axisValue(const QCPAxis* a, double v) {
    const QVariant unit = a->property("msUnit");
    return unit.isValid() ? formatSi(v, unit.toString()) : QString::number(v, 'g', 4);
}

}  // namespace

PlotNavigation::PlotNavigation(QCustomPlot* plot) : QObject(plot), plot_(plot) {
    plot->setProperty("msNavigation", QVariant::fromValue<QObject*>(this));
    plot->setMouseTracking(true);
    plot->installEventFilter(this);
    connect(plot, &QCustomPlot::mouseDoubleClick, this, [this](QMouseEvent* e) {
        if (e->button() != Qt::LeftButton) return;
        resetView(plot_);
        plot_->replot(QCustomPlot::rpQueuedReplot);
    });
}

void PlotNavigation::resetView(QCustomPlot* plot) {
    for (QCPAxisRect* rect : plot->axisRects()) {
        for (QCPAxis* axis : rect->axes()) {
            QCPRange range;
            bool found = false;
            for (QCPAbstractPlottable* p : axis->plottables()) {
                if (!p->visible()) continue;
                bool ok = false;
                const QCP::SignDomain sign =
                    axis->scaleType() == QCPAxis::stLogarithmic ? QCP::sdPositive : QCP::sdBoth;
                const QCPRange r = p->keyAxis() == axis ? p->getKeyRange(ok, sign) : p->getValueRange(ok, sign);
                if (!ok || !std::isfinite(r.lower) || !std::isfinite(r.upper)) continue;
                if (!found) range = r;
                else range.expand(r);
                found = true;
            }
            if (!found) continue;
            if (range.size() <= 0) {  // one value: a window around it
                const double half = range.lower == 0 ? 1.0 : std::fabs(range.lower) * 0.05;
                range = QCPRange(range.lower - half, range.upper + half);
            } else if (axis->scaleType() == QCPAxis::stLinear) {
                const double pad = range.size() * 0.03;
                range = QCPRange(range.lower - pad, range.upper + pad);
            }
            axis->setRange(range);
        }
    }
}

void PlotNavigation::zoomTo(const QRect& pixels) {
    QCPAxisRect* rect = plot_->axisRectAt(pixels.center());
    if (!rect || pixels.width() < 4 || pixels.height() < 4) return;
    for (QCPAxis* a : rect->axes()) {
        const bool horizontal = a->orientation() == Qt::Horizontal;
        const double c0 = a->pixelToCoord(horizontal ? pixels.left() : pixels.top());
        const double c1 = a->pixelToCoord(horizontal ? pixels.right() : pixels.bottom());
        a->setRange(QCPRange(std::min(c0, c1), std::max(c0, c1)));
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

QString PlotNavigation::heatmapReadout(const QPointF& pos) const {
    for (int k = plot_->plottableCount() - 1; k >= 0; --k) {
        auto* map = qobject_cast<QCPColorMap*>(plot_->plottable(k));
        if (!map || !map->visible() || map->data()->isEmpty()) continue;
        if (!map->keyAxis()->axisRect()->rect().contains(pos.toPoint())) continue;
        const double key = map->keyAxis()->pixelToCoord(pos.x()), value = map->valueAxis()->pixelToCoord(pos.y());
        QCPColorMapData* d = map->data();
        int ki = 0, vi = 0;
        d->coordToCell(key, value, &ki, &vi);
        if (ki < 0 || vi < 0 || ki >= d->keySize() || vi >= d->valueSize()) continue;
        // coordToCell clamps nothing but rounds: refuse positions half a cell beyond the edge.
        double ck = 0, cv = 0;
        d->cellToCoord(ki, vi, &ck, &cv);
        const double cellK = d->keySize() > 1 ? d->keyRange().size() / (d->keySize() - 1) : 1.0;
        const double cellV = d->valueSize() > 1 ? d->valueRange().size() / (d->valueSize() - 1) : 1.0;
        if (std::fabs(key - ck) > 0.5 * cellK + 1e-12 || std::fabs(value - cv) > 0.5 * cellV + 1e-12) continue;
        QString name = map->name(), unit;
        if (QCPColorScale* scale = map->colorScale()) {
            QString scaleName = scale->axis()->property("msName").toString();
            if (scaleName.isEmpty()) scaleName = scale->axis()->label();
            if (!scaleName.isEmpty()) name = scaleName;
            unit = scale->axis()->property("msUnit").toString();
        }
        if (name.isEmpty()) name = tr("value");
        return QStringLiteral("%1 = %2, %3 = %4\n%5 = %6")
            .arg(axisName(map->valueAxis()), axisValue(map->valueAxis(), cv), axisName(map->keyAxis()),
                 axisValue(map->keyAxis(), ck), name, formatSi(d->cell(ki, vi), unit));
    }
    return {};
}

void PlotNavigation::showHeatmapHover(const QPointF& pos) {
    const QString text = heatmapReadout(pos);
    if (text.isEmpty() && !heatText_) return;
    if (!heatText_) {
        if (!plot_->layer("cursor")) {
            plot_->addLayer("cursor", plot_->layer("legend"), QCustomPlot::limAbove);
            plot_->layer("cursor")->setMode(QCPLayer::lmBuffered);
        }
        heatText_ = new QCPItemText(plot_);
        heatText_->setLayer("cursor");
        heatText_->setClipToAxisRect(false);
        heatText_->setPadding(QMargins(3, 1, 3, 1));
        heatText_->setBrush(QColor(255, 255, 255, 235));
        heatText_->setPen(QPen(QColor(150, 150, 150)));
        heatText_->setFont(QFont(plot_->font().family(), 8));
        heatText_->setTextAlignment(Qt::AlignLeft);
        heatText_->position->setType(QCPItemPosition::ptAbsolute);
    }
    heatText_->setVisible(!text.isEmpty());
    if (!text.isEmpty()) {
        heatText_->setText(text);
        // Beside the pointer, on the side with room.
        const bool right = pos.x() < plot_->width() * 0.6, below = pos.y() < plot_->height() * 0.6;
        heatText_->setPositionAlignment((right ? Qt::AlignLeft : Qt::AlignRight) | (below ? Qt::AlignTop : Qt::AlignBottom));
        heatText_->position->setCoords(pos.x() + (right ? 14 : -8), pos.y() + (below ? 14 : -8));
    }
    plot_->layer("cursor")->replot();
}

bool PlotNavigation::eventFilter(QObject* watched, QEvent* event) {
    if (watched != plot_) return QObject::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        auto* e = static_cast<QMouseEvent*>(event);
        if (e->button() == Qt::RightButton) {
            bandOrigin_ = e->position().toPoint();
            banding_ = true;
        }
        break;
    }
    case QEvent::MouseMove: {
        auto* e = static_cast<QMouseEvent*>(event);
        if (banding_ && (e->buttons() & Qt::RightButton)) {
            const QRect r = QRect(bandOrigin_, e->position().toPoint()).normalized();
            if (r.width() + r.height() > 6) {
                if (!band_) band_ = new QRubberBand(QRubberBand::Rectangle, plot_);
                band_->setGeometry(r);
                band_->show();
            }
        } else {
            showHeatmapHover(e->position());
        }
        break;
    }
    case QEvent::MouseButtonRelease: {
        auto* e = static_cast<QMouseEvent*>(event);
        if (e->button() == Qt::RightButton && banding_) {
            banding_ = false;
            if (band_ && band_->isVisible()) {
                band_->hide();
                zoomTo(band_->geometry());
                return true;  // a zoom, not a click (that clears cursors)
            }
        }
        break;
    }
    case QEvent::Leave:
        if (heatText_ && heatText_->visible()) {
            heatText_->setVisible(false);
            plot_->layer("cursor")->replot();
        }
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

PlotNavigation* installPlotNavigation(QCustomPlot* plot) {
    if (auto* existing = qobject_cast<PlotNavigation*>(plot->property("msNavigation").value<QObject*>())) return existing;
    new LegendPlacement(plot);
    return new PlotNavigation(plot);
}

}  // namespace ms::gui
