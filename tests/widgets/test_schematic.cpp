// The schematic editor (issue 4, "Schematic editor"): every gesture is exactly
// one undo step and undo restores the document; the schematic redraws from
// the document after an external change; positions survive save and reopen;
// a probe click plots the right column; cells come from the cell registry.
#include <QApplication>
#include <QGraphicsView>
#include <QLabel>
#include <QLineEdit>
#include <QMouseEvent>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>
#include <nlohmann/json.hpp>
#include <qcustomplot.h>

#include "core/circuit/NetlistJson.h"
#include "core/circuit/SynapseCell.h"
#include "core/project/Project.h"
#include "widgets/circuit/SchematicEdits.h"
#include "widgets/DocumentModel.h"
#include "widgets/ExperimentRunner.h"
#include "widgets/ParamEditor.h"
#include "widgets/PwlPointsEditor.h"
#include "widgets/circuit/CircuitPlot.h"
#include "widgets/circuit/CircuitView.h"
#include "widgets/circuit/ParameterStep.h"
#include "widgets/circuit/SchematicScene.h"

using namespace ms::gui;
using namespace ms::gui::schematic;
using json = nlohmann::json;

namespace {

// An RC low-pass driven by a pulse; R1 and C1 placed, V1 left to the auto layout.
json rcCircuit() {
    return {{"id", "rc"},
            {"name", "RC low-pass"},
            {"netlist",
             {{"title", "RC"},
              {"elements",
               {{{"kind", "voltage_source"}, {"name", "V1"}, {"nodes", {"in", "0"}}, {"params", {{"dc", 1.0}}}},
                {{"kind", "resistor"}, {"name", "R1"}, {"nodes", {"in", "out"}}, {"params", {{"R", 1e3}}}},
                {{"kind", "capacitor"}, {"name", "C1"}, {"nodes", {"out", "0"}}, {"params", {{"C", 1e-6}}}}}}}},
            {"schematic",
             {{"parts", {{"R1", {{"x", 200}, {"y", 0}, {"rotation", 0}}}, {"C1", {{"x", 320}, {"y", 80}, {"rotation", 90}}}}},
              {"nodes", json::object()}}}};
}

ms::Project projectWithCircuit(const json& circuit) {
    json t = ms::Project().tree();
    t["circuits"] = json::array({circuit});
    return ms::Project(t);
}

void sendMouse(QWidget* viewport, QEvent::Type type, QPoint at, Qt::MouseButton button, Qt::MouseButtons buttons) {
    QMouseEvent e(type, QPointF(at), viewport->mapToGlobal(QPointF(at)), button, buttons, Qt::NoModifier);
    QApplication::sendEvent(viewport, &e);
}

// A left-button drag in scene coordinates, through the view's viewport.
void drag(QGraphicsView* view, QPointF fromScene, QPointF toScene) {
    QWidget* vp = view->viewport();
    const QPoint a = view->mapFromScene(fromScene), b = view->mapFromScene(toScene);
    sendMouse(vp, QEvent::MouseButtonPress, a, Qt::LeftButton, Qt::LeftButton);
    for (int k = 1; k <= 8; ++k)
        sendMouse(vp, QEvent::MouseMove, a + (b - a) * k / 8, Qt::NoButton, Qt::LeftButton);
    sendMouse(vp, QEvent::MouseButtonRelease, b, Qt::LeftButton, Qt::NoButton);
}

void click(QGraphicsView* view, QPointF scenePos) {
    QWidget* vp = view->viewport();
    const QPoint a = view->mapFromScene(scenePos);
    sendMouse(vp, QEvent::MouseButtonPress, a, Qt::LeftButton, Qt::LeftButton);
    sendMouse(vp, QEvent::MouseButtonRelease, a, Qt::LeftButton, Qt::NoButton);
}

struct Fixture {
    DocumentModel doc;
    CircuitView* view = nullptr;
    std::unique_ptr<QWidget> window;
    explicit Fixture(const json& circuit) {
        doc.resetTo(projectWithCircuit(circuit), QString());
        window = std::make_unique<QWidget>();
        window->resize(1200, 800);
        view = new CircuitView(&doc, window.get());
        view->resize(1200, 800);
        window->show();
        view->redrawNow();
        // A fixed 1:1 view so scene points map to predictable pixels.
        view->schematicView()->resetTransform();
        view->schematicView()->centerOn(QPointF(200, 40));
        QCoreApplication::processEvents();
    }
    json circuit() const { return doc.value("/circuits/0"); }
    void settle() {
        QCoreApplication::processEvents();
        QCoreApplication::processEvents();
    }
};

}  // namespace

class TestSchematic : public QObject {
    Q_OBJECT
private slots:
    void layoutPlacesEveryPartAndJunction() {
        const Layout L = layoutOf(rcCircuit());
        QCOMPARE(L.parts.size(), std::size_t(3));
        QCOMPARE(L.parts.at("R1").pos, QPointF(200, 0));
        QCOMPARE(L.parts.at("C1").rotation, 90);
        QVERIFY(L.parts.count("V1"));            // auto layout
        QCOMPARE(L.parts.at("V1").rotation, 90);  // a source stands upright
        QVERIFY(L.nodes.count("in") && L.nodes.count("out"));
        QVERIFY(!L.nodes.count("0"));  // ground has signs, no junction
        // The junction of "out" sits between its two pins, on the grid.
        const QPointF r = pinPosition(L.parts.at("R1"), "resistor", 2, 1), c = pinPosition(L.parts.at("C1"), "capacitor", 2, 0);
        QCOMPARE(r, QPointF(240, 0));
        QCOMPARE(c, QPointF(320, 40));
        QCOMPARE(L.nodes.at("out"), snap((r + c) / 2));
    }

    void addingAPartIsOneUndoStep() {
        Fixture f(rcCircuit());
        const json before = f.doc.project().tree();
        const int steps = f.doc.undoStack()->count();
        f.view->addPart("resistor", QPointF(103, 198));
        QCOMPARE(f.doc.undoStack()->count(), steps + 1);
        const json c = f.circuit();
        QCOMPARE(c["netlist"]["elements"].size(), std::size_t(4));
        const json& r2 = c["netlist"]["elements"][3];
        QCOMPARE(r2["name"], json("R2"));
        // Its pins start unconnected: two nodes nobody else uses.
        QVERIFY(r2["nodes"][0] != r2["nodes"][1]);
        for (const auto& n : r2["nodes"]) QVERIFY(n != "in" && n != "out" && n != "0");
        QCOMPARE(c["schematic"]["parts"]["R2"]["x"].get<double>(), 100.0);  // snapped to the 20-unit grid
        QCOMPARE(c["schematic"]["parts"]["R2"]["y"].get<double>(), 200.0);
        f.settle();
        QVERIFY(f.view->scene()->part("R2"));
        QCOMPARE(f.view->scene()->selectedParts(), std::vector<std::string>{"R2"});  // selected for editing
        f.doc.undoStack()->undo();
        QCOMPARE(f.doc.project().tree(), before);
        f.settle();
        QVERIFY(!f.view->scene()->part("R2"));  // the schematic follows the undo
        // A memristor gets a device a registry model can run.
        f.view->addPart("memristor", QPointF(0, 300));
        const json m = f.circuit()["netlist"]["elements"].back();
        QCOMPARE(m["kind"], json("memristor"));
        QVERIFY(m["device"].contains("model"));
        QVERIFY(ms::circuit::netlistFromJson(f.circuit()["netlist"]).find("M1")->device.has_value());
    }

    void keyboardShortcutPlacesAPart() {
        Fixture f(rcCircuit());
        const int steps = f.doc.undoStack()->count();
        f.view->schematicView()->setFocus();
        QApplication::setActiveWindow(f.window.get());
        QTest::keyClick(f.view->schematicView(), Qt::Key_M);
        QCOMPARE(f.doc.undoStack()->count(), steps + 1);
        QCOMPARE(f.circuit()["netlist"]["elements"].back()["kind"], json("memristor"));
        QTest::keyClick(f.view->schematicView(), Qt::Key_G);
        QCOMPARE(f.circuit()["netlist"]["elements"].back()["kind"], json("ground"));
        QCOMPARE(f.circuit()["netlist"]["elements"].back()["nodes"][0], json("0"));
    }

    void movingAPartIsOneUndoStepAndWiresFollow() {
        Fixture f(rcCircuit());
        const json before = f.doc.project().tree();
        const int steps = f.doc.undoStack()->count();
        PartItem* r1 = f.view->scene()->part("R1");
        QVERIFY(r1);
        // Grab the resistor body (not a pin) and drag it 80 right, 60 down.
        drag(f.view->schematicView(), QPointF(200, 0), QPointF(280, 60));
        QCOMPARE(f.doc.undoStack()->count(), steps + 1);
        QCOMPARE(f.circuit()["schematic"]["parts"]["R1"]["x"].get<double>(), 280.0);
        QCOMPARE(f.circuit()["schematic"]["parts"]["R1"]["y"].get<double>(), 60.0);
        // Other parts keep their places (the auto-placed source is now stored where it was drawn).
        QCOMPARE(f.circuit()["schematic"]["parts"]["C1"]["x"].get<double>(), 320.0);
        QCOMPARE(f.circuit()["netlist"], before["circuits"][0]["netlist"]);  // connectivity untouched
        f.settle();
        // The wire from R1's right pin ends at the pin's new place.
        bool found = false;
        for (WireItem* w : f.view->scene()->wires())
            if (w->pin == PinRef{"R1", 1}) {
                found = true;
                QCOMPARE(QPointF(w->path().elementAt(0)), QPointF(320, 60));
            }
        QVERIFY(found);
        f.doc.undoStack()->undo();
        QCOMPARE(f.doc.project().tree(), before);
        f.settle();
        QCOMPARE(f.view->scene()->part("R1")->pos(), QPointF(200, 0));
    }

    void connectingTwoPinsIsOneUndoStep() {
        Fixture f(rcCircuit());
        f.view->addPart("resistor", QPointF(200, 160));  // R2 pins at (160,160) and (240,160)
        f.settle();
        const json before = f.doc.project().tree();
        const int steps = f.doc.undoStack()->count();
        // Drag from R2's left pin to R1's right pin (node "out").
        drag(f.view->schematicView(), QPointF(160, 160), QPointF(240, 0));
        QCOMPARE(f.doc.undoStack()->count(), steps + 1);
        const json r2 = f.circuit()["netlist"]["elements"][3];
        QCOMPARE(r2["nodes"][0], json("out"));
        QVERIFY(r2["nodes"][1] != "out");
        // Then its right pin to a ground pin: the node becomes ground.
        drag(f.view->schematicView(), QPointF(240, 160), f.view->scene()->pinScenePos(PinRef{"C1", 1}));
        QCOMPARE(f.doc.undoStack()->count(), steps + 2);
        QCOMPARE(f.circuit()["netlist"]["elements"][3]["nodes"][1], json("0"));
        QVERIFY(ms::circuit::netlistFromJson(f.circuit()["netlist"]).elements.size() == 4);
        f.doc.undoStack()->undo();
        f.doc.undoStack()->undo();
        QCOMPARE(f.doc.project().tree(), before);
    }

    void rotateDeleteCopyPasteAreOneStepEach() {
        Fixture f(rcCircuit());
        f.view->scene()->selectParts({"R1", "C1"});
        int steps = f.doc.undoStack()->count();
        f.view->rotateSelection();
        QCOMPARE(f.doc.undoStack()->count(), ++steps);
        QCOMPARE(f.circuit()["schematic"]["parts"]["R1"]["rotation"], json(90));
        QCOMPARE(f.circuit()["schematic"]["parts"]["C1"]["rotation"], json(180));
        f.settle();
        f.view->copySelection();
        f.view->paste();
        QCOMPARE(f.doc.undoStack()->count(), ++steps);
        const json els = f.circuit()["netlist"]["elements"];
        QCOMPARE(els.size(), std::size_t(5));
        // The pasted pair keeps its shared node, keeps ground, and is cut from "in".
        const json r2 = els[3], c2 = els[4];
        QCOMPARE(r2["name"], json("R2"));
        QCOMPARE(c2["name"], json("C2"));
        QCOMPARE(r2["nodes"][1], c2["nodes"][0]);
        QVERIFY(r2["nodes"][1] != "out");
        QVERIFY(r2["nodes"][0] != "in");
        QCOMPARE(c2["nodes"][1], json("0"));
        f.settle();
        f.view->scene()->selectParts({"R2", "C2"});
        f.view->deleteSelection();
        QCOMPARE(f.doc.undoStack()->count(), ++steps);
        QCOMPARE(f.circuit()["netlist"]["elements"].size(), std::size_t(3));
        QVERIFY(!f.circuit()["schematic"]["parts"].contains("R2"));
    }

    void parameterEditIsOneUndoStep() {
        Fixture f(rcCircuit());
        f.view->scene()->selectParts({"R1"});
        auto* pe = f.view->partEditor()->findChild<ParamEditor*>();
        QVERIFY(pe);
        QLineEdit* e = pe->valueEdit("R");
        QVERIFY(e);
        const int steps = f.doc.undoStack()->count();
        e->setText("4.7k");
        emit e->editingFinished();
        QCOMPARE(f.doc.undoStack()->count(), steps + 1);
        QCOMPARE(f.doc.value("/circuits/0/netlist/elements/1/params/R").get<double>(), 4.7e3);
        f.settle();
        QVERIFY(QString::fromStdString(f.view->scene()->part("R1")->label).contains("4.7"));
        // The panel survived the edit (it was not rebuilt under the user's hands).
        QCOMPARE(f.view->partEditor()->findChild<ParamEditor*>(), pe);
    }

    void schematicRedrawsAfterExternalChange() {
        Fixture f(rcCircuit());
        f.doc.setValue("/circuits/0/schematic/parts/R1", json{{"x", 400}, {"y", -40}, {"rotation", 270}}, "external");
        f.settle();
        QCOMPARE(f.view->scene()->part("R1")->pos(), QPointF(400, -40));
        QCOMPARE(f.view->scene()->part("R1")->rotation, 270);
        f.doc.setValue("/circuits/0/netlist/elements/2/nodes/0", json("in"), "rewire C1");
        f.settle();
        QCOMPARE(f.view->scene()->part("C1")->nodes[0], std::string("in"));
        QVERIFY(!f.view->scene()->junction("out") || f.view->scene()->junction("out")->pins == 1);
        f.doc.undoStack()->undo();
        f.doc.undoStack()->undo();
        f.settle();
        QCOMPARE(f.view->scene()->part("R1")->pos(), QPointF(200, 0));
        QCOMPARE(f.view->scene()->junction("out")->pins, 2);
    }

    void savedProjectKeepsPositions() {
        QTemporaryDir dir;
        const QString path = dir.filePath("circuit.json");
        json positions;
        {
            Fixture f(rcCircuit());
            drag(f.view->schematicView(), QPointF(200, 0), QPointF(160, -60));
            f.settle();
            drag(f.view->schematicView(), f.view->scene()->junction("out")->pos(), QPointF(300, -100));
            QCOMPARE(f.doc.undoStack()->count(), 2);
            positions = f.circuit()["schematic"];
            QVERIFY(positions["nodes"].contains("out"));
            QString error;
            QVERIFY2(f.doc.saveAs(path, &error), qPrintable(error));
        }
        DocumentModel doc;
        QString error;
        QVERIFY2(doc.open(path, &error), qPrintable(error));
        QCOMPARE(doc.value("/circuits/0/schematic"), positions);
        CircuitView view(&doc);
        view.redrawNow();
        QCOMPARE(view.scene()->part("R1")->pos(), QPointF(160, -60));
        QCOMPARE(view.scene()->junction("out")->pos(), QPointF(300, -100));
        QCOMPARE(view.scene()->part("V1")->pos(),
                 QPointF(positions["parts"]["V1"]["x"].get<double>(), positions["parts"]["V1"]["y"].get<double>()));
    }

    // Deleting a wire leaves a part unconnected: the document still saves and
    // reopens with the schematic intact; only a run on it is refused, naming
    // the circuit and the floating node.
    void disconnectedPartSavesReopensAndRefusesToRun() {
        QTemporaryDir dir;
        const QString path = dir.filePath("midedit.json");
        json saved;
        {
            json t = projectWithCircuit(rcCircuit()).tree();
            t["experiments"] = json::array({{{"id", "tr"}, {"kind", "circuit_transient"}, {"circuit", "rc"}, {"duration", 1e-3}}});
            Fixture f(rcCircuit());
            f.doc.resetTo(ms::Project(t), QString());
            f.view->redrawNow();
            WireItem* wire = nullptr;
            for (WireItem* w : f.view->scene()->wires())
                if (w->pin == PinRef{"R1", 1}) wire = w;  // R1 to "out": C1 is left on "out" alone
            QVERIFY(wire);
            wire->setSelected(true);
            const int steps = f.doc.undoStack()->count();
            f.view->deleteSelection();
            QCOMPARE(f.doc.undoStack()->count(), steps + 1);
            QCOMPARE(nodeOf(f.circuit(), PinRef{"C1", 0}), std::string("out"));
            QVERIFY(nodeOf(f.circuit(), PinRef{"R1", 1}) != "out");
            f.settle();
            QVERIFY(f.view->partEditor());
            saved = f.circuit();
            QString error;
            QVERIFY2(f.doc.saveAs(path, &error), qPrintable(error));
        }
        DocumentModel doc;
        QString error;
        QVERIFY2(doc.open(path, &error), qPrintable(error));
        QCOMPARE(doc.value("/circuits/0"), saved);
        CircuitView view(&doc);
        view.redrawNow();
        QCOMPARE(view.scene()->part("C1")->pos(), QPointF(320, 80));
        ExperimentRunner runner;
        QSignalSpy done(&runner, &ExperimentRunner::runFinished);
        runner.start(doc.project(), "tr");
        QVERIFY(done.wait(20000));
        QCOMPARE(done.front().at(0).value<ExperimentRunner::Outcome>(), ExperimentRunner::Outcome::Failed);
        const QString message = done.front().at(1).toString();
        qInfo("%s", qPrintable(message));
        QVERIFY2(message.contains("circuit 'rc' cannot be simulated") && message.contains("node 'out' (at C1 terminal a)") &&
                     message.contains("no DC path to ground"),
                 qPrintable(message));
    }

    // A part's name edits in the panel: one undo step; the schematic
    // placement, the cell block, experiments naming it and the probe follow;
    // empty, taken (also by case) or SPICE-unsafe names are refused with the
    // reason and change nothing.
    void renamingAPartIsOneUndoStepAndReferencesFollow() {
        const std::string path = std::string(MS_SOURCE_DIR) + "/projects/2m-differential-synapse.json";
        DocumentModel doc;
        QString error;
        QVERIFY2(doc.open(QString::fromStdString(path), &error), qPrintable(error));
        QWidget window;
        window.resize(1200, 800);
        auto* view = new CircuitView(&doc, &window);
        view->resize(1200, 800);
        window.show();
        view->redrawNow();
        const json before = doc.project().tree();
        int transfer = -1;
        for (std::size_t k = 0; k < before["experiments"].size(); ++k)
            if (before["experiments"][k]["id"] == "transfer") transfer = static_cast<int>(k);
        QVERIFY(transfer >= 0);
        QCOMPARE(before["experiments"][static_cast<std::size_t>(transfer)]["source"], json("Vin"));

        for (const char* bad : {"", "1V", "V in", "V.in", "mp"}) {
            QString why;
            QVERIFY(!view->renamePart("Vin", bad, &why));
            qInfo("'%s' refused: %s", bad, qPrintable(why));
            QVERIFY(!why.isEmpty());
        }
        QCOMPARE(doc.undoStack()->count(), 0);

        // Through the panel's name field.
        const QPointF vinAt = view->scene()->part("Vin")->pos();
        view->scene()->selectParts({"Vin"});
        QCoreApplication::processEvents();
        auto* name = view->partEditor()->findChild<QLineEdit*>("partName");
        QVERIFY(name);
        QCOMPARE(name->text(), QStringLiteral("Vin"));
        name->setText("Vdrive");
        emit name->editingFinished();
        QCOMPARE(doc.undoStack()->count(), 1);
        const json after = doc.project().tree();
        const json& c = after["circuits"].at(0);
        QVERIFY(ms::circuit::netlistFromJson(c["netlist"]).find("Vdrive"));
        QVERIFY(!ms::circuit::netlistFromJson(c["netlist"]).find("Vin"));
        QCOMPARE(c["cell"]["programSource"], json("Vdrive"));
        const QPointF drawnAt = vinAt;
        QCOMPARE(QPointF(c.at("schematic").at("parts").at("Vdrive").at("x").get<double>(),
                         c.at("schematic").at("parts").at("Vdrive").at("y").get<double>()),
                 drawnAt);  // stays where it was drawn
        QCOMPARE(after["experiments"][static_cast<std::size_t>(transfer)]["source"], json("Vdrive"));
        QVERIFY(doc.project().validate().empty());
        // A refused name says why in the panel.
        QCoreApplication::processEvents();
        QCoreApplication::processEvents();
        auto* again = view->partEditor()->findChild<QLineEdit*>("partName");
        QVERIFY(again);
        QCOMPARE(again->text(), QStringLiteral("Vdrive"));
        again->setText("Mp");
        emit again->editingFinished();
        QCOMPARE(doc.undoStack()->count(), 1);
        auto* err = view->partEditor()->findChild<QLabel*>("partNameError");
        QVERIFY(err && !err->isHidden() && err->text().contains("Mp"));
        // The current probe follows a rename of its part.
        view->scene()->selectParts({"Mp"});
        QCoreApplication::processEvents();
        QCOMPARE(view->probeColumn(), QStringLiteral("i(Mp)"));
        QVERIFY(view->renamePart("Mp", "Mplus"));
        QCOMPARE(view->probeColumn(), QStringLiteral("i(Mplus)"));
        QCOMPARE(view->resultPlot()->currentProbe(), QStringLiteral("i(Mplus)"));
        QCOMPARE(doc.value("/circuits/0/cell/memristors"), json({"Mplus", "Mn"}));
        // Undo restores the whole document, one step per rename.
        doc.undoStack()->undo();
        doc.undoStack()->undo();
        QVERIFY(doc.project().tree() == before);
    }

    // With nothing probed, the plot shows the cell's output and read current
    // (the first memristor's current and top node otherwise), and says so.
    void plotShowsDefaultProbesUntilOneIsClicked() {
        Fixture f(rcCircuit());
        json c = rcCircuit();
        c["netlist"]["elements"].push_back(
            {{"kind", "memristor"}, {"name", "M1"}, {"nodes", {"out", "0"}}, {"device", {{"model", "linear_ion_drift"}}}});
        f.doc.setValue("/circuits/0", c, "add M1");
        f.settle();
        SeriesBuffer s;
        s.id = "transient";
        s.columns = {{"t", "s"}, {"v(in)", "V"}, {"v(out)", "V"}, {"i(M1)", "A"}};
        for (int k = 0; k <= 20; ++k) {
            const double row[] = {k * 1e-4, 1.0, 0.5 * k / 20.0, 1e-5 * k};
            s.appendRows(row, 1);
        }
        f.view->showSeries("circuit_transient", {s});
        CircuitPlot* plot = f.view->resultPlot();
        QCOMPARE(plot->voltageProbe(), QStringLiteral("v(out)"));
        QCOMPARE(plot->currentProbe(), QStringLiteral("i(M1)"));
        QCOMPARE(plot->pointsOf("v(out)"), 21);
        QCOMPARE(plot->pointsOf("i(M1)"), 21);
        QVERIFY(plot->plot()->graph(0)->name().contains("default"));
        QVERIFY(plot->plot()->graph(1)->name().contains("first memristor"));
        // A cell: its read element's current and the TIA's output node.
        DocumentModel doc;
        QString error;
        QVERIFY(doc.open(QStringLiteral(MS_SOURCE_DIR "/projects/2m-differential-synapse.json"), &error));
        CircuitView view(&doc);
        view.redrawNow();
        view.showSeries("circuit_transient", {});
        QCOMPARE(view.resultPlot()->voltageProbe(), QStringLiteral("v(out)"));
        QCOMPARE(view.resultPlot()->currentProbe(), QStringLiteral("i(T1)"));
        QVERIFY(view.resultPlot()->plot()->graph(0)->name().contains("cell output"));
    }

    // The cell weight axis of a conductance-weighted cell (2M) reads in
    // siemens with SI prefixes ("50µS"), not "5e-05".
    void weightAxisHasSiPrefixesAndUnit() {
        Fixture f(rcCircuit());
        SeriesBuffer s;
        s.id = "weight";
        s.columns = {{"pulse", ""}, {"phase", ""}, {"V", "V"}, {"w", "S"}};
        for (int k = 0; k <= 10; ++k) {
            const double row[] = {double(k), k ? 1.0 : 0.0, 1.0, -3e-5 + 1e-5 * k};
            s.appendRows(row, 1);
        }
        f.view->showSeries("cell_pulse_curve", {s});
        QCustomPlot* p = f.view->resultPlot()->plot();
        p->replot();
        const QVector<QString> labels = p->yAxis->tickVectorLabels();
        QVERIFY(!labels.isEmpty());
        bool micro = false;
        for (const auto& l : labels) {
            QVERIFY2(!l.contains('e') && !l.contains("10^"), qPrintable(l));
            micro = micro || l.endsWith(QString::fromUtf8("µS"));
        }
        QVERIFY2(micro, qPrintable(QStringList(labels.begin(), labels.end()).join(" | ")));
    }

    // A PWL-driven source edits its points in the part panel (the shared
    // PwlPointsEditor): one undo step per finished edit, written to the
    // netlist's stimulus; a refused edit writes nothing.
    void pwlPointsEditInThePanelIsOneUndoStep() {
        json c = rcCircuit();
        c["netlist"]["elements"][0]["stimulus"] = {{"id", "pwl"}, {"params", json::object()},
                                                   {"points", {{0.0, 0.0}, {1e-3, 1.0}, {2e-3, 0.0}}}};
        Fixture f(c);
        f.view->scene()->selectParts({"V1"});
        QCoreApplication::processEvents();
        auto* pwl = f.view->partEditor()->findChild<PwlPointsEditor*>("pwlPoints");
        QVERIFY(pwl);
        QCOMPARE(pwl->points().size(), std::size_t(3));
        const int steps = f.doc.undoStack()->count();
        QVERIFY(pwl->pasteText("0\t0\n1e-3\t0.5\n3e-3\t0.5\n4e-3\t0"));
        QCOMPARE(f.doc.undoStack()->count(), steps + 1);
        const json pts = f.doc.value("/circuits/0/netlist/elements/0/stimulus/points");
        QCOMPARE(pts, json({{0.0, 0.0}, {1e-3, 0.5}, {3e-3, 0.5}, {4e-3, 0.0}}));
        QVERIFY(!pwl->pasteText("0\t0\n2e-3\t1\n1e-3\t0"));  // time going back: refused
        QCOMPARE(f.doc.undoStack()->count(), steps + 1);
        QVERIFY(f.doc.project().validate().empty());
        f.doc.undoStack()->undo();
        QCOMPARE(f.doc.value("/circuits/0/netlist/elements/0/stimulus/points").size(), std::size_t(3));
        QCoreApplication::processEvents();
        auto* shown = f.view->partEditor()->findChild<PwlPointsEditor*>("pwlPoints");
        QVERIFY(shown);
        QCOMPARE(shown->points().size(), std::size_t(3));  // the editor follows the undo
    }

    void probeClickPlotsTheRightColumn() {
        Fixture f(rcCircuit());
        // A transient as circuit_transient streams it: t, v(node)..., i(element)...
        SeriesBuffer s;
        s.id = "transient";
        s.columns = {{"t", "s"}, {"v(in)", "V"}, {"v(out)", "V"}, {"i(V1)", "A"}, {"i(R1)", "A"}, {"i(C1)", "A"}};
        const double tau = 1e-3;
        for (int k = 0; k <= 50; ++k) {
            const double t = k * 1e-4, vout = 1.0 - std::exp(-t / tau), i = (1.0 - vout) / 1e3;
            const double row[] = {t, 1.0, vout, -i, i, i};
            s.appendRows(row, 1);
        }
        f.view->showSeries("circuit_transient", {s});
        click(f.view->schematicView(), f.view->scene()->junction("out")->pos());
        QCOMPARE(f.view->probeColumn(), QStringLiteral("v(out)"));
        QCOMPARE(f.view->resultPlot()->voltageProbe(), QStringLiteral("v(out)"));
        QCOMPARE(f.view->resultPlot()->pointsOf("v(out)"), 51);
        QCPGraph* g = f.view->resultPlot()->plot()->graph(0);
        QCOMPARE(g->data()->at(50)->value, s.at(50, 2));
        click(f.view->schematicView(), QPointF(320, 80));  // the capacitor body
        QCOMPARE(f.view->probeColumn(), QStringLiteral("i(C1)"));
        QCOMPARE(f.view->resultPlot()->pointsOf("i(C1)"), 51);
        QCOMPARE(f.view->resultPlot()->plot()->graph(1)->data()->at(0)->value, s.at(0, 5));
        // Wires are coloured by their node's voltage at the last row.
        const double vmax = 1.0;
        for (WireItem* w : f.view->scene()->wires())
            if (w->node == "out")
                QCOMPARE(w->pen().color(), SchematicScene::voltageColour(s.at(50, 2), vmax));
        QVERIFY(f.view->scene()->hasVoltages());
    }

    void cellFromRegistryIsOneStep() {
        json empty{{"id", "syn"}, {"name", "Synapse"}, {"netlist", {{"title", ""}, {"elements", json::array()}}}};
        Fixture f(empty);
        const int steps = f.doc.undoStack()->count();
        f.view->insertCell("2m");
        QCOMPARE(f.doc.undoStack()->count(), steps + 1);
        const json c = f.circuit();
        QCOMPARE(c["cell"]["id"], json("2m"));
        QCOMPARE(c["cell"]["memristors"], json({"Mp", "Mn"}));
        const auto net = ms::circuit::netlistFromJson(c["netlist"]);
        const ms::DeviceSpec dev = *net.find("Mp")->device;
        QCOMPARE(net.elements.size(), ms::circuit::buildCell("2m", dev).netlist.elements.size());
        QCOMPARE(c["schematic"]["parts"].size(), net.elements.size());
        f.settle();
        QVERIFY(f.view->scene()->part("Mn"));
        // A second cell lands beside the first with renamed parts, unconnected to it.
        f.view->insertCell("1m");
        QCOMPARE(f.doc.undoStack()->count(), steps + 2);
        QVERIFY(f.circuit()["netlist"]["elements"].size() > net.elements.size());
        QCOMPARE(f.circuit()["cell"]["id"], json("2m"));
    }

    // The example project runs through the studio's runner into this view:
    // the probe plots every row, the wires take node voltages, and the
    // streamed columns obey Ohm's law on R1 and R2.
    void exampleProjectRunsIntoTheView() {
        const std::string path = std::string(MS_SOURCE_DIR) + "/projects/circuit-rc-demo.json";
        const ms::Project loaded = ms::loadProjectFile(path);  // a broken example fails here
        DocumentModel doc;
        QString error;
        QVERIFY2(doc.open(QString::fromStdString(path), &error), qPrintable(error));
        QWidget window;
        window.resize(1200, 800);
        auto* view = new CircuitView(&doc, &window);
        view->resize(1200, 800);
        window.show();
        ExperimentRunner runner;
        view->follow(&runner);
        QSignalSpy done(&runner, &ExperimentRunner::runFinished);
        runner.start(doc.project(), "rc_pulses");
        QVERIFY(done.wait(60000));
        QCOMPARE(done.front().front().value<ExperimentRunner::Outcome>(), ExperimentRunner::Outcome::Finished);
        QCoreApplication::processEvents();
        const SeriesBuffer* s = nullptr;
        for (const auto& b : runner.series())
            if (b.id == QLatin1String("transient")) s = &b;
        QVERIFY(s && s->rows() > 100);
        view->redrawNow();
        view->scene()->junction("out")->setSelected(true);
        QCOMPARE(view->probeColumn(), QStringLiteral("v(out)"));
        QCOMPARE(view->resultPlot()->pointsOf("v(out)"), static_cast<int>(s->rows()));
        QVERIFY(view->scene()->hasVoltages());
        const int iR1 = s->column("i(R1)"), iC1 = s->column("i(C1)"), iM1 = s->column("i(M1)"), iR2 = s->column("i(R2)"),
                  vin = s->column("v(in)"), vout = s->column("v(out)"), vload = s->column("v(load)");
        QVERIFY(iR1 >= 0 && iC1 >= 0 && iM1 >= 0 && iR2 >= 0 && vin >= 0 && vout >= 0 && vload >= 0);
        double peak = 0, worstKcl = 0, worstOhm = 0, maxOut = 0;  // worstKcl: Ohm on R1
        for (std::size_t r = 0; r < s->rows(); ++r) peak = std::max(peak, std::fabs(s->at(r, iR1)));
        for (std::size_t r = 0; r < s->rows(); ++r) {
            // Ohm's law on both resistors (i(C1) is left out: see the report).
            worstKcl = std::max(worstKcl, std::fabs(s->at(r, vin) - s->at(r, vout) - 1000.0 * s->at(r, iR1)));
            worstOhm = std::max(worstOhm, std::fabs(s->at(r, vload) - 1000.0 * s->at(r, iR2)));
            maxOut = std::max(maxOut, s->at(r, vout));
        }
        QVERIFY(peak > 1e-4);  // ~1 mA when a pulse starts
        QVERIFY2(worstKcl < 1e-6, qPrintable(QString::number(worstKcl)));
        QVERIFY2(worstOhm < 1e-6, qPrintable(QString::number(worstOhm)));
        // A passive low-pass never exceeds its 1 V drive, and the 4 ms pulses (4 tau) nearly charge it.
        QVERIFY(maxOut < 1.0 + 1e-6);
        QVERIFY(maxOut > 0.5);

        // Trace expressions typed under the plot (issue 15's waveform tools).
        // Ohm's law on R1 as a trace is zero, in volts, on the left axis.
        CircuitPlot* plot = view->resultPlot();
        auto* edit = plot->findChild<QLineEdit*>("traceExpression");
        QVERIFY(edit && edit->isVisible());
        edit->setText("v(in) - v(out) - 1k[ohm]*i(R1)");
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(plot->traces().size(), 1);
        QVERIFY2(plot->traceError().isEmpty(), qPrintable(plot->traceError()));
        QVERIFY(edit->text().isEmpty());
        QCPGraph* ohm = plot->traceGraph(0);
        QVERIFY(ohm && ohm->dataCount() == static_cast<int>(s->rows()));
        QCOMPARE(ohm->valueAxis(), plot->plot()->yAxis);
        for (auto it = ohm->data()->constBegin(); it != ohm->data()->constEnd(); ++it) QVERIFY(std::fabs(it->value) < 1e-6);
        // The charge into C1 gets an axis of its own, in coulombs. (It is not
        // compared with C v(out): the 50 µs samples cut the current's jumps at
        // the pulse edges, so any integral of the samples misses those; the
        // integral itself is checked against closed forms in test_waveform_tools.)
        edit->setText("integ(i(C1))");
        QTest::keyClick(edit, Qt::Key_Return);
        QCPGraph* q = plot->traceGraph(1);
        QVERIFY(q && q->dataCount() == static_cast<int>(s->rows()));
        QCOMPARE(q->valueAxis()->property("msUnit").toString(), QStringLiteral("C"));
        QVERIFY(q->valueAxis() != plot->plot()->yAxis && q->valueAxis() != plot->plot()->yAxis2);
        double charge = 0;
        for (std::size_t r = 1; r < s->rows(); ++r)
            charge += 0.5 * (s->at(r, 0) - s->at(r - 1, 0)) * (s->at(r, iC1) + s->at(r - 1, iC1));
        const double qEnd = (q->data()->constEnd() - 1)->value;
        QVERIFY2(std::fabs(qEnd - charge) <= 1e-12 * std::fabs(charge), qPrintable(QString("%1 vs %2").arg(qEnd).arg(charge)));
        // A trace whose units do not add is refused: the reason is shown, the
        // text stays to be mended, and the traces already there stay.
        edit->setText("v(in) + i(R1)");
        QTest::keyClick(edit, Qt::Key_Return);
        QCOMPARE(plot->traces().size(), 2);
        QVERIFY2(plot->traceError().contains("cannot add A to V"), qPrintable(plot->traceError()));
        QCOMPARE(edit->text(), QStringLiteral("v(in) + i(R1)"));
        // The traces survive the next run.
        runner.start(doc.project(), "rc_pulses");
        QVERIFY(done.wait(60000));
        QCoreApplication::processEvents();
        view->redrawNow();
        QCOMPARE(plot->traceGraph(1)->dataCount(), static_cast<int>(s->rows()));
        const int axesWithTraces = plot->plot()->axisRect()->axisCount(QCPAxis::atRight);
        plot->clearTraces();
        QVERIFY(plot->traces().isEmpty());
        QCOMPARE(plot->plot()->axisRect()->axisCount(QCPAxis::atRight), axesWithTraces - 1);
    }

    // Parameter stepping (issue 15's waveform tools, LTspice's .step): R1 of
    // the RC example at 500 Ω and 2 kΩ runs twice on copies of the project;
    // the plot overlays v(out) and the probed current per value, the smaller
    // R charges C1 faster, and the document is left as it was.
    void parameterStepOverlaysOneRunPerValue() {
        DocumentModel doc;
        QString error;
        QVERIFY2(doc.open(QStringLiteral(MS_SOURCE_DIR "/projects/circuit-rc-demo.json"), &error), qPrintable(error));
        QWidget window;
        window.resize(1200, 800);
        auto* view = new CircuitView(&doc, &window);
        view->resize(1200, 800);
        window.show();
        QCOMPARE(view->stepExperiment(), QStringLiteral("rc_pulses"));
        const auto params = steppableParameters(doc.value(view->circuitPointer()), view->circuitPointer());
        const StepParameter* r1 = nullptr;
        bool deviceParam = false;
        for (const auto& p : params) {
            if (p.label == QStringLiteral("R1 · R")) r1 = &p;
            if (p.pointer.find("/elements/3/device/params/") != std::string::npos) deviceParam = true;
        }
        QVERIFY(r1 && r1->current == 1000.0 && r1->pointer == "/circuits/0/netlist/elements/1/params/R" && r1->unit == "Ω");
        QVERIFY(deviceParam);  // M1's VTEAM parameters can be stepped too

        std::vector<double> values;
        QVERIFY(parseStepValues("1k, 2.2k 4.7k;10meg", values, &error));
        QCOMPARE(values, (std::vector<double>{1e3, 2.2e3, 4.7e3, 1e7}));
        QVERIFY(!parseStepValues("1k, x", values, &error) && error.contains("'x'"));
        QVERIFY(!parseStepValues("1 2 3 4 5 6 7 8 9 10 11 12 13", values, &error) && error.contains("At most 12"));
        QVERIFY(!parseStepValues("", values, &error));
        ParameterStepDialog dialog(params);
        dialog.valuesEdit()->setText("1k, 2[V]");
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));  // refused, the reason shown, the dialog stays

        const int undoBefore = doc.undoStack()->count();
        QSignalSpy done(view->stepper(), &ParameterStepper::finished);
        view->startParameterStep(*r1, {500.0, 2000.0});
        QVERIFY(done.wait(60000));
        QCoreApplication::processEvents();
        const auto& runs = view->stepper()->runs();
        QCOMPARE(runs.size(), std::size_t(2));
        QCOMPARE(runs[0].label, QStringLiteral("R1 · R = 500 Ω"));
        QCOMPARE(runs[1].label, QStringLiteral("R1 · R = 2 kΩ"));
        const auto& graphs = view->resultPlot()->stepGraphs();
        QCOMPARE(graphs.size(), std::size_t(4));  // the voltage and current probes, per value
        QCOMPARE(graphs[0]->name(), QStringLiteral("R1 · R = 500 Ω (solid v(out), dashed i(M1))"));
        QCOMPARE(graphs[1]->name(), QStringLiteral("i(M1) · R1 · R = 500 Ω"));
        QVERIFY(graphs[0]->valueAxis() == view->resultPlot()->plot()->yAxis && graphs[1]->valueAxis() == view->resultPlot()->plot()->yAxis2);
        QCOMPARE(graphs[2]->name(), QStringLiteral("R1 · R = 2 kΩ"));
        auto at = [](QCPGraph* g, double t) { return g->data()->findBegin(t)->value; };
        QVERIFY(graphs[0]->dataCount() > 100);
        QVERIFY2(at(graphs[0], 2e-3) > at(graphs[2], 2e-3) + 0.1,
                 qPrintable(QString("%1 vs %2").arg(at(graphs[0], 2e-3)).arg(at(graphs[2], 2e-3))));
        QCOMPARE(doc.undoStack()->count(), undoBefore);
        QCOMPARE(doc.value("/circuits/0/netlist/elements/1/params/R").get<double>(), 1000.0);
        // Clear traces removes the overlays.
        view->resultPlot()->clearTraces();
        QVERIFY(view->stepper()->runs().empty());
        QVERIFY(view->resultPlot()->stepGraphs().empty());
    }
};

QTEST_MAIN(TestSchematic)
#include "test_schematic.moc"
