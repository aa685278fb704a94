#include "widgets/plots/LegendPlacement.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <QHelpEvent>
#include <QToolTip>
#include <qcustomplot.h>

namespace ms::gui {

namespace {

constexpr int kMaxSamples = 3000;  // per plottable: placement stays cheap at 1e5 points

bool segmentHits(const QPointF& a, const QPointF& b, const QRectF& r) {
    if (r.contains(a) || r.contains(b)) return true;
    const QLineF s(a, b);
    const QLineF edges[4] = {{r.topLeft(), r.topRight()}, {r.topRight(), r.bottomRight()},
                             {r.bottomRight(), r.bottomLeft()}, {r.bottomLeft(), r.topLeft()}};
    for (const QLineF& e : edges)
        if (s.intersects(e, nullptr) == QLineF::BoundedIntersection) return true;
    return false;
}

bool finitePoint(const QPointF& p) { return std::isfinite(p.x()) && std::isfinite(p.y()); }

// Points of one data container as pixels, every step-th, with whether lines join them.
template <typename Container>
int countContainer(const Container& data, QCPAxis* keyAxis, QCPAxis* valueAxis, bool lines, const QRectF& r) {
    const int n = data->size();
    if (n == 0) return 0;
    const int step = std::max(1, n / kMaxSamples);
    int hits = 0;
    QPointF prev;
    bool havePrev = false;
    for (int i = 0; i < n; i += step) {
        const auto it = data->at(i);
        const QPointF p(keyAxis->coordToPixel(it->key), valueAxis->coordToPixel(it->value));
        if (!finitePoint(p) || !std::isfinite(it->key) || !std::isfinite(it->value)) {
            havePrev = false;
            continue;
        }
        if (lines && havePrev ? segmentHits(prev, p, r) : r.contains(p)) ++hits;
        prev = p;
        havePrev = true;
    }
    return hits;
}

int countPlottable(QCPAbstractPlottable* p, const QRectF& r) {
    if (!p->visible()) return 0;
    if (auto* g = qobject_cast<QCPGraph*>(p))
        return countContainer(g->data(), g->keyAxis(), g->valueAxis(), g->lineStyle() != QCPGraph::lsNone, r);
    if (auto* c = qobject_cast<QCPCurve*>(p))
        return countContainer(c->data(), c->keyAxis(), c->valueAxis(), c->lineStyle() != QCPCurve::lsNone, r);
    if (auto* b = qobject_cast<QCPBars*>(p)) {
        int hits = 0;
        for (auto it = b->data()->constBegin(); it != b->data()->constEnd(); ++it) {
            const double base = b->valueAxis()->coordToPixel(b->valueAxis()->scaleType() == QCPAxis::stLogarithmic
                                                                  ? b->valueAxis()->range().lower
                                                                  : 0.0);
            const QPointF top(b->keyAxis()->coordToPixel(it->key), b->valueAxis()->coordToPixel(it->value));
            const double half = std::max(1.0, std::fabs(b->keyAxis()->coordToPixel(it->key + b->width() / 2) - top.x()));
            if (QRectF(QPointF(top.x() - half, std::min(base, top.y())), QPointF(top.x() + half, std::max(base, top.y()))).intersects(r))
                ++hits;
        }
        return hits;
    }
    if (auto* m = qobject_cast<QCPColorMap*>(p)) {
        if (m->data()->isEmpty()) return 0;
        const QCPRange k = m->data()->keyRange(), v = m->data()->valueRange();
        const QRectF area = QRectF(QPointF(m->keyAxis()->coordToPixel(k.lower), m->valueAxis()->coordToPixel(v.lower)),
                                   QPointF(m->keyAxis()->coordToPixel(k.upper), m->valueAxis()->coordToPixel(v.upper)))
                                .normalized();
        return area.intersects(r) ? m->data()->keySize() * m->data()->valueSize() : 0;
    }
    return 0;
}

constexpr std::array<Qt::Alignment, 4> kCorners = {Qt::AlignTop | Qt::AlignRight, Qt::AlignTop | Qt::AlignLeft,
                                                   Qt::AlignBottom | Qt::AlignRight, Qt::AlignBottom | Qt::AlignLeft};

QRectF cornerRect(const QRect& area, const QSize& size, Qt::Alignment corner) {
    const double x = corner.testFlag(Qt::AlignLeft) ? area.left() : area.right() - size.width();
    const double y = corner.testFlag(Qt::AlignTop) ? area.top() : area.bottom() - size.height();
    return QRectF(x, y, size.width(), size.height());
}

}  // namespace

LegendPlacement::LegendPlacement(QCustomPlot* plot) : QObject(plot), plot_(plot) {
    connect(plot, &QCustomPlot::beforeReplot, this, &LegendPlacement::place);
    plot->installEventFilter(this);
}

int LegendPlacement::dataInside(QCustomPlot* plot, const QRectF& r) {
    int hits = 0;
    for (int k = 0; k < plot->plottableCount(); ++k) hits += countPlottable(plot->plottable(k), r);
    return hits;
}

void LegendPlacement::elideNames() {
    QCPLegend* legend = plot_->legend;
    const bool inset = plot_->axisRect() && plot_->axisRect()->insetLayout()->elements(false).contains(legend);
    const int room = inset ? std::max(80, int(plot_->axisRect()->width() * 0.45))
                           : std::max(80, plot_->viewport().width() - 60);
    const QFontMetrics fm(legend->font());
    for (int i = 0; i < legend->itemCount(); ++i) {
        auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(i));
        if (!item) continue;
        QCPAbstractPlottable* p = item->plottable();
        // A name the view set since we last elided it is the new full name.
        if (p->name() != p->property("msElidedName").toString()) p->setProperty("msFullName", p->name());
        const QString full = p->property("msFullName").toString();
        const QString shown = fm.elidedText(full, Qt::ElideRight, room);
        p->setProperty("msElidedName", shown);
        if (p->name() != shown) p->setName(shown);
    }
}

void LegendPlacement::place() {
    QCPLegend* legend = plot_->legend;
    QCPAxisRect* rect = plot_->axisRect();
    if (placing_ || !legend || !rect || !legend->visible() || legend->itemCount() == 0) return;
    placing_ = true;
    elideNames();
    QCPLayoutInset* inset = rect->insetLayout();
    const int index = inset->elements(false).indexOf(legend);
    if (index >= 0 && inset->insetPlacement(index) == QCPLayoutInset::ipBorderAligned) {
        // The axis rect as this replot will lay it out, so pixels are current.
        plot_->plotLayout()->setOuterRect(plot_->viewport());
        plot_->plotLayout()->update(QCPLayoutElement::upPreparation);
        plot_->plotLayout()->update(QCPLayoutElement::upMargins);
        plot_->plotLayout()->update(QCPLayoutElement::upLayout);
        // The inset layout keeps its elements off the axis rect's edges by its
        // margins (12 px by default): the corners are those of what is left.
        const QRect area = rect->rect().marginsRemoved(inset->margins());
        const QSize size = legend->minimumOuterSizeHint();
        if (area.width() > 2 * size.width() / 3 && area.height() > size.height()) {
            const Qt::Alignment current = inset->insetAlignment(index);
            const int here = dataInside(plot_, cornerRect(area, size, current));
            if (here > 0) {
                int best = here;
                Qt::Alignment bestCorner = current;
                for (Qt::Alignment c : kCorners) {
                    const int n = dataInside(plot_, cornerRect(area, size, c));
                    if (n < best) best = n, bestCorner = c;
                }
                if (best == 0) {
                    inset->setInsetAlignment(index, bestCorner);
                } else {  // data in every corner: a strip under the axis rect
                    inset->take(legend);
                    inset->simplify();
                    const int row = plot_->plotLayout()->rowCount();
                    plot_->plotLayout()->addElement(row, 0, legend);
                    plot_->plotLayout()->setRowStretchFactor(row, 0.001);
                    legend->setBorderPen(Qt::NoPen);
                    legend->setBrush(Qt::NoBrush);
                    legend->setProperty("msLegendMovedOut", true);
                    elideNames();  // the strip has more room than a corner had
                    fitColumns();
                }
            }
        }
    } else if (legend->property("msLegendMovedOut").toBool()) {
        fitColumns();
    }
    placing_ = false;
}

void LegendPlacement::fitColumns() {
    QCPLegend* legend = plot_->legend;
    const QFontMetrics fm(legend->font());
    int widest = 0;
    for (int i = 0; i < legend->itemCount(); ++i)
        if (auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(i)))
            widest = std::max(widest, fm.horizontalAdvance(item->plottable()->name()));
    const int entry = widest + legend->iconSize().width() + legend->iconTextPadding() + legend->columnSpacing() + 12;
    const int columns = std::clamp((plot_->viewport().width() - 10) / std::max(1, entry), 1, legend->itemCount());
    if (legend->wrap() != columns || legend->fillOrder() != QCPLayoutGrid::foColumnsFirst) {
        legend->setWrap(columns);
        legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);  // re-place the entries in the new grid
    }
}

QString LegendPlacement::fullNameAt(const QPointF& pos) const {
    QCPLegend* legend = plot_->legend;
    if (!legend || !legend->visible()) return {};
    for (int i = 0; i < legend->itemCount(); ++i) {
        auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(i));
        if (item && item->outerRect().contains(pos.toPoint())) {
            const QString full = item->plottable()->property("msFullName").toString();
            return full.isEmpty() ? item->plottable()->name() : full;
        }
    }
    return {};
}

bool LegendPlacement::eventFilter(QObject* watched, QEvent* event) {
    if (watched == plot_ && event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString full = fullNameAt(help->pos());
        if (!full.isEmpty()) {
            QToolTip::showText(help->globalPos(), full, plot_);
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

}  // namespace ms::gui
