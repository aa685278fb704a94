// The cellular-network view (issue 17) shows what a cenn run produces: the
// input, state and output images, and for a template on 4M bridges the ideal
// output and the map of differing pixels, each as large as the image; a run
// without bridges hides the two bridge panels instead of leaving them empty.
#include <QtTest>

#include "tests/widgets/ViewTestSupport.h"
#include "widgets/DocumentModel.h"
#include "widgets/ExperimentRunner.h"
#include "widgets/cenn/CennView.h"
#include "widgets/crossbar/CrossbarHeatmap.h"

using namespace ms;
using viewtest::runInView;

class TestCennView : public QObject {
    Q_OBJECT

private slots:
    void bridgeRunFillsEveryPanel() {
        gui::CennView view(nullptr);
        view.resize(1200, 700);
        view.show();
        QVERIFY(runInView(view, "cenn-edge-detection-4m-bridge.json", "edge_ideal_bridges"));
        for (const char* id : {"input", "state", "output", "ideal_output", "error_map"}) {
            gui::CrossbarHeatmap* map = view.panel(id);
            QVERIFY2(map && map->isVisible() && map->hasMap(), id);
            QCOMPARE(map->rows(), view.panel("input")->rows());
            QCOMPARE(map->cols(), view.panel("input")->cols());
        }
        // Ideal bridges: the output is the ideal CeNN's, pixel for pixel.
        for (int r = 0; r < view.panel("output")->rows(); ++r)
            for (int c = 0; c < view.panel("output")->cols(); ++c)
                QCOMPARE(view.panel("output")->cellValue(r, c), view.panel("ideal_output")->cellValue(r, c));
    }

    void idealRunHidesTheBridgePanels() {
        gui::CennView view(nullptr);
        view.show();
        QVERIFY(runInView(view, "cenn-noise-removal.json", "denoise"));
        QVERIFY(view.panel("output")->hasMap());
        QVERIFY(!view.panel("ideal_output")->isVisible());
        QVERIFY(!view.panel("error_map")->isVisible());
    }
};

QTEST_MAIN(TestCennView)
#include "test_cenn_view.moc"
