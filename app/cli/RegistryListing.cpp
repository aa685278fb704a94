#include "app/cli/RegistryListing.h"

#include <sstream>

#include "core/devices/ModelRegistry.h"
#include "core/project/ExperimentKind.h"
#include "core/sim/Stimulus.h"

namespace ms::cli {

namespace {

using ojson = nlohmann::ordered_json;

ojson specJson(const ParamSpec& s) {
    ojson j;
    j["key"] = s.key;
    j["symbol"] = s.symbol;
    j["unit"] = s.unit;
    j["default"] = s.defaultValue;
    j["min"] = s.min;
    j["max"] = s.max;
    j["scale"] = s.scale == Scale::Log ? "log" : "linear";
    j["integer"] = s.integer;
    j["meaning"] = s.meaning;
    j["source"] = s.source;
    return j;
}

ojson specsJson(const std::vector<ParamSpec>& specs) {
    ojson a = ojson::array();
    for (const auto& s : specs) a.push_back(specJson(s));
    return a;
}

ojson windowChoiceJson(const WindowChoice& w) {
    ojson j;
    j["id"] = w.id;
    j["params"] = ojson::object();
    for (const auto& [k, v] : w.params) j["params"][k] = v;
    return j;
}

std::string num(double v) {
    std::ostringstream os;
    os.precision(6);
    os << v;
    return os.str();
}

std::string range(const ParamSpec& s) {
    return std::string("[") + num(s.min) + ", " + num(s.max) + "]" + (s.scale == Scale::Log ? " log" : "") + (s.integer ? " integer" : "");
}

void textSpecs(std::ostringstream& os, const std::vector<ParamSpec>& specs, const std::string& indent) {
    std::size_t wKey = 3, wUnit = 4, wDef = 7;
    for (const auto& s : specs) {
        wKey = std::max(wKey, s.key.size());
        wUnit = std::max(wUnit, s.unit.size());
        wDef = std::max(wDef, num(s.defaultValue).size());
    }
    for (const auto& s : specs) {
        os << indent << s.key << std::string(wKey - s.key.size() + 2, ' ') << s.unit
           << std::string(wUnit - s.unit.size() + 2, ' ') << num(s.defaultValue)
           << std::string(wDef - num(s.defaultValue).size() + 2, ' ') << range(s) << "  " << s.meaning << '\n';
    }
}

std::string mdCell(std::string s) {
    std::string out;
    for (char c : s) out += c == '|' ? std::string("\\|") : std::string(1, c);
    return out;
}

void markdownSpecs(std::ostringstream& os, const std::vector<ParamSpec>& specs) {
    if (specs.empty()) {
        os << "No parameters.\n\n";
        return;
    }
    os << "| key | symbol | unit | default | range | meaning |\n|---|---|---|---|---|---|\n";
    for (const auto& s : specs)
        os << "| `" << s.key << "` | " << mdCell(s.symbol) << " | " << mdCell(s.unit) << " | " << num(s.defaultValue)
           << " | " << range(s) << " | " << mdCell(s.meaning) << " |\n";
    os << '\n';
}

}  // namespace

ojson registryAsJson() {
    ojson root;
    root["models"] = ojson::array();
    for (const auto& m : modelRegistry().all()) {
        ojson j;
        j["id"] = m.id;
        j["name"] = m.name;
        j["summary"] = m.summary;
        j["source"] = m.source;
        j["control"] = toString(m.control);
        j["hasThreshold"] = m.hasThreshold;
        j["ivRelation"] = m.ivRelation;
        j["accuracy"] = m.accuracy;
        j["acceptsWindow"] = m.acceptsWindow;
        j["stiff"] = m.stiff;
        j["state"] = {{"symbol", m.state.symbol}, {"unit", m.state.unit}, {"min", m.state.min}, {"max", m.state.max}};
        j["params"] = specsJson(m.params);
        j["presets"] = ojson::array();
        for (const auto& p : m.presets) {
            ojson pj;
            pj["id"] = p.id;
            pj["name"] = p.name;
            pj["description"] = p.description;
            pj["source"] = p.source;
            pj["values"] = ojson::object();
            for (const auto& [k, v] : p.values) pj["values"][k] = v;
            if (p.window) pj["window"] = windowChoiceJson(*p.window);
            j["presets"].push_back(pj);
        }
        root["models"].push_back(j);
    }
    root["windows"] = ojson::array();
    for (const auto& w : windowRegistry().all())
        root["windows"].push_back(
            ojson{{"id", w.id}, {"name", w.name}, {"formula", w.formula}, {"source", w.source}, {"params", specsJson(w.params)}});
    root["drives"] = ojson::array();
    for (const auto& d : stimulusRegistry().all())
        root["drives"].push_back(ojson{{"id", d.id}, {"name", d.name}, {"summary", d.summary}, {"params", specsJson(d.params)}});
    root["experimentKinds"] = ojson::array();
    for (const auto& k : experimentKindRegistry().all())
        root["experimentKinds"].push_back(
            ojson{{"id", k.id}, {"name", k.name}, {"summary", k.summary}, {"settings", specsJson(k.settings)}});
    return root;
}

std::string registryAsText() {
    std::ostringstream os;
    os << "DEVICE MODELS\n";
    for (const auto& m : modelRegistry().all()) {
        os << "\n" << m.id << "  " << m.name << "\n  " << m.summary << "\n  source: " << m.source << "\n  control: "
           << toString(m.control) << ", threshold: " << (m.hasThreshold ? "yes" : "no") << ", I-V: " << m.ivRelation
           << ", accuracy: " << m.accuracy << ", window: " << (m.acceptsWindow ? "yes" : "no")
           << ", stiff: " << (m.stiff ? "yes" : "no") << "\n  state " << m.state.symbol
           << (m.state.unit.empty() ? "" : " (" + m.state.unit + ")") << " in [" << num(m.state.min) << ", "
           << num(m.state.max) << "]\n  parameters (key, unit, default, range, meaning):\n";
        textSpecs(os, m.params, "    ");
        if (!m.presets.empty()) os << "  presets:\n";
        for (const auto& p : m.presets) {
            os << "    " << p.id << "  " << p.name << ": " << p.description;
            if (p.window) os << " [window " << p.window->id << "]";
            os << '\n';
        }
    }
    os << "\nWINDOW FUNCTIONS\n";
    for (const auto& w : windowRegistry().all()) {
        os << "\n" << w.id << "  " << w.name << ": " << w.formula << "  (" << w.source << ")\n";
        textSpecs(os, w.params, "    ");
    }
    os << "\nDRIVES\n";
    for (const auto& d : stimulusRegistry().all()) {
        os << "\n" << d.id << "  " << d.name << ": " << d.summary << "\n";
        textSpecs(os, d.params, "    ");
    }
    os << "\nEXPERIMENT KINDS\n";
    for (const auto& k : experimentKindRegistry().all()) {
        os << "\n" << k.id << "  " << k.name << ": " << k.summary << "\n";
        textSpecs(os, k.settings, "    ");
    }
    return os.str();
}

std::string registryAsMarkdown() {
    std::ostringstream os;
    os << "<!-- Generated by `memstudio-cli models --markdown`; do not edit by hand. -->\n\n";
    os << "### Device models\n\n| id | name | control | threshold | I-V | accuracy | window | state |\n"
          "|---|---|---|---|---|---|---|---|\n";
    for (const auto& m : modelRegistry().all())
        os << "| `" << m.id << "` | " << mdCell(m.name) << " | " << toString(m.control) << " | "
           << (m.hasThreshold ? "yes" : "no") << " | " << m.ivRelation << " | " << m.accuracy << " | "
           << (m.acceptsWindow ? "yes" : "no") << " | " << m.state.symbol
           << (m.state.unit.empty() ? "" : " (" + m.state.unit + ")") << " |\n";
    os << '\n';
    for (const auto& m : modelRegistry().all()) {
        os << "#### `" << m.id << "`: " << mdCell(m.name) << "\n\n" << m.summary << ". Source: " << m.source << ".\n\n";
        markdownSpecs(os, m.params);
        if (!m.presets.empty()) {
            os << "Presets: ";
            for (std::size_t k = 0; k < m.presets.size(); ++k)
                os << (k ? "; " : "") << "`" << m.presets[k].id << "` (" << mdCell(m.presets[k].name) << ")";
            os << ".\n\n";
        }
    }
    os << "### Window functions (`device.window`)\n\n";
    for (const auto& w : windowRegistry().all()) {
        os << "#### `" << w.id << "`: " << w.formula << "\n\n";
        markdownSpecs(os, w.params);
    }
    os << "### Drives (`drive.kind`)\n\n";
    for (const auto& d : stimulusRegistry().all()) {
        os << "#### `" << d.id << "`: " << mdCell(d.name) << "\n\n" << mdCell(d.summary) << "\n\n";
        markdownSpecs(os, d.params);
    }
    os << "### Experiment kinds: scalar settings\n\n";
    for (const auto& k : experimentKindRegistry().all()) {
        os << "#### `" << k.id << "`: " << mdCell(k.name) << "\n\n";
        markdownSpecs(os, k.settings);
    }
    return os.str();
}

}  // namespace ms::cli
