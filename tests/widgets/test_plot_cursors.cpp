// Pinned plot cursors: two clicks give both points and the differences a user
// reads off a loop (Δv, Δi and the chord slope Δi/Δv), and on a trace the
// measurements between them (mean, RMS, p-p, integral, period).
#include <QtTest>

#include <cmath>
#include <memory>
#include <qcustomplot.h>

#include "widgets/plots/PlotCursors.h"
#include "widgets/plots/PlotTools.h"

using ms::gui::PlotCursors;

class TestPlotCursors : public QObject {
    Q_OBJECT
private:
    // A 100 µS conductance: i = 1e-4 v over -1 .. 1 V.
    static QCustomPlot* conductancePlot() {
        auto* plot = new QCustomPlot;
        plot->resize(500, 400);
        ms::gui::stylePlot(plot, "test");
        ms::gui::styleAxis(plot->xAxis, "v", "V");
        ms::gui::styleAxis(plot->yAxis, "i", "A");
        QCPGraph* g = plot->addGraph();
        for (int k = -20; k <= 20; ++k) g->addData(k / 20.0, 1e-4 * k / 20.0);  // samples ~20 px apart
        plot->xAxis->setRange(-1.1, 1.1);
        plot->yAxis->setRange(-1.1e-4, 1.1e-4);
        plot->replot();
        return plot;
    }
    static QPointF at(QCustomPlot* p, double x, double y) {
        return {p->xAxis->coordToPixel(x), p->yAxis->coordToPixel(y)};
    }

private slots:
    void twoPinsGiveDifferencesAndSlope() {
        std::unique_ptr<QCustomPlot> plot(conductancePlot());
        auto* cursors = new PlotCursors(plot.get());
        QVERIFY(cursors->pinNearest(at(plot.get(), -0.5, -0.5e-4) + QPointF(3, 2)));  // a few pixels off still snaps
        QCOMPARE(cursors->pinnedCount(), 1);
        QVERIFY2(cursors->readout().contains("A: v = -500 mV, i = -50 µA"), qPrintable(cursors->readout()));
        QVERIFY(cursors->pinNearest(at(plot.get(), 0.75, 0.75e-4)));
        QCOMPARE(cursors->pinnedCount(), 2);
        const QString r = cursors->readout();
        QVERIFY2(r.contains("B: v = 750 mV, i = 75 µA"), qPrintable(r));
        QVERIFY2(r.contains("Δv = 1.25 V, Δi = 125 µA"), qPrintable(r));
        QVERIFY2(r.contains("Δi/Δv = 0.0001 A/V"), qPrintable(r));  // the 100 µS slope
        // A third pin starts a new pair; clearing removes the readout.
        QVERIFY(cursors->pinNearest(at(plot.get(), 0.0, 0.0)));
        QCOMPARE(cursors->pinnedCount(), 1);
        cursors->clearPins();
        QCOMPARE(cursors->pinnedCount(), 0);
        QVERIFY(cursors->readout().isEmpty());
    }

    void twoPinsOnATraceMeasureIt() {
        // i(t) = 1 mA sin(2 pi 10 Hz t) over two periods: between the cursors
        // the readout measures it as a waveform viewer's .meas would.
        auto plot = std::make_unique<QCustomPlot>();
        plot->resize(600, 400);
        ms::gui::stylePlot(plot.get(), "test");
        ms::gui::styleAxis(plot->xAxis, "t", "s");
        ms::gui::styleAxis(plot->yAxis, "i", "A");
        QCPGraph* g = plot->addGraph();
        g->setName("i(M1)");
        for (int k = 0; k <= 2000; ++k) g->addData(0.2 * k / 2000, 1e-3 * std::sin(2 * M_PI * 10 * 0.2 * k / 2000));
        plot->xAxis->setRange(-0.01, 0.21);
        plot->yAxis->setRange(-1.1e-3, 1.1e-3);
        plot->replot();
        auto* cursors = new PlotCursors(plot.get());
        QVERIFY(cursors->pinNearest(at(plot.get(), 0.0, 0.0)));
        QVERIFY(cursors->pinNearest(at(plot.get(), 0.2, 0.0)));
        QString r = cursors->readout();
        QVERIFY2(r.contains("i(M1) from A to B: mean") && r.contains("RMS 707.1 µA"), qPrintable(r));  // 1 mA / sqrt 2
        QVERIFY2(r.contains("p-p 2 mA") && r.contains("period 100 ms"), qPrintable(r));
        // Half a cycle: the charge 2 * 1 mA / (2 pi 10 Hz) = 31.83 µC, in coulombs.
        QVERIFY(cursors->pinNearest(at(plot.get(), 0.0, 0.0)));
        QVERIFY(cursors->pinNearest(at(plot.get(), 0.05, 0.0)));
        r = cursors->readout();
        QVERIFY2(r.contains("∫ = 31.83 µC"), qPrintable(r));
    }

    void clickFarFromDataPinsNothing() {
        std::unique_ptr<QCustomPlot> plot(conductancePlot());
        auto* cursors = new PlotCursors(plot.get());
        QVERIFY(!cursors->pinNearest(at(plot.get(), -0.8, 0.8e-4)));
        QCOMPARE(cursors->pinnedCount(), 0);
    }
};

QTEST_MAIN(TestPlotCursors)
#include "test_plot_cursors.moc"
