// The recurrent-network view (issue 17) follows a run: loss and the test
// score per epoch, the prediction against its target for a series, the hidden
// state and (LSTM) gate maps of one sequence with the run's shape.
#include <QtTest>

#include "widgets/crossbar/CrossbarHeatmap.h"
#include "widgets/rnn/RnnView.h"
#include "ViewTestSupport.h"
#include "qcustomplot.h"

using namespace ms;

class TestRnnView : public QObject {
    Q_OBJECT

private slots:
    void mackeyGlassShowsPredictionAndGates() {
        gui::RnnView view(nullptr);
        view.resize(1400, 900);
        view.show();
        QVERIFY(viewtest::runInView(view, "lstm-mackey-glass.json", "float"));
        QCoreApplication::processEvents();
        QCOMPARE(view.lossPlot()->graph(0)->dataCount(), 20);  // one point per epoch
        QCOMPARE(view.scorePlot()->graph(0)->dataCount(), 20);
        QVERIFY(view.scorePlot()->yAxis->label().contains("NRMSE"));
        QVERIFY(view.predictionPlot()->isVisible());
        QVERIFY(view.predictionPlot()->graph(0)->dataCount() > 100);
        QCOMPARE(view.predictionPlot()->graph(1)->dataCount(), view.predictionPlot()->graph(0)->dataCount());
        QCOMPARE(view.hiddenMap()->rows(), 16);  // hidden units
        QCOMPARE(view.hiddenMap()->cols(), 8);   // window steps
        QVERIFY(view.gatesMap()->isVisible());
        QCOMPARE(view.gatesMap()->rows(), 4 * 16);
        // Gate activations of sigmoid gates lie in (0, 1): row 0 is the input gate of unit 0.
        const double i0 = view.gatesMap()->cellValue(0, 0);
        QVERIFY(i0 > 0.0 && i0 < 1.0);
        QVERIFY(!view.conductanceMap()->isVisible());  // float: no devices
    }

    // Ex situ write-verify: the programmed LSTM tile, 4H outputs x (I + H + 1) inputs.
    void programmedTileShowsConductances() {
        gui::RnnView view(nullptr);
        view.resize(1400, 900);
        view.show();
        QVERIFY(viewtest::runInView(view, "lstm-mackey-glass.json", "write_verify"));
        QCoreApplication::processEvents();
        QVERIFY(view.conductanceMap()->isVisible());
        QCOMPARE(view.conductanceMap()->rows(), 4 * 16);
        QCOMPARE(view.conductanceMap()->cols(), 1 + 16 + 1);
        double largest = 0;
        for (int r = 0; r < 64; ++r)
            for (int c = 0; c < 18; ++c) largest = std::max(largest, std::fabs(view.conductanceMap()->cellValue(r, c)));
        QVERIFY(largest > 0);  // programmed weights differ from zero
    }

    void elmanDigitsShowsAccuracyWithoutGates() {
        gui::RnnView view(nullptr);
        view.resize(1400, 900);
        view.show();
        QVERIFY(viewtest::runInView(view, "lstm-digits-rowwise.json", "elman"));
        QCoreApplication::processEvents();
        QVERIFY(view.scorePlot()->yAxis->label().contains("accuracy"));
        auto data = view.scorePlot()->graph(0)->data();
        QCOMPARE(data->size(), 12);
        QVERIFY((data->end() - 1)->value > 90.0);  // percent
        QVERIFY(!view.predictionPlot()->isVisible());
        QVERIFY(!view.gatesMap()->isVisible());
        QCOMPARE(view.hiddenMap()->rows(), 32);
        QCOMPARE(view.hiddenMap()->cols(), 8);
    }
};

QTEST_MAIN(TestRnnView)
#include "test_rnn_view.moc"
