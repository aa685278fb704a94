// The cellular-network view (issue 17, docs/cenn.md "Studio view"): the input
// image, the state x and output y evolving live from the run's state_history
// (a time slider and a play button scrub the settling afterwards), a cell's
// x(t) and y(t) on click, the template editor (A, B, z), and, when the
// template is realised by 4M bridges, the ideal CeNN's output, the map of
// pixels that differ from it and the bridge of the selected weight (its four
// conductances, target and realised weight, pulses and energy). The run's
// figures (settling time, pixels changed, bridge weight error) beside them.
// Panels a run did not produce leave the layout.
#pragma once

#include <array>
#include <vector>

#include <QString>

#include "widgets/ResultView.h"

class QGridLayout;
class QGroupBox;
class QLabel;
class QSlider;
class QTimer;
class QToolButton;
class QCPItemStraightLine;

namespace ms::gui {

class CrossbarHeatmap;
class FiguresTable;
class InputImagePicker;
class TemplateEditor;
struct SeriesBuffer;

class CennView : public ResultView {
    Q_OBJECT
public:
    static QStringList kindIds() { return {"cenn"}; }
    explicit CennView(DocumentModel* document, QWidget* parent = nullptr);

    void follow(ExperimentRunner* runner) override;
    void showExperiment(const QString& pointer) override;
    void clear() override;
    QList<QCustomPlot*> plots() const override;

    // Draws a run's series (what each drain does with the runner's; tests feed their own).
    void showSeries(const std::vector<SeriesBuffer>& series);

    // For tests: the panel showing series `id` ("input", "state", "output",
    // "ideal_output", "error_map"), or null.
    CrossbarHeatmap* panel(const QString& id) const;
    QSlider* timeSlider() const { return slider_; }
    QLabel* timeLabel() const { return timeLabel_; }
    QToolButton* playButton() const { return play_; }
    QCustomPlot* cellPlot() const { return cellPlot_; }
    TemplateEditor* templateEditor() const { return editor_; }
    InputImagePicker* imagePicker() const { return picker_; }
    QGroupBox* bridgePanel() const { return bridgeBox_; }
    QCustomPlot* bridgePlot() const { return bridgePlot_; }
    QLabel* bridgeText() const { return bridgeText_; }
    int snapshots() const { return int(times_.size()); }
    double snapshotTime(int k) const { return times_[std::size_t(k)]; }
    // The cell whose x(t), y(t) the plot shows.
    int cellRow() const { return cellRow_; }
    int cellCol() const { return cellCol_; }
    // Selects a cell as a click on an image does.
    void selectCell(int row, int col);

private:
    struct BridgeRow {
        int matrix = 0, entry = 0;
        double target = 0, realised = 0, pulses = 0, energy = 0;
        std::array<double, 4> M{};
    };

    void redraw();
    void ingestHistory(const SeriesBuffer& s);
    void showSnapshot(int k);
    void updateCellPlot();
    void autoSelectCell();
    void showBridge();
    void layoutPanels();
    double x(int snapshot, int row, int col) const;
    double tau() const;
    QString timeText(double t) const;

    DocumentModel* doc_;
    QString pointer_;
    QGridLayout* grid_;
    CrossbarHeatmap* maps_[5];
    QCustomPlot* cellPlot_;
    QCPItemStraightLine* cellMarker_;
    QSlider* slider_;
    QToolButton* play_;
    QTimer* playTimer_;
    QLabel* timeLabel_;
    TemplateEditor* editor_;
    InputImagePicker* picker_;
    QGroupBox* bridgeBox_;
    QCustomPlot* bridgePlot_;
    QLabel* bridgeText_;
    FiguresTable* figures_;

    // The state history as received: complete snapshots of rows_ x cols_ cells.
    int rows_ = 0, cols_ = 0;
    std::size_t historyRowsRead_ = 0;
    std::vector<double> history_;
    std::vector<double> times_;
    bool imagesDrawn_[5] = {};
    int cellRow_ = -1, cellCol_ = -1;
    bool userCell_ = false;
    std::vector<BridgeRow> bridges_;
    bool userWeight_ = false;
};

}  // namespace ms::gui
