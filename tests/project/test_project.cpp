// Project files: what a user saves comes back equal, every shipped example is
// valid, and each kind of bad input is reported at its exact JSON path with
// a message saying why. Runs through the project reproduce the HP closed form.
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <map>
#include <numbers>

#include <nlohmann/json.hpp>

#include "core/common/Errors.h"
#include "core/project/ExperimentKind.h"
#include "core/project/Project.h"

using nlohmann::json;

namespace {

// Collects what an experiment streams.
struct RecordingSink final : ms::CheckedSink {
    std::map<std::string, std::vector<ms::Column>> columns;
    std::map<std::string, std::vector<double>> data;
    std::map<std::string, std::pair<double, std::string>> scalars;
    void onBeginSeries(const std::string& id, const std::vector<ms::Column>& c) override { columns[id] = c; }
    void onRows(const std::string& id, const double* d, std::size_t rows) override {
        data[id].insert(data[id].end(), d, d + rows * columns[id].size());
    }
    void scalar(const std::string& k, double v, const std::string& u) override { scalars[k] = {v, u}; }
};

json hpProject() {
    return json::parse(R"({
      "format": "memristor-studio-project", "version": 1, "name": "t",
      "devices": [{"id": "hp", "model": "linear_ion_drift", "preset": "hp_tio2"}],
      "experiments": [
        {"id": "a", "kind": "device_transient", "device": "hp",
         "drive": {"kind": "sine", "params": {"amplitude": 1, "frequency": 1}}},
        {"id": "b", "kind": "device_transient",
         "device": {"model": "linear_ion_drift", "preset": "hp_tio2"},
         "drive": {"kind": "sine", "params": {"amplitude": 1, "frequency": 1}}}
      ]})");
}

// The first issue of a tree, as "path: message".
std::string firstIssue(const json& tree) {
    const auto issues = ms::Project(tree).validate();
    if (issues.empty()) return "(valid)";
    return issues.front().path + ": " + issues.front().message;
}

std::string parseError(const std::string& text, const std::string& origin = "bad.json") {
    try {
        ms::parseProject(text, origin);
    } catch (const ms::InputError& e) {
        return e.what();
    }
    return "(no error)";
}

std::vector<std::filesystem::path> exampleProjects() {
    std::vector<std::filesystem::path> out;
    for (const auto& e : std::filesystem::directory_iterator(MS_SOURCE_DIR "/projects"))
        if (e.path().extension() == ".json") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

// HP without window: R(t)^2 = R0^2 - 2 (Roff - Ron) k phi(t) (docs/device-models.md §1).
// For a sine V0 sin(2 pi f t), phi peaks at V0/(pi f) at half a period.
double hpClosedFormRmin(double v0, double f) {
    const double r0 = 11e3, ron = 100, roff = 16e3, k = 1e-14 * ron / (10e-9 * 10e-9);
    return std::sqrt(r0 * r0 - 2 * (roff - ron) * k * v0 / (std::numbers::pi * f));
}

}  // namespace

class TestProject : public QObject {
    Q_OBJECT
private slots:
    void emptyProjectIsValid() { QVERIFY(ms::Project().validate().empty()); }

    void examplesValidateAndRoundTrip() {
        const auto files = exampleProjects();
        QVERIFY2(files.size() >= 4, "projects/ should hold the four example projects");
        for (const auto& f : files) {
            const ms::Project p = ms::loadProjectFile(f.string());
            const auto issues = p.validate();
            QVERIFY2(issues.empty(), (f.string() + ": " + (issues.empty() ? "" : issues.front().path + ": " +
                                                                               issues.front().message)).c_str());
            QVERIFY(!p.experimentIds().empty());
            const std::string text = ms::serializeProject(p);
            const ms::Project again = ms::parseProject(text, f.string());
            QVERIFY2(again == p, f.string().c_str());
            // Saving is stable: a second save writes the same bytes.
            QCOMPARE(ms::serializeProject(again), text);
        }
    }

    void roundTripKeepsEveryFieldAndUnknownSections() {
        json tree = hpProject();
        tree["description"] = "all fields";
        tree["networks"] = json::array({json{{"id", "later"}, {"note", "a section a later version adds"}}});
        tree["devices"].push_back(json::parse(
            R"({"id": "w", "name": "windowed", "model": "linear_ion_drift", "params": {"Roff": 20000.5, "uv": 1.23456789012345e-14},
                "window": {"id": "joglekar", "params": {"p": 2}}})"));
        tree["experiments"].push_back(json::parse(
            R"({"id": "c", "kind": "device_transient", "name": "pwl, current, sweep", "device": "w", "mode": "current",
                "drive": {"kind": "pwl", "points": [[0, 0], [0.25, 1e-4], [0.75, -1e-4], [1, 0]]},
                "duration": 1, "tolerance": 1e-7, "absTolerance": 1e-10, "samples": 300, "readVoltage": 0.2,
                "sweep": {"parameter": "device.params.Roff", "values": [16000, 20000]}})"));
        tree["experiments"].push_back(json::parse(
            R"({"id": "d", "kind": "pulse_ltp_ltd", "device": {"model": "vteam", "preset": "analog_vteam"},
                "scheme": "incrementing_width", "potentiationPulses": 5, "depressionPulses": 5,
                "potentiationAmplitude": -1.6, "depressionAmplitude": 1.6, "width": 1e-6, "widthStep": 1e-7,
                "gap": 1e-6, "readVoltage": 0.1})"));
        const ms::Project p(tree);
        QCOMPARE(firstIssue(tree), std::string("(valid)"));
        const ms::Project again = ms::parseProject(ms::serializeProject(p));
        QVERIFY(again == p);
        QCOMPARE(again.tree()["devices"][1]["params"]["uv"].get<double>(), 1.23456789012345e-14);
        QCOMPARE(again.tree()["networks"][0]["note"].get<std::string>(), std::string("a section a later version adds"));
        QCOMPARE(again.experimentIds(), (std::vector<std::string>{"a", "b", "c", "d"}));
        QVERIFY(again.experiment("c") != nullptr);
        QVERIFY(again.experiment("zz") == nullptr);
    }

    void deviceReferenceAndInlineResolveAlike() {
        const ms::Project p(hpProject());
        std::vector<ms::ProjectIssue> issues;
        const ms::DeviceSpec byId = ms::parseDeviceSpec(json("hp"), p, "experiments[0].device", issues);
        const ms::DeviceSpec inl = ms::parseDeviceSpec((*p.experiment("b"))["device"], p, "experiments[1].device", issues);
        QVERIFY(issues.empty());
        QCOMPARE(byId.modelId, std::string("linear_ion_drift"));
        QCOMPARE(byId.presetId, inl.presetId);
        ms::parseDeviceSpec(json("nope"), p, "experiments[0].device", issues);
        QCOMPARE(issues.size(), std::size_t(1));
        QCOMPARE(issues[0].path + ": " + issues[0].message,
                 std::string("experiments[0].device: no device with id 'nope' in devices (known: hp)"));
    }

    void malformedJsonNamesLineAndColumn() {
        QCOMPARE(parseError("{\"format\": \"memristor-studio-project\",\n \"version\": 1,\n \"experiments\": [}\n"),
                 std::string("bad.json:3:18: syntax error while parsing value - unexpected '}'; expected '[', '{', or a literal"));
        QVERIFY(parseError("{\n  \"version\": 1,\n  \"name\": \"x\"\n", "p.json").rfind("p.json:4:1: ", 0) == 0);
        QCOMPARE(parseError("[1, 2]"), std::string("bad.json: a project file is a JSON object (got array)"));
    }

    void wrongFormatAndNewerVersion() {
        json t = hpProject();
        t["format"] = "something-else";
        QCOMPARE(firstIssue(t), std::string("format: not a Memristor Studio project (expected \"memristor-studio-project\", "
                                            "got \"something-else\")"));
        t.erase("format");
        QCOMPARE(firstIssue(t), std::string("format: missing; a Memristor Studio project starts with \"format\": "
                                            "\"memristor-studio-project\""));
        t = hpProject();
        t["version"] = 2;
        QCOMPARE(firstIssue(t), std::string("version: this project uses format version 2, newer than this build of "
                                            "Memristor Studio reads (1); open it with a newer Memristor Studio"));
        t["version"] = 1.5;
        QCOMPARE(firstIssue(t), std::string("version: must be a whole number of at least 1 (got 1.5)"));
    }

    void unknownModelAndMissingDevice() {
        json t = hpProject();
        t["experiments"][1]["device"]["model"] = "hp2000";
        const std::string msg = firstIssue(t);
        QVERIFY2(msg.rfind("experiments[1].device.model: unknown model 'hp2000' (known: linear_ion_drift", 0) == 0, msg.c_str());
        t = hpProject();
        t["experiments"][1].erase("device");
        QCOMPARE(firstIssue(t), std::string("experiments[1].device: missing (a device object {\"model\", ...} or the id of "
                                            "an entry in devices)"));
        t = hpProject();
        t["experiments"][1]["device"].erase("model");
        QVERIFY(firstIssue(t).rfind("experiments[1].device.model: missing (one of: linear_ion_drift", 0) == 0);
        t = hpProject();
        t["experiments"][0]["device"] = "hq";
        QCOMPARE(firstIssue(t), std::string("experiments[0].device: no device with id 'hq' in devices (known: hp)"));
        t = hpProject();
        t["experiments"][1]["device"]["preset"] = "hp_tio3";
        // The message lists the model's presets (the first is hp_tio2).
        QVERIFY2(firstIssue(t).rfind("experiments[1].device.preset: model 'linear_ion_drift' has no preset 'hp_tio3' (known: hp_tio2", 0) == 0,
                 firstIssue(t).c_str());
    }

    void parameterOutOfRangeNaNAndWrongType() {
        json t = hpProject();
        t["experiments"][1]["device"]["params"] = {{"Roff", 50}};
        QCOMPARE(firstIssue(t), std::string("experiments[1].device.params.Roff: must be greater than Ron (100 ohm)"));
        t["experiments"][1]["device"]["params"] = {{"D", 1.0}};
        QCOMPARE(firstIssue(t), std::string("experiments[1].device.params.D: must be between 1e-10 m and 1e-06 m (got 1 m)"));
        t["experiments"][1]["device"]["params"] = {{"D", std::nan("")}};
        QCOMPARE(firstIssue(t), std::string("experiments[1].device.params.D: must be a finite number"));
        t["experiments"][1]["device"]["params"] = {{"D", "10 nm"}};
        QCOMPARE(firstIssue(t), std::string("experiments[1].device.params.D: must be a number (got string)"));
        t["experiments"][1]["device"]["params"] = {{"Dee", 1e-8}};
        QVERIFY(firstIssue(t).rfind("experiments[1].device.params.Dee: unknown parameter", 0) == 0);
        // A faulty shared device is reported where it is defined.
        t = hpProject();
        t["devices"][0]["params"] = {{"Roff", 50}};
        QCOMPARE(firstIssue(t), std::string("devices[0].params.Roff: must be greater than Ron (100 ohm)"));
        // Experiment settings and drive parameters are checked against their specs too.
        t = hpProject();
        t["experiments"][0]["samples"] = 10.5;
        QCOMPARE(firstIssue(t), std::string("experiments[0].samples: must be a whole number (got 10.5)"));
        t = hpProject();
        t["experiments"][0]["drive"]["params"]["frequency"] = -1;
        QVERIFY(firstIssue(t).rfind("experiments[0].drive.params.frequency: must be between 1e-06 Hz and", 0) == 0);
        t = hpProject();
        t["experiments"][0]["sweep"] = {{"parameter", "drive.params.frequency"}, {"values", {1, -10}}};
        QVERIFY(firstIssue(t).rfind("experiments[0].sweep.values[1]: frequency: must be between", 0) == 0);
        t["experiments"][0]["sweep"] = {{"parameter", "drive.params.speed"}, {"values", {1}}};
        QVERIFY(firstIssue(t).rfind("experiments[0].sweep.parameter: drive 'sine' has no parameter 'speed'", 0) == 0);
    }

    void missingRequiredFields() {
        json t = hpProject();
        t["experiments"][0].erase("drive");
        QVERIFY(firstIssue(t).rfind("experiments[0].drive: missing (an object {\"kind\": one of sine", 0) == 0);
        t = hpProject();
        t["experiments"][0]["drive"] = {{"kind", "pwl"}};
        QCOMPARE(firstIssue(t), std::string("experiments[0].drive.points: missing (pwl needs [[t (s), value], ...] with at "
                                            "least two points)"));
        t["experiments"][0]["drive"]["points"] = {{0, 0}, {1, 1}, {0.5, 0}};
        QCOMPARE(firstIssue(t), std::string("experiments[0].drive.points[2]: t must increase strictly (got 0.5 s after 1 s)"));
        t = hpProject();
        t["experiments"][0].erase("id");
        QCOMPARE(firstIssue(t), std::string("experiments[0].id: missing: an experiment needs a non-empty string id"));
        t = hpProject();
        t["experiments"][1]["id"] = "a";
        QCOMPARE(firstIssue(t), std::string("experiments[1].id: duplicate id 'a'"));
        t = hpProject();
        t["experiments"][0]["durration"] = 1;
        QVERIFY(firstIssue(t).rfind("experiments[0].durration: unknown field", 0) == 0);
    }

    void unknownExperimentKind() {
        json t = hpProject();
        t["experiments"][1]["kind"] = "crossbar_dance";
        // The message names the kind and lists every registered one.
        const std::string issue = firstIssue(t);
        QVERIFY2(issue.rfind("experiments[1].kind: unknown experiment kind 'crossbar_dance' (known: ", 0) == 0, issue.c_str());
        for (const auto& id : ms::experimentKindRegistry().ids()) QVERIFY2(issue.find(id) != std::string::npos, id.c_str());
        // parseProject throws the first issue as an InputError with path and why apart.
        try {
            ms::parseProject(t.dump());
            QFAIL("expected InputError");
        } catch (const ms::InputError& e) {
            QCOMPARE(e.path(), std::string("experiments[1].kind"));
        }
        RecordingSink sink;
        ms::StopToken stop;
        QVERIFY_THROWS_EXCEPTION(ms::InputError, ms::runExperiment(ms::Project(t), "b", sink, stop));
        QVERIFY_THROWS_EXCEPTION(ms::InputError, ms::runExperiment(ms::Project(hpProject()), "zz", sink, stop));
    }

    void missingFile() {
        try {
            ms::loadProjectFile("/nonexistent/dir/p.json");
            QFAIL("expected InputError");
        } catch (const ms::InputError& e) {
            QCOMPARE(e.path(), std::string("/nonexistent/dir/p.json"));
            QVERIFY(e.why().find("cannot open") != std::string::npos);
        }
    }

    // Through the project, the HP run matches its closed form at every
    // frequency of a sweep, one series per frequency.
    void sweepRunMatchesClosedForm() {
        const ms::Project p = ms::loadProjectFile(MS_SOURCE_DIR "/projects/hysteresis-vs-frequency.json");
        RecordingSink sink;
        ms::StopToken stop;
        ms::runExperiment(p, "hp_frequency", sink, stop);
        QCOMPARE(sink.columns.size(), std::size_t(3));
        for (const auto& [f, label] : std::vector<std::pair<double, std::string>>{{1, "1Hz"}, {10, "10Hz"}, {100, "100Hz"}}) {
            const std::string key = "R_min@frequency=" + label;
            QVERIFY2(sink.scalars.count(key), key.c_str());
            const double rmin = sink.scalars[key].first, exact = hpClosedFormRmin(1.0, f);
            QVERIFY2(std::fabs(rmin - exact) / exact < 1e-4, (key + " = " + std::to_string(rmin) + " vs " +
                                                             std::to_string(exact)).c_str());
            QCOMPARE(sink.scalars[key].second, std::string("ohm"));
            QVERIFY(sink.columns.count("transient@frequency=" + label));
        }
        // Lobes shrink as frequency rises.
        QVERIFY(sink.scalars["loop_area@frequency=1Hz"].first > sink.scalars["loop_area@frequency=10Hz"].first);
        QVERIFY(sink.scalars["loop_area@frequency=10Hz"].first > sink.scalars["loop_area@frequency=100Hz"].first);
    }

    void memoryEstimateScalesWithSamples() {
        json t = hpProject();
        const auto* kind = ms::experimentKindRegistry().find("device_transient");
        QVERIFY(kind);
        t["experiments"][0]["samples"] = 1000;
        const double small = kind->memoryEstimate(t["experiments"][0], ms::Project(t));
        t["experiments"][0]["samples"] = 1000000;
        const double large = kind->memoryEstimate(t["experiments"][0], ms::Project(t));
        QVERIFY(large > 100 * (small - 1e6));
        QVERIFY(large >= 1e6 * 5 * 8);  // at least the rows themselves
    }
};

QTEST_GUILESS_MAIN(TestProject)
#include "test_project.moc"
