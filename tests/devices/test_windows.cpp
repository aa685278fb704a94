// Window functions against their formulas (docs/device-models.md §1) at the edges
// and inside, including the defects the reference lists in public code.
#include <QtTest>

#include <cmath>

#include "core/devices/KvatinskyWindow.h"
#include "core/devices/ModelRegistry.h"

using namespace ms;

namespace {
std::unique_ptr<WindowFunction> make(const std::string& id, const ParamValues& p = {}) {
    const WindowInfo* info = windowRegistry().find(id);
    if (!info) return nullptr;
    return info->create(withDefaults(info->params, p));
}
}  // namespace

class WindowTest : public QObject {
    Q_OBJECT
private slots:
    void registryHasEveryWindow() {
        for (const char* id : {"none", "strukov", "joglekar", "biolek", "prodromakis"})
            QVERIFY2(windowRegistry().find(id), id);
    }
    // The engine keeps the distance to a bound precise exactly for the
    // windows that declare themselves zero at both edges; the declaration
    // must match the formula: zero at 0 and 1 for both current signs, with a
    // nonzero slope (so the approach is exponential, not finite-time).
    void zeroAtBothEdgesMatchesTheFormula() {
        const std::pair<const char*, ParamValues> cases[] = {{"none", {}},          {"strukov", {}},
                                                             {"joglekar", {{"p", 1}}}, {"joglekar", {{"p", 3}}},
                                                             {"biolek", {{"p", 1}}}, {"prodromakis", {{"p", 0.5}}},
                                                             {"prodromakis", {{"p", 2}, {"j", 3}}}};
        for (const auto& [id, p] : cases) {
            auto w = make(id, p);
            bool zero = true;
            for (double i : {1e-3, -1e-3}) {
                zero = zero && w->value(0.0, i) == 0.0 && w->value(1.0, i) == 0.0;
                if (w->zeroAtBothEdges()) {
                    QVERIFY2(w->value(1e-6, i) / 1e-6 > 0.1 && w->value(1 - 1e-6, i) / 1e-6 > 0.1, id);
                }
            }
            QVERIFY2(zero == w->zeroAtBothEdges(), id);
        }
    }
    void none() {
        auto w = make("none");
        for (double x : {0.0, 0.3, 1.0}) QCOMPARE(w->value(x, 1e-3), 1.0);
    }
    void strukov() {
        auto w = make("strukov");
        QCOMPARE(w->value(0.0, 1), 0.0);
        QCOMPARE(w->value(1.0, 1), 0.0);
        QCOMPARE(w->value(0.5, 1), 0.25);
        QVERIFY(std::fabs(w->value(0.3, -1) - 0.21) < 1e-15);
    }
    void joglekarZeroAtBothEdges() {
        for (double p : {1.0, 2.0, 7.0}) {
            auto w = make("joglekar", {{"p", p}});
            QCOMPARE(w->value(0.0, 1.0), 0.0);
            QCOMPARE(w->value(1.0, 1.0), 0.0);
            QCOMPARE(w->value(0.0, -1.0), 0.0);
            QCOMPARE(w->value(1.0, -1.0), 0.0);
            QCOMPARE(w->value(0.5, 1.0), 1.0);
            // 1 - (2x - 1)^(2p); MemTorch's (1 - (2x - 1))^(2p) would give 1.5^(2p) here.
            QVERIFY(std::fabs(w->value(0.25, 1.0) - (1.0 - std::pow(0.5, 2 * p))) < 1e-15);
            QVERIFY(std::fabs(w->value(0.9, -1.0) - (1.0 - std::pow(0.8, 2 * p))) < 1e-15);
        }
    }
    void biolekZeroOnlyAtTheEdgeApproached() {
        for (double p : {1.0, 2.0}) {
            auto w = make("biolek", {{"p", p}});
            // i > 0 moves x up: zero at x = 1, one at x = 0.
            QCOMPARE(w->value(1.0, 1e-3), 0.0);
            QCOMPARE(w->value(0.0, 1e-3), 1.0);
            // i < 0 moves x down: zero at x = 0, one at x = 1 (Xyce's stp(i) swaps these).
            QCOMPARE(w->value(0.0, -1e-3), 0.0);
            QCOMPARE(w->value(1.0, -1e-3), 1.0);
            QVERIFY(std::fabs(w->value(0.3, 1e-3) - (1.0 - std::pow(0.3, 2 * p))) < 1e-15);
            QVERIFY(std::fabs(w->value(0.3, -1e-3) - (1.0 - std::pow(0.7, 2 * p))) < 1e-15);
        }
    }
    void prodromakisPeakAndEdges() {
        for (auto [p, j] : {std::pair{1.0, 1.0}, std::pair{3.0, 2.0}, std::pair{0.5, 10.0}}) {
            auto w = make("prodromakis", {{"p", p}, {"j", j}});
            QVERIFY(std::fabs(w->value(0.0, 1)) < 1e-14 * j);  // zero at both edges (MemTorch's is not)
            QVERIFY(std::fabs(w->value(1.0, 1)) < 1e-14 * j);
            const double peak = j * (1.0 - std::pow(0.75, p));
            QVERIFY(std::fabs(w->value(0.5, 1) - peak) < 1e-14 * j);
            QVERIFY(w->value(0.5, 1) > 0);  // Xyce's ((x-0.5)^2 - 0.75)^p has the wrong sign
            QVERIFY(std::fabs(w->value(0.2, -1) - j * (1.0 - std::pow(0.09 + 0.75, p))) < 1e-14 * j);
        }
    }
    void kvatinskyWindow() {
        const KvatinskyWindow k{1.8e-9, 1.2e-9, 107e-12};
        QVERIFY(std::fabs(k.fOff(1.2e-9) - std::exp(-1.0)) < 1e-15);
        QVERIFY(std::fabs(k.fOn(1.8e-9) - std::exp(-1.0)) < 1e-15);
        // Far below a_off OFF motion is free; far above it stops (but is never NaN).
        QVERIFY(std::fabs(k.fOff(1.2e-9 - 5 * 107e-12) - std::exp(-std::exp(-5.0))) < 1e-15);
        QVERIFY(k.fOff(3e-9) < 1e-100);
        QVERIFY(std::fabs(k.fOn(1.8e-9 + 5 * 107e-12) - std::exp(-std::exp(-5.0))) < 1e-15);
        QVERIFY(k.fOn(0.0) >= 0.0 && k.fOn(0.0) < 1e-100);
    }
};

QTEST_GUILESS_MAIN(WindowTest)
#include "test_windows.moc"
