// The coupled-neurons view (Volos et al. 2015, issue 16) shows what a
// memristor_coupled_neurons run produces: both membrane traces, the x1-x2
// synchronisation portrait, neuron 1's phase portrait and the memristor's
// flux and memductance, for both example projects and both couplings.
#include <QtTest>

#include <qcustomplot.h>

#include "tests/widgets/ViewTestSupport.h"
#include "widgets/DocumentModel.h"
#include "widgets/ExperimentRunner.h"
#include "widgets/FiguresTable.h"
#include "widgets/snn/CoupledNeuronsView.h"

using namespace ms;
using viewtest::runInView;

class TestCoupledNeuronsView : public QObject {
    Q_OBJECT

private slots:
    void everyPanelHasData_data() {
        QTest::addColumn<QString>("project");
        QTest::addColumn<QString>("experiment");
        for (const char* id : {"weak", "strong"}) {
            QTest::newRow(qPrintable(QString("hindmarsh_rose/") + id)) << "volos-hindmarsh-rose-memristor-coupling.json" << id;
            QTest::newRow(qPrintable(QString("fitzhugh_nagumo/") + id)) << "volos-fitzhugh-nagumo-memristor-coupling.json" << id;
        }
    }
    void everyPanelHasData() {
        QFETCH(QString, project);
        QFETCH(QString, experiment);
        gui::CoupledNeuronsView view(nullptr);
        view.resize(1280, 720);
        view.show();
        QVERIFY(runInView(view, project, experiment));
        for (const char* id : {"traces", "sync", "phase", "memristor"}) {
            QVERIFY2(view.panel(id) && view.panel(id)->isVisible(), id);
            QVERIFY2(view.pointsIn(id) > 1000, qPrintable(QString("%1 has %2 points").arg(id).arg(view.pointsIn(id))));
        }
        QCOMPARE(view.plots().size(), 4);
        auto* figures = view.findChild<gui::FiguresTable*>();
        QVERIFY(figures && figures->rowCount() >= 6);
        // FitzHugh-Nagumo's membrane variable is v, Hindmarsh-Rose's x.
        const bool fhn = project.contains("fitzhugh");
        QVERIFY2(view.panel("sync")->xAxis->label().contains(fhn ? "v1" : "x1"), qPrintable(view.panel("sync")->xAxis->label()));
        // The run's view is cleared by the next run of its kind.
        view.clear();
        QCOMPARE(view.pointsIn("traces"), 0);
    }
};

QTEST_MAIN(TestCoupledNeuronsView)
#include "test_coupled_neurons_view.moc"
