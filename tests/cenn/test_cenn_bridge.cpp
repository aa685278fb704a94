// Templates on 4M bridge synapses: the bridge mapping inverts the 4M cell's
// weight formula, ideal bridges reproduce the ideal CeNN pixel for pixel, and
// device-to-device variation degrades the output monotonically in a seeded sweep.
#include <QtTest>

#include <cmath>

#include "CennTestImages.h"
#include "core/cenn/BridgeTemplate.h"
#include "core/cenn/Images.h"

using namespace ms::cenn;

namespace {

using cenn_test::differing;
using cenn_test::runWith;

}  // namespace

class TestCennBridge : public QObject {
    Q_OBJECT
private slots:
    void programmedBridgeHitsItsWeight() {
        const double wMax = maxBridgeWeight(100, 16e3);
        QVERIFY(std::fabs(wMax - 15900.0 / 16100.0) < 1e-15);
        for (double w : {-wMax, -0.5, -0.01, 0.0, 0.3, wMax}) {
            const Bridge b = programBridge(w, 100, 16e3);
            QVERIFY(std::fabs(bridgeWeight(b) - w) < 1e-14);
            for (double m : b) QVERIFY(m >= 100 - 1e-9 && m <= 16e3 + 1e-9);
        }
        // The 4M formula itself: M2/(M1+M2) - M4/(M3+M4).
        QVERIFY(std::fabs(bridgeWeight({1e3, 3e3, 2e3, 2e3}) - (0.75 - 0.5)) < 1e-15);
    }

    void idealBridgesReproduceTheIdealCenn() {
        Image u;
        QVERIFY(builtinImage("square_with_hole", u));
        for (const auto& info : templateLibrary().all()) {
            BridgeOptions o;  // no variation, continuous levels
            const RealisedTemplate real = realise(info.tmpl, o);
            for (int k = 0; k < 9; ++k) {
                QVERIFY(std::fabs(real.tmpl.A[k] - info.tmpl.A[k]) < 1e-12);
                QVERIFY(std::fabs(real.tmpl.B[k] - info.tmpl.B[k]) < 1e-12);
            }
            QVERIFY(std::fabs(real.tmpl.z - info.tmpl.z) < 1e-12);
            const Result ideal = runWith(info, info.tmpl, u), bridged = runWith(info, real.tmpl, u);
            QVERIFY2(differing(ideal.y, bridged.y) == 0, info.id.c_str());
            for (std::size_t i = 0; i < ideal.y.v.size(); ++i) QVERIFY(std::fabs(ideal.y.v[i] - bridged.y.v[i]) < 1e-9);
        }
    }

    // Seeded sweep: the same normal draws scaled by 0, 5, 10, 20 %.
    void variationDegradesMonotonically() {
        Image u;
        QVERIFY(builtinImage("digits_3", u));
        const TemplateInfo& info = *templateLibrary().find("edge_detection");
        const Image ideal = runWith(info, info.tmpl, u).y;
        int previous = -1;
        double previousWeightError = -1;
        std::vector<int> errors;
        for (double sigma : {0.0, 0.05, 0.10, 0.20}) {
            int total = 0;
            double weightError = 0;
            for (std::uint64_t seed = 1; seed <= 8; ++seed) {
                BridgeOptions o;
                o.variation = sigma;
                o.seed = seed;
                const Template real = realise(info.tmpl, o).tmpl;
                for (int k = 0; k < 9; ++k) weightError += std::fabs(real.B[k] - info.tmpl.B[k]);
                weightError += std::fabs(real.A[4] - info.tmpl.A[4]) + std::fabs(real.z - info.tmpl.z);
                total += differing(ideal, runWith(info, real, u).y);
            }
            // The weights move strictly further from the template as sigma grows.
            if (sigma > 0) QVERIFY(weightError > previousWeightError);
            previousWeightError = weightError;
            errors.push_back(total);
            QVERIFY2(total >= previous, ("errors fell at sigma " + std::to_string(sigma)).c_str());
            previous = total;
        }
        qInfo("edge_detection on digits_3, 8 seeds: differing pixels at 0/5/10/20 %%: %d %d %d %d", errors[0], errors[1],
              errors[2], errors[3]);
        QCOMPARE(errors.front(), 0);
        QVERIFY(errors.back() > errors.front());
    }

    void quantisedLevelsChangeWeights() {
        const TemplateInfo& info = *templateLibrary().find("edge_detection");
        BridgeOptions o;
        o.levels = 4;
        const RealisedTemplate real = realise(info.tmpl, o);
        double err = 0;
        for (int k = 0; k < 9; ++k) err = std::max(err, std::fabs(real.tmpl.B[k] - info.tmpl.B[k]));
        QVERIFY(err > 1e-3);
        for (const Bridge& b : real.bridges)
            for (double m : b) {
                const double step = (16e3 - 100) / 3;
                const double k = (m - 100) / step;
                QVERIFY(std::fabs(k - std::round(k)) < 1e-9);
            }
    }
};

QTEST_APPLESS_MAIN(TestCennBridge)
#include "test_cenn_bridge.moc"
