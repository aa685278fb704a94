// The "ANN vs SNN" view (issue 16) runs the Table 6 example: every row of
// the review's Table 6 is there with both of the review's columns, the rows
// the studio measures carry measured values for the ANN and both SNNs, and the
// three sweep plots hold data around the ratio = 1 line.
#include <QtTest>

#include <QTabBar>
#include <QTableWidget>

#include <nlohmann/json.hpp>

#include "core/project/Project.h"
#include "widgets/DocumentModel.h"
#include "widgets/ExperimentRunner.h"
#include "widgets/snn/AnnVsSnnView.h"
#include "qcustomplot.h"

using namespace ms;

class TestAnnVsSnnView : public QObject {
    Q_OBJECT

private slots:
    void exampleFillsTableAndPlots() {
        gui::AnnVsSnnView view(nullptr);
        view.resize(1400, 900);
        view.show();
        gui::DocumentModel doc;
        QString error;
        QVERIFY2(doc.open(QStringLiteral(MS_SOURCE_DIR "/projects/ann-vs-snn-table6.json"), &error), qPrintable(error));
        gui::ExperimentRunner runner;
        view.follow(&runner);
        QSignalSpy finished(&runner, &gui::ExperimentRunner::runFinished);
        // The shipped example trains 100 STDP neurons on 300 digits, which
        // takes minutes under the sanitizers on two cores; the view does not
        // care how big the networks are, so the test runs them small. The full
        // example runs through memstudio-cli in the Release pass.
        Project small = doc.project();
        nlohmann::json& e = small.tree()["experiments"][0];
        e["epochs"] = 5;
        e["testExamples"] = 100;
        e["sweepExamples"] = 40;
        e["stdpExcitatory"] = 10;
        e["stdpTrainExamples"] = 30;
        e["stdpLabelExamples"] = 30;
        e["stdpTestExamples"] = 30;
        runner.start(small, "table6");
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.last().at(0).value<gui::ExperimentRunner::Outcome>(), gui::ExperimentRunner::Outcome::Finished);
        QCoreApplication::processEvents();

        QTableWidget* t = view.table();
        QCOMPARE(t->columnCount(), 6);
        QVERIFY(!t->isColumnHidden(5));  // the example runs the STDP network too
        QVERIFY(t->rowCount() >= 8);
        int measured = 0;
        bool energy = false;
        for (int r = 0; r < t->rowCount(); ++r) {
            for (int c = 0; c < 3; ++c) QVERIFY2(!t->item(r, c)->text().isEmpty(), qPrintable(QString("row %1").arg(r)));
            const QString ann = t->item(r, 3)->text(), snn = t->item(r, 4)->text(), stdp = t->item(r, 5)->text();
            QVERIFY2(!ann.isEmpty() && !snn.isEmpty() && !stdp.isEmpty(), qPrintable(t->item(r, 0)->text()));
            if (!ann.startsWith("not measured")) ++measured;
            if (t->item(r, 0)->text() == "Energy efficiency") energy = snn.contains("J") && snn.contains("×");
        }
        QVERIFY(energy);
        QCOMPARE(measured, 5);  // signal processing, energy, synapses, algorithms, latency
        for (const char* axis : {"steps", "rate", "sparsity"}) {
            QCustomPlot* p = view.sweepPlot(axis);
            QVERIFY2(p && p->graphCount() > 1 && p->graph(1)->dataCount() >= 5, axis);
            // graph 0 is the legend entry of the ratio = 1 line, which lies inside the drawn range.
            QVERIFY2(p->yAxis->range().contains(1.0), axis);
        }
        // A curve per window on the rate and sparsity plots.
        QVERIFY(view.sweepPlot("rate")->graphCount() >= 4);  // the ratio = 1 entry and three windows or more
        // Curves are named at their left ends, where they are apart; at the right
        // end of the rate plot they converge and a name sat on its neighbour.
        {
            QCustomPlot* rate = view.sweepPlot("rate");
            const double first = rate->graph(1)->data()->constBegin()->key;
            int labels = 0;
            for (int i = 0; i < rate->itemCount(); ++i)
                if (auto* t = qobject_cast<QCPItemText*>(rate->item(i))) {
                    ++labels;
                    QCOMPARE(t->position->key(), first);
                }
            QVERIFY(labels >= 3);
        }
        // Tall enough: the whole table above the plots, no pager.
        QVERIFY(view.pager()->isHidden());
        QVERIFY(!view.tableScrolls());
        QVERIFY(!view.sweepPlot("rate")->isHidden());
        // The studio's tab at 1280x720 is about 900x500: the table and the
        // plots take turns, and the table shows every row without scrolling.
        view.resize(900, 500);
        QTRY_VERIFY(!view.pager()->isHidden());
        QVERIFY(!view.table()->isHidden() && view.sweepPlot("rate")->isHidden());
        QTRY_VERIFY(!view.tableScrolls());
        // ... and the table has the room the hidden plots leave, all its rows.
        QTRY_VERIFY2(view.table()->height() >= view.table()->maximumHeight() - 2,
                     qPrintable(QStringLiteral("table %1 px of %2").arg(view.table()->height()).arg(view.table()->maximumHeight())));
        view.pager()->setCurrentIndex(1);
        QVERIFY(view.table()->isHidden() && !view.sweepPlot("rate")->isHidden());
    }
};

QTEST_MAIN(TestAnnVsSnnView)
#include "test_ann_vs_snn_view.moc"
