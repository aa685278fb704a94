// The per-layer circuit estimates of an ann_training run (issue 22): one row
// per weight layer (array size, area, read latency and energy per image,
// write energy and latency per epoch) and, under the table, the line of
// assumptions the run states (core/project/kinds/AnnCircuitEstimates.h).
// Fed from the series "circuit_estimates", or from the summary scalars
// layer<k>_<quantity> (then without the array size).
#pragma once

#include <QString>
#include <QWidget>

class QLabel;
class QTableWidget;

namespace ms::gui {

struct SeriesBuffer;

class AnnCircuitEstimatesTable : public QWidget {
    Q_OBJECT
public:
    explicit AnnCircuitEstimatesTable(QWidget* parent = nullptr);

    void clear();
    // Rows [first, first + count) of the series "circuit_estimates".
    void addRows(const SeriesBuffer& s, qsizetype first, qsizetype count);
    // A summary scalar; keys other than layer<k>_<quantity> are ignored.
    void addScalar(const QString& key, double value, const QString& unit);
    // A log line of the run; the one that states the assumptions is shown.
    void addLogLine(const QString& text);
    void setAssumptions(const QString& text);

    // For tests.
    int layerCount() const;
    QString text(int layer, int column) const;  // layer 0-based, columns as shown
    QString assumptions() const;

private:
    int rowOf(int layer);  // the table row of layer k (1-based), added when new
    void set(int row, int column, const QString& text);

    QTableWidget* table_;
    QLabel* assumptions_;
};

}  // namespace ms::gui
