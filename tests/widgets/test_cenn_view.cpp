// The cellular-network view (issue 17) shows what a cenn run produces: the
// input, and the state and output images of the snapshot the time slider
// picks from the run's state_history; a clicked cell's x(t), y(t); the
// template editor writing the experiment's template; for a template on 4M
// bridges the ideal output, the map of differing pixels and the selected
// weight's bridge. A run without bridges hides those panels instead of leaving
// them empty.
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QImage>
#include <QTemporaryDir>
#include <QGroupBox>
#include <QLabel>
#include <QSignalSpy>
#include <QSlider>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>
#include <nlohmann/json.hpp>

#include "core/cenn/Cenn.h"
#include "core/project/Project.h"
#include "tests/widgets/ViewTestSupport.h"
#include "widgets/DocumentModel.h"
#include "widgets/ExperimentRunner.h"
#include "widgets/SiFormat.h"
#include "widgets/cenn/CennView.h"
#include "widgets/cenn/InputImagePicker.h"
#include "widgets/cenn/TemplateEditor.h"
#include "widgets/crossbar/CrossbarHeatmap.h"
#include "qcustomplot.h"

using namespace ms;
using nlohmann::json;
using viewtest::runInView;

namespace {

// A project's experiment run with the view following, the runner kept so the
// test can compare what the view shows with the frames it received.
struct Run {
    gui::DocumentModel doc;
    gui::ExperimentRunner runner;
    bool start(gui::CennView& view, const QString& project, const QString& id) {
        QString error;
        if (!doc.open(QStringLiteral(MS_SOURCE_DIR "/projects/") + project, &error)) return false;
        view.follow(&runner);
        QSignalSpy finished(&runner, &gui::ExperimentRunner::runFinished);
        runner.start(doc.project(), id);
        return finished.wait(30000) && finished.last().at(0).value<gui::ExperimentRunner::Outcome>() ==
                                           gui::ExperimentRunner::Outcome::Finished;
    }
    const gui::SeriesBuffer* series(const char* id) const { return gui::findSeriesWithRows(runner.series(), id); }
};

// The title a heatmap panel shows (its plot's text element).
QString title(gui::CrossbarHeatmap* map) {
    for (int k = 0; k < map->plot()->plotLayout()->elementCount(); ++k)
        if (auto* t = qobject_cast<QCPTextElement*>(map->plot()->plotLayout()->elementAt(k))) return t->text();
    return {};
}

gui::SeriesBuffer image(const char* id, int rows, int cols, double v) {
    gui::SeriesBuffer s;
    s.id = id;
    for (int c = 0; c < cols; ++c) s.columns.push_back({"c" + std::to_string(c), ""});
    std::vector<double> values(std::size_t(rows * cols), v);
    s.appendRows(values.data(), std::size_t(rows));
    return s;
}

// Two weights on bridges, as the cenn kind streams them with "synapse": "4m".
gui::SeriesBuffer bridges() {
    gui::SeriesBuffer s;
    s.id = "bridges";
    for (const char* c : {"matrix", "entry", "target", "realised", "M1", "M2", "M3", "M4", "pulses", "energy"})
        s.columns.push_back({c, ""});
    const double rows[2][10] = {{0, 4, 1.0, 0.998, 7000, 9100, 9050, 7010, 12, 3.5e-9},
                                {1, 4, 8.0, 7.97, 100, 15900, 15850, 120, 40, 2.0e-8}};
    s.appendRows(&rows[0][0], 2);
    return s;
}

}  // namespace

class TestCennView : public QObject {
    Q_OBJECT

private slots:
    void bridgeRunFillsEveryPanel() {
        Run run;
        gui::CennView view(&run.doc);
        view.resize(1200, 700);
        view.show();
        QVERIFY(run.start(view, "cenn-edge-detection-4m-bridge.json", "edge_ideal_bridges"));
        for (const char* id : {"input", "state", "output", "ideal_output", "error_map"}) {
            gui::CrossbarHeatmap* map = view.panel(id);
            QVERIFY2(map && map->isVisible() && map->hasMap(), id);
            QCOMPARE(map->rows(), view.panel("input")->rows());
            QCOMPARE(map->cols(), view.panel("input")->cols());
        }
        // After the run the slider rests on the final state; ideal bridges
        // give the ideal CeNN's output, pixel for pixel.
        QCOMPARE(view.timeSlider()->value(), view.timeSlider()->maximum());
        for (int r = 0; r < view.panel("output")->rows(); ++r)
            for (int c = 0; c < view.panel("output")->cols(); ++c)
                QCOMPARE(view.panel("output")->cellValue(r, c), view.panel("ideal_output")->cellValue(r, c));
        // The bridge panel starts on EDGE's largest weight, B's centre (8), its conductances 1/M from the run.
        QVERIFY(view.bridgePanel()->isVisible());
        const gui::SeriesBuffer* b = run.series("bridges");
        QVERIFY(b);
        std::size_t row = b->rows();
        for (std::size_t r = 0; r < b->rows(); ++r)
            if (b->at(r, b->column("matrix")) == 1 && b->at(r, b->column("entry")) == 4) row = r;
        QVERIFY(row < b->rows());
        QCOMPARE(b->at(row, b->column("target")), 8.0);
        auto bars = qobject_cast<QCPBars*>(view.bridgePlot()->plottable(0))->data();
        QCOMPARE(bars->size(), 4);
        for (int k = 0; k < 4; ++k)
            QCOMPARE((bars->begin() + k)->value, 1.0 / b->at(row, b->column(("M" + std::to_string(k + 1)).c_str())));
        QVERIFY(view.bridgePanel()->title().contains("B[1][1]"));
        QVERIFY(view.bridgeText()->text().contains("ideal"));
        // A blank error map says that nothing differs.
        QCOMPARE(title(view.panel("error_map")), QStringLiteral("Differs from ideal: none"));
    }

    // Write-verify bridges: the pulses and energy of the selected weight's programming.
    void writeVerifyBridgeShowsItsPulses() {
        Run run;
        gui::CennView view(&run.doc);
        view.resize(1200, 700);
        view.show();
        QVERIFY(run.start(view, "cenn-edge-detection-4m-bridge.json", "edge_write_verify"));
        view.showExperiment("/experiments/3");
        view.templateEditor()->selectEntry(gui::TemplateEditor::Z, 0);
        const gui::SeriesBuffer* b = run.series("bridges");
        QVERIFY(b);
        const std::size_t z = b->rows() - 1;  // z is wired last
        QCOMPARE(b->at(z, b->column("matrix")), 2.0);
        const double pulses = b->at(z, b->column("pulses"));
        QVERIFY(pulses > 0);
        QVERIFY(view.bridgePanel()->title().endsWith(" z"));
        QVERIFY2(view.bridgeText()->text().contains(QString("%1 pulses").arg(pulses)), qPrintable(view.bridgeText()->text()));
        QVERIFY(view.bridgeText()->text().contains(gui::formatSi(b->at(z, b->column("energy")), "J", 3)));
        auto bars = qobject_cast<QCPBars*>(view.bridgePlot()->plottable(0))->data();
        QCOMPARE((bars->begin() + 1)->value, 1.0 / b->at(z, b->column("M2")));
    }

    void idealRunHidesTheBridgePanels() {
        gui::CennView view(nullptr);
        view.resize(1000, 600);
        view.show();
        QVERIFY(runInView(view, "cenn-noise-removal.json", "denoise"));
        QVERIFY(view.panel("output")->hasMap());
        QVERIFY(!view.panel("ideal_output")->isVisible());
        QVERIFY(!view.panel("error_map")->isVisible());
        QVERIFY(!view.bridgePanel()->isVisible());
        QVERIFY(view.cellPlot()->isVisible());
        QVERIFY(view.cellPlot()->graph(0)->dataCount() > 1);  // a cell is plotted before any click
    }

    // While the run streams, the images follow the newest complete snapshot
    // (a drain may end inside one); once the user moves the slider back it stays.
    void imagesFollowTheStreamUntilTheUserScrubs() {
        gui::CennView view(nullptr);
        view.resize(1000, 600);
        view.show();
        std::vector<gui::SeriesBuffer> series{image("input", 2, 2, 1.0), gui::SeriesBuffer{}};
        gui::SeriesBuffer& h = series[1];
        h.id = "state_history";
        h.columns = {{"t", "s"}, {"row", ""}, {"c0", ""}, {"c1", ""}};
        auto snapshotRow = [&](double t, int row, double v) {
            const double r[4] = {t, double(row), v, -v};
            h.appendRows(r, 1);
        };
        snapshotRow(0.0, 0, 0.0);
        snapshotRow(0.0, 1, 0.0);
        snapshotRow(0.05, 0, 0.3);  // half of the second snapshot
        view.showSeries(series);
        QCOMPARE(view.snapshots(), 1);
        snapshotRow(0.05, 1, 0.3);
        view.showSeries(series);
        QCOMPARE(view.snapshots(), 2);
        QCOMPARE(view.timeSlider()->value(), 1);
        QCOMPARE(view.panel("state")->cellValue(1, 0), 0.3);
        QCOMPARE(view.panel("state")->cellValue(1, 1), -0.3);
        snapshotRow(0.1, 0, 2.0);
        snapshotRow(0.1, 1, 2.0);
        view.showSeries(series);
        QCOMPARE(view.timeSlider()->value(), 2);
        QCOMPARE(view.panel("state")->cellValue(0, 0), 2.0);
        QCOMPARE(view.panel("output")->cellValue(0, 0), 1.0);  // y = f(x) saturates
        QCOMPARE(view.cellPlot()->graph(0)->dataCount(), 3);
        view.timeSlider()->setValue(0);
        snapshotRow(0.2, 0, 3.0);
        snapshotRow(0.2, 1, 3.0);
        view.showSeries(series);
        QCOMPARE(view.snapshots(), 4);
        QCOMPARE(view.timeSlider()->value(), 0);
        QCOMPARE(view.panel("state")->cellValue(0, 0), 0.0);
        // Play from the end starts over and stops on the last snapshot.
        view.timeSlider()->setValue(3);
        view.playButton()->click();
        QVERIFY(view.timeSlider()->value() < 3);
        QTRY_VERIFY_WITH_TIMEOUT(!view.playButton()->isChecked(), 2000);
        QCOMPARE(view.timeSlider()->value(), 3);
        QCOMPARE(view.panel("state")->cellValue(0, 0), 3.0);
    }

    // One slider position per snapshot; each shows that snapshot's state and y = f(x).
    void sliderScrubsTheStateHistory() {
        Run run;
        gui::CennView view(&run.doc);
        view.resize(1000, 600);
        view.show();
        QVERIFY(run.start(view, "cenn-noise-removal.json", "fill_hole"));
        const gui::SeriesBuffer* h = run.series("state_history");
        QVERIFY(h);
        const int M = view.panel("input")->rows(), N = view.panel("input")->cols();
        const int snapshots = int(h->rows()) / M;
        QVERIFY(snapshots > 10);
        QCOMPARE(view.snapshots(), snapshots);
        QCOMPARE(view.timeSlider()->minimum(), 0);
        QCOMPARE(view.timeSlider()->maximum(), snapshots - 1);
        // The final snapshot is the final state the run reports.
        const gui::SeriesBuffer* state = run.series("state");
        QCOMPARE(view.panel("state")->cellValue(M / 2, N / 2), state->at(std::size_t(M / 2), N / 2));
        for (int k : {0, snapshots / 3, snapshots - 2}) {
            view.timeSlider()->setValue(k);
            const std::size_t row0 = std::size_t(k) * std::size_t(M);
            for (int i = 0; i < M; ++i)
                for (int j = 0; j < N; ++j) {
                    const double x = h->at(row0 + std::size_t(i), 2 + j);
                    QCOMPARE(view.panel("state")->cellValue(i, j), x);
                    QCOMPARE(view.panel("output")->cellValue(i, j), cenn::output(x));
                }
            // R = 1 ohm, C = 1 F: t in units of tau = RC and in seconds.
            const double t = h->at(row0, 0);
            QVERIFY2(view.timeLabel()->text().contains(QString::number(t, 'g', 3) + " τ"), qPrintable(view.timeLabel()->text()));
            QVERIFY2(view.timeLabel()->text().contains(gui::formatSi(t, "s", 3)), qPrintable(view.timeLabel()->text()));
        }
        // HOLE starts all black: the first snapshot is x = 1 everywhere.
        view.timeSlider()->setValue(0);
        QCOMPARE(view.panel("state")->cellValue(0, 0), 1.0);
    }

    // A click on a pixel plots that cell's x(t) and y(t) over the snapshots.
    void clickPlotsTheCellsTrajectory() {
        gui::CennView view(nullptr);
        view.resize(1000, 600);
        view.show();
        Run run;
        QVERIFY(run.start(view, "cenn-noise-removal.json", "denoise"));
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        gui::CrossbarHeatmap* input = view.panel("input");
        input->plot()->replot();
        const int row = 1, col = 2;
        QTest::mouseClick(input->plot(), Qt::LeftButton, Qt::NoModifier, input->cellCentre(row, col).toPoint());
        QCOMPARE(view.cellRow(), row);
        QCOMPARE(view.cellCol(), col);
        const gui::SeriesBuffer* h = run.series("state_history");
        const int M = input->rows(), snapshots = int(h->rows()) / M;
        auto xs = view.cellPlot()->graph(0)->data();
        auto ys = view.cellPlot()->graph(1)->data();
        QCOMPARE(xs->size(), snapshots);
        QCOMPARE(ys->size(), snapshots);
        for (int k = 0; k < snapshots; ++k) {
            const std::size_t r = std::size_t(k * M + row);
            QCOMPARE((xs->begin() + k)->key, h->at(r, 0));
            QCOMPARE((xs->begin() + k)->value, h->at(r, 2 + col));
            QCOMPARE((ys->begin() + k)->value, cenn::output(h->at(r, 2 + col)));
        }
    }

    // A library template's numbers under its name; an edit makes it a user
    // template with the library's run conditions spelled out, one undo step.
    void templateEditorWritesTheDocument() {
        gui::DocumentModel doc;
        QString error;
        QVERIFY(doc.open(QStringLiteral(MS_SOURCE_DIR "/projects/cenn-noise-removal.json"), &error));
        gui::CennView view(&doc);
        view.showExperiment("/experiments/0");
        gui::TemplateEditor* ed = view.templateEditor();
        QVERIFY(ed->isEnabled());
        QCOMPARE(ed->libraryId(), QStringLiteral("noise_removal"));
        QVERIFY(ed->libraryBox()->currentText().contains("AVERAGE"));
        const double average[9] = {0, 1, 0, 1, 2, 1, 0, 1, 0};
        for (int k = 0; k < 9; ++k) {
            QCOMPARE(ed->value(gui::TemplateEditor::A, k), average[k]);
            QCOMPARE(ed->value(gui::TemplateEditor::B, k), 0.0);
        }
        QCOMPARE(ed->value(gui::TemplateEditor::Z, 0), 0.0);
        QCOMPARE(ed->entryBox(gui::TemplateEditor::A, 4)->maximum(), 1e6);
        QCOMPARE(ed->entryBox(gui::TemplateEditor::A, 4)->minimum(), -1e6);

        const int steps = doc.undoStack()->count();
        ed->entryBox(gui::TemplateEditor::A, 4)->setValue(3.0);
        QCOMPARE(doc.undoStack()->count(), steps + 1);
        const json e = doc.value("/experiments/0");
        QVERIFY(e["template"].is_object());
        QCOMPARE(e["template"]["A"][1][1].get<double>(), 3.0);
        QCOMPARE(e["template"]["A"][0][1].get<double>(), 1.0);
        QCOMPARE(e["template"]["z"].get<double>(), 0.0);
        // AVERAGE starts from the input with a fixed boundary at 0.
        QCOMPARE(e.value("initialState", std::string()), std::string("input"));
        QCOMPARE(e.value("boundary", std::string()), std::string("fixed"));
        QCOMPARE(e.value("boundaryY", -9.0), 0.0);
        QVERIFY(ed->libraryId().isEmpty());  // now a user template
        QCOMPARE(ed->value(gui::TemplateEditor::A, 4), 3.0);

        doc.undoStack()->undo();
        QCOMPARE(doc.value("/experiments/0/template"), json("noise_removal"));
        QVERIFY(!doc.contains("/experiments/0/initialState"));
        QCOMPARE(ed->libraryId(), QStringLiteral("noise_removal"));
        QCOMPARE(ed->value(gui::TemplateEditor::A, 4), 2.0);

        // Other entries keep their exact values (the boxes show 6 decimals).
        doc.setValue("/experiments/0/template", json{{"A", {{0, 0, 0}, {0, 1.23456789, 0}, {0, 0, 0}}}, {"B", {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}}}}, "user");
        ed->entryBox(gui::TemplateEditor::B, 4)->setValue(2.0);
        QCOMPARE(doc.value("/experiments/0/template/A/1/1").get<double>(), 1.23456789);
        QCOMPARE(doc.value("/experiments/0/template/B/1/1").get<double>(), 2.0);

        // Picking a library template writes its id (the second experiment: HOLE -> EDGE).
        view.showExperiment("/experiments/1");
        QCOMPARE(ed->libraryId(), QStringLiteral("hole_filling"));
        const int edge = ed->libraryBox()->findData(QStringLiteral("edge_detection"));
        ed->libraryBox()->setCurrentIndex(edge);
        emit ed->libraryBox()->activated(edge);
        QCOMPARE(doc.value("/experiments/1/template"), json("edge_detection"));
        QCOMPARE(ed->value(gui::TemplateEditor::B, 4), 8.0);
    }

    // The selected weight's bridge: its four conductances 1/M from the
    // "bridges" series, the largest weight before any selection.
    // A picture file becomes the experiment's image: grey levels to [-1, 1]
    // with black +1, shrunk to 128 cells a side, one undo step; a file Qt
    // cannot read leaves the document as it was; a built-in image by name.
    void imageFileBecomesTheExperimentsImage() {
        gui::DocumentModel doc;
        QString error;
        QVERIFY(doc.open(QStringLiteral(MS_SOURCE_DIR "/projects/cenn-noise-removal.json"), &error));
        gui::CennView view(&doc);
        view.showExperiment("/experiments/0");
        gui::InputImagePicker* picker = view.imagePicker();
        QVERIFY(picker->isEnabled());
        QCOMPARE(picker->imageBox()->currentText(), QString::fromStdString(doc.value("/experiments/0/image").get<std::string>()));

        QTemporaryDir dir;
        QImage img(3, 2, QImage::Format_RGB32);
        img.fill(Qt::white);
        img.setPixelColor(0, 0, Qt::black);
        img.setPixelColor(2, 1, QColor(128, 128, 128));
        const QString png = dir.filePath("pic.png");
        QVERIFY(img.save(png));
        const int steps = doc.undoStack()->count();
        QVERIFY2(picker->loadFile(png, &error), qPrintable(error));
        QCOMPARE(doc.undoStack()->count(), steps + 1);
        const json data = doc.value("/experiments/0/image/data");
        QCOMPARE(data.size(), std::size_t(2));     // rows
        QCOMPARE(data[0].size(), std::size_t(3));  // columns
        QCOMPARE(data[0][0].get<double>(), 1.0);   // black
        QCOMPARE(data[0][1].get<double>(), -1.0);  // white
        QCOMPARE(data[1][2].get<double>(), -0.004);  // grey 128: 1 - 2 * 128/255, to 1e-3
        QCOMPARE(picker->imageBox()->currentText(), QStringLiteral("Image file…"));
        QVERIFY(doc.project().validate().empty());

        const QImage big(400, 200, QImage::Format_RGB32);
        const json shrunk = gui::InputImagePicker::imageData(big);
        QCOMPARE(shrunk["data"].size(), std::size_t(64));
        QCOMPARE(shrunk["data"][0].size(), std::size_t(128));

        const QString bad = dir.filePath("not-an-image.png");
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a picture");
        f.close();
        const json before = doc.value("/experiments/0");
        QVERIFY(!picker->loadFile(bad, &error));
        QVERIFY(error.contains("not-an-image.png"));
        QCOMPARE(doc.value("/experiments/0"), before);

        const int square = picker->imageBox()->findData(QStringLiteral("square"));
        QVERIFY(square >= 0);
        picker->imageBox()->setCurrentIndex(square);
        emit picker->imageBox()->activated(square);
        QCOMPARE(doc.value("/experiments/0/image"), json("square"));
        doc.undoStack()->undo();
        QVERIFY(doc.value("/experiments/0/image").is_object());
    }

    void bridgePanelShowsTheSelectedWeight() {
        gui::DocumentModel doc;
        QString error;
        QVERIFY(doc.open(QStringLiteral(MS_SOURCE_DIR "/projects/cenn-edge-detection-4m-bridge.json"), &error));
        gui::CennView view(&doc);
        view.resize(1200, 700);
        view.showExperiment("/experiments/0");
        view.show();
        std::vector<gui::SeriesBuffer> series{image("input", 3, 3, 1.0), bridges()};
        view.showSeries(series);
        QVERIFY(view.bridgePanel()->isVisible());
        auto bars = [&] { return qobject_cast<QCPBars*>(view.bridgePlot()->plottable(0))->data(); };
        const double edgeM[4] = {100, 15900, 15850, 120};  // B centre, target 8: the largest
        QCOMPARE(bars()->size(), 4);
        for (int k = 0; k < 4; ++k) QCOMPARE((bars()->begin() + k)->value, 1.0 / edgeM[k]);
        QVERIFY(view.bridgeText()->text().contains("7.97"));
        QCOMPARE(view.templateEditor()->selectedMatrix(), int(gui::TemplateEditor::B));

        view.templateEditor()->selectEntry(gui::TemplateEditor::A, 4);
        const double aM[4] = {7000, 9100, 9050, 7010};
        for (int k = 0; k < 4; ++k) QCOMPARE((bars()->begin() + k)->value, 1.0 / aM[k]);
        QVERIFY(view.bridgePanel()->title().contains("A[1][1]"));
        QVERIFY(view.bridgeText()->text().contains("12 pulses"));
        QVERIFY(view.bridgeText()->text().contains("3.5 nJ"));

        // A zero weight has no bridge: said, not drawn.
        view.templateEditor()->selectEntry(gui::TemplateEditor::A, 0);
        QCOMPARE(bars()->size(), 0);
        QVERIFY(view.bridgeText()->text().contains("not wired"));

        // Without the series the panel leaves.
        series.pop_back();
        view.showSeries(series);
        QVERIFY(!view.bridgePanel()->isVisible());
    }
};

QTEST_MAIN(TestCennView)
#include "test_cenn_view.moc"
