// The PWL points editor (issue 3, stimulus editor for every drive): a finished
// edit is one undo step and undo restores it; bad edits (non-monotone time,
// NaN, too few points, text that is no number) are refused naming the row and
// keep the points; and the run uses the edited waveform.
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QUndoStack>
#include <nlohmann/json.hpp>

#include "core/project/Project.h"
#include "widgets/DocumentModel.h"
#include "widgets/ExperimentEditor.h"
#include "widgets/ExperimentRunner.h"
#include "widgets/PwlPointsEditor.h"

using namespace ms;
using json = nlohmann::json;
using Points = std::vector<std::pair<double, double>>;

namespace {
const Points kTriangle = {{0.0, 0.0}, {0.25, 1.0}, {0.75, -1.0}, {1.0, 0.0}};

// The HP example with the triangle as a PWL drive, sampled every 0.5 ms so
// every corner is a sample time; the document is clean afterwards.
void openPwlProject(gui::DocumentModel& doc) {
    QString error;
    QVERIFY2(doc.open(MS_SOURCE_DIR "/projects/hp-pinched-hysteresis.json", &error), qPrintable(error));
    json p = doc.project().tree();
    json& e = p["experiments"][0];
    e["drive"] = {{"kind", "pwl"}, {"params", json::object()}, {"points", json::array()}};
    for (const auto& [t, v] : kTriangle) e["drive"]["points"].push_back({t, v});
    e["duration"] = 1.0;
    e["samples"] = 2000;
    doc.resetTo(ms::parseProject(p.dump(), "pwl.json"), QString());
}

Points docPoints(const gui::DocumentModel& doc) {
    Points out;
    for (const auto& p : doc.value("/experiments/0/drive/points")) out.emplace_back(p[0].get<double>(), p[1].get<double>());
    return out;
}

// Types into a cell as a user would: the table's edit is committed once.
void typeInto(QTableWidget* table, int row, int column, const QString& text) { table->item(row, column)->setText(text); }

// Runs the document's first experiment to completion; the transient series.
gui::SeriesBuffer run(const gui::DocumentModel& doc) {
    gui::ExperimentRunner runner;
    QSignalSpy finished(&runner, &gui::ExperimentRunner::runFinished);
    runner.start(doc.project(), QString::fromStdString(doc.value("/experiments/0/id").get<std::string>()));
    if (!finished.wait(30000) || finished.last().at(0).value<gui::ExperimentRunner::Outcome>() !=
                                      gui::ExperimentRunner::Outcome::Finished) {
        qWarning() << "run did not finish:" << (finished.isEmpty() ? QString() : finished.last().at(1).toString());
        return {};
    }
    return runner.series().front();
}

double vAt(const gui::SeriesBuffer& s, double t) {
    const int ct = s.column("t"), cv = s.column("v");
    for (std::size_t r = 0; r < s.rows(); ++r)
        if (std::fabs(s.at(r, ct) - t) < 1e-12) return s.at(r, cv);
    return std::nan("");
}
}  // namespace

class TestPwlEditor : public QObject {
    Q_OBJECT
private slots:
    void validEditsAreEmittedOnce() {
        gui::PwlPointsEditor w;
        w.setPoints(kTriangle);
        QSignalSpy edited(&w, &gui::PwlPointsEditor::pointsEdited);
        QCOMPARE(w.table()->rowCount(), 4);
        // SI prefixes in a cell: 500 m = 0.5.
        typeInto(w.table(), 1, 1, "500m");
        QCOMPARE(edited.count(), 1);
        QCOMPARE(w.points()[1].second, 0.5);
        // Paste with a header, comma separated, SI prefixes: replaces the points.
        QVERIFY2(w.pasteText("t,v\n0,0\n10m,1.5\n20m,-1\n"), qPrintable(w.lastError()));
        QCOMPARE(edited.count(), 2);
        const Points pasted = {{0.0, 0.0}, {0.01, 1.5}, {0.02, -1.0}};
        QCOMPARE(w.points(), pasted);
        QCOMPARE(edited.last().at(0).value<Points>(), pasted);
        // Tab separated (a spreadsheet's clipboard).
        QVERIFY(w.pasteText("0\t1\n2\t3\n"));
        QCOMPARE(w.points(), (Points{{0.0, 1.0}, {2.0, 3.0}}));
        // Insert goes midway after the current row; add extends by the last step.
        w.table()->setCurrentCell(0, 0);
        w.insertRow();
        QCOMPARE(w.points(), (Points{{0.0, 1.0}, {1.0, 2.0}, {2.0, 3.0}}));
        w.addRow();
        QCOMPARE(w.points().back(), (std::pair<double, double>{3.0, 3.0}));
        w.table()->clearSelection();
        w.table()->setCurrentCell(1, 0);
        w.deleteRows();
        QCOMPARE(w.points(), (Points{{0.0, 1.0}, {2.0, 3.0}, {3.0, 3.0}}));
        QCOMPARE(edited.count(), 6);
        QVERIFY(w.lastError().isEmpty());
    }

    void badEditsAreRefusedNamingTheRow() {
        gui::PwlPointsEditor w;
        w.setPoints(kTriangle);
        QSignalSpy edited(&w, &gui::PwlPointsEditor::pointsEdited);
        // A time that does not increase.
        typeInto(w.table(), 2, 0, "0.1");
        QCOMPARE(w.points(), kTriangle);
        QVERIFY2(w.lastError().contains("Row 3"), qPrintable(w.lastError()));
        QCOMPARE(w.table()->item(2, 0)->text(), QString("750 ms"));  // the table shows the kept point again
        // Text that is no number, NaN, Inf.
        for (const QString& bad : {QString("abc"), QString("nan"), QString("inf"), QString("1e999")}) {
            typeInto(w.table(), 1, 1, bad);
            QCOMPARE(w.points(), kTriangle);
            QVERIFY2(w.lastError().contains("Row 2"), qPrintable(bad + ": " + w.lastError()));
        }
        // A non-monotone paste.
        QVERIFY(!w.pasteText("0\t0\n1\t1\n0.5\t2\n"));
        QCOMPARE(w.points(), kTriangle);
        QVERIFY2(w.lastError().contains("Row 3"), qPrintable(w.lastError()));
        QVERIFY(!w.pasteText("0,0\n1,nan\n"));
        QVERIFY2(w.lastError().contains("line 2"), qPrintable(w.lastError()));
        QVERIFY(!w.pasteText("0,0\n"));  // one point is no waveform
        QVERIFY2(w.lastError().contains("two points"), qPrintable(w.lastError()));
        QVERIFY(!w.pasteText("-1,0\n1,1\n"));
        QVERIFY2(w.lastError().contains("Row 1"), qPrintable(w.lastError()));
        // Deleting down to one point.
        w.table()->selectAll();
        w.deleteRows();
        QCOMPARE(w.points(), kTriangle);
        QVERIFY2(w.lastError().contains("two points"), qPrintable(w.lastError()));
        QCOMPARE(edited.count(), 0);
        QCOMPARE(w.table()->rowCount(), 4);
        // The refusal's message goes once the next edit is accepted.
        typeInto(w.table(), 1, 1, "2");
        QVERIFY(w.lastError().isEmpty());
        QCOMPARE(edited.count(), 1);
    }

    void editIsOneUndoStepAndUndoRestores() {
        gui::DocumentModel doc;
        openPwlProject(doc);
        gui::ExperimentEditor editor(&doc, "/experiments/0");
        gui::PwlPointsEditor* pwl = editor.pwlEditor();
        QVERIFY(pwl);
        QCOMPARE(pwl->points(), kTriangle);
        QCOMPARE(pwl->valueUnit(), QString("V"));
        QCOMPARE(doc.undoStack()->count(), 0);

        typeInto(pwl->table(), 1, 1, "600m");
        QCOMPARE(doc.undoStack()->count(), 1);
        QVERIFY(doc.isModified());
        Points edited = kTriangle;
        edited[1].second = 0.6;
        QCOMPARE(docPoints(doc), edited);

        doc.undoStack()->undo();
        QCOMPARE(docPoints(doc), kTriangle);
        QCOMPARE(pwl->points(), kTriangle);  // the table follows the document
        QCOMPARE(pwl->table()->item(1, 1)->text(), QString("1 V"));
        QVERIFY(!doc.isModified());
        doc.undoStack()->redo();
        QCOMPARE(pwl->points(), edited);

        // A refused paste pushes nothing and leaves the document as it was.
        const std::string before = ms::serializeProject(doc.project());
        QVERIFY(!pwl->pasteText("0\t0\n1\t1\n0.5\t2\n"));
        QCOMPARE(doc.undoStack()->count(), 1);
        QCOMPARE(ms::serializeProject(doc.project()), before);
        // A paste is one step too.
        QVERIFY(pwl->pasteText("0\t0\n0.5\t2\n1\t0\n"));
        QCOMPARE(doc.undoStack()->count(), 2);
        doc.undoStack()->undo();
        QCOMPARE(docPoints(doc), edited);

        // Current drive: the value column is in amperes.
        doc.setValue("/experiments/0/mode", "current", "mode");
        QCOMPARE(pwl->valueUnit(), QString("A"));
    }

    void runUsesTheEditedWaveform() {
        gui::DocumentModel doc;
        openPwlProject(doc);
        gui::ExperimentEditor editor(&doc, "/experiments/0");
        gui::PwlPointsEditor* pwl = editor.pwlEditor();
        QVERIFY(pwl);
        const gui::SeriesBuffer original = run(doc);
        QCOMPARE(original.rows(), std::size_t(2001));
        QCOMPARE(vAt(original, 0.25), 1.0);

        // Value of the corner at 0.25 s to 0.6 V, then its time to 0.4 s.
        typeInto(pwl->table(), 1, 1, "0.6");
        typeInto(pwl->table(), 1, 0, "400m");
        QCOMPARE(doc.undoStack()->count(), 2);
        const gui::SeriesBuffer s = run(doc);
        QCOMPARE(s.rows(), std::size_t(2001));
        QCOMPARE(vAt(s, 0.4), 0.6);
        // Between corners the drive is the straight line: halfway from (0.4, 0.6) to (0.75, -1).
        QVERIFY(std::fabs(vAt(s, 0.575) - (-0.2)) < 1e-12);
        // Rising from 0 to 0.6 V over 0.4 s: at 0.2 s it is 0.3 V (was 0.8 V).
        QVERIFY(std::fabs(vAt(s, 0.2) - 0.3) < 1e-12);
        // Ohm's law with the memristance of each row: the device saw that drive.
        const int cv = s.column("v"), ci = s.column("i"), cr = s.column("R");
        for (std::size_t r = 1; r < s.rows(); r += 97)
            QVERIFY(std::fabs(s.at(r, ci) * s.at(r, cr) - s.at(r, cv)) <= 1e-9 * std::fabs(s.at(r, cv)) + 1e-15);
    }
};

QTEST_MAIN(TestPwlEditor)
#include "test_pwl_editor.moc"
