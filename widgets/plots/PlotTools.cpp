#include "widgets/plots/PlotTools.h"

#include <cmath>
#include <limits>

#include <QSvgGenerator>

#include "widgets/SiFormat.h"

namespace ms::gui {

QString SiTicker::getTickLabel(double tick, const QLocale& locale, QChar formatChar, int precision) {
    if (std::fabs(tick) < 1e-300) return QStringLiteral("0");
    (void)locale, (void)formatChar, (void)precision;
    return formatSi(tick, unit_, 3).remove(' ');
}

QString SiLogTicker::getTickLabel(double tick, const QLocale& locale, QChar formatChar, int precision) {
    (void)locale, (void)formatChar, (void)precision;
    return formatSi(tick, unit_, 3).remove(' ');
}

void styleAxis(QCPAxis* axis, const QString& label, const QString& unit, bool log) {
    const QString du = displayUnit(unit);
    axis->setProperty("msUnit", unit);
    axis->setProperty("msName", label);
    axis->setLabel(du.isEmpty() || unit == "V" || unit == "A" || unit == "ohm" || unit == "s" || unit == "S"
                       ? label
                       : QStringLiteral("%1 (%2)").arg(label, du));
    if (log) {
        axis->setScaleType(QCPAxis::stLogarithmic);
        axis->setTicker(QSharedPointer<QCPAxisTicker>(new SiLogTicker(unit)));
    } else {
        axis->setScaleType(QCPAxis::stLinear);
        axis->setTicker(QSharedPointer<QCPAxisTicker>(new SiTicker(unit)));
    }
    QFont f = axis->labelFont();
    f.setPointSize(9);
    axis->setLabelFont(f);
    f.setPointSize(8);
    axis->setTickLabelFont(f);
}

void stylePlot(QCustomPlot* plot, const QString& title) {
    plot->setNoAntialiasingOnDrag(true);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot->setMinimumSize(220, 160);
    if (!title.isEmpty()) {
        plot->plotLayout()->insertRow(0);
        auto* t = new QCPTextElement(plot, title, QFont(plot->font().family(), 9, QFont::Bold));
        plot->plotLayout()->addElement(0, 0, t);
    }
    plot->legend->setFont(QFont(plot->font().family(), 8));
    plot->legend->setBrush(QColor(255, 255, 255, 220));
    plot->legend->setVisible(false);
    if (!plot->layer("cursor")) {
        plot->addLayer("cursor", plot->layer("legend"), QCustomPlot::limAbove);
        plot->layer("cursor")->setMode(QCPLayer::lmBuffered);
    }
}

bool exportPlot(QCustomPlot* plot, const QString& path, QString* error) {
    const QString lower = path.toLower();
    bool ok = false;
    if (lower.endsWith(".png")) {
        ok = plot->savePng(path, plot->width(), plot->height(), 2.0);
    } else if (lower.endsWith(".pdf")) {
        ok = plot->savePdf(path, plot->width(), plot->height());
    } else if (lower.endsWith(".svg")) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(plot->size());
        svg.setViewBox(QRect(QPoint(0, 0), plot->size()));
        svg.setTitle(QStringLiteral("Memristor Studio plot"));
        QCPPainter painter;
        ok = painter.begin(&svg);
        if (ok) {
            plot->toPainter(&painter, plot->width(), plot->height());
            painter.end();
        }
    } else {
        if (error) *error = QObject::tr("Unknown image format for %1 (use .png, .svg or .pdf)").arg(path);
        return false;
    }
    if (!ok && error) *error = QObject::tr("Could not write %1").arg(path);
    return ok;
}

void installHoverCursor(QCustomPlot* plot) {
    auto* tracer = new QCPItemTracer(plot);
    tracer->setLayer("cursor");
    tracer->setStyle(QCPItemTracer::tsCircle);
    tracer->setSize(7);
    tracer->setPen(QPen(QColor(200, 30, 30), 1.5));
    tracer->setVisible(false);
    auto* text = new QCPItemText(plot);
    text->setLayer("cursor");
    text->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    text->position->setType(QCPItemPosition::ptAxisRectRatio);
    text->position->setCoords(0.02, 0.02);
    text->setPadding(QMargins(3, 1, 3, 1));
    text->setBrush(QColor(255, 255, 255, 230));
    text->setPen(QPen(QColor(180, 180, 180)));
    text->setFont(QFont(plot->font().family(), 8));
    text->setVisible(false);
    QObject::connect(plot, &QCustomPlot::mouseMove, plot, [=](QMouseEvent* ev) {
        const QPointF mouse = ev->position();
        double best = std::numeric_limits<double>::infinity();
        double bx = 0, by = 0;
        QCPAxis *xa = nullptr, *ya = nullptr;
        for (int k = 0; k < plot->plottableCount(); ++k) {
            QCPAbstractPlottable* p = plot->plottable(k);
            if (!p->visible()) continue;
            auto consider = [&](double x, double y) {
                if (!std::isfinite(x) || !std::isfinite(y)) return;
                const double px = p->keyAxis()->coordToPixel(x), py = p->valueAxis()->coordToPixel(y);
                const double d = (px - mouse.x()) * (px - mouse.x()) + (py - mouse.y()) * (py - mouse.y());
                if (d < best) {
                    best = d, bx = x, by = y, xa = p->keyAxis(), ya = p->valueAxis();
                }
            };
            if (auto* g = qobject_cast<QCPGraph*>(p)) {
                // Graph data are sorted by key: look near the mouse's key only.
                const double key = g->keyAxis()->pixelToCoord(mouse.x());
                auto it = g->data()->findBegin(key);
                for (int n = 0; n < 3 && it != g->data()->constEnd(); ++n, ++it) consider(it->key, it->value);
            } else if (auto* c = qobject_cast<QCPCurve*>(p)) {
                const int step = std::max(1, c->data()->size() / 20000);
                for (int i = 0; i < c->data()->size(); i += step) {
                    const auto d = c->data()->at(i);
                    consider(d->key, d->value);
                }
            }
        }
        const bool show = std::isfinite(best) && best < 40.0 * 40.0;
        tracer->setVisible(show);
        text->setVisible(show);
        if (show) {
            tracer->position->setAxes(xa, ya);
            tracer->position->setCoords(bx, by);
            text->setText(QStringLiteral("%1 = %2\n%3 = %4")
                              .arg(xa->property("msName").toString(), formatSi(bx, xa->property("msUnit").toString()),
                                   ya->property("msName").toString(), formatSi(by, ya->property("msUnit").toString())));
        }
        plot->layer("cursor")->replot();
    });
}

}  // namespace ms::gui
