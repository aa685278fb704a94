#include "widgets/DeviceEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>
#include <nlohmann/json.hpp>

#include "core/devices/ModelRegistry.h"
#include "core/devices/WindowFunction.h"
#include "widgets/DocumentModel.h"
#include "widgets/ParamEditor.h"

namespace ms::gui {

using json = nlohmann::json;

DeviceEditor::DeviceEditor(DocumentModel* doc, std::string devicePointer, QWidget* parent)
    : QWidget(parent), doc_(doc), pointer_(std::move(devicePointer)), layout_(new QVBoxLayout(this)) {
    layout_->setContentsMargins(0, 0, 0, 0);
    connect(doc_, &DocumentModel::changed, this, &DeviceEditor::onDocumentChanged);
    rebuild();
}

std::string DeviceEditor::resolveTarget() const {
    const json v = doc_->value(pointer_);
    if (v.is_string()) {
        const json devices = doc_->value("/devices");
        if (devices.is_array())
            for (std::size_t k = 0; k < devices.size(); ++k)
                if (devices[k].value("id", std::string()) == v.get<std::string>()) return "/devices/" + std::to_string(k);
    }
    return pointer_;
}

void DeviceEditor::onDocumentChanged(const QString& pointer) {
    const QString target = QString::fromStdString(target_);
    const QString mine = QString::fromStdString(pointer_);
    const bool structural = mine.startsWith(pointer) || target.startsWith(pointer) || pointer == target + "/model" ||
                            pointer == target + "/preset" || pointer.startsWith(target + "/window") ||
                            pointer == target + "/params" || pointer == target + "/terminalLock";
    if (!structural || rebuildPending_) return;
    // Rebuild later: the change may come from one of our own combo boxes.
    rebuildPending_ = true;
    QTimer::singleShot(0, this, &DeviceEditor::rebuild);
}

void DeviceEditor::rebuild() {
    rebuildPending_ = false;
    if (body_) {
        layout_->removeWidget(body_);
        body_->hide();
        body_->deleteLater();
    }
    params_ = windowParams_ = nullptr;
    body_ = new QWidget(this);
    layout_->addWidget(body_);
    auto* v = new QVBoxLayout(body_);
    v->setContentsMargins(0, 0, 0, 0);
    target_ = resolveTarget();
    const json device = doc_->value(target_);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    v->addLayout(form);
    if (target_ != pointer_) {
        auto* note = new QLabel(tr("Shared device <b>%1</b> (edits apply to every experiment using it)")
                                    .arg(QString::fromStdString(device.value("id", std::string()))),
                                body_);
        note->setWordWrap(true);
        form->addRow(note);
    }

    model_ = new QComboBox(body_);
    model_->setObjectName("modelPicker");
    for (const auto& m : ms::modelRegistry().all()) {
        model_->addItem(QString::fromStdString(m.name), QString::fromStdString(m.id));
        model_->setItemData(model_->count() - 1,
                            QString::fromStdString(m.summary + "\n" + m.source), Qt::ToolTipRole);
    }
    const std::string modelId = device.is_object() ? device.value("model", std::string()) : std::string();
    const ms::ModelInfo* info = ms::modelRegistry().find(modelId);
    model_->setCurrentIndex(model_->findData(QString::fromStdString(modelId)));
    form->addRow(tr("Model"), model_);
    connect(model_, &QComboBox::activated, this, [this](int i) { chooseModel(model_->itemData(i).toString()); });
    if (!info) {
        form->addRow(new QLabel(tr("Unknown model \"%1\"").arg(QString::fromStdString(modelId)), body_));
        return;
    }
    model_->setToolTip(QString::fromStdString(info->summary + "\n" + info->source));

    preset_ = new QComboBox(body_);
    preset_->setObjectName("presetPicker");
    preset_->addItem(tr("(model defaults)"), QString());
    const ms::Preset* preset = nullptr;
    const std::string presetId = device.value("preset", std::string());
    for (const auto& p : info->presets) {
        preset_->addItem(QString::fromStdString(p.name), QString::fromStdString(p.id));
        preset_->setItemData(preset_->count() - 1, QString::fromStdString(p.description + "\n" + p.source),
                             Qt::ToolTipRole);
        if (p.id == presetId) preset = &p;
    }
    preset_->setCurrentIndex(std::max(0, preset_->findData(QString::fromStdString(presetId))));
    form->addRow(tr("Preset"), preset_);
    connect(preset_, &QComboBox::activated, this, [this](int i) { choosePreset(preset_->itemData(i).toString()); });

    // Window: the device's own choice, else the preset's, else none.
    std::string windowId = "none";
    ms::ParamValues windowBase;
    if (preset && preset->window) {
        windowId = preset->window->id;
        windowBase = preset->window->params;
    }
    const bool ownWindow = device.contains("window") && device["window"].is_object();
    if (ownWindow) {
        const std::string own = device["window"].value("id", std::string("none"));
        if (own != windowId) windowBase.clear();
        windowId = own;
    }
    if (info->acceptsWindow) {
        window_ = new QComboBox(body_);
        window_->setObjectName("windowPicker");
        for (const auto& w : ms::windowRegistry().all()) {
            window_->addItem(QString::fromStdString(w.name), QString::fromStdString(w.id));
            window_->setItemData(window_->count() - 1, QString::fromStdString(w.formula + "\n" + w.source),
                                 Qt::ToolTipRole);
        }
        window_->setCurrentIndex(window_->findData(QString::fromStdString(windowId)));
        form->addRow(tr("Window"), window_);
        connect(window_, &QComboBox::activated, this, [this](int i) { chooseWindow(window_->itemData(i).toString()); });
        // The device setting "terminalLock" (docs/project-format.md, "State bounds").
        // Two lines: the parameter dock is narrow and a check box does not wrap.
        lock_ = new QCheckBox(tr("Lock state at a bound\n(SPICE terminal-state behaviour)"), body_);
        lock_->setObjectName("terminalLock");
        lock_->setChecked(device.value("terminalLock", false));
        lock_->setToolTip(tr("<p>Joglekar's window (and Prodromakis', Strukov's) is zero at both bounds. The exact "
                             "solution approaches a bound exponentially, never reaches it, and leaves it when the "
                             "drive reverses.</p><p>SPICE-style integrators round the state onto the bound, where the "
                             "window is zero, so the state stays locked there for good: the <i>terminal state "
                             "problem</i> that Biolek's window was designed to remove.</p><p>Checked: lock the state "
                             "once it comes within the solver's absolute tolerance of such a bound, as SPICE does. "
                             "Unchecked (default): the exact solution. No effect with other windows or models.</p>"));
        form->addRow(lock_);
        connect(lock_, &QCheckBox::toggled, this, [this](bool on) { setTerminalLock(on); });
    } else {
        window_ = nullptr;
        lock_ = nullptr;
    }

    auto* group = new QGroupBox(tr("Parameters"), body_);
    auto* gl = new QVBoxLayout(group);
    params_ = new ParamEditor(doc_, target_ + "/params", info->params,
                              ms::withDefaults(info->params, preset ? preset->values : ms::ParamValues{}), group);
    gl->addWidget(params_);
    v->addWidget(group);

    const ms::WindowInfo* w = info->acceptsWindow ? ms::windowRegistry().find(windowId) : nullptr;
    if (w && !w->params.empty()) {
        auto* wg = new QGroupBox(tr("Window %1").arg(QString::fromStdString(w->name)), body_);
        wg->setToolTip(QString::fromStdString(w->formula));
        auto* wl = new QVBoxLayout(wg);
        if (!ownWindow) {
            // The preset's window parameters are fixed by the preset; picking
            // the window above makes it the device's own and editable.
            auto* note = new QLabel(tr("Set by the preset; pick the window above to edit it."), wg);
            note->setWordWrap(true);
            wl->addWidget(note);
        }
        windowParams_ = new ParamEditor(doc_, target_ + "/window/params", w->params,
                                        ms::withDefaults(w->params, windowBase), wg);
        if (!ownWindow) windowParams_->setEnabled(false);
        wl->addWidget(windowParams_);
        v->addWidget(wg);
    }
}

void DeviceEditor::chooseModel(const QString& id) {
    const ms::ModelInfo* info = ms::modelRegistry().find(id.toStdString());
    json device = doc_->value(target_);
    if (!info || (device.is_object() && device.value("model", std::string()) == id.toStdString())) return;
    json next = json::object();
    if (device.is_object()) {  // keep identity, drop everything model-specific
        if (device.contains("id")) next["id"] = device["id"];
        if (device.contains("name")) next["name"] = device["name"];
    }
    next["model"] = info->id;
    // A model's first preset is a published, working parameter set: start there.
    if (!info->presets.empty()) next["preset"] = info->presets.front().id;
    doc_->setValue(target_, next, tr("Model %1").arg(QString::fromStdString(info->name)));
}

void DeviceEditor::choosePreset(const QString& id) {
    json device = doc_->value(target_);
    if (!device.is_object()) return;
    json next = json::object();
    // The terminal lock is how the device is simulated, not a parameter: it survives a preset change.
    for (const char* k : {"id", "name", "model", "terminalLock"})
        if (device.contains(k)) next[k] = device[k];
    if (!id.isEmpty()) next["preset"] = id.toStdString();
    if (next == device) return;
    doc_->setValue(target_, next, id.isEmpty() ? tr("Model defaults") : tr("Preset %1").arg(id));
}

void DeviceEditor::chooseWindow(const QString& id) {
    doc_->setValue(target_ + "/window", json{{"id", id.toStdString()}, {"params", json::object()}},
                   tr("Window %1").arg(id));
}

void DeviceEditor::setTerminalLock(bool on) {
    const json device = doc_->value(target_);
    if (!device.is_object() || device.value("terminalLock", false) == on) return;
    // Off is the default: the key goes rather than being written as false.
    if (on)
        doc_->setValue(target_ + "/terminalLock", true, tr("Lock state at bounds"));
    else
        doc_->removeValue(target_ + "/terminalLock", tr("Exact state at bounds"));
}

}  // namespace ms::gui
