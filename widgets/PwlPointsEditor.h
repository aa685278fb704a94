// Editor for the (t, value) points of a piecewise-linear waveform: a table
// with SI-prefixed entry ("250 m", "1.5 µ"), add / insert / delete row, paste
// of two clipboard columns (tab, comma, semicolon or space separated), and a
// small preview of the waveform. It holds no document: setPoints() shows
// points, and every finished edit that passes the checks the PWL drive makes
// (at least two points, finite numbers, first time not negative, time strictly
// increasing) is emitted once as pointsEdited(). An edit that fails them is
// refused with a message naming the row, and the old points stay.
// Used by the device explorer's stimulus editor and the circuit part panel.
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include <QWidget>

class QCustomPlot;
class QLabel;
class QTableWidget;
class QToolButton;

namespace ms::gui {

class PwlPointsEditor : public QWidget {
    Q_OBJECT
public:
    using Points = std::vector<std::pair<double, double>>;

    explicit PwlPointsEditor(QWidget* parent = nullptr);

    void setPoints(const std::vector<std::pair<double, double>>& points);
    std::vector<std::pair<double, double>> points() const { return points_; }

    // The value column's unit ("V", "A"; default "V"), for the header, the
    // cell text and the preview axis.
    void setValueUnit(const QString& unit);
    QString valueUnit() const { return unit_; }

    // The message of the last refused edit; empty after an accepted one.
    QString lastError() const { return error_; }
    QTableWidget* table() const { return table_; }

    // Replaces all points with two-column text (the clipboard's); a first line
    // that is not numeric is taken as a header. Returns false (and keeps the
    // points) when the text is refused.
    bool pasteText(const QString& text);
    // Add a point after the last, insert one after the current row (midway to
    // the next), delete the selected rows: one edit each.
    void addRow();
    void insertRow();
    void deleteRows();

    // Null if `points` make a valid waveform, else a message naming the row
    // (1-based, as the table shows it).
    static std::optional<QString> check(const Points& points);

signals:
    void pointsEdited(std::vector<std::pair<double, double>> points);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void onCellChanged(int row, int column);
    void pasteClipboard();
    // Accepts `candidate` (one finished edit) or refuses it with a message.
    bool commit(const Points& candidate);
    void refuse(const QString& message);
    void fillTable();
    void updatePreview();

    Points points_;
    QString unit_ = QStringLiteral("V");
    QString error_;
    QTableWidget* table_;
    QCustomPlot* preview_;
    QLabel* message_;
    bool filling_ = false;
};

}  // namespace ms::gui
