// Plot hygiene shared by every studio plot (issue 15): a double click resets
// the view, a right-drag zooms to its rubber band, hovering over a heatmap
// gives the cell's value with its unit, legends move off the data and elide
// long names, figures beyond double range read ∞, and every figure key the
// example projects report has a human name.
#include <cmath>
#include <limits>

#include <QFile>
#include <QtTest>
#include <qcustomplot.h>

#include "widgets/FigureNames.h"
#include "widgets/FiguresTable.h"
#include "widgets/SiFormat.h"
#include "widgets/plots/LegendPlacement.h"
#include "widgets/plots/PlotNavigation.h"
#include "widgets/plots/PlotTools.h"

using namespace ms::gui;

class TestPlotHygiene : public QObject {
    Q_OBJECT
private:
    static std::unique_ptr<QCustomPlot> linePlot() {
        auto plot = std::make_unique<QCustomPlot>();
        plot->resize(500, 400);
        stylePlot(plot.get(), "test");
        styleAxis(plot->xAxis, "t", "s");
        styleAxis(plot->yAxis, "v", "V");
        QCPGraph* g = plot->addGraph();
        for (int k = 0; k <= 100; ++k) g->addData(k * 0.01, std::sin(k * 0.1));
        plot->xAxis->setRange(0, 1);
        plot->yAxis->setRange(-1, 1);
        plot->replot();
        return plot;
    }
    static void send(QWidget* w, QEvent::Type type, QPoint pos, Qt::MouseButton button, Qt::MouseButtons buttons) {
        QMouseEvent e(type, pos, w->mapToGlobal(pos), button, buttons, Qt::NoModifier);
        QApplication::sendEvent(w, &e);
    }

private slots:
    void doubleClickResetsTheView() {
        auto plot = linePlot();
        plot->show();
        QVERIFY(QTest::qWaitForWindowExposed(plot.get()));
        plot->xAxis->setRange(0.4, 0.45);  // as after a wheel zoom
        plot->yAxis->setRange(5, 6);
        plot->replot();
        QTest::mouseDClick(plot.get(), Qt::LeftButton, Qt::NoModifier, plot->axisRect()->rect().center());
        QVERIFY2(plot->xAxis->range().lower <= 0.0 && plot->xAxis->range().upper >= 1.0,
                 qPrintable(QStringLiteral("x %1 .. %2").arg(plot->xAxis->range().lower).arg(plot->xAxis->range().upper)));
        QVERIFY(plot->yAxis->range().lower <= -0.99 && plot->yAxis->range().upper >= 0.99);
        QVERIFY(plot->yAxis->range().upper < 1.5);  // to the data, not beyond it
    }

    void rightDragZoomsToTheRubberBand() {
        auto plot = linePlot();
        plot->show();
        QVERIFY(QTest::qWaitForWindowExposed(plot.get()));
        const QPoint a(int(plot->xAxis->coordToPixel(0.2)), int(plot->yAxis->coordToPixel(0.5)));
        const QPoint b(int(plot->xAxis->coordToPixel(0.6)), int(plot->yAxis->coordToPixel(-0.5)));
        send(plot.get(), QEvent::MouseButtonPress, a, Qt::RightButton, Qt::RightButton);
        send(plot.get(), QEvent::MouseMove, (a + b) / 2, Qt::NoButton, Qt::RightButton);
        send(plot.get(), QEvent::MouseMove, b, Qt::NoButton, Qt::RightButton);
        send(plot.get(), QEvent::MouseButtonRelease, b, Qt::RightButton, Qt::NoButton);
        QVERIFY2(std::fabs(plot->xAxis->range().lower - 0.2) < 0.01 && std::fabs(plot->xAxis->range().upper - 0.6) < 0.01,
                 qPrintable(QStringLiteral("x %1 .. %2").arg(plot->xAxis->range().lower).arg(plot->xAxis->range().upper)));
        QVERIFY(std::fabs(plot->yAxis->range().lower + 0.5) < 0.02 && std::fabs(plot->yAxis->range().upper - 0.5) < 0.02);
    }

    void heatmapHoverGivesValueAndUnit() {
        QCustomPlot plot;
        plot.resize(500, 400);
        stylePlot(&plot, "map");
        plot.xAxis->setLabel("column");
        plot.yAxis->setLabel("row");
        auto* map = new QCPColorMap(plot.xAxis, plot.yAxis);
        map->data()->setSize(4, 3);
        map->data()->setRange(QCPRange(0, 3), QCPRange(0, 2));
        for (int j = 0; j < 4; ++j)
            for (int i = 0; i < 3; ++i) map->data()->setCell(j, i, 1e-6 * (10 * i + j + 1));
        auto* scale = new QCPColorScale(&plot);
        plot.plotLayout()->addElement(1, 1, scale);
        map->setColorScale(scale);
        styleAxis(scale->axis(), "G", "S");
        plot.rescaleAxes();
        plot.replot();
        auto* nav = installPlotNavigation(&plot);
        const QPointF cell(plot.xAxis->coordToPixel(2), plot.yAxis->coordToPixel(1));  // i = 1, j = 2: 13 µS
        const QString text = nav->heatmapReadout(cell);
        QVERIFY2(text.contains("G = 13 µS"), qPrintable(text));
        QVERIFY2(text.contains("row = 1") && text.contains("column = 2"), qPrintable(text));
        QVERIFY(nav->heatmapReadout(QPointF(2, 2)).isEmpty());  // outside the axis rect
    }

    void legendLeavesTheCornersWithData() {
        QCustomPlot plot;
        plot.resize(500, 400);
        stylePlot(&plot, "corners");
        // Data in three corners (top left, top right, bottom left); the bottom right is empty.
        const double xs[3] = {0.05, 0.95, 0.05}, ys[3] = {0.95, 0.95, 0.05};
        for (int c = 0; c < 3; ++c) {
            QCPGraph* g = plot.addGraph();
            g->setName(QStringLiteral("cluster %1").arg(c));
            g->setLineStyle(QCPGraph::lsNone);
            g->setScatterStyle(QCPScatterStyle::ssDisc);
            for (int k = 0; k < 40; ++k) g->addData(xs[c] + 0.1 * (k % 7) / 7 - 0.05, ys[c] + 0.1 * (k / 7) / 6 - 0.05);
        }
        plot.xAxis->setRange(0, 1);
        plot.yAxis->setRange(0, 1);
        plot.legend->setVisible(true);  // top right by default: over the data
        plot.replot();
        plot.replot();
        QCOMPARE(LegendPlacement::dataInside(&plot, plot.legend->outerRect()), 0);
        QCOMPARE(plot.axisRect()->insetLayout()->insetAlignment(0), Qt::AlignBottom | Qt::AlignRight);
        // Data in all four corners: the legend leaves the axis rect.
        QCPGraph* g = plot.addGraph();
        g->setName("cluster 3");
        for (int k = 0; k < 40; ++k) g->addData(0.9 + 0.1 * (k % 7) / 7, 0.1 * (k / 7) / 6);
        plot.replot();
        plot.replot();
        QVERIFY(!plot.axisRect()->insetLayout()->elements(false).contains(plot.legend));
        QVERIFY(!plot.axisRect()->rect().intersects(plot.legend->outerRect()));
    }

    // The legend sits inside the axis rect's inset margins (12 px from its
    // edges), and data there is data under the legend: a line 30 px below the
    // top of the axis rect passes under a top-right legend, not above it.
    void legendSeesDataInsideTheInsetMargins() {
        QCustomPlot plot;
        plot.resize(400, 300);
        stylePlot(&plot, "margins");
        QCPGraph* g = plot.addGraph();
        g->setName("level");
        plot.xAxis->setRange(0, 1);
        plot.yAxis->setRange(0, 1);
        plot.legend->setVisible(true);  // top right by default
        plot.replot();
        const double y = plot.yAxis->pixelToCoord(plot.axisRect()->rect().top() + 30);
        g->setData({0.0, 1.0}, {y, y});
        plot.replot();
        plot.replot();
        QVERIFY2(LegendPlacement::dataInside(&plot, plot.legend->outerRect()) == 0,
                 qPrintable(QStringLiteral("legend %1,%2 %3x%4 over the line at pixel %5")
                                .arg(plot.legend->outerRect().left()).arg(plot.legend->outerRect().top())
                                .arg(plot.legend->outerRect().width()).arg(plot.legend->outerRect().height())
                                .arg(plot.yAxis->coordToPixel(y))));
    }

    void longLegendNamesAreElidedWithTheFullNameOnHover() {
        QCustomPlot plot;
        plot.resize(400, 300);
        stylePlot(&plot, QString());
        const QString full = "Ag:a-Si, on/off 10, nonlinearity 2.4 LTP / -4.88 LTD, 97 levels, read noise 1 %";
        QCPGraph* g = plot.addGraph();
        g->setName(full);
        g->addData(0, 0);
        g->addData(1, 1);
        plot.legend->setVisible(true);
        auto* placement = plot.findChild<LegendPlacement*>();
        QVERIFY(placement);
        plot.replot();
        QVERIFY2(g->name().size() < full.size() && g->name().endsWith(QChar(0x2026)), qPrintable(g->name()));
        // Elided, not cut at the plot's edge (the viewport: the plot is never shown here).
        QVERIFY2(plot.legend->outerRect().right() <= plot.viewport().right(),
                 qPrintable(QStringLiteral("legend right %1, plot right %2").arg(plot.legend->outerRect().right()).arg(plot.viewport().right())));
        QCOMPARE(placement->fullNameAt(plot.legend->item(0)->outerRect().center()), full);
        g->setName("short");  // a new name from the view is taken as the full name
        plot.replot();
        QCOMPARE(g->name(), QStringLiteral("short"));
    }

    void infiniteFiguresReadInfinityWithANote() {
        const double inf = std::numeric_limits<double>::infinity();
        QCOMPARE(formatSi(inf, "ohm"), QStringLiteral("∞ Ω"));
        QCOMPARE(formatSi(-inf, ""), QStringLiteral("−∞"));
        QCOMPARE(formatSi(0.0, "ohm"), QStringLiteral("0 Ω"));
        QVERIFY2(!formatSi(1.8e296, "ohm").contains("TΩ"), qPrintable(formatSi(1.8e296, "ohm")));
        QCOMPARE(formatSi(16e3, "ohm"), QStringLiteral("16 kΩ"));
        FiguresTable table;
        table.addFigure("r_max", inf, "ohm");
        QVERIFY2(table.item(0, 1)->text().startsWith("∞ Ω"), qPrintable(table.item(0, 1)->text()));
        QVERIFY(!table.item(0, 1)->toolTip().isEmpty());
        QCOMPARE(table.item(0, 0)->text(), QStringLiteral("R max"));
    }

    void everyExampleFigureKeyHasAHumanName() {
        // tests/widgets/data/example_figure_keys.txt: the figure keys of every
        // example's summary.json (memstudio-cli run projects/X.json --out DIR).
        QFile f(QStringLiteral(MS_SOURCE_DIR "/tests/widgets/data/example_figure_keys.txt"));
        QVERIFY(f.open(QIODevice::ReadOnly | QIODevice::Text));
        QStringList unnamed;
        int keys = 0;
        for (const QByteArray& line : f.readAll().split('\n')) {
            const QString key = QString::fromUtf8(line).trimmed();
            if (key.isEmpty() || key.startsWith('#')) continue;
            ++keys;
            if (!figureNameKnown(key)) unnamed << key;
        }
        QVERIFY(keys > 50);
        QVERIFY2(unnamed.isEmpty(), qPrintable("no human name for: " + unnamed.join(", ")));
        QCOMPARE(figureName("elmore_delay"), QStringLiteral("Elmore delay (worst cell)"));
        QCOMPARE(figureName("read_margin_worst"), QStringLiteral("Read margin (worst case)"));
        QCOMPARE(figureName("100 Hz:r_max"), QStringLiteral("100 Hz: R max"));
        QCOMPARE(figureName("spikes@regular_spiking"), QStringLiteral("Spikes @ regular_spiking"));
    }
};

QTEST_MAIN(TestPlotHygiene)
#include "test_plot_hygiene.moc"
