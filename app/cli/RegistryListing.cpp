#include "app/cli/RegistryListing.h"

#include <sstream>

#include "app/cli/RegistrySections.h"

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

std::string num(double v) {
    std::ostringstream os;
    os.precision(6);
    os << v;
    return os.str();
}

std::string range(const ParamSpec& s) {
    return std::string("[") + num(s.min) + ", " + num(s.max) + "]" + (s.scale == Scale::Log ? " log" : "") + (s.integer ? " integer" : "");
}

std::string valuesText(const ParamValues& values) {
    std::string out;
    for (const auto& [k, v] : values) out += (out.empty() ? "" : ", ") + k + " = " + num(v);
    return out;
}

// A parameter's source is printed only where it differs from its entry's, so
// a table is not the same citation forty times.
std::string ownSource(const ParamSpec& s, const ListedEntry& e) { return s.source == e.source ? "" : s.source; }

std::string pad(const std::string& s, std::size_t w) { return s + std::string(w > s.size() ? w - s.size() : 0, ' '); }

void textSpecs(std::ostringstream& os, const ListedEntry& e) {
    std::size_t wKey = 3, wSym = 6, wUnit = 4, wDef = 7;
    for (const auto& s : e.params) {
        wKey = std::max(wKey, s.key.size());
        wSym = std::max(wSym, s.symbol.size());
        wUnit = std::max(wUnit, s.unit.size());
        wDef = std::max(wDef, num(s.defaultValue).size());
    }
    for (const auto& s : e.params) {
        os << "    " << pad(s.key, wKey + 2) << pad(s.symbol, wSym + 2) << pad(s.unit, wUnit + 2)
           << pad(num(s.defaultValue), wDef + 2) << range(s) << "  " << s.meaning;
        if (!ownSource(s, e).empty()) os << "  [" << s.source << "]";
        os << '\n';
    }
}

std::string mdCell(const std::string& s) {
    std::string out;
    for (char c : s) out += c == '|' ? std::string("\\|") : std::string(1, c);
    return out;
}

void markdownSpecs(std::ostringstream& os, const ListedEntry& e) {
    if (e.params.empty()) {
        os << "No parameters.\n\n";
        return;
    }
    os << "| key | symbol | unit | default | range | meaning | source |\n|---|---|---|---|---|---|---|\n";
    for (const auto& s : e.params)
        os << "| `" << s.key << "` | " << mdCell(s.symbol) << " | " << mdCell(s.unit) << " | " << num(s.defaultValue)
           << " | " << range(s) << " | " << mdCell(s.meaning) << " | " << mdCell(ownSource(s, e)) << " |\n";
    os << '\n';
}

}  // namespace

ojson registryAsJson() {
    ojson root;
    for (const auto& sec : registrySections()) {
        ojson list = ojson::array();
        for (const auto& e : sec.entries) {
            ojson j{{"id", e.id}, {"name", e.name}, {"summary", e.summary}, {"source", e.source}};
            for (const auto& f : e.facts) j[f.key] = f.value;
            j[sec.paramsKey] = ojson::array();
            for (const auto& s : e.params) j[sec.paramsKey].push_back(specJson(s));
            j["presets"] = ojson::array();
            for (const auto& p : e.presets) {
                ojson pj{{"id", p.id}, {"name", p.name}, {"description", p.description}, {"source", p.source},
                         {"values", ojson::object()}};
                for (const auto& [k, v] : p.values) pj["values"][k] = v;
                pj.update(p.extra);
                j["presets"].push_back(pj);
            }
            list.push_back(j);
        }
        root[sec.jsonKey] = list;
    }
    return root;
}

std::string registryAsText() {
    std::ostringstream os;
    bool first = true;
    for (const auto& sec : registrySections()) {
        os << (first ? "" : "\n") << sec.title << '\n';
        first = false;
        for (const auto& e : sec.entries) {
            os << '\n' << e.id << "  " << e.name << '\n';
            if (!e.summary.empty()) os << "  " << e.summary << '\n';
            if (!e.source.empty()) os << "  source: " << e.source << '\n';
            for (const auto& f : e.facts) os << "  " << f.label << ": " << f.text << '\n';
            if (!e.params.empty()) {
                os << "  " << (sec.paramsKey == "settings" ? "settings" : "parameters")
                   << " (key, symbol, unit, default, range, meaning, [source where not the entry's]):\n";
                textSpecs(os, e);
            }
            if (!e.presets.empty()) os << "  presets:\n";
            for (const auto& p : e.presets) {
                os << "    " << p.id << "  " << p.name << (p.description.empty() ? "" : ": " + p.description)
                   << (p.source.empty() ? "" : "  [" + p.source + "]") << '\n';
                std::string v = valuesText(p.values);
                if (!p.extraText.empty()) v += (v.empty() ? "" : "; ") + p.extraText;
                if (!v.empty()) os << "      " << v << '\n';
            }
        }
    }
    return os.str();
}

std::string registryAsMarkdown() {
    std::ostringstream os;
    os << "<!-- Generated by `memstudio-cli models --markdown`; do not edit by hand. -->\n\n"
          "A parameter's source column is filled where it differs from its entry's source.\n\n";
    for (const auto& sec : registrySections()) {
        os << "### " << sec.mdTitle << "\n\n";
        if (!sec.intro.empty()) os << sec.intro << "\n\n";
        // Overview: id, name and the short facts of every entry.
        std::vector<std::string> labels;
        if (!sec.entries.empty())
            for (const auto& f : sec.entries.front().facts)
                if (f.inTable) labels.push_back(f.label);
        os << "| id | name |";
        for (const auto& l : labels) os << ' ' << mdCell(l) << " |";
        os << "\n|---|---|";
        for (std::size_t k = 0; k < labels.size(); ++k) os << "---|";
        os << '\n';
        for (const auto& e : sec.entries) {
            os << "| `" << e.id << "` | " << mdCell(e.name) << " |";
            for (const auto& f : e.facts)
                if (f.inTable) os << ' ' << mdCell(f.text) << " |";
            os << '\n';
        }
        os << '\n';
        for (const auto& e : sec.entries) {
            os << "#### `" << e.id << "`: " << mdCell(e.name) << "\n\n";
            std::string lead = e.summary;
            if (!e.source.empty()) lead += (lead.empty() ? "" : ". ") + std::string("Source: ") + e.source + ".";
            if (!lead.empty()) os << lead << "\n\n";
            for (const auto& f : e.facts)
                if (!f.inTable) os << "*" << f.label << "*: " << f.text << "\n\n";
            markdownSpecs(os, e);
            if (!e.presets.empty()) {
                os << "| preset | name | values | source |\n|---|---|---|---|\n";
                for (const auto& p : e.presets) {
                    std::string v = valuesText(p.values);
                    if (!p.extraText.empty()) v += (v.empty() ? "" : "; ") + p.extraText;
                    os << "| `" << p.id << "` | " << mdCell(p.name) << (p.description.empty() ? "" : ": " + mdCell(p.description))
                       << " | " << mdCell(v) << " | " << mdCell(p.source) << " |\n";
                }
                os << '\n';
            }
        }
    }
    return os.str();
}

}  // namespace ms::cli
