// The time-series plots draw a min/max per time column (Falstad-style scope
// decimation): a user must still see every peak of a long run, the point
// count stays bounded whatever the run length, and the axes' extents equal
// those of the full data.
#include <cmath>
#include <numbers>
#include <vector>

#include <QTest>

#include "widgets/plots/MinMaxDecimator.h"

using ms::gui::MinMaxDecimator;

class TestPlotDecimation : public QObject {
    Q_OBJECT
private slots:
    void longSineKeepsItsPeaksInFewPoints() {
        MinMaxDecimator d(1000);
        const int n = 400001, cycles = 200;
        double lo = 1e9, hi = -1e9;
        for (int k = 0; k < n; ++k) {
            const double t = k * 1e-6;
            const double y = 2.0 * std::sin(2 * std::numbers::pi * cycles * k / double(n - 1)) + 0.25;
            lo = std::min(lo, y), hi = std::max(hi, y);
            d.add(t, y);
        }
        const auto pts = d.points();
        QVERIFY(pts.size() <= 2000);
        QVERIFY(pts.size() >= 500);  // still about one column per pixel of a wide plot
        double plo = 1e9, phi = -1e9;
        for (std::size_t k = 0; k < pts.size(); ++k) {
            plo = std::min(plo, pts[k].y), phi = std::max(phi, pts[k].y);
            if (k) QVERIFY(pts[k].t >= pts[k - 1].t);  // QCPGraph needs sorted keys
        }
        QCOMPARE(plo, lo);
        QCOMPARE(phi, hi);
        QCOMPARE(d.yExtent().lo, lo);
        QCOMPARE(d.yExtent().hi, hi);
        QCOMPARE(d.tExtent().hi, (n - 1) * 1e-6);
        // Every cycle's crest survives: each cycle has a drawn point near +2.25.
        std::vector<double> crest(cycles, -1e9);
        const double period = (n - 1) * 1e-6 / cycles;
        for (const auto& p : pts) {
            const int c = std::min(cycles - 1, static_cast<int>(p.t / period));
            crest[static_cast<std::size_t>(c)] = std::max(crest[static_cast<std::size_t>(c)], p.y);
        }
        for (int c = 0; c < cycles; ++c) QVERIFY2(crest[static_cast<std::size_t>(c)] > 2.24, qPrintable(QString::number(c)));
    }

    void aSingleSpikeIsNotLost() {
        MinMaxDecimator d(256);
        for (int k = 0; k < 1000000; ++k) d.add(k, k == 777777 ? 5.0 : 0.0);
        const auto pts = d.points();
        QVERIFY(pts.size() <= 512);
        bool found = false;
        for (const auto& p : pts) found |= p.y == 5.0 && p.t == 777777.0;
        QVERIFY(found);
    }

    void shortRunIsDrawnExactlyAndNonFiniteSkipped() {
        MinMaxDecimator d(4096);
        for (int k = 0; k < 100; ++k) d.add(0.1 * k, k == 50 ? std::nan("") : k * k);
        const auto pts = d.points();
        QCOMPARE(pts.size(), std::size_t(99));
        QCOMPARE(pts.back().y, 99.0 * 99.0);
        QVERIFY(d.yExtent().posLo == 1.0);
    }
};

QTEST_MAIN(TestPlotDecimation)
#include "test_plot_decimation.moc"
