// Edits one device object of the document ({"model", "preset", "params",
// "window", "terminalLock"}; docs/project-format.md): model, preset and window
// pickers, the terminal-state lock checkbox, plus generated parameter editors. Changing the model or preset is one undo step
// that replaces the device object, so the parameters shown always belong to it.
#pragma once

#include <string>

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QVBoxLayout;

namespace ms::gui {

class DocumentModel;
class ParamEditor;

class DeviceEditor : public QWidget {
    Q_OBJECT
public:
    // `devicePointer` points at a device object, or at a string naming an entry
    // of "devices" (then that entry is edited and the editor says so).
    DeviceEditor(DocumentModel* doc, std::string devicePointer, QWidget* parent = nullptr);

    QComboBox* modelPicker() const { return model_; }
    QComboBox* presetPicker() const { return preset_; }
    QComboBox* windowPicker() const { return window_; }
    // "Lock state at a bound": the device setting terminalLock (null for models without a window).
    QCheckBox* terminalLockBox() const { return lock_; }
    ParamEditor* paramEditor() const { return params_; }
    ParamEditor* windowParamEditor() const { return windowParams_; }
    // The pointer actually edited (after following a device id).
    const std::string& targetPointer() const { return target_; }

public slots:
    void rebuild();

private:
    void onDocumentChanged(const QString& pointer);
    void chooseModel(const QString& id);
    void choosePreset(const QString& id);
    void chooseWindow(const QString& id);
    void setTerminalLock(bool on);
    std::string resolveTarget() const;

    DocumentModel* doc_;
    std::string pointer_;
    std::string target_;
    QVBoxLayout* layout_;
    QLabel* header_ = nullptr;
    QComboBox* model_ = nullptr;
    QComboBox* preset_ = nullptr;
    QComboBox* window_ = nullptr;
    QCheckBox* lock_ = nullptr;
    QWidget* body_ = nullptr;
    ParamEditor* params_ = nullptr;
    ParamEditor* windowParams_ = nullptr;
    bool rebuildPending_ = false;
};

}  // namespace ms::gui
