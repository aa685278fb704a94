#include "widgets/plots/PlotTools.h"

#include "widgets/plots/PlotCursors.h"
#include "widgets/plots/PlotNavigation.h"

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

void styleAxis(QCPAxis* axis, const QString& label, const QString& unit, bool log, const QString& quantity) {
    const QString du = displayUnit(unit);
    axis->setProperty("msUnit", unit);
    axis->setProperty("msName", label);
    const QString name = quantity.isEmpty() ? label : quantity + ' ' + label;
    // Tick labels carry V, A, Ω, s and S with their prefixes; other units go in the label.
    axis->setLabel(du.isEmpty() || unit == "V" || unit == "A" || unit == "ohm" || unit == "s" || unit == "S"
                       ? name
                       : QStringLiteral("%1 (%2)").arg(name, du));
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
    installPlotNavigation(plot);
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

PlotCursors* installHoverCursor(QCustomPlot* plot) { return new PlotCursors(plot); }

}  // namespace ms::gui
