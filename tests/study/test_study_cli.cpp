// `memstudio-cli study` as a process: the table is the points' results, a
// sharded run merges to the local table byte for byte, a study resumes, bad
// axes are refused before anything runs, and submit --dry-run shows SLURM
// scripts that chain the merge after the array (docs/studies.md).
#include <QtTest>

#include <QDir>
#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include "StudyCliSupport.h"
#include "core/study/Study.h"
#include "core/study/StudyResults.h"

using namespace study_test;

namespace {

const char* kMargin = "study-read-margin-size-bias-wire.json";
const char* kAccuracy = "study-nl-x-c2c-accuracy.json";

QString studyIdOf(const QString& project) {
    const auto tree = nlohmann::json::parse(readAll(project).toStdString());
    return QString::fromStdString(tree["studies"][0]["id"].get<std::string>());
}

// A copy of an example with one edit, in `dir`.
QString editedExample(const QTemporaryDir& dir, const char* name, const std::function<void(nlohmann::json&)>& edit) {
    auto tree = nlohmann::json::parse(readAll(examplePath(name)).toStdString());
    edit(tree);
    const QString path = dir.filePath(QStringLiteral("edited.json"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) return {};
    f.write(QByteArray::fromStdString(tree.dump(2)));
    return path;
}

}  // namespace

class StudyCli : public QObject {
    Q_OBJECT
private slots:
    void tableIsItsPointsRunOneByOne_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("margin") << QString::fromUtf8(kMargin);
        QTest::newRow("accuracy (seeds)") << QString::fromUtf8(kAccuracy);
    }
    // Each point's project, run by `memstudio-cli run`, gives the row the study wrote.
    void tableIsItsPointsRunOneByOne() {
        QFETCH(QString, file);
        const QString project = examplePath(file.toUtf8().constData());
        QTemporaryDir tmp;
        const QString out = tmp.filePath(QStringLiteral("study"));
        const Result r = runCli({"study", project, "--study", studyIdOf(project), "--out", out, "-j", "2"});
        QVERIFY2(r.code == 0, qPrintable(r.err));

        const ms::Project p = ms::loadProjectFile(project.toStdString());
        const ms::study::Study s = ms::study::findStudy(p, studyIdOf(project).toStdString());
        std::vector<std::pair<std::string, std::string>> columns;  // figure key, unit
        std::vector<std::string> rows;
        for (std::size_t k = 0; k < ms::study::pointCount(s); ++k) {
            const ms::study::Point pt = ms::study::point(s, k);
            const QString pointFile = tmp.filePath(QStringLiteral("point%1.json").arg(k));
            QFile f(pointFile);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray::fromStdString(ms::serializeProject(ms::study::pointProject(p, s, pt))));
            f.close();
            const QString single = tmp.filePath(QStringLiteral("run%1").arg(k));
            const Result one = runCli({"run", pointFile, "--out", single, "--experiment", QString::fromStdString(s.experimentId)});
            QVERIFY2(one.code == 0, qPrintable(one.err));
            const auto summary = nlohmann::ordered_json::parse(readAll(single + QStringLiteral("/summary.json")).toStdString());
            std::string row = std::to_string(k);
            for (std::size_t a = 0; a < s.axes.size(); ++a) row += "," + ms::study::valueText(s.axes[a].values[pt.valueIndex[a]]);
            row += "," + (pt.seed ? std::to_string(*pt.seed) : std::string());
            std::map<std::string, std::string> figures;
            for (const auto& [key, f] : summary["experiments"][0]["figures"].items()) {
                figures[key] = ms::study::numberText(f["value"].get<double>());
                bool known = false;
                for (const auto& c : columns) known = known || c.first == key;
                if (!known) columns.emplace_back(key, f["unit"].get<std::string>());
            }
            for (const auto& c : columns) row += "," + figures[c.first];
            rows.push_back(row + ",ok,");
        }
        std::string expected = "point";
        for (const auto& axis : s.axes) expected += "," + axis.label;
        expected += ",seed";
        for (const auto& [key, unit] : columns) expected += "," + (unit.empty() ? key : key + " (" + unit + ")");
        expected += ",status,message\n";
        for (const auto& row : rows) expected += row + "\n";
        QCOMPARE(readAll(out + QStringLiteral("/study.csv")).toStdString(), expected);
        QVERIFY(QFile::exists(out + QStringLiteral("/points/0/point.json")));
        const auto provenance = nlohmann::json::parse(readAll(out + QStringLiteral("/provenance.json")).toStdString());
        QCOMPARE(provenance["project"]["sha256"].get<std::string>().size(), std::size_t(64));
        QCOMPARE(provenance["points"].get<std::size_t>(), rows.size());
    }

    // Three shards into one folder (a cluster's shared file system) and into
    // three folders (no shared file system) merge to the local table, byte for byte.
    void shardsMergeToTheLocalTable() {
        const QString project = examplePath(kMargin), id = studyIdOf(project);
        QTemporaryDir tmp;
        const QString local = tmp.filePath(QStringLiteral("local")), shared = tmp.filePath(QStringLiteral("shared"));
        QCOMPARE(runCli({"study", project, "--study", id, "--out", local, "-j", "2"}).code, 0);
        const QByteArray table = readAll(local + QStringLiteral("/study.csv"));
        QVERIFY(table.count('\n') == 13);

        for (int k = 3; k >= 1; --k) {
            const Result r = runCli({"study", project, "--study", id, "--out", shared, "--shard", QStringLiteral("%1/3").arg(k)});
            QVERIFY2(r.code == 0, qPrintable(r.err));
            QVERIFY(!QFile::exists(shared + QStringLiteral("/study.csv")));  // a shard never writes the table
            if (k == 2) {
                const Result early = runCli({"study", "merge", shared});
                QCOMPARE(early.code, 2);
                QVERIFY2(early.err.contains(QStringLiteral("points 0, 3, 6, 9 have no result")), qPrintable(early.err));
            }
        }
        QCOMPARE(runCli({"study", "merge", shared}).code, 0);
        QCOMPARE(readAll(shared + QStringLiteral("/study.csv")), table);

        QStringList separate = {"study", "merge", tmp.filePath(QStringLiteral("merged"))};
        for (int k = 1; k <= 3; ++k) {
            const QString dir = tmp.filePath(QStringLiteral("shard%1").arg(k));
            QCOMPARE(runCli({"study", project, "--study", id, "--out", dir, "--shard", QStringLiteral("%1/3").arg(k)}).code, 0);
            separate << dir;
        }
        const Result merged = runCli(separate);
        QVERIFY2(merged.code == 0, qPrintable(merged.err));
        QCOMPARE(readAll(tmp.filePath(QStringLiteral("merged/study.csv"))), table);
    }

    // A study whose point 3 lost its outputs (as after a kill) runs only point 3.
    void resumeRunsOnlyTheMissingPoints() {
        const QString project = examplePath(kAccuracy), id = studyIdOf(project);
        QTemporaryDir tmp;
        const QString out = tmp.filePath(QStringLiteral("study"));
        QCOMPARE(runCli({"study", project, "--study", id, "--out", out, "-j", "1"}).code, 0);
        const QByteArray table = readAll(out + QStringLiteral("/study.csv"));
        QList<QByteArray> records;
        for (int k = 0; k < 8; ++k) records << readAll(out + QStringLiteral("/points/%1/point.json").arg(k));
        QVERIFY(QDir(out + QStringLiteral("/points/3")).removeRecursively());
        QDir().mkpath(out + QStringLiteral("/points/.5.partial-1-0"));  // a point killed while running

        const Result again = runCli({"study", project, "--study", id, "--out", out, "-j", "2"});
        QVERIFY2(again.code == 0, qPrintable(again.err));
        QVERIFY2(again.out.contains(QStringLiteral("7 already done, running 1 on 1 thread")), qPrintable(again.out));
        QVERIFY(again.out.contains(QStringLiteral("point 3: ok")));
        for (int k = 0; k < 8; ++k)
            if (k != 3) QCOMPARE(readAll(out + QStringLiteral("/points/%1/point.json").arg(k)), records[k]);  // not run again
        QCOMPARE(readAll(out + QStringLiteral("/study.csv")), table);
        QVERIFY(runCli({"study", project, "--study", id, "--out", out}).out.contains(QStringLiteral("8 already done, running 0")));
    }

    void aBadAxisIsRefusedAtItsPathBeforeAnythingRuns() {
        QTemporaryDir tmp;
        const QString out = tmp.filePath(QStringLiteral("never"));
        const QString badPath = editedExample(tmp, kMargin, [](nlohmann::json& t) { t["studies"][0]["axes"][1]["path"] = "biass"; });
        Result r = runCli({"study", badPath, "--study", "size_bias_wire", "--out", out});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("studies[0].axes[1].path: experiment 'margin' has no field 'biass'")), qPrintable(r.err));
        QVERIFY(!QFile::exists(out));

        const QString badValue = editedExample(tmp, kMargin, [](nlohmann::json& t) { t["studies"][0]["axes"][0]["values"][1] = 5000; });
        r = runCli({"study", badValue, "--study", "size_bias_wire", "--out", out});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("studies[0].axes[0].values[1]: 5000 gives experiments[0].nMin: must be between")),
                 qPrintable(r.err));
        QVERIFY(!QFile::exists(out));

        r = runCli({"study", examplePath(kMargin), "--study", "nope", "--out", out});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(QStringLiteral("no study with id 'nope' (known: size_bias_wire)")), qPrintable(r.err));
        r = runCli({"study", examplePath(kMargin), "--study", "size_bias_wire", "--out", out, "--shard", "4/3"});
        QCOMPARE(r.code, 2);
        QVERIFY(!QFile::exists(out));
    }

    // Point 1's pulses do not move the device: ann_training refuses that at run
    // time. The study records it and goes on; a resume leaves it, --retry-failed runs it.
    void aFailedPointIsRecordedAndTheStudyGoesOn() {
        QTemporaryDir tmp;
        const QString project = tmp.filePath(QStringLiteral("fail.json"));
        QFile f(project);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"format": "memristor-studio-project", "version": 1,
 "devices": [{"id": "v", "model": "vteam", "preset": "analog_vteam", "params": {"window": 0, "x0": 3e-9}}],
 "experiments": [{"id": "a", "kind": "ann_training", "data": {"set": "digits", "trainSamples": 50, "testSamples": 20},
   "network": {"layers": [64, 10]}, "mode": "in_situ", "epochs": 1, "snapshotsPerEpoch": 0, "trainAccuracyEachEpoch": false,
   "synapse": {"device": "v", "pulse": {"potentiationAmplitude": -1.6, "depressionAmplitude": 1.6, "width": 5e-6, "gap": 1e-6}}}],
 "studies": [{"id": "s", "experiment": "a", "combine": "zip", "axes": [
   {"path": "synapse.pulse.potentiationAmplitude", "label": "V_p", "values": [-1.6, -0.01]},
   {"path": "synapse.pulse.depressionAmplitude", "label": "V_d", "values": [1.6, 0.01]}]}]})");
        f.close();
        const QString out = tmp.filePath(QStringLiteral("o"));
        const Result r = runCli({"study", project, "--study", "s", "--out", out, "-j", "1"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.err.contains(QStringLiteral("1 point(s) failed")));
        const QList<QByteArray> rows = readAll(out + QStringLiteral("/study.csv")).split('\n');
        QVERIFY(rows[1].startsWith("0,-1.6,1.6,") && rows[1].endsWith(",ok,"));
        QVERIFY2(rows[2].startsWith("1,-0.01,0.01,") &&
                     rows[2].contains(",failed,experiment.synapse.pulse: the device's conductance does not change"),
                 rows[2].constData());
        QVERIFY(runCli({"study", project, "--study", "s", "--out", out}).out.contains(QStringLiteral("2 already done, running 0")));
        const Result retry = runCli({"study", project, "--study", "s", "--out", out, "--retry-failed"});
        QVERIFY(retry.out.contains(QStringLiteral("1 already done, running 1")));
    }

    void dryRunShowsTheArrayAndTheMergeAfterIt() {
        QTemporaryDir tmp;
        const QString out = tmp.filePath(QStringLiteral("cluster"));
        const Result r = runCli({"study", "submit", examplePath(kMargin), "--study", "size_bias_wire", "--out", out, "--slurm",
                                 "--partition", "debug", "--time", "00:05:00", "--cpus", "2", "--array-limit", "2", "--shards", "3",
                                 "--dry-run"});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        for (const char* must : {"#SBATCH --array=0-2%2", "#SBATCH --partition=debug", "#SBATCH --time=00:05:00",
                                 "#SBATCH --cpus-per-task=2", "--shard \"$((SLURM_ARRAY_TASK_ID + 1))/3\"",
                                 "-j \"${SLURM_CPUS_PER_TASK:-1}\"", "study merge", "sbatch --parsable",
                                 "--dependency=afterok:<array job id>"})
            QVERIFY2(r.out.contains(QString::fromUtf8(must)), must);
        QVERIFY(!QFile::exists(out));  // a dry run writes nothing
        // One task per point by default.
        const Result all = runCli({"study", "submit", examplePath(kMargin), "--study", "size_bias_wire", "--out", out, "--slurm", "--dry-run"});
        QVERIFY(all.out.contains(QStringLiteral("#SBATCH --array=0-11\n")));
        QCOMPARE(runCli({"study", "submit", examplePath(kMargin), "--study", "size_bias_wire", "--out", out}).code, 2);
    }

    // Every example project's studies run to a complete table (the examples
    // test runs their experiments through `memstudio-cli run`).
    void exampleStudiesRun_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("study");
        const QDir dir(QStringLiteral(MS_SOURCE_DIR "/projects"));
        for (const QString& f : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
            const auto tree = nlohmann::json::parse(readAll(dir.filePath(f)).toStdString());
            if (tree.contains("studies"))
                for (const auto& s : tree["studies"]) {
                    const QString id = QString::fromStdString(s["id"].get<std::string>());
                    QTest::newRow(qPrintable(f + QLatin1Char(':') + id)) << dir.filePath(f) << id;
                }
        }
    }
    void exampleStudiesRun() {
        QFETCH(QString, file);
        QFETCH(QString, study);
        QTemporaryDir tmp;
        const Result r = runCli({"study", file, "--study", study, "--out", tmp.filePath(QStringLiteral("o")), "-j", "2"}, tmp.path());
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QByteArray table = readAll(tmp.filePath(QStringLiteral("o/study.csv")));
        const auto provenance = nlohmann::json::parse(readAll(tmp.filePath(QStringLiteral("o/provenance.json"))).toStdString());
        QCOMPARE(table.count('\n'), qsizetype(provenance["points"].get<std::size_t>() + 1));
        QVERIFY2(!table.contains(",failed,"), table.constData());
    }
};

QTEST_MAIN(StudyCli)
#include "test_study_cli.moc"
