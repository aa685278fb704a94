// memstudio-cli as a user runs it: the HP project reproduces the reference
// figures (docs/device-models.md §1), CSVs carry unit headers, bad input exits 2
// with one message naming the JSON path and leaves the output directory
// untouched, an interrupted run exits 1 and writes nothing, and `models`
// lists every registry (synapses with presets, cells with their area, neurons).
#include <QtTest>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <map>

#include "core/circuit/SynapseCell.h"
#include "core/devices/ModelRegistry.h"
#include "core/project/ExperimentKind.h"
#include "core/snn/NeuronGroup.h"
#include "core/snn/Plasticity.h"
#include "core/synapses/PulseSynapse.h"

namespace {

struct Result {
    int exitCode = -1;
    QString out, err;
};

Result runCli(const QStringList& args, int timeoutMs = 60000) {
    QProcess p;
    p.start(QStringLiteral(MS_CLI_PATH), args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    Result r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

void writeFile(const QString& path, const QByteArray& text) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

QStringList entries(const QString& dir) {
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

const char* kHp = MS_SOURCE_DIR "/projects/hp-pinched-hysteresis.json";

// A valid two-experiment project; `second` replaces the second experiment.
QByteArray projectWith(const QByteArray& second) {
    return R"({"format": "memristor-studio-project", "version": 1, "name": "t",
      "experiments": [
        {"id": "ok", "kind": "device_transient", "device": {"model": "linear_ion_drift", "preset": "hp_tio2"},
         "drive": {"kind": "sine", "params": {"amplitude": 1, "frequency": 1}}},
        )" + second + "]}";
}

const QByteArray kHpDevice = R"({"model": "linear_ion_drift", "preset": "hp_tio2")";
const QByteArray kSine = R"("drive": {"kind": "sine", "params": {"amplitude": 1, "frequency": 1}})";

}  // namespace

class TestCli : public QObject {
    Q_OBJECT
private slots:
    void hpProjectReproducesReferenceFigures() {
        QTemporaryDir tmp;
        const QString out = tmp.filePath("results");
        const Result r = runCli({"run", kHp, "--out", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(out));  // tells where the results went

        QFile f(out + "/summary.json");
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject summary = QJsonDocument::fromJson(f.readAll()).object();
        const QJsonArray exps = summary["experiments"].toArray();
        QCOMPARE(exps.size(), 1);
        const QJsonObject e = exps[0].toObject();
        QCOMPARE(e["id"].toString(), QString("hp_sine"));
        QCOMPARE(e["kind"].toString(), QString("device_transient"));
        const QJsonObject fig = e["figures"].toObject();
        // docs/device-models.md §1: 1 V 1 Hz, no window: i_peak 0.129 mA, R 4447-11000 ohm.
        const double ipk = fig["peak_current"].toObject()["value"].toDouble();
        QCOMPARE(fig["peak_current"].toObject()["unit"].toString(), QString("A"));
        QVERIFY2(std::fabs(ipk - 0.129e-3) / 0.129e-3 < 5e-3, qPrintable(QString::number(ipk)));
        const double rmin = fig["R_min"].toObject()["value"].toDouble();
        const double rmax = fig["R_max"].toObject()["value"].toDouble();
        QCOMPARE(fig["R_min"].toObject()["unit"].toString(), QString("ohm"));
        QVERIFY2(std::fabs(rmin - 4447) / 4447 < 5e-4, qPrintable(QString::number(rmin)));
        QVERIFY2(std::fabs(rmax - 11000) / 11000 < 1e-6, qPrintable(QString::number(rmax)));
        const double area = fig["loop_area"].toObject()["value"].toDouble();
        QVERIFY(area > 0);
        QVERIFY(std::fabs(fig["G_max"].toObject()["value"].toDouble() * rmin - 1.0) < 1e-12);

        const QJsonArray series = e["series"].toArray();
        QCOMPARE(series.size(), 1);
        QFile csv(out + "/" + series[0].toObject()["file"].toString());
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
        QCOMPARE(lines[0], QByteArray("t (s),v (V),i (A),x,R (ohm),phi (Wb),q (C)"));
        QCOMPARE(lines.size() - 1, series[0].toObject()["rows"].toInt());
        QCOMPARE(lines.size(), 2002);  // header, t = 0, 2000 samples
        const QList<QByteArray> last = lines.back().split(',');
        QCOMPARE(last.size(), 7);
        QCOMPARE(last[0].toDouble(), 1.0);
        // Nothing but the results next to DIR (the staging directory is gone).
        QCOMPARE(entries(tmp.path()), QStringList{"results"});
    }

    void badInput_data() {
        QTest::addColumn<QByteArray>("project");
        QTest::addColumn<QString>("message");  // exact, or a prefix when it ends in "..."
        QTest::newRow("malformed JSON") << QByteArray("{\"format\": \"memristor-studio-project\",\n \"version\": 1,\n \"experiments\": [}\n")
                                        << "PROJECT:3:18: syntax error while parsing value - unexpected '}'; expected '[', '{', or a literal";
        QTest::newRow("wrong format") << QByteArray(R"({"format": "qucs", "version": 1})")
                                      << "format: not a Memristor Studio project (expected \"memristor-studio-project\", got \"qucs\")";
        QTest::newRow("newer version") << QByteArray(R"({"format": "memristor-studio-project", "version": 7})")
                                       << "version: this project uses format version 7, newer than this build of Memristor "
                                          "Studio reads (1); open it with a newer Memristor Studio";
        QTest::newRow("Roff below Ron")
            << projectWith(R"({"id": "bad", "kind": "device_transient", "device": {"model": "linear_ion_drift", "params": {"Roff": 50}}, )" + kSine + "}")
            << "experiments[1].device.params.Roff: must be greater than Ron (100 ohm)";
        QTest::newRow("out of range")
            << projectWith(R"({"id": "bad", "kind": "device_transient", "device": {"model": "linear_ion_drift", "params": {"uv": -1}}, )" + kSine + "}")
            << "experiments[1].device.params.uv: must be between 1e-20 m^2/(V*s) and 1e-06 m^2/(V*s) (got -1 m^2/(V*s))";
        QTest::newRow("unknown model")
            << projectWith(R"({"id": "bad", "kind": "device_transient", "device": {"model": "hp2000"}, )" + kSine + "}")
            << "experiments[1].device.model: unknown model 'hp2000' (known: linear_ion_drift...";
        QTest::newRow("missing device")
            << projectWith(R"({"id": "bad", "kind": "device_transient", )" + kSine + "}")
            << "experiments[1].device: missing (a device object {\"model\", ...} or the id of an entry in devices)";
        QTest::newRow("missing drive")
            << projectWith(R"({"id": "bad", "kind": "device_transient", "device": )" + kHpDevice + "}}")
            << "experiments[1].drive: missing (an object {\"kind\": one of sine...";
        QTest::newRow("parameter not a number")
            << projectWith(R"({"id": "bad", "kind": "device_transient", "device": )" + kHpDevice + "}, " +
                           R"("drive": {"kind": "sine", "params": {"frequency": "fast"}}})")
            << "experiments[1].drive.params.frequency: must be a number (got string)";
        QTest::newRow("unknown kind") << projectWith(R"({"id": "bad", "kind": "teleport"})")
                                      << "experiments[1].kind: unknown experiment kind 'teleport' (known: device_transient...";
        QTest::newRow("missing file") << QByteArray() << "PROJECT: cannot open project file: No such file or directory";
    }

    // Exit 2, one line on stderr naming the path and why, and DIR untouched:
    // absent stays absent, an existing DIR keeps exactly what it had.
    void badInput() {
        QFETCH(QByteArray, project);
        QFETCH(QString, message);
        for (const bool dirExists : {false, true}) {
            QTemporaryDir tmp;
            const QString file = tmp.filePath(project.isEmpty() ? "missing.json" : "p.json");
            if (!project.isEmpty()) writeFile(file, project);
            const QString out = tmp.filePath("out");
            if (dirExists) {
                QVERIFY(QDir().mkpath(out));
                writeFile(out + "/keep.txt", "earlier results");
            }
            const Result r = runCli({"run", file, "--out", out});
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.endsWith('\n') && r.err.count('\n') == 1, qPrintable(r.err));
            const QString got = r.err.trimmed();
            QString want = "memstudio-cli: " + message;
            want.replace("PROJECT", file);
            if (want.endsWith("..."))
                QVERIFY2(got.startsWith(want.chopped(3)), qPrintable(got));
            else
                QCOMPARE(got, want);
            const QStringList expected =
                project.isEmpty() ? (dirExists ? QStringList{"out"} : QStringList{})
                                  : (dirExists ? QStringList{"out", "p.json"} : QStringList{"p.json"});
            QCOMPARE(entries(tmp.path()), expected);
            if (dirExists) QCOMPARE(entries(out), QStringList{"keep.txt"});
        }
    }

    void unknownExperimentIdAndUsage() {
        QTemporaryDir tmp;
        Result r = runCli({"run", kHp, "--out", tmp.filePath("o"), "--experiment", "nope"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith("memstudio-cli: --experiment: no experiment with id 'nope'"), qPrintable(r.err));
        QVERIFY(r.err.contains("(known: hp_sine)"));
        QCOMPARE(entries(tmp.path()), QStringList{});
        QCOMPARE(runCli({}).exitCode, 2);
        QCOMPARE(runCli({"run", kHp}).exitCode, 2);  // no --out
        QCOMPARE(runCli({"frobnicate"}).exitCode, 2);
        // --experiment selects: only that experiment's figures are written.
        r = runCli({"run", MS_SOURCE_DIR "/projects/model-comparison.json", "--out", tmp.filePath("o"), "--experiment", "team"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile f(tmp.filePath("o/summary.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonArray exps = QJsonDocument::fromJson(f.readAll()).object()["experiments"].toArray();
        QCOMPARE(exps.size(), 1);
        QCOMPARE(exps[0].toObject()["id"].toString(), QString("team"));
    }

    // A run stopped part-way (here by SIGTERM, as a simulation failure would
    // stop it) exits 1 and leaves neither DIR nor a staging directory.
    void interruptedRunWritesNothing() {
        QTemporaryDir tmp;
        const QString file = tmp.filePath("long.json");
        // The long run: 1e6 cycles, ~20 s of work, inside the 1e7 cycles a run may take (its work guard).
        writeFile(file, R"({"format": "memristor-studio-project", "version": 1, "experiments": [
            {"id": "first", "kind": "device_transient", "device": {"model": "linear_ion_drift", "preset": "hp_tio2"},
             "drive": {"kind": "sine", "params": {"amplitude": 1, "frequency": 1}}},
            {"id": "long", "kind": "device_transient", "device": {"model": "linear_ion_drift", "preset": "hp_tio2"},
             "drive": {"kind": "sine", "params": {"amplitude": 1, "frequency": 1}}, "duration": 1e6, "samples": 100}]})");
        QProcess p;
        p.start(QStringLiteral(MS_CLI_PATH), {"run", file, "--out", tmp.filePath("out")});
        QVERIFY(p.waitForStarted());
        // Wait until the second experiment is running (its line is printed first).
        QByteArray seen;
        while (!seen.contains("long (device_transient)") && p.waitForReadyRead(30000)) seen += p.readAllStandardOutput();
        QVERIFY2(seen.contains("long (device_transient)"), seen.constData());
        p.terminate();
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains("nothing was written"));
        QCOMPARE(entries(tmp.path()), QStringList{"long.json"});
    }

    void validateCommand() {
        Result r = runCli({"validate", kHp});
        QCOMPARE(r.exitCode, 0);
        QTemporaryDir tmp;
        const QString file = tmp.filePath("p.json");
        writeFile(file, projectWith(R"({"id": "bad", "kind": "device_transient", "device": {"model": "linear_ion_drift", "params": {"Roff": 50}}})"));
        r = runCli({"validate", file});
        QCOMPARE(r.exitCode, 2);
        // validate lists every problem, one per line.
        const QStringList lines = r.err.trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines[0], QString("memstudio-cli: experiments[1].device.params.Roff: must be greater than Ron (100 ohm)"));
        QVERIFY(lines[1].startsWith("memstudio-cli: experiments[1].drive: missing"));
    }

    void modelsJsonListsTheRegistry() {
        const Result r = runCli({"models", "--json"});
        QCOMPARE(r.exitCode, 0);
        QJsonParseError err;
        const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8(), &err).object();
        QCOMPARE(err.error, QJsonParseError::NoError);
        QStringList ids;
        for (const auto& m : root["models"].toArray()) {
            const QJsonObject o = m.toObject();
            ids << o["id"].toString();
            QVERIFY2(!o["params"].toArray().isEmpty(), qPrintable(o["id"].toString()));
            QVERIFY(o["presets"].isArray());
            for (const auto& p : o["params"].toArray()) {
                const QJsonObject s = p.toObject();
                QVERIFY(s.contains("unit") && s.contains("default") && s.contains("min") && s.contains("max"));
                QVERIFY(s["min"].toDouble() <= s["default"].toDouble() && s["default"].toDouble() <= s["max"].toDouble());
            }
        }
        QStringList want;
        for (const auto& id : ms::modelRegistry().ids()) want << QString::fromStdString(id);
        QCOMPARE(ids, want);
        QVERIFY(want.size() >= 7);
        QVERIFY(root["windows"].toArray().size() >= 5);
        QVERIFY(root["drives"].toArray().size() >= 5);
        // Every registered experiment kind is listed, each once.
        QStringList kinds;
        for (const auto& k : root["experimentKinds"].toArray()) kinds << k.toObject()["id"].toString();
        QStringList wantKinds;
        for (const auto& id : ms::experimentKindRegistry().ids()) wantKinds << QString::fromStdString(id);
        QCOMPARE(kinds, wantKinds);
        for (const char* k : {"device_transient", "circuit_transient", "crossbar_read", "ann_training", "snn_unsupervised_digits", "fit_iv"})
            QVERIFY2(kinds.contains(k), k);
        // The text listing and the Markdown tables name every model too.
        const Result text = runCli({"models"}), md = runCli({"models", "--markdown"});
        QCOMPARE(text.exitCode, 0);
        QCOMPARE(md.exitCode, 0);
        for (const auto& id : want) {
            QVERIFY(text.out.contains("\n" + id + "  "));
            QVERIFY(md.out.contains("`" + id + "`"));
        }
    }

    // Pulse synapses with every preset, cells with the review's Table 2 areas,
    // neurons and plasticity rules: in JSON, text and Markdown alike.
    void modelsListsSynapsesCellsNeurons() {
        const Result r = runCli({"models", "--json"}), text = runCli({"models"}), md = runCli({"models", "--markdown"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(text.exitCode, 0);
        QCOMPARE(md.exitCode, 0);
        const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const auto listed = [&](const char* key) {
            QMap<QString, QJsonObject> byId;
            for (const auto& v : root[key].toArray()) byId[v.toObject()["id"].toString()] = v.toObject();
            return byId;
        };
        const auto inTextAndMd = [&](const QString& id) {
            QVERIFY2(text.out.contains("\n" + id + "  "), qPrintable(id));
            QVERIFY2(md.out.contains("`" + id + "`"), qPrintable(id));
        };

        const auto synapses = listed("synapses");
        QCOMPARE(synapses.size(), int(ms::synapseRegistry().all().size()));
        int presets = 0;
        for (const auto& m : ms::synapseRegistry().all()) {
            const QString id = QString::fromStdString(m.id);
            QVERIFY2(synapses.contains(id), qPrintable(id));
            QCOMPARE(synapses[id]["params"].toArray().size(), int(m.params.size()));
            QStringList got;
            for (const auto& p : synapses[id]["presets"].toArray()) got << p.toObject()["id"].toString();
            QStringList want;
            for (const auto& p : m.presets) want << QString::fromStdString(p.id);
            QCOMPARE(got, want);
            presets += int(want.size());
            inTextAndMd(id);
            for (const auto& p : want) {
                QVERIFY2(text.out.contains("\n    " + p + "  "), qPrintable(p));
                QVERIFY2(md.out.contains("| `" + p + "` |"), qPrintable(p));
            }
        }
        QVERIFY(synapses.contains("neurosim_nl"));
        QVERIFY(presets >= 3);
        // A preset's values are listed: ag_asi's 97 potentiation levels (NeuroSim's Ag:a-Si).
        bool agAsi = false;
        for (const auto& p : synapses["neurosim_nl"]["presets"].toArray())
            if (p.toObject()["id"].toString() == "ag_asi") agAsi = p.toObject()["values"].toObject().contains("levelsLTP");
        QVERIFY(agAsi);

        // Cells: the review's Table 2 areas (F^2) and weight expressions.
        const auto cells = listed("cells");
        QCOMPARE(cells.size(), int(ms::circuit::cellRegistry().all().size()));
        const std::map<std::string, double> table2 = {{"1m", 4}, {"2m", 8}, {"1m1t", 24}, {"4m", 16}};
        for (const auto& c : ms::circuit::cellRegistry().all()) {
            const QString id = QString::fromStdString(c.id);
            QVERIFY2(cells.contains(id), qPrintable(id));
            QCOMPARE(cells[id]["areaF2"].toDouble(), table2.at(c.id));
            QCOMPARE(cells[id]["weightExpression"].toString(), QString::fromStdString(c.weightExpression));
            inTextAndMd(id);
            QVERIFY2(md.out.contains("| `" + id + "` | " + QString::fromStdString(c.name) + " | " +
                                     QString::number(table2.at(c.id)) + " |"),
                     qPrintable(id));
        }

        const auto neurons = listed("neurons");
        QCOMPARE(neurons.size(), int(ms::snn::neuronRegistry().all().size()));
        for (const auto& n : ms::snn::neuronRegistry().all()) {
            const QString id = QString::fromStdString(n.id);
            QVERIFY2(neurons.contains(id), qPrintable(id));
            QCOMPARE(neurons[id]["params"].toArray().size(), int(n.params.size()));
            QCOMPARE(neurons[id]["presets"].toArray().size(), int(n.presets.size()));
            inTextAndMd(id);
        }
        const auto rules = listed("plasticityRules");
        QCOMPARE(rules.size(), int(ms::snn::plasticityRegistry().all().size()));
        for (const auto& p : ms::snn::plasticityRegistry().all()) inTextAndMd(QString::fromStdString(p.id));

        // The review's Table 1 beside the registry's classes, with the reason where they differ.
        const auto models = listed("models");
        QCOMPARE(models["linear_ion_drift"]["reviewTable1"].toObject()["differs"].toString(), QString());
        QVERIFY(!models["simmons_tunnel"]["reviewTable1"].toObject()["differs"].toString().isEmpty());
        QVERIFY(models["vteam"]["reviewTable1"].isNull());
        QVERIFY(text.out.contains("review Table 1: current-controlled, threshold practically exists, highest accuracy; differs: "));
    }

    // An unknown synapse preset: exit 2, the JSON path, and every valid preset.
    void unknownSynapsePresetListsThePresets() {
        QTemporaryDir tmp;
        const QString file = tmp.filePath("p.json");
        writeFile(file, projectWith(R"({"id": "bad", "kind": "ann_training", "data": {"set": "digits"},
            "network": {"layers": [64, 8, 10]}, "mode": "in_situ", "epochs": 1,
            "synapse": {"model": "neurosim_nl", "preset": "ag_asj"}})"));
        QStringList known;
        for (const auto& p : ms::synapseRegistry().find("neurosim_nl")->presets) known << QString::fromStdString(p.id);
        QVERIFY(known.contains("ag_asi"));
        const QString want = "memstudio-cli: experiments[1].synapse.preset: model 'neurosim_nl' has no preset 'ag_asj' (known: " +
                             known.join(", ") + ")";
        for (const char* cmd : {"run", "validate"}) {
            const Result r = cmd == std::string("run") ? runCli({cmd, file, "--out", tmp.filePath("out")}) : runCli({cmd, file});
            QCOMPARE(r.exitCode, 2);
            QCOMPARE(r.err.trimmed(), want);
        }
        QVERIFY(!QDir(tmp.filePath("out")).exists());
    }

    // summary.json names the synapse cell an experiment's circuit is, with its area.
    void summaryCarriesTheCellArea() {
        QTemporaryDir tmp;
        const Result r = runCli({"run", MS_SOURCE_DIR "/projects/2m-differential-synapse.json", "--out", tmp.filePath("o"),
                                 "--experiment", "transfer"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile f(tmp.filePath("o/summary.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject e = QJsonDocument::fromJson(f.readAll()).object()["experiments"].toArray()[0].toObject();
        const QJsonObject cell = e["cell"].toObject();
        QCOMPARE(cell["id"].toString(), QString("2m"));
        QCOMPARE(cell["area"].toObject()["value"].toDouble(), 8.0);
        QCOMPARE(cell["area"].toObject()["unit"].toString(), QString("F^2"));
        QCOMPARE(cell["weightExpression"].toString(), QString::fromStdString(ms::circuit::cellRegistry().find("2m")->weightExpression));
    }
    // docs/project-format.md's registry reference is the listing itself: from its
    // marker line on, it must equal `memstudio-cli models --markdown` (regenerate it with
    // scripts/regenerate-docs.sh after adding a model, preset, setting or kind).
    void docsRegistryTablesMatchTheListing() {
        QFile f(QStringLiteral(MS_SOURCE_DIR "/docs/project-format.md"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString docs = QString::fromUtf8(f.readAll());
        // The listing opens with this marker line itself.
        const qsizetype at = docs.indexOf(QStringLiteral("<!-- Generated by `memstudio-cli models --markdown`"));
        QVERIFY2(at >= 0, "the generated-tables marker is missing from docs/project-format.md");
        const Result r = runCli({"models", "--markdown"});
        QCOMPARE(r.exitCode, 0);
        const QStringList want = r.out.split(QLatin1Char('\n'));
        const QStringList have = docs.mid(at).split(QLatin1Char('\n'));
        for (qsizetype k = 0; k < std::min(want.size(), have.size()); ++k)
            QVERIFY2(want[k] == have[k], qPrintable(QStringLiteral("docs/project-format.md drifted from `memstudio-cli models "
                                                                  "--markdown` at generated line %1:\n  docs:    %2\n  listing: %3\n"
                                                                  "run scripts/regenerate-docs.sh")
                                                       .arg(k + 1).arg(have[k], want[k])));
        QCOMPARE(have.size(), want.size());
    }

};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
