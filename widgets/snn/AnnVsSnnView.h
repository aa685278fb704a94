// "ANN vs SNN" (issue 16): the review's Table 6 (Xu, Wang & Yan 2021) row by
// row, the review's words for ANNs and SNNs beside what an ann_vs_snn run
// measured on one device (accuracy, operations, energy, latency), and the
// sweeps of the SNN/ANN energy ratio against window, input rate and input
// sparsity with the ratio = 1 line: below it the SNN is cheaper.
#pragma once

#include <QString>
#include <QStringList>

#include "widgets/ResultView.h"

class QTabBar;
class QTableWidget;
class QCPItemStraightLine;

namespace ms::gui {

class AnnVsSnnView : public ResultView {
    Q_OBJECT
public:
    static QStringList kindIds() { return {"ann_vs_snn"}; }
    explicit AnnVsSnnView(DocumentModel* document, QWidget* parent = nullptr);

    void follow(ExperimentRunner* runner) override;
    void clear() override;
    QList<QCustomPlot*> plots() const override;

    // For tests.
    QTableWidget* table() const { return table_; }
    // The table is shown and needs its scroll bar (it should not: on a short
    // view the table and the plots take turns instead).
    bool tableScrolls() const;
    QTabBar* pager() const { return pager_; }
    // "steps", "rate", "sparsity": the sweep plot of energy_ratio_vs_<axis>.
    QCustomPlot* sweepPlot(const QString& axis) const;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void redraw();
    void fitTableHeight();
    void fillTable();

    QTableWidget* table_;
    QTabBar* pager_ = nullptr;
    QCustomPlot* sweeps_[3];
};

}  // namespace ms::gui
