// The "Device fitting" tab: import a measurement into the selected fit
// experiment, choose the free parameters and their bounds, run the fit
// through the studio's runner (live progress, cancel), and look at the
// overlay of measured and fitted curves, the residuals and the fitted values
// with their standard errors. "Save as preset" writes the fitted device into
// the project's devices section as one undoable edit.
#pragma once

#include <map>

#include <nlohmann/json.hpp>

#include "widgets/ResultView.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace ms::gui {

class FitView : public ResultView {
    Q_OBJECT
public:
    explicit FitView(DocumentModel* document, QWidget* parent = nullptr);
    void follow(ExperimentRunner* runner) override;
    void showExperiment(const QString& pointer) override;
    void clear() override;
    QList<QCustomPlot*> plots() const override;

    // The devices-section entry "Save as preset" would write (tests).
    nlohmann::json fittedDeviceEntry(const QString& name) const;
    void saveAsPreset(const QString& name);

private:
    void importMeasurement();
    void runFit();
    void fillFreeTable();
    void writeFreeTable();
    void redraw();
    void fillResults();
    nlohmann::json experimentJson() const;

    DocumentModel* doc_;
    ExperimentRunner* runner_ = nullptr;
    QString pointer_;       // "/experiments/N" of the shown fit experiment
    QString runningId_;
    bool following_ = false, filling_ = false;
    QString kind_;
    std::map<QString, double> scalars_;
    QLabel* title_;
    QLabel* goodness_;
    QProgressBar* progress_;
    QPushButton *import_, *run_, *cancel_, *save_;
    QTableWidget* free_;
    QTableWidget* results_;
    QCustomPlot* overlay_;
    QCustomPlot* residuals_;
};

}  // namespace ms::gui
