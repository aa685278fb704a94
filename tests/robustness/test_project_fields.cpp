// Every numeric field of a project is validated at load (issue 9). The shipped
// examples are first "materialised": every parameter their models, drives and
// experiment kinds define is written out explicitly (so Ron, Roff, D, uv, the
// window's p, tolerances and sizes are all present as fields). Then the test
// walks the JSON tree and, for each numeric field it finds, injects each bad
// value of a table (NaN, +-Inf, 1e300, absurd sizes, negative resistances,
// wrong types, empty containers) and asserts that loading refuses it with an
// ms::InputError naming that field's path -- never a crash, never a silent
// acceptance.
#include <QtTest>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <limits>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/common/Errors.h"
#include "core/devices/ModelRegistry.h"
#include "core/project/ExperimentKind.h"
#include "core/project/JsonFields.h"
#include "core/project/Project.h"
#include "core/sim/Stimulus.h"

using nlohmann::json;

namespace {

const std::string kProjects = std::string(MS_SOURCE_DIR) + "/projects/";
// The examples walked: the issue names the first; the others add a sweep and
// the pulse kind. Add an example here when its kind's validator is checked.
const std::vector<std::string> kExamples = {"hp-pinched-hysteresis.json", "hysteresis-vs-frequency.json",
                                            "ltp-ltd-pulses.json"};

json readJson(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return json::parse(s.str());
}

// Writes every spec'd parameter explicitly, at its resolved value.
void materialiseDevice(json& device) {
    if (!device.is_object() || !device.contains("model")) return;
    ms::DeviceSpec spec;
    spec.modelId = device["model"].get<std::string>();
    if (device.contains("preset")) spec.presetId = device["preset"].get<std::string>();
    ms::ResolvedDevice resolved;
    if (!ms::resolveDevice(spec, resolved).empty()) return;
    for (const auto& [key, value] : resolved.params) device["params"][key] = value;
    if (resolved.model->acceptsWindow && resolved.window.id != "none") {
        device["window"]["id"] = resolved.window.id;
        const auto* window = ms::windowRegistry().find(resolved.window.id);
        if (window)
            for (const auto& p : window->params)
                device["window"]["params"][p.key] =
                    resolved.window.params.count(p.key) ? resolved.window.params.at(p.key) : p.defaultValue;
    }
}

json materialise(json tree) {
    if (tree.contains("devices"))
        for (auto& d : tree["devices"]) materialiseDevice(d);
    if (!tree.contains("experiments")) return tree;
    for (auto& e : tree["experiments"]) {
        const auto* kind = ms::experimentKindRegistry().find(e.value("kind", ""));
        if (kind)
            for (const auto& s : kind->settings)
                if (!e.contains(s.key)) e[s.key] = s.defaultValue;
        if (e.contains("device") && e["device"].is_object()) materialiseDevice(e["device"]);
        if (e.contains("drive") && e["drive"].is_object() && e["drive"].contains("kind")) {
            const auto* drive = ms::stimulusRegistry().find(e["drive"].value("kind", ""));
            if (drive)
                for (const auto& p : drive->params)
                    if (!e["drive"]["params"].contains(p.key)) e["drive"]["params"][p.key] = p.defaultValue;
        }
    }
    return tree;
}

// Every numeric field: (JSON pointer, dotted path as messages write it).
struct Field {
    json::json_pointer pointer;
    std::string path;
    std::string key;  // last component
};

void collect(const json& v, const json::json_pointer& ptr, const std::string& path, std::vector<Field>& out,
             std::vector<Field>& arrays) {
    if (v.is_number()) {
        out.push_back({ptr, path, ptr.empty() ? "" : ptr.back()});
    } else if (v.is_object()) {
        for (const auto& [k, child] : v.items()) collect(child, ptr / k, ms::json_fields::join(path, k), out, arrays);
    } else if (v.is_array()) {
        arrays.push_back({ptr, path, ptr.empty() ? "" : ptr.back()});
        for (std::size_t i = 0; i < v.size(); ++i)
            collect(v[i], ptr / i, ms::json_fields::index(path, i), out, arrays);
    }
}

// The unit a field carries, from the registries (empty when unknown).
std::string unitOf(const json& tree, const Field& f) {
    const std::string p = f.pointer.to_string();
    const bool deviceParam = p.find("/params/") != std::string::npos && p.find("/drive/") == std::string::npos &&
                             p.find("/window/") == std::string::npos;
    if (!deviceParam) return {};
    const json& device = tree.at(f.pointer.parent_pointer().parent_pointer());
    const auto* model = ms::modelRegistry().find(device.value("model", ""));
    const auto* spec = model ? ms::findSpec(model->params, f.key) : nullptr;
    return spec ? spec->unit : "";
}

struct Injection {
    const char* label;
    std::string text;               // as written in the file
    std::function<json()> inTree;   // as a GUI edit would set it (NaN cannot be written in JSON)
    enum { Always, IfNonNegative, IfResistance } refused;
};

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

const std::vector<Injection>& injections() {
    static const std::vector<Injection> table = {
        {"NaN (edit)", "", [] { return json(kNaN); }, Injection::Always},
        {"+Inf (edit)", "", [] { return json(kInf); }, Injection::Always},
        {"-Inf (edit)", "", [] { return json(-kInf); }, Injection::Always},
        {"1e999 (text, beyond double)", "1e999", nullptr, Injection::Always},
        {"-1e999 (text)", "-1e999", nullptr, Injection::Always},
        {"1e300", "1e300", [] { return json(1e300); }, Injection::Always},
        {"-1e300", "-1e300", [] { return json(-1e300); }, Injection::Always},
        {"1e9 (absurd size)", "1e9", [] { return json(1e9); }, Injection::IfNonNegative},
        {"-1", "-1", [] { return json(-1); }, Injection::IfResistance},
        {"string \"1\"", "\"1\"", nullptr, Injection::Always},
        {"true", "true", nullptr, Injection::Always},
        {"null", "null", nullptr, Injection::Always},
        {"empty array", "[]", nullptr, Injection::Always},
        {"array [1]", "[1]", nullptr, Injection::Always},
        {"empty object", "{}", nullptr, Injection::Always},
    };
    return table;
}

// "L:C" of byte `at` (1-based).
std::string lineColumn(const std::string& text, std::size_t at) {
    std::size_t line = 1, column = 1;
    for (std::size_t k = 0; k < at; ++k) {
        if (text[k] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return std::to_string(line) + ":" + std::to_string(column);
}

struct Outcome {
    bool refused = false;
    std::string path, message;
};

Outcome loadText(const std::string& text) {
    try {
        ms::parseProject(text, "injected.json");
        return {};
    } catch (const ms::InputError& e) {
        return {true, e.path(), e.why()};
    }
}

Outcome validateTree(const json& tree) {
    const auto issues = ms::Project(tree).validate();
    if (issues.empty()) return {};
    return {true, issues.front().path, issues.front().message};
}

// A cross-field rule may be reported at the sibling it constrains, as long
// as the message names the field ("devices[0].params.Roff: must be greater
// than Ron (1e+09 ohm)" for Ron = 1e9).
bool namesField(const std::string& reported, const std::string& message, const std::string& field) {
    if (reported == field) return true;
    const auto dot = field.rfind('.');
    if (dot == std::string::npos) return false;
    const std::string parent = field.substr(0, dot), key = field.substr(dot + 1);
    // ... or at the object holding it ("free.Roff: min must be below max").
    return (reported == parent || reported.rfind(parent + ".", 0) == 0) && message.find(key) != std::string::npos;
}

}  // namespace

class TestProjectFields : public QObject {
    Q_OBJECT

private slots:
    void materialisedExamplesAreValid() {
        for (const auto& name : kExamples) {
            const json tree = materialise(readJson(kProjects + name));
            const auto issues = ms::Project(tree).validate();
            QVERIFY2(issues.empty(), (name + ": " +
                                      (issues.empty() ? "" : issues.front().path + ": " + issues.front().message))
                                         .c_str());
        }
    }

    // The table-driven walk over every numeric field of every example project.
    void everyNumericFieldRefusesBadValues() {
        int tried = 0, fields = 0;
        std::vector<std::string> failures;
        for (const auto& file : kExamples) {
            const json base = materialise(readJson(kProjects + file));
            std::vector<Field> numbers, arrays;
            collect(base, json::json_pointer(), "", numbers, arrays);
            fields += static_cast<int>(numbers.size());
            for (const Field& f : numbers) {
                const std::string unit = unitOf(base, f);
                const double original = base.at(f.pointer).get<double>();
                for (const Injection& inj : injections()) {
                    bool mustRefuse = inj.refused == Injection::Always ||
                                      (inj.refused == Injection::IfResistance && unit == "ohm");
                    // 1e9 is absurd for a size, a count or a duration but may be
                    // legitimate elsewhere (a 1 GHz drive, a 1 Gohm R_off).
                    if (inj.refused == Injection::IfNonNegative)
                        mustRefuse = f.key == "samples" || f.key.find("Pulses") != std::string::npos ||
                                     f.key == "version";
                    // A sweep list holds the values themselves; -1 Hz is refused by the drive.
                    auto check = [&](const Outcome& o, const std::string& how) {
                        ++tried;
                        const std::string what = file + " " + f.path + " = " + inj.label + " (" + how + ")";
                        if (mustRefuse && !o.refused) failures.push_back(what + ": accepted");
                        else if (o.refused && !namesField(o.path, o.message, f.path))
                            failures.push_back(what + ": refused at '" + o.path + "' (" + o.message + ")");
                        else if (o.refused && o.message.empty())
                            failures.push_back(what + ": refused without a message");
                    };
                    if (!inj.text.empty()) {
                        json marked = base;
                        marked.at(f.pointer) = "@@INJECT@@";
                        std::string text = marked.dump(2);
                        const std::size_t at = text.find("\"@@INJECT@@\"");
                        text.replace(at, 12, inj.text);
                        Outcome o = loadText(text);
                        // A number beyond double's range cannot become a value
                        // at all: it is refused while parsing, at its line and column.
                        if (inj.text.find("e999") != std::string::npos) {
                            const std::string expected = "injected.json:" + lineColumn(text, at);
                            ++tried;
                            if (!o.refused || o.path != expected)
                                failures.push_back(file + " " + f.path + " = " + inj.label + ": " +
                                                   (o.refused ? "refused at '" + o.path + "', expected '" + expected + "'"
                                                              : std::string("accepted")));
                            continue;
                        }
                        check(o, "in the file");
                    }
                    if (inj.inTree) {
                        json edited = base;
                        edited.at(f.pointer) = inj.inTree();
                        check(validateTree(edited), "as an edit");
                    }
                }
                (void)original;
            }
            // Empty arrays where a list must hold something.
            for (const Field& a : arrays) {
                if (a.key == "devices" || a.key == "experiments") continue;  // an empty project is valid
                json edited = base;
                edited.at(a.pointer) = json::array();
                ++tried;
                const Outcome o = validateTree(edited);
                if (!o.refused) failures.push_back(file + " " + a.path + " = []: accepted");
                else if (!namesField(o.path, o.message, a.path))
                    failures.push_back(file + " " + a.path + " = []: refused at '" + o.path + "' (" + o.message + ")");
            }
        }
        qInfo("%d numeric fields, %d injections tried, %zu failures", fields, tried, failures.size());
        std::string all;
        for (const auto& f : failures) all += "\n  " + f;
        QVERIFY2(failures.empty(), all.c_str());
        QVERIFY(fields > 40);  // the materialised examples expose the device parameters
    }

    // Every registered experiment kind, through an example project that uses
    // it: each of the kind's spec'd settings gets the bad values of the table
    // plus values just outside its range and a fraction for whole-number
    // settings; every other number inside the experiment (drive, device,
    // sweep, network, circuit references...) gets the always-refused ones.
    // Each must be refused at its own path (or, for a cross-field rule, at a
    // sibling whose message names it).
    void everyKindsSettingsRefuseBadValues() {
        std::map<std::string, std::pair<std::string, std::size_t>> example;  // kind -> (file, experiment index)
        for (const auto& entry : std::filesystem::directory_iterator(kProjects)) {
            if (entry.path().extension() != ".json") continue;
            const json tree = readJson(entry.path().string());
            if (!tree.contains("experiments")) continue;
            for (std::size_t k = 0; k < tree["experiments"].size(); ++k) {
                const std::string kind = tree["experiments"][k].value("kind", "");
                const auto file = entry.path().filename().string();
                if (!example.count(kind) || file < example[kind].first) example[kind] = {file, k};
            }
        }
        std::vector<std::string> failures;
        int tried = 0, settings = 0, nested = 0;
        for (const auto& kindId : ms::experimentKindRegistry().ids()) {
            const ms::ExperimentKindInfo* kind = ms::experimentKindRegistry().find(kindId);
            if (!example.count(kindId)) {
                failures.push_back(kindId + ": no example project uses this kind, so its validator is not walked");
                continue;
            }
            const auto& [file, index] = example[kindId];
            json base = readJson(kProjects + file);
            base["experiments"] = json::array({base["experiments"][index]});
            base.erase("studies");  // they may vary the experiments just dropped
            // Materialised when that keeps it valid (a fit's free-parameter
            // bounds are relative to the device it starts from, so writing
            // the preset's values out can move a start outside them).
            if (const json full = materialise(base); !validateTree(full).refused) base = full;
            for (const auto& spec : kind->settings)
                if (!base["experiments"][0].contains(spec.key)) base["experiments"][0][spec.key] = spec.defaultValue;
            const std::string where = file + " (" + kindId + ")";
            if (const Outcome o = validateTree(base); o.refused) {
                failures.push_back(where + ": the materialised example is refused: " + o.path + ": " + o.message);
                continue;
            }
            auto expectRefusal = [&](const json::json_pointer& ptr, const std::string& path, const json& value,
                                     const std::string& label, bool mustRefuse) {
                json edited = base;
                edited.at(ptr) = value;
                const Outcome o = validateTree(edited);
                ++tried;
                const std::string what = where + " " + path + " = " + label;
                if (mustRefuse && !o.refused) failures.push_back(what + ": accepted");
                else if (o.refused && !namesField(o.path, o.message, path))
                    failures.push_back(what + ": refused at '" + o.path + "' (" + o.message + ")");
                else if (o.refused && o.message.empty()) failures.push_back(what + ": refused without a message");
            };
            // The kind's own settings, against their specs.
            for (const ms::ParamSpec& spec : kind->settings) {
                const auto ptr = json::json_pointer("/experiments/0/" + spec.key);
                const std::string path = "experiments[0]." + spec.key;
                ++settings;
                for (const Injection& inj : injections()) {
                    bool mustRefuse = inj.refused == Injection::Always;
                    if (inj.refused == Injection::IfNonNegative) mustRefuse = 1e9 > spec.max;
                    if (inj.refused == Injection::IfResistance) mustRefuse = -1.0 < spec.min;
                    if (inj.inTree) expectRefusal(ptr, path, inj.inTree(), inj.label, mustRefuse);
                    else if (inj.text.find("e999") == std::string::npos)
                        expectRefusal(ptr, path, json::parse(inj.text), inj.label, true);
                }
                const double span = std::max(1.0, std::fabs(spec.max - spec.min));
                if (std::isfinite(spec.max)) expectRefusal(ptr, path, spec.max + span, "above its maximum", true);
                if (std::isfinite(spec.min)) expectRefusal(ptr, path, spec.min - span, "below its minimum", true);
                if (spec.integer) expectRefusal(ptr, path, spec.defaultValue + 0.5, "a fraction", true);
            }
            // Every other number inside the experiment (the first two entries of long arrays).
            std::vector<Field> numbers, arrays;
            collect(base["experiments"][0], json::json_pointer("/experiments/0"), "experiments[0]", numbers, arrays);
            for (const Field& f : numbers) {
                if (ms::findSpec(kind->settings, f.key) && f.pointer.parent_pointer() == json::json_pointer("/experiments/0"))
                    continue;  // walked above
                bool deep = false;
                for (json::json_pointer p = f.pointer; !p.empty(); p = p.parent_pointer()) {
                    const std::string& token = p.back();
                    if (!token.empty() && std::all_of(token.begin(), token.end(), ::isdigit) && std::stoul(token) >= 2) deep = true;
                }
                if (deep) continue;
                // ann_sweep overwrites the swept settings of its base with each
                // value of the sweep: what the file holds there is never used.
                const json& e0 = base["experiments"][0];
                bool swept = false;
                if (e0.contains("base") && e0.contains("parameter"))
                    for (const json& q : e0["parameter"].is_array() ? e0["parameter"] : json::array({e0["parameter"]}))
                        if (q.is_string() && f.pointer.to_string() == "/experiments/0/base" + q.get<std::string>()) swept = true;
                if (swept) continue;
                ++nested;
                for (const Injection& inj : injections())
                    if (inj.refused == Injection::Always && inj.inTree) expectRefusal(f.pointer, f.path, inj.inTree(), inj.label, true);
                expectRefusal(f.pointer, f.path, "1", "string \"1\"", true);
                expectRefusal(f.pointer, f.path, nullptr, "null", true);
            }
        }
        qInfo("%zu kinds: %d settings, %d other numeric fields, %d injections tried, %zu failures",
              ms::experimentKindRegistry().ids().size(), settings, nested, tried, failures.size());
        for (const auto& f : failures) qWarning("%s", f.c_str());  // all of them (a failure message is cut)
        QVERIFY2(failures.empty(), (std::to_string(failures.size()) + " injections not refused at their field").c_str());
        QVERIFY(settings > 60);
    }

    // Found by the walk above: a refused count was still used by the kind's
    // reader, so points = 1e9 built a billion currents (the validator hung;
    // a GUI edit froze the studio) and NaN was cast to an integer (undefined).
    void refusedCountIsNeverUsed() {
        json tree = readJson(kProjects + "lif-fi-curve.json");
        for (const json& bad : {json(1e9), json(kNaN), json(1e300)}) {
            tree["experiments"][0]["points"] = bad;
            const Outcome o = validateTree(tree);
            QVERIFY(o.refused);
            QCOMPARE(QString::fromStdString(o.path), QString("experiments[0].points"));
        }
    }

    // NaN cannot be written in JSON: the bare token is a syntax error located
    // by line and column, not a crash.
    void nanTokenIsASyntaxError() {
        const Outcome o = loadText(R"({"format": "memristor-studio-project", "version": NaN})");
        QVERIFY(o.refused);
        QVERIFY2(o.path.rfind("injected.json:1:", 0) == 0, o.path.c_str());
    }

    // Nesting is bounded before anything recursive touches the tree: a file
    // of 100000 '[' under a top-level key overflowed the stack when the
    // tree was dumped into a message, copied or compared.
    void deeplyNestedValueIsRefused() {
        const std::string deep = std::string(100000, '[') + std::string(100000, ']');
        for (const std::string key : {"format", "version", "extra"}) {
            std::string text = R"({"format": "memristor-studio-project", "version": 1, )";
            if (key == "extra") text += "\"extra\": " + deep + "}";
            else text = "{\"" + key + "\": " + deep + (key == "format" ? "}" : R"(, "format": "memristor-studio-project"})");
            const Outcome o = loadText(text);
            QVERIFY2(o.refused, key.c_str());
            QCOMPARE(QString::fromStdString(o.path), QString::fromStdString(key));
            QVERIFY2(o.message.find("nested more than 200 levels") != std::string::npos, o.message.c_str());
        }
        // A value within the limit is judged as usual, and quoted by its type only.
        const Outcome o = loadText(R"({"format": [[["x"]]], "version": 1})");
        QCOMPARE(QString::fromStdString(o.path), QString("format"));
        QVERIFY2(o.message.find("got an array") != std::string::npos, o.message.c_str());
    }

    // An absurd sweep (more runs than the studio can hold) is refused by size.
    void absurdSweepIsRefused() {
        json tree = readJson(kProjects + "hysteresis-vs-frequency.json");
        tree["experiments"][0]["sweep"]["values"] = json::array();
        for (int k = 0; k < 1001; ++k) tree["experiments"][0]["sweep"]["values"].push_back(1.0 + k);
        const Outcome o = validateTree(tree);
        QVERIFY(o.refused);
        QCOMPARE(QString::fromStdString(o.path), QString("experiments[0].sweep.values"));
    }
};

QTEST_GUILESS_MAIN(TestProjectFields)
#include "test_project_fields.moc"
