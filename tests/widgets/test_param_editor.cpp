// The generated parameter editor and the undo idiom (issue 3, Documents):
// one row per parameter for every registered model, one undo step per edit,
// one per slider drag, and undo restores the old value.
#include <QComboBox>
#include <QLineEdit>
#include <QSlider>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>
#include <nlohmann/json.hpp>

#include "core/devices/ModelRegistry.h"
#include "core/project/Project.h"
#include "widgets/DeviceEditor.h"
#include "widgets/DocumentModel.h"
#include "widgets/ExperimentEditor.h"
#include "widgets/ParamEditor.h"
#include "widgets/SiFormat.h"

using namespace ms::gui;
using json = nlohmann::json;

namespace {
ms::Project projectWith(const std::string& model, const std::string& preset) {
    json t = ms::Project().tree();
    json dev = {{"model", model}};
    if (!preset.empty()) dev["preset"] = preset;
    t["experiments"] = json::array({{{"id", "e"},
                                     {"kind", "device_transient"},
                                     {"device", dev},
                                     {"drive", {{"kind", "sine"}, {"params", json::object()}}}}});
    return ms::Project(t);
}
}  // namespace

class TestParamEditor : public QObject {
    Q_OBJECT
private slots:
    void siFormatting() {
        QCOMPARE(formatSi(16e3, "ohm"), QStringLiteral("16 kΩ"));
        QCOMPARE(formatSi(10e-9, "m"), QStringLiteral("10 nm"));
        QCOMPARE(*parseSi("16k"), 16e3);
        QCOMPARE(*parseSi("2.5 µA"), 2.5e-6);
        QCOMPARE(*parseSi("10 nm"), 10e-9);
        QCOMPARE(*parseSi("1e-14 m^2/(V*s)"), 1e-14);  // the m of m^2 is the unit, not milli
        QCOMPARE(*parseSi(formatSi(1e-14, "m^2/(V*s)")), 1e-14);  // what the editor shows parses back
        QVERIFY(!parseSi("abc"));
    }

    void oneRowPerParameterForEveryModel() {
        QVERIFY(ms::modelRegistry().all().size() >= 2);
        for (const auto& m : ms::modelRegistry().all()) {
            DocumentModel doc;
            doc.resetTo(projectWith(m.id, m.presets.empty() ? "" : m.presets.front().id), QString());
            DeviceEditor editor(&doc, "/experiments/0/device");
            QVERIFY2(editor.paramEditor(), m.id.c_str());
            QCOMPARE(editor.paramEditor()->rowCount(), static_cast<int>(m.params.size()));
            for (const auto& spec : m.params) {
                QLineEdit* e = editor.paramEditor()->valueEdit(QString::fromStdString(spec.key));
                QVERIFY2(e, spec.key.c_str());
                // The row shows the value in effect, which parses back to it.
                const double shown = *parseSi(e->text());
                const double actual = editor.paramEditor()->currentValue(spec.key);
                QVERIFY2(std::fabs(shown - actual) <= 1e-3 * std::fabs(actual) + 1e-300,
                         qPrintable(QString::fromStdString(m.id + "." + spec.key) + " shows " + e->text()));
                QVERIFY(!e->toolTip().isEmpty());
                // The slider maps back onto the value within one step.
                const int pos = ParamEditor::sliderPosition(spec, actual);
                QVERIFY(pos >= 0 && pos <= ParamEditor::kSliderSteps);
            }
        }
    }

    void typedEditIsOneUndoStepAndUndoRestores() {
        DocumentModel doc;
        doc.resetTo(projectWith("linear_ion_drift", "hp_tio2"), QString());
        DeviceEditor editor(&doc, "/experiments/0/device");
        ParamEditor* pe = editor.paramEditor();
        const double before = pe->currentValue("Roff");
        QCOMPARE(before, 16e3);
        QLineEdit* e = pe->valueEdit("Roff");
        e->setText("20k");
        emit e->editingFinished();
        QCOMPARE(doc.undoStack()->count(), 1);
        QCOMPARE(doc.value("/experiments/0/device/params/Roff").get<double>(), 20e3);
        QVERIFY(doc.isModified());
        // Focus leaving again without a change adds nothing.
        emit e->editingFinished();
        QCOMPARE(doc.undoStack()->count(), 1);
        doc.undoStack()->undo();
        QVERIFY(!doc.contains("/experiments/0/device/params/Roff"));
        QCOMPARE(pe->currentValue("Roff"), before);
        QCOMPARE(*parseSi(e->text()), before);
        QVERIFY(!doc.isModified());
        doc.undoStack()->redo();
        QCOMPARE(pe->currentValue("Roff"), 20e3);
    }

    void outOfRangeTextIsRejected() {
        DocumentModel doc;
        doc.resetTo(projectWith("linear_ion_drift", "hp_tio2"), QString());
        DeviceEditor editor(&doc, "/experiments/0/device");
        QLineEdit* e = editor.paramEditor()->valueEdit("Ron");
        e->setText("-5");
        emit e->editingFinished();
        QCOMPARE(doc.undoStack()->count(), 0);
        QVERIFY(!e->styleSheet().isEmpty());
    }

    void sliderDragIsOneUndoStep() {
        DocumentModel doc;
        doc.resetTo(projectWith("linear_ion_drift", "hp_tio2"), QString());
        DeviceEditor editor(&doc, "/experiments/0/device");
        QSlider* s = editor.paramEditor()->slider("Rinit");
        const auto range = editor.paramEditor()->sliderRange("Rinit");
        const double before = editor.paramEditor()->currentValue("Rinit");
        s->setSliderDown(true);
        emit s->sliderPressed();
        const int start = s->value();
        for (int k = 1; k <= 25; ++k) s->setValue(start - 4 * k);
        s->setSliderDown(false);
        emit s->sliderReleased();
        QCOMPARE(doc.undoStack()->count(), 1);
        const double after = editor.paramEditor()->currentValue("Rinit");
        QVERIFY(after < before);
        QCOMPARE(after, ParamEditor::sliderValue(*ms::findSpec(ms::modelRegistry().find("linear_ion_drift")->params, "Rinit"),
                                                 range, start - 100));
        doc.undoStack()->undo();
        QCOMPARE(editor.paramEditor()->currentValue("Rinit"), before);
        // A second drag is a second step.
        emit s->sliderPressed();
        s->setSliderDown(true);
        s->setValue(start + 10);
        s->setValue(start + 20);
        s->setSliderDown(false);
        QCOMPARE(doc.undoStack()->count(), 1);  // the undone step was discarded by the new push
        QCOMPARE(doc.undoStack()->index(), 1);
    }

    // A slider spans a working range around the value, not the whole valid
    // range: Roff = 16 kOhm (valid up to GOhm) is tuned within a decade.
    void sliderSpansAWorkingRangeThatRecentres() {
        DocumentModel doc;
        doc.resetTo(projectWith("linear_ion_drift", "hp_tio2"), QString());
        DeviceEditor editor(&doc, "/experiments/0/device");
        ParamEditor* pe = editor.paramEditor();
        const ms::ParamSpec* roff = ms::findSpec(ms::modelRegistry().find("linear_ion_drift")->params, "Roff");
        QVERIFY(roff->max / roff->min > 1000.0);
        auto r = pe->sliderRange("Roff");
        QVERIFY(r.log);
        QCOMPARE(r.lo, 1.6e3);
        QCOMPARE(r.hi, 1.6e5);
        QCOMPARE(pe->slider("Roff")->value(), ParamEditor::kSliderSteps / 2);
        // A typed value far away re-centres the slider on it.
        QLineEdit* e = pe->valueEdit("Roff");
        e->setText("1M");
        emit e->editingFinished();
        r = pe->sliderRange("Roff");
        QVERIFY(r.lo <= 1e6 && r.hi >= 1e6 && r.hi / r.lo <= 100.0 + 1e-9);
        QCOMPARE(pe->slider("Roff")->value(), ParamEditor::kSliderSteps / 2);
        // A drag to the very end lands on the range's edge, then re-centres there.
        QSlider* s = pe->slider("Roff");
        emit s->sliderPressed();
        s->setSliderDown(true);
        s->setValue(ParamEditor::kSliderSteps);
        s->setSliderDown(false);
        emit s->sliderReleased();
        QCOMPARE(pe->currentValue("Roff"), r.hi);
        QVERIFY(pe->sliderRange("Roff").hi > r.hi);
        // Linear ranges: a 1 V amplitude in a kV-wide valid range spans 0 .. 2 V.
        ms::ParamSpec amp{"amplitude", "V_0", "V", 1.0, 0.0, 1000.0, ms::Scale::Linear, "", ""};
        const auto lin = ParamEditor::workingRange(amp, 1.0, 1.0);
        QCOMPARE(lin.lo, 0.0);
        QCOMPARE(lin.hi, 2.0);
        QVERIFY(!lin.log);
        // A valid range within a few times the value is used whole.
        ms::ParamSpec state{"x0", "x_0", "", 0.5, 0.0, 1.0, ms::Scale::Linear, "", ""};
        const auto x0 = ParamEditor::workingRange(state, 0.5, 0.5);
        QCOMPARE(x0.lo, 0.0);
        QCOMPARE(x0.hi, 1.0);
        // Zero value and default: a tenth of the valid range, centred on zero.
        ms::ParamSpec phase{"phase", "phi", "deg", 0.0, -180.0, 180.0, ms::Scale::Linear, "", ""};
        const auto ph = ParamEditor::workingRange(phase, 0.0, 0.0);
        QCOMPARE(ph.lo, -18.0);
        QCOMPARE(ph.hi, 18.0);
    }

    void dragUndoLabelNamesTheFinalValue() {
        DocumentModel doc;
        doc.resetTo(projectWith("linear_ion_drift", "hp_tio2"), QString());
        const int session = 7;  // one slider drag: three values, one undo step
        doc.setValue("/experiments/0/device/params/D", 5e-9, "Set D = 5 nm", session);
        doc.setValue("/experiments/0/device/params/D", 6e-9, "Set D = 6 nm", session);
        doc.setValue("/experiments/0/device/params/D", 7e-9, "Set D = 7 nm", session);
        QCOMPARE(doc.undoStack()->count(), 1);
        QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Set D = 7 nm"));
        doc.undoStack()->undo();
        QVERIFY(!doc.contains("/experiments/0/device/params/D"));
    }

    void resetRemovesOverride() {
        DocumentModel doc;
        doc.resetTo(projectWith("linear_ion_drift", "hp_tio2"), QString());
        doc.setValue("/experiments/0/device/params/D", 5e-9, "set D");
        DeviceEditor editor(&doc, "/experiments/0/device");
        QToolButton* reset = editor.paramEditor()->resetButton("D");
        QVERIFY(reset->isEnabled());
        reset->click();
        QVERIFY(!doc.contains("/experiments/0/device/params/D"));
        QCOMPARE(editor.paramEditor()->currentValue("D"), 10e-9);
        QCOMPARE(doc.undoStack()->count(), 2);
    }

    void modelChangeIsOneStepAndRebuildsRows() {
        DocumentModel doc;
        doc.resetTo(projectWith("linear_ion_drift", "hp_tio2"), QString());
        DeviceEditor editor(&doc, "/experiments/0/device");
        const ms::ModelInfo* other = nullptr;
        for (const auto& m : ms::modelRegistry().all())
            if (m.id != "linear_ion_drift") other = &m;
        QVERIFY(other);
        const int idx = editor.modelPicker()->findData(QString::fromStdString(other->id));
        editor.modelPicker()->setCurrentIndex(idx);
        emit editor.modelPicker()->activated(idx);
        QCOMPARE(doc.undoStack()->count(), 1);
        QCOMPARE(doc.value("/experiments/0/device/model").get<std::string>(), other->id);
        QTRY_VERIFY(editor.paramEditor() && editor.paramEditor()->rowCount() == static_cast<int>(other->params.size()));
        doc.undoStack()->undo();
        QCOMPARE(doc.value("/experiments/0/device/model").get<std::string>(), std::string("linear_ion_drift"));
        QTRY_COMPARE(editor.paramEditor()->rowCount(),
                     static_cast<int>(ms::modelRegistry().find("linear_ion_drift")->params.size()));
    }

    // An ANN trained on a device synapse takes its write pulse from the
    // device's drive: the experiment's V_w and t_w rows are greyed out and say
    // so; replacing the synapse by a plain one makes them editable again, and
    // undo greys them out again.
    void settingsADeviceSynapseOverridesAreGreyedOut() {
        DocumentModel doc;
        doc.resetTo(ms::loadProjectFile(MS_SOURCE_DIR "/projects/mlp-digits-device-synapse.json"), QString());
        ExperimentEditor editor(&doc, "/experiments/0");
        ParamEditor* settings = editor.settingsEditor();
        QVERIFY(settings);
        for (const char* key : {"writeVoltage", "pulseWidth"}) {
            QVERIFY2(settings->supersededReason(key).contains("device synapse's drive"), key);
            QVERIFY(!settings->valueEdit(key)->isEnabled());
            QVERIFY(!settings->slider(key)->isEnabled());
            QVERIFY(settings->valueEdit(key)->toolTip().startsWith("<b>Set by the device synapse"));
        }
        QVERIFY(settings->valueEdit("learningRate")->isEnabled());
        QVERIFY(settings->supersededReason("learningRate").isEmpty());

        doc.setValue("/experiments/0/synapse", {{"model", "linear"}}, "plain synapse");
        QVERIFY(settings->supersededReason("writeVoltage").isEmpty());
        QVERIFY(settings->valueEdit("writeVoltage")->isEnabled());
        QVERIFY(!settings->valueEdit("writeVoltage")->toolTip().contains("device synapse"));
        doc.undoStack()->undo();
        QVERIFY(!settings->valueEdit("writeVoltage")->isEnabled());
    }
};

QTEST_MAIN(TestParamEditor)
#include "test_param_editor.moc"
