// Memory and work guards (issue 9): a run that the machine cannot hold, or
// that would run for days (a 1 Hz drive over 1e9 s), is refused before it
// starts with a message naming the field; memstudio-cli applies the same
// guard (checked here through the built binary) and so does the studio's
// ExperimentRunner (tests/robustness/test_runner_limits.cpp). Every example
// project stays inside the limits.
#include <QtTest>

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/common/Errors.h"
#include "core/project/ExperimentKind.h"
#include "core/project/Project.h"

namespace {

using json = nlohmann::json;
const std::string kProjects = std::string(MS_SOURCE_DIR) + "/projects/";

json readJson(const std::string& file) {
    std::ifstream in(kProjects + file);
    return json::parse(in);
}

// A project of one experiment (and the devices/circuits of `base`).
ms::Project withExperiment(json base, const json& experiment) {
    base["experiments"] = json::array({experiment});
    ms::Project p(base);
    const auto issues = p.validate();
    if (!issues.empty()) throw std::runtime_error("test project invalid: " + issues.front().path + ": " + issues.front().message);
    return p;
}

std::pair<std::string, std::string> refusal(const ms::Project& p, double memoryLimit = 0.0) {
    try {
        ms::checkRunLimits(p, p.experimentIds().front(), memoryLimit);
    } catch (const ms::InputError& e) {
        return {e.path(), e.why()};
    }
    return {"(accepted)", ""};
}

json sineTransient(double frequency, double duration) {
    return {{"id", "long"},
            {"kind", "device_transient"},
            {"device", {{"model", "linear_ion_drift"}}},
            {"drive", {{"kind", "sine"}, {"params", {{"amplitude", 1.0}, {"frequency", frequency}}}}},
            {"duration", duration},
            {"samples", 100}};
}

json baseProject() { return json{{"format", "memristor-studio-project"}, {"version", 1}, {"name", "limits"}}; }

}  // namespace

class TestRunLimits : public QObject {
    Q_OBJECT
private slots:
    void absurdDurationIsRefusedAtTheField() {
        const auto [path, why] = refusal(withExperiment(baseProject(), sineTransient(1.0, 1e9)));
        QCOMPARE(path, std::string("experiments[0].duration"));
        QVERIFY2(why.find("1e+09 s of a sine drive with 1 s features") != std::string::npos, why.c_str());
        QVERIFY2(why.find("1e+09 cycles, more than the 1e+07 a run may take") != std::string::npos, why.c_str());
    }

    void longButSensibleDurationIsAccepted() {
        // 1e6 cycles of a 1 Hz sine: long, but a user may mean it (and may cancel).
        QCOMPARE(refusal(withExperiment(baseProject(), sineTransient(1.0, 1e6))).first, std::string("(accepted)"));
        // A 1 MHz drive for 1 s is 1e6 cycles too.
        QCOMPARE(refusal(withExperiment(baseProject(), sineTransient(1e6, 1.0))).first, std::string("(accepted)"));
    }

    void sweepRunsAddUp() {
        json e = sineTransient(1.0, 100.0);
        e["sweep"] = {{"parameter", "drive.params.frequency"}, {"values", {1.0, 10.0, 1e6}}};
        // 100 s at 1 MHz alone is 1e8 cycles.
        const auto [path, why] = refusal(withExperiment(baseProject(), e));
        QCOMPARE(path, std::string("experiments[0].duration"));
        QVERIFY2(why.find("3 sweep runs of up to 100 s of a sine drive with 1e-06 s features") != std::string::npos, why.c_str());
        e["sweep"]["values"] = {1.0, 10.0, 1e3};
        QCOMPARE(refusal(withExperiment(baseProject(), e)).first, std::string("(accepted)"));
    }

    void pulseTrainsWithUnlikeWidthAndGapAreRefused() {
        json base = readJson("ltp-ltd-pulses.json");
        json e = base["experiments"][0];
        QCOMPARE(refusal(withExperiment(base, e)).first, std::string("(accepted)"));
        e["width"] = 1e-12;  // a 1 ps pulse ...
        e["gap"] = 1e3;      // ... then 1000 s of reading: 5e16 steps per pulse
        auto [path, why] = refusal(withExperiment(base, e));
        QCOMPARE(path, std::string("experiments[0].gap"));
        QVERIFY2(why.find("integration steps, more than the 5e+08 a run may take") != std::string::npos, why.c_str());
        // Incrementing width: the last pulses are 1e5 times the gap.
        e["width"] = 1e-3;
        e["gap"] = 1e-3;
        e["scheme"] = "incrementing_width";
        e["widthStep"] = 10.0;
        e["potentiationPulses"] = 10000;
        std::tie(path, why) = refusal(withExperiment(base, e));
        QCOMPARE(path, std::string("experiments[0].widthStep"));
        QVERIFY2(why.find(" to 99990 s with 0.001 s gaps") != std::string::npos, why.c_str());
    }

    void circuitTransientStepsAreBounded() {
        json base = readJson("circuit-rc-demo.json");
        json e = base["experiments"][0];
        QCOMPARE(refusal(withExperiment(base, e)).first, std::string("(accepted)"));
        // A 1 kHz sine source for 1e6 s: steps of 20 us over 1e6 s.
        base["circuits"][0]["netlist"]["elements"][0]["stimulus"] = {{"id", "sine"},
                                                                     {"params", {{"amplitude", 1.0}, {"frequency", 1e3}}}};
        e["duration"] = 1e6;
        auto [path, why] = refusal(withExperiment(base, e));
        QCOMPARE(path, std::string("experiments[0].duration"));
        QVERIFY2(why.find("5e+10 integration steps") != std::string::npos, why.c_str());
        // A tiny maxStep is named when it is what limits the step.
        e["duration"] = 10.0;
        e["maxStep"] = 1e-9;
        std::tie(path, why) = refusal(withExperiment(base, e));
        QCOMPARE(path, std::string("experiments[0].maxStep"));
        QVERIFY2(why.find("in steps of at most 1e-09 s") != std::string::npos, why.c_str());
    }

    void memoryBeyondTheLimitIsRefused() {
        json e = sineTransient(1.0, 1.0);
        e["samples"] = 1e7;  // 1e7 rows x 7 columns (t, v, i, x, R, phi, q), held about four times: ~2.2 GB
        const ms::Project p = withExperiment(baseProject(), e);
        QCOMPARE(refusal(p, 1e12).first, std::string("(accepted)"));
        const auto [path, why] = refusal(p, 1e9);
        QCOMPARE(path, std::string("experiments[0]"));
        QVERIFY2(why.find("needs about 2241 MB, more than 1000 MB") != std::string::npos, why.c_str());
    }

    void invalidExperimentIsRefusedAsTheRunWould() {
        json e = sineTransient(1.0, 1.0);
        ms::Project p(json{{"format", "memristor-studio-project"}, {"version", 1}, {"experiments", {e}}});
        p.tree()["experiments"][0]["samples"] = -5;
        QCOMPARE(refusal(p).first, std::string("experiments[0].samples"));
        QVERIFY_THROWS_EXCEPTION(ms::InputError, ms::checkRunLimits(p, "nope"));
    }

    void everyExampleIsInsideTheLimits() {
        int checked = 0;
        for (const auto& file : QDir(QString::fromStdString(kProjects)).entryList({"*.json"}, QDir::Files)) {
            const ms::Project p = ms::loadProjectFile(kProjects + file.toStdString());
            for (const auto& id : p.experimentIds()) {
                try {
                    ms::checkRunLimits(p, id);
                } catch (const ms::InputError& err) {
                    QFAIL(qPrintable(file + " " + QString::fromStdString(id) + ": " + QString::fromStdString(err.what())));
                }
                ++checked;
            }
        }
        QVERIFY(checked >= 25);
    }

    void cliRefusesBeforeWritingAnything() {
        QTemporaryDir dir;
        const QString file = dir.filePath("long.json"), out = dir.filePath("results");
        json doc = baseProject();
        doc["experiments"] = json::array({sineTransient(1.0, 1e9)});
        std::ofstream(file.toStdString()) << doc.dump(2);
        QProcess cli;
        cli.start(QStringLiteral(MS_CLI_PATH), {"run", file, "-o", out});
        QVERIFY(cli.waitForFinished(60000));
        const QString err = QString::fromUtf8(cli.readAllStandardError());
        QCOMPARE(cli.exitCode(), 2);
        QVERIFY2(err.startsWith("memstudio-cli: experiments[0].duration: 1e+09 s of a sine drive"), qPrintable(err));
        QVERIFY(!QFileInfo::exists(out));
    }
};

QTEST_GUILESS_MAIN(TestRunLimits)
#include "test_run_limits.moc"
