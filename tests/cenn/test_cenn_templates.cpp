// Each library template on a small image against the output worked out by hand
// (docs/cenn.md gives the reasoning per template), pixel for pixel; a single
// cell against its closed-form steady state; and the Lyapunov function of a
// symmetric A never rising along a trajectory.
#include <QtTest>

#include <cmath>

#include "CennTestImages.h"
#include "core/cenn/Cenn.h"
#include "core/cenn/TemplateLibrary.h"

using namespace ms::cenn;
using cenn_test::art;
using cenn_test::draw;

namespace {

const std::vector<std::string> kSquare = {".......", ".#####.", ".#####.", ".#####.", ".#####.", ".#####.", "......."};

void expectOutput(const std::string& id, const std::vector<std::string>& in, const std::vector<std::string>& expected) {
    const Result r = cenn_test::runLibrary(id, art(in));
    QVERIFY2(r.converged, id.c_str());
    const std::string got = draw(r.y), want = draw(expected);
    QVERIFY2(got == want, (id + ": got\n" + got + "expected\n" + want).c_str());
    // Steady outputs of these templates are saturated: no grey pixel left.
    for (double y : r.y.v) QVERIFY2(std::fabs(std::fabs(y) - 1.0) < 1e-9, id.c_str());
}

}  // namespace

class TestCennTemplates : public QObject {
    Q_OBJECT
private slots:
    void libraryHasTheSevenTemplates() {
        for (const char* id : {"edge_detection", "corner_detection", "noise_removal", "hole_filling",
                               "horizontal_line_detection", "vertical_line_detection", "connected_component_detection"}) {
            const TemplateInfo* t = templateLibrary().find(id);
            QVERIFY2(t, id);
            QVERIFY(!t->source.empty());
        }
    }

    // Black with k >= 1 white neighbours: B u + z = 2k - 1 > 0; interior (k = 0): -1; white: -2j - 1.
    void edgeDetectionGivesTheOutline() {
        expectOutput("edge_detection", kSquare,
                     {".......", ".#####.", ".#...#.", ".#...#.", ".#...#.", ".#####.", "......."});
    }

    // Black with k white neighbours: B u + z = 2k - 9 > 0 only for k >= 5, a convex corner.
    void cornerDetectionKeepsTheFourCorners() {
        expectOutput("corner_detection", kSquare,
                     {".......", ".#...#.", ".......", ".......", ".......", ".#...#.", "......."});
    }

    // Majority of the 4-neighbourhood: the lone black pixel and the white pinhole both go.
    void noiseRemovalRemovesIsolatedPixels() {
        expectOutput("noise_removal", {"#......", ".#####.", ".#####.", ".##.##.", ".#####.", ".#####.", "......."},
                     kSquare);
    }

    // The 3 x 3 hole has no white path to the border: it fills; the outside does not.
    void holeFillingFillsTheEnclosedHole() {
        expectOutput("hole_filling", {".......", ".#####.", ".#...#.", ".#...#.", ".#...#.", ".#####.", "......."},
                     kSquare);
    }

    // B u + z = (left + centre + right) - 2 > 0 only when all three are black.
    void horizontalLineDetection() {
        const std::vector<std::string> in = {".......", ".#####.", ".......", "....#..", "....#..", "....#..", "......."};
        expectOutput("horizontal_line_detection", in,
                     {".......", "..###..", ".......", ".......", ".......", ".......", "......."});
        expectOutput("vertical_line_detection", in,
                     {".......", ".......", ".......", ".......", "....#..", ".......", "......."});
    }

    // The library's CCD result: each row's horizontally connected runs become
    // single black pixels one white apart, packed at the row's right end, so a
    // row's black pixel count is its number of runs (white virtual cells, y = -1).
    void connectedComponentDetectionCountsRunsPerRow() {
        expectOutput("connected_component_detection", {"##.#..##.", ".........", ".####....", "#.#.#...."},
                     {"....#.#.#", ".........", "........#", "....#.#.#"});
    }

    // Zero-flux: the virtual cells copy the edge, so a line running off both
    // sides is a line to its ends; with fixed white cells its ends are not.
    void zeroFluxBoundaryExtendsTheEdge() {
        const TemplateInfo& info = *templateLibrary().find("horizontal_line_detection");
        const Image u = art({".....", "#####", "....."});
        Options o;
        o.boundary = Boundary::ZeroFlux;
        QCOMPARE(draw(simulate(info.tmpl, u, Image(3, 5, 0.0), o).y), draw({".....", "#####", "....."}));
        o.boundary = Boundary::Fixed;
        o.boundaryU = -1.0;
        QCOMPARE(draw(simulate(info.tmpl, u, Image(3, 5, 0.0), o).y), draw({".....", ".###.", "....."}));
    }

    // A stop request ends the run where it is, unconverged.
    void stopEndsTheRun() {
        const TemplateInfo& info = *templateLibrary().find("hole_filling");
        const Image u = art(kSquare);
        int calls = 0;
        const Result r = simulate(info.tmpl, u, Image(7, 7, 1.0), Options{}, [&calls] { return ++calls > 3; });
        QVERIFY(!r.converged);
        QCOMPARE(r.iterations, 3L);
    }

    // One cell, A = a (centre only), B = 0, z: in the linear region C dx/dt =
    // -x/R + a x + z, stable for a < 1/R with x* = z/(1/R - a) when |x*| <= 1;
    // beyond that the output saturates at +1 and x* = R (a + z).
    void singleCellClosedForm() {
        Template t;
        t.A[4] = 0.5;
        t.z = 0.2;
        Options o;
        o.tol = 1e-10;
        Image u(1, 1, 0.0);
        Result r = simulate(t, u, Image(1, 1, 0.0), o);
        QVERIFY(r.converged);
        QVERIFY(std::fabs(r.x.v[0] - 0.2 / (1.0 - 0.5)) < 1e-8);
        t.z = 0.8;  // linear solution 1.6 > 1: saturated, x* = R (a + z) = 1.3
        r = simulate(t, u, Image(1, 1, 0.0), o);
        QVERIFY(std::fabs(r.x.v[0] - 1.3) < 1e-8);
        QCOMPARE(r.y.v[0], 1.0);
    }

    // Chua & Yang's E for a symmetric A never increases (up to the RK4 error).
    void lyapunovDecreasesForSymmetricA() {
        for (const char* id : {"noise_removal", "hole_filling", "edge_detection"}) {
            const TemplateInfo* info = templateLibrary().find(id);
            const Image u = art({"#......", ".#####.", ".#.#.#.", ".##.##.", ".#####.", ".#.###.", "......#"});
            Options o;
            std::vector<double> e;
            simulate(info->tmpl, u, initialState(info->initial, u), o, {},
                     [&](double, const Image& x) { e.push_back(lyapunov(info->tmpl, u, x, o)); });
            QVERIFY(e.size() > 10);
            for (std::size_t k = 1; k < e.size(); ++k)
                QVERIFY2(e[k] <= e[k - 1] + 1e-9, (std::string(id) + " E rose at step " + std::to_string(k)).c_str());
            QVERIFY2(e.back() < e.front(), id);
        }
    }
};

QTEST_APPLESS_MAIN(TestCennTemplates)
#include "test_cenn_templates.moc"
