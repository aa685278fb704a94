// The associative-memory view (issue 16) shows what a Pavlov run produces:
// every panel of the timeline has data over the whole run, the protocol's
// stages are shaded (one band per stage), and the trial table has a row per
// trial saying whether the bell alone made the output fire.
#include <QtTest>
#include <qcustomplot.h>

#include "widgets/DocumentModel.h"
#include "widgets/ExperimentRunner.h"
#include "widgets/snn/PavlovView.h"

using namespace ms;

class TestPavlovView : public QObject {
    Q_OBJECT
private slots:
    void exampleFillsEveryPanel() {
        gui::PavlovView view(nullptr);
        view.resize(1280, 720);
        view.show();
        gui::DocumentModel doc;
        QString error;
        QVERIFY2(doc.open(QStringLiteral(MS_SOURCE_DIR "/projects/pavlov-associative-memory.json"), &error),
                 qPrintable(error));
        gui::ExperimentRunner runner;
        view.follow(&runner);
        QSignalSpy finished(&runner, &gui::ExperimentRunner::runFinished);
        runner.start(doc.project(), QStringLiteral("pavlov"));
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.last().at(0).value<gui::ExperimentRunner::Outcome>(), gui::ExperimentRunner::Outcome::Finished);

        for (const char* id : {"bell", "food", "feedback", "G", "v_m", "spikes"}) {
            QCPGraph* g = view.graph(id);
            QVERIFY2(g && !g->data()->isEmpty(), id);
        }
        // The time axis spans the run, and G is drawn in siemens of a device
        // between its bounds (tens of microsiemens for the analog VTEAM).
        bool found = false;
        const QCPRange t = view.graph("G")->getKeyRange(found);
        QVERIFY(found && t.upper > 1e-3);
        const QCPRange g = view.graph("G")->getValueRange(found);
        QVERIFY(found && g.lower > 1e-6 && g.upper < 1e-3 && g.upper > g.lower);
        // 7 protocol stages: test, acquisition, test, extinction, test, relearning, test.
        QCOMPARE(view.phaseBands(), 7);
        QCOMPARE(view.trialTable()->rowCount(), 19);
        QCOMPARE(view.trialTable()->item(0, 3)->text(), QStringLiteral("no"));
        QCOMPARE(view.trialTable()->item(18, 3)->text(), QStringLiteral("yes"));
        // The x ranges of the stacked panels move together.
        view.timeline()->axisRects().at(0)->axis(QCPAxis::atBottom)->setRange(1e-4, 2e-4);
        for (QCPAxisRect* r : view.timeline()->axisRects())
            QCOMPARE(r->axis(QCPAxis::atBottom)->range().lower, 1e-4);
    }
};

QTEST_MAIN(TestPavlovView)
#include "test_pavlov_view.moc"
