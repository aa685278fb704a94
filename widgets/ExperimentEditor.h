// The parameter dock's content for one experiment: its device (DeviceEditor),
// its drive (stimulus editor generated from the stimulus registry), drive mode
// (PWL points in a PwlPointsEditor), or pulse scheme, and the kind's scalar settings (generated from
// ExperimentKindInfo::settings). Everything edits the document via commands.
#pragma once

#include <string>

#include <QWidget>

class QComboBox;
class QVBoxLayout;

namespace ms::gui {

class DocumentModel;
class DeviceEditor;
class ParamEditor;
class PwlPointsEditor;

class ExperimentEditor : public QWidget {
    Q_OBJECT
public:
    // `experimentPointer`: "/experiments/<index>".
    ExperimentEditor(DocumentModel* doc, std::string experimentPointer, QWidget* parent = nullptr);

    DeviceEditor* deviceEditor() const { return device_; }
    ParamEditor* driveEditor() const { return driveParams_; }
    ParamEditor* settingsEditor() const { return settings_; }
    QComboBox* driveKindPicker() const { return driveKind_; }
    // The PWL drive's point table; null unless the drive is "pwl".
    PwlPointsEditor* pwlEditor() const { return pwl_; }

private:
    void rebuildDrive();
    void onDocumentChanged(const QString& pointer);
    void showPwlPoints();

    DocumentModel* doc_;
    std::string pointer_;
    DeviceEditor* device_ = nullptr;
    QWidget* driveBox_ = nullptr;
    QVBoxLayout* driveLayout_ = nullptr;
    QWidget* driveBody_ = nullptr;
    QComboBox* driveKind_ = nullptr;
    ParamEditor* driveParams_ = nullptr;
    PwlPointsEditor* pwl_ = nullptr;
    ParamEditor* settings_ = nullptr;
    bool drivePending_ = false;
};

}  // namespace ms::gui
