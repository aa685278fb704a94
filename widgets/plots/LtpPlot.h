// The LTP/LTD explorer's plot: conductance vs pulse number, potentiation and
// depression branches in two colours, plus the run's figures of merit
// (Gmax/Gmin, levels, NL of each branch, asymmetry) from the engine's scalars;
// for a designed train, NL and asymmetry of identical vs designed pulses.
#pragma once

#include <QMap>
#include <QWidget>

class QCustomPlot;
class QLabel;

namespace ms::gui {

class ExperimentRunner;
class FiguresTable;

class LtpPlot : public QWidget {
    Q_OBJECT
public:
    explicit LtpPlot(QWidget* parent = nullptr);
    void follow(ExperimentRunner* runner);
    QCustomPlot* plot() const { return plot_; }
    int pointCount() const;

public slots:
    void clear();

private:
    void onRows(int index, qsizetype first, qsizetype count);
    void updateComparison();
    ExperimentRunner* runner_ = nullptr;
    QCustomPlot* plot_;
    FiguresTable* figures_;
    QLabel* comparison_;
    QMap<QString, double> scalars_;
    bool following_ = false;
    int series_ = -1;
};

}  // namespace ms::gui
