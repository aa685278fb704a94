// The device setting terminalLock in the studio's device editor (issue 18):
// a checkbox that writes the device object's "terminalLock", one undo step per
// toggle, off by default (the key is absent: the exact solution), and the
// checkbox follows undo and redo. The engines read exactly this key
// (tests/sim/tst_device_transient.cpp, tests/circuit/test_circuit_bounds.cpp).
#include <QCheckBox>
#include <QComboBox>
#include <QtTest>
#include <QUndoStack>
#include <nlohmann/json.hpp>

#include "core/project/Project.h"
#include "widgets/DeviceEditor.h"
#include "widgets/DocumentModel.h"

using namespace ms::gui;
using json = nlohmann::json;

class TestTerminalLockEditor : public QObject {
    Q_OBJECT
private slots:
    void checkboxEditsTheDeviceSettingUndoably() {
        json t = ms::Project().tree();
        t["devices"] = json::array({{{"id", "d"}, {"model", "linear_ion_drift"}, {"window", {{"id", "joglekar"}, {"params", {{"p", 1}}}}}}});
        t["experiments"] = json::array({{{"id", "e"}, {"kind", "device_transient"}, {"device", "d"},
                                         {"drive", {{"kind", "sine"}, {"params", json::object()}}}}});
        DocumentModel doc;
        doc.resetTo(ms::Project(t), QString());
        DeviceEditor editor(&doc, "/experiments/0/device");
        QCOMPARE(QString::fromStdString(editor.targetPointer()), QString("/devices/0"));
        QCheckBox* box = editor.terminalLockBox();
        QVERIFY(box);
        QVERIFY(!box->isChecked());
        QVERIFY(box->text().contains("SPICE terminal-state"));
        QVERIFY(box->toolTip().contains("Biolek"));
        QVERIFY(!doc.contains("/devices/0/terminalLock"));

        const int before = doc.undoStack()->count();
        box->click();
        QCOMPARE(doc.undoStack()->count(), before + 1);
        QCOMPARE(doc.value("/devices/0/terminalLock"), json(true));
        QVERIFY(ms::Project(doc.project().tree()).validate().empty());

        doc.undoStack()->undo();
        QVERIFY(!doc.contains("/devices/0/terminalLock"));
        QTRY_VERIFY(editor.terminalLockBox() && !editor.terminalLockBox()->isChecked());
        doc.undoStack()->redo();
        QTRY_VERIFY(editor.terminalLockBox() && editor.terminalLockBox()->isChecked());

        // Off again removes the key: the default is the exact solution.
        editor.terminalLockBox()->click();
        QVERIFY(!doc.contains("/devices/0/terminalLock"));
    }

    void survivesAPresetChange() {
        json t = ms::Project().tree();
        t["experiments"] = json::array({{{"id", "e"}, {"kind", "device_transient"},
                                         {"device", {{"model", "linear_ion_drift"}, {"terminalLock", true}}},
                                         {"drive", {{"kind", "sine"}, {"params", json::object()}}}}});
        DocumentModel doc;
        doc.resetTo(ms::Project(t), QString());
        DeviceEditor editor(&doc, "/experiments/0/device");
        QVERIFY(editor.terminalLockBox()->isChecked());
        QComboBox* preset = editor.presetPicker();
        QVERIFY(preset->count() > 1);
        preset->setCurrentIndex(1);
        emit preset->activated(1);
        QCOMPARE(doc.value("/experiments/0/device/terminalLock"), json(true));
    }
};

QTEST_MAIN(TestTerminalLockEditor)
#include "test_terminal_lock_editor.moc"
