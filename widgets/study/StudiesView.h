// The Studies tab (issue 20, docs/studies.md): the project's studies, their
// axes and seeds edited through the document (undoable, like every edit),
// run locally on all cores with the chosen figure filling in live against
// the first axis (mean +- sd over seeds, a curve per value of the other
// axes), the table saved as CSV, and "Submit to cluster…" for SLURM.
//
// A studio run keeps its points in a private folder for the session, so a
// re-run after an edit runs only the points whose inputs changed (the
// study runner's resume by fingerprint); memstudio-cli writes the folders a
// user keeps.
#pragma once

#include <memory>
#include <vector>

#include <QFutureWatcher>
#include <QWidget>
#include <nlohmann/json_fwd.hpp>

#include "core/sim/Frames.h"
#include "core/study/StudyResults.h"

class QComboBox;
class QCustomPlot;
class QCPItemText;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTemporaryDir;

namespace ms::gui {

class DocumentModel;

class StudiesView : public QWidget {
    Q_OBJECT
public:
    explicit StudiesView(DocumentModel* doc, QWidget* parent = nullptr);
    ~StudiesView() override;

    bool isRunning() const { return watcher_.isRunning(); }
    std::size_t pointsRunLastTime() const { return done_; }  // not reused from an earlier run
    QComboBox* studyChoice() const { return study_; }
    QComboBox* figureChoice() const { return figure_; }
    QTableWidget* axesTable() const { return axes_; }
    QCustomPlot* plot() const { return plot_; }
    const std::vector<ms::study::PointRecord>& records() const { return records_; }
    // Writes the finished study's table (study.csv); false with a message otherwise.
    bool saveTable(const QString& path, QString* error) const;

public slots:
    void refresh();
    void run();
    void cancel();
    void addAxis();
    void removeAxis();

signals:
    void runFinished(const QString& message);  // empty: every point ran

private:
    void fillAxes();
    void fillAxesFrom(const nlohmann::json& study);
    void onPointDone(const ms::study::PointRecord& record);
    void redraw();
    int firstVaryingFigure() const;
    void submitToCluster();
    std::string studyPointer() const;  // "/studies/<k>" of the chosen study
    int studyIndex() const;

    DocumentModel* doc_;
    QComboBox *study_, *figure_, *newAxisPath_;
    QLabel *summary_, *issues_, *progress_;
    QTableWidget* axes_;
    QSpinBox* seeds_;
    QLineEdit* newAxisValues_;
    QPushButton *run_, *cancel_, *save_, *submit_;
    QCustomPlot* plot_;
    QCPItemText* hint_;
    std::unique_ptr<QTemporaryDir> outDir_;
    std::vector<ms::study::PointRecord> records_;
    std::size_t toRun_ = 0, done_ = 0, failed_ = 0;
    std::shared_ptr<ms::StopToken> stop_;  // one per run: a token cannot be un-stopped
    QFutureWatcher<QString> watcher_;
    bool filling_ = false;
    bool userChoseFigure_ = false;
};

}  // namespace ms::gui
