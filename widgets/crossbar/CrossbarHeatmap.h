// One crossbar map as a heatmap (QCustomPlot 2.1 QCPColorMap): cell (i, j)
// is the square centred on x = j, y = i, row 0 at the top, no interpolation
// (crisp cells), with a colour scale whose ticks carry the map's unit. It can
// mark a selected cell, draw the current flowing along the row and column
// lines over the array (the sneak paths of a read), and reports clicks on a
// cell.
#pragma once

#include <QWidget>

#include <Eigen/Dense>

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QCPItemRect;
class QCPTextElement;

namespace ms::gui {

class CrossbarHeatmap : public QWidget {
    Q_OBJECT
public:
    CrossbarHeatmap(const QString& title, QWidget* parent = nullptr);

    // Shows `map` (rows × cols) in `unit`; `signedScale` centres the colour
    // range on zero with a diverging gradient (ΔG, currents).
    void setMap(const Eigen::MatrixXd& map, const QString& title, const QString& unit, bool signedScale);
    void clearMap();
    bool hasMap() const { return rows_ > 0; }
    // Value drawn at cell (row, col): what the colour map holds there.
    double cellValue(int row, int col) const;
    int rows() const { return rows_; }
    int cols() const { return cols_; }
    // The data coordinates of the centre of cell (row, col), in pixels of the plot widget.
    QPointF cellCentre(int row, int col) const;

    // Marks a cell (a frame around it); (-1, -1) removes the mark.
    void setSelectedCell(int row, int col);
    // Line currents drawn over the array: segment widths ∝ |current|. Row
    // lines are driven from the left, columns sensed at the bottom, so the
    // current in a line segment is the sum of the cell currents beyond it.
    void setLineCurrents(const Eigen::MatrixXd& cellCurrent);
    int flowSegments() const { return flowSegments_; }

    QCustomPlot* plot() const { return plot_; }
    // Axis names for maps that are not an array's rows and columns (a
    // device's state over time, a hidden layer over steps).
    void setAxisLabels(const QString& rows, const QString& columns);

signals:
    void cellClicked(int row, int col);

private:
    void clearFlow();
    QCustomPlot* plot_;
    QCPColorMap* map_;
    QCPColorScale* scale_;
    QCPItemRect* mark_;
    QCPTextElement* title_;
    int rows_ = 0, cols_ = 0, flowSegments_ = 0;
};

}  // namespace ms::gui
