// The Studies tab (issue 20): a project's study runs from the studio on all
// cores with its figure filling in against the first axis (a curve per value
// of the other axes), its axes and seeds are edited as undoable document
// edits, a re-run after an edit runs only the points whose inputs changed,
// and the table it saves is memstudio-cli's study.csv.
#include <QtTest>

#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QFile>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <qcustomplot.h>

#include <nlohmann/json.hpp>

#include "core/project/Project.h"
#include "widgets/DocumentModel.h"
#include "widgets/study/SlurmSubmitDialog.h"
#include "widgets/study/StudiesView.h"

using namespace ms;

namespace {

bool runToEnd(gui::StudiesView& view) {
    QSignalSpy finished(&view, &gui::StudiesView::runFinished);
    view.run();
    if (!finished.wait(120000)) return false;
    const QString message = finished.last().at(0).toString();
    if (!message.isEmpty()) qWarning() << message;
    return message.isEmpty();
}

}  // namespace

class TestStudiesView : public QObject {
    Q_OBJECT
private slots:
    void runsEditsAndResumes() {
        gui::DocumentModel doc;
        QString error;
        QVERIFY2(doc.open(QStringLiteral(MS_SOURCE_DIR "/projects/study-read-margin-size-bias-wire.json"), &error),
                 qPrintable(error));
        gui::StudiesView view(&doc);
        view.resize(1280, 640);
        view.show();
        QCOMPARE(view.studyChoice()->count(), 1);
        QCOMPARE(view.axesTable()->rowCount(), 3);  // N, bias, r_wire
        QVERIFY(runToEnd(view));
        QCOMPARE(view.records().size(), std::size_t(12));
        QCOMPARE(view.pointsRunLastTime(), std::size_t(12));
        for (const auto& r : view.records()) QVERIFY2(r.ok, r.message.c_str());
        // One curve per (bias, r_wire): 3 x 2 graphs, each over N = 8 and 64.
        QVERIFY(view.figureChoice()->count() > 0);
        QCOMPARE(view.plot()->graphCount(), 6);
        for (int g = 0; g < 6; ++g) QCOMPARE(view.plot()->graph(g)->dataCount(), 2);

        // The table saved is the runner's study.csv: a header and one row per point.
        QTemporaryDir tmp;
        const QString csv = tmp.filePath(QStringLiteral("table.csv"));
        QVERIFY2(view.saveTable(csv, &error), qPrintable(error));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll().count('\n'), 13);

        // Editing the first axis's values is one undoable document edit ...
        view.axesTable()->item(0, 1)->setText(QStringLiteral("8, 64, 128"));
        QCOMPARE(doc.value("/studies/0/axes/0/values"), nlohmann::json::parse("[8, 64, 128]"));
        QCOMPARE(view.axesTable()->item(0, 1)->text(), QStringLiteral("8, 64, 128"));
        // ... and the next run reuses the 12 points it already has (points are
        // numbered with the first axis slowest, so values added at its end
        // leave the others' numbers and inputs as they were).
        QVERIFY(runToEnd(view));
        QCOMPARE(view.records().size(), std::size_t(18));
        QCOMPARE(view.pointsRunLastTime(), std::size_t(6));
        QCOMPARE(view.plot()->graph(0)->dataCount(), 3);
        doc.undoStack()->undo();
        QCOMPARE(doc.value("/studies/0/axes/0/values"), nlohmann::json::parse("[8, 64]"));
    }

    // The study's "figure" is plotted first; the CeNN sweep's pixels_changed
    // rises with the bridges' device spread (mean over its 8 seeds).
    void theStudysFigureIsPlottedFirst() {
        gui::DocumentModel doc;
        QString error;
        QVERIFY2(doc.open(QStringLiteral(MS_SOURCE_DIR "/projects/cenn-template-variation-sweep.json"), &error),
                 qPrintable(error));
        gui::StudiesView view(&doc);
        QVERIFY(runToEnd(view));
        QCOMPARE(view.figureChoice()->currentData().toString(), QStringLiteral("pixels_changed"));
        QCOMPARE(view.plot()->graphCount(), 1);
        const auto data = view.plot()->graph(0)->data();
        QCOMPARE(data->size(), 7);
        QCOMPARE(data->at(0)->value, 0.0);                      // ideal bridges: the ideal CeNN
        QVERIFY(data->at(6)->value > data->at(3)->value + 5);  // 50 % spread flips far more than 20 %
    }

    void seedsAndAxesAreDocumentEdits() {
        gui::DocumentModel doc;
        QString error;
        QVERIFY2(doc.open(QStringLiteral(MS_SOURCE_DIR "/projects/study-nl-x-c2c-accuracy.json"), &error), qPrintable(error));
        gui::StudiesView view(&doc);
        auto* seeds = view.findChild<QSpinBox*>();
        QVERIFY(seeds);
        QCOMPARE(seeds->value(), 2);
        seeds->setValue(3);
        emit seeds->editingFinished();
        QCOMPARE(doc.value("/studies/0/seeds"), nlohmann::json(3));
        // A new axis over one of the experiment's settings.
        auto* path = view.findChildren<QComboBox*>().last();
        QVERIFY(path->findText(QStringLiteral("epochs")) >= 0);
        path->setCurrentText(QStringLiteral("epochs"));
        auto* values = view.findChild<QLineEdit*>();
        QVERIFY(values);
        values->setText(QStringLiteral("1, 2"));
        QMetaObject::invokeMethod(&view, "addAxis", Qt::DirectConnection);
        QCOMPARE(view.axesTable()->rowCount(), 3);
        QCOMPARE(doc.value("/studies/0/axes/2"), nlohmann::json::parse(R"({"path": "epochs", "values": [1, 2]})"));
        doc.undoStack()->undo();
        QCOMPARE(view.axesTable()->rowCount(), 2);
    }

    // Submit to cluster… writes what `memstudio-cli study submit --slurm`
    // writes (it runs that CLI, which sits beside the test as beside the studio).
    void submitPreviewsTheClisScripts() {
        const QString project = QStringLiteral(MS_SOURCE_DIR "/projects/study-read-margin-size-bias-wire.json");
        gui::SlurmSubmitDialog dialog(project, QStringLiteral("size_bias_wire"), 12);
        QVERIFY(dialog.arguments().contains(QStringLiteral("--slurm")));
        dialog.preview();
        const QString text = dialog.output()->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("#SBATCH --array=0-11")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("--dependency=afterok")), qPrintable(text));
    }

    // A document whose studies section is malformed (recovered, or edited by
    // hand) is shown as far as it goes, with the problem named; never a crash.
    void malformedStudiesAreShownNotFatal() {
        gui::DocumentModel doc;
        QString error;
        QVERIFY(doc.open(QStringLiteral(MS_SOURCE_DIR "/projects/study-nl-x-c2c-accuracy.json"), &error));
        nlohmann::json tree = doc.project().tree();
        tree["studies"].push_back(42);
        tree["studies"].push_back({{"id", 7}, {"experiment", "mlp"}, {"axes", "NL"}, {"seeds", "two"}});
        doc.resetTo(ms::Project(tree), QString());
        gui::StudiesView view(&doc);
        QCOMPARE(view.studyChoice()->count(), 2);  // the valid one and the malformed object
        view.studyChoice()->setCurrentIndex(1);
        bool named = false;
        for (auto* label : view.findChildren<QLabel*>())
            named = named || label->text().contains(QStringLiteral("cannot be shown"));
        QVERIFY(named);
        view.run();  // refused with a message, nothing runs
        QVERIFY(!view.isRunning());
    }

    void aProjectWithoutStudiesSaysHowToGetOne() {
        gui::DocumentModel doc;
        QString error;
        QVERIFY(doc.open(QStringLiteral(MS_SOURCE_DIR "/projects/hp-pinched-hysteresis.json"), &error));
        gui::StudiesView view(&doc);
        QCOMPARE(view.studyChoice()->count(), 0);
        QVERIFY(!view.findChild<QPushButton*>()->isEnabled());  // Run study
    }
};

QTEST_MAIN(TestStudiesView)
#include "test_studies_view.moc"
