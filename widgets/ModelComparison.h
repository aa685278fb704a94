// The model-comparison view: devices side by side (control mechanism,
// threshold, I-V relation, state bounds, accuracy, window) with their pinched
// loops under one drive (the current experiment's), each run as a
// device_transient experiment of the project. It compares the open
// project's own devices (its devices section and the experiments' inline
// devices, each with its preset, parameters and window) or every registered
// model at its first published preset. Computed on a worker thread.
#pragma once

#include <QFutureWatcher>
#include <QWidget>

#include <nlohmann/json.hpp>

#include "core/devices/ModelRegistry.h"

class QComboBox;
class QTableWidget;
class QGridLayout;
class QCustomPlot;
class QLabel;

namespace ms {
class Project;
}

namespace ms::gui {

struct ComparisonLoop;

// One compared device: what the table and the plot title call it, and what runs.
struct ComparedDevice {
    QString label;   // "hp", "Experiment 'STDP window'", or the model's name
    QString origin;  // where it comes from: "devices[0]", "experiments[2].device", "registry"
    ms::DeviceSpec spec;     // as resolved, for the table
    nlohmann::json device;   // as written: an object, or the id of an entry in devices
};

class ModelComparison : public QWidget {
    Q_OBJECT
public:
    explicit ModelComparison(QWidget* parent = nullptr);
    ~ModelComparison() override;
    // The drive object as JSON text ({"kind", "params"}) and "voltage"/"current".
    void setDrive(const QString& driveJson, const QString& mode);
    // The project whose devices are compared; call again when its devices change.
    void setProject(const ms::Project& project);
    // True: the project's devices (when it has any); false: every registered model.
    void setComparingProjectDevices(bool project);
    bool comparingProjectDevices() const;
    const std::vector<ComparedDevice>& compared() const { return compared_; }
    QTableWidget* table() const { return table_; }
    // One loop plot per compared device, in the table's row order.
    const std::vector<QCustomPlot*>& plots() const { return plots_; }
    bool isComputing() const { return watcher_.isRunning(); }

public slots:
    void compute();

signals:
    void computed();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void rebuild();
    void fillTable();
    void rebuildPlots();
    void updateDriveLabel();
    void showLoops();
    QComboBox* source_;
    QTableWidget* table_;
    QWidget* plotsHost_;
    QGridLayout* grid_;
    QLabel* driveLabel_;
    std::vector<QCustomPlot*> plots_;
    std::vector<ComparedDevice> projectDevices_, compared_;
    nlohmann::json projectTree_;  // what device ids refer to
    QString drive_, mode_ = "voltage";
    QString computedFor_;
    int generation_ = 0;  // bumped whenever the compared devices change
    QFutureWatcher<std::vector<ComparisonLoop>> watcher_;
};

// The devices a project defines: each entry of its devices section, then each
// experiment's inline device object (a string reference adds nothing new).
// Entries that do not parse are left out; the project's validation names them.
std::vector<ComparedDevice> projectDevicesOf(const ms::Project& project);

}  // namespace ms::gui
