// The registries as neutral sections (entries with facts, parameters and
// presets), so `memstudio-cli models` renders text, JSON and Markdown from one
// list and a new registry kind is one section builder.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/common/ParamSpec.h"

namespace ms::cli {

// One fact of an entry: `key` and `value` in JSON, `label: text` in text and
// Markdown; `inTable` puts it in the section's Markdown overview table.
struct ListedFact {
    std::string key, label;
    nlohmann::ordered_json value;
    std::string text;
    bool inTable = true;
};

struct ListedPreset {
    std::string id, name, description, source;
    ParamValues values;
    nlohmann::ordered_json extra = nlohmann::ordered_json::object();  // merged into its JSON (a window)
    std::string extraText;                                           // appended in text and Markdown
};

struct ListedEntry {
    std::string id, name, summary, source;
    std::vector<ListedFact> facts;
    std::vector<ParamSpec> params;
    std::vector<ListedPreset> presets;
};

struct ListedSection {
    std::string jsonKey;    // "models", "synapses", ...
    std::string title;      // text heading, "DEVICE MODELS"
    std::string mdTitle;    // Markdown heading, "Device models"
    std::string paramsKey;  // "params", or "settings" for experiment kinds
    std::string intro;      // Markdown only: one paragraph under the heading
    std::vector<ListedEntry> entries;
};

// Every registry, in listing order.
std::vector<ListedSection> registrySections();

}  // namespace ms::cli
