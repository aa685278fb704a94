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

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
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
    return reported.rfind(parent + ".", 0) == 0 && message.find(key) != std::string::npos;
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
