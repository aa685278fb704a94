// The model-comparison view: the registry's models side by side (control
// mechanism, threshold, I-V relation, state bounds, accuracy, window) with
// their pinched loops under one drive (the current experiment's), each model
// at its first published preset. Computed on a worker thread.
#pragma once

#include <QFutureWatcher>
#include <QWidget>

class QTableWidget;
class QGridLayout;
class QCustomPlot;
class QLabel;

namespace ms::gui {

struct ComparisonLoop;

class ModelComparison : public QWidget {
    Q_OBJECT
public:
    explicit ModelComparison(QWidget* parent = nullptr);
    ~ModelComparison() override;
    // The drive object as JSON text ({"kind", "params"}) and "voltage"/"current".
    void setDrive(const QString& driveJson, const QString& mode);
    QTableWidget* table() const { return table_; }
    bool isComputing() const { return watcher_.isRunning(); }

public slots:
    void compute();

signals:
    void computed();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void showLoops();
    QTableWidget* table_;
    QGridLayout* grid_;
    QLabel* driveLabel_;
    std::vector<QCustomPlot*> plots_;
    QString drive_, mode_ = "voltage";
    QString computedFor_;
    QFutureWatcher<std::vector<ComparisonLoop>> watcher_;
};

}  // namespace ms::gui
