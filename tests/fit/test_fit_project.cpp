// The example projects (projects/fit-*.json) load, run through the kinds
// (files relative to the project), and give back the parameters their
// synthetic sample measurements were generated with.
#include <QtTest>

#include <map>

#include "core/common/Errors.h"
#include "core/project/ExperimentKind.h"

using namespace ms;

namespace {
class Record final : public CheckedSink {
public:
    std::map<std::string, double> scalars;
    std::map<std::string, std::size_t> rows;
    void onBeginSeries(const std::string& id, const std::vector<Column>&) override { rows[id] = 0; }
    void onRows(const std::string& id, const double*, std::size_t n) override { rows[id] += n; }
    void scalar(const std::string& k, double v, const std::string&) override { scalars[k] = v; }
};
}  // namespace

class FitProject : public QObject {
    Q_OBJECT
private slots:
    void ivExampleRecoversVteam();
    void pulseExampleRecoversNl();
    void missingFileNamesIt();
};

void FitProject::ivExampleRecoversVteam() {
    const Project p = loadProjectFile(MS_SOURCE_DIR "/projects/fit-iv-sweep.json");
    Record sink;
    StopToken stop;
    runExperiment(p, "fit_vteam", sink, stop);
    qInfo("v_on %.4f v_off %.4f Roff %.1f R2 %.6f", sink.scalars["v_on"], sink.scalars["v_off"], sink.scalars["Roff"],
          sink.scalars["r2"]);
    QVERIFY(std::fabs(sink.scalars.at("v_on") + 0.5) < 0.01);
    QVERIFY(std::fabs(sink.scalars.at("v_off") - 0.45) < 0.02);
    QVERIFY(std::fabs(sink.scalars.at("Roff") / 10e3 - 1) < 0.01);
    QVERIFY(sink.scalars.at("r2") > 0.999);
    QCOMPARE(sink.rows.at("overlay"), std::size_t(401));
    QCOMPARE(sink.rows.at("residuals"), std::size_t(401));
    // The fitted device saved in the project runs like any other.
    Record t;
    runExperiment(p, "fitted_sine", t, stop);
    QVERIFY(t.rows.at("transient") > 100);
}

void FitProject::pulseExampleRecoversNl() {
    const Project p = loadProjectFile(MS_SOURCE_DIR "/projects/fit-pulse-curve.json");
    Record sink;
    StopToken stop;
    runExperiment(p, "neurosim_form", sink, stop);
    qInfo("NL_LTP %.3f +- %.3f NL_LTD %.3f +- %.3f", sink.scalars["NL_LTP"], sink.scalars["NL_LTP_stderr"],
          sink.scalars["NL_LTD"], sink.scalars["NL_LTD_stderr"]);
    QVERIFY(std::fabs(sink.scalars.at("NL_LTP") - 2.4) < 0.1);
    QVERIFY(std::fabs(sink.scalars.at("NL_LTD") + 4.88) < 0.1);
    Record lut;
    runExperiment(p, "lookup_table", lut, stop);
    QVERIFY(lut.scalars.at("r2") > 0.99);
    QCOMPARE(lut.scalars.at("levelsLTP"), 60.0);
}

void FitProject::missingFileNamesIt() {
    Project p = loadProjectFile(MS_SOURCE_DIR "/projects/fit-pulse-curve.json");
    p.setBaseDirectory("/nonexistent");
    Record sink;
    StopToken stop;
    try {
        runExperiment(p, "neurosim_form", sink, stop);
        QFAIL("ran without its measurement file");
    } catch (const InputError& e) {
        QVERIFY(std::string(e.what()).find("ltp-ltd-pulse-curve.csv") != std::string::npos);
    }
}

QTEST_GUILESS_MAIN(FitProject)
#include "test_fit_project.moc"
