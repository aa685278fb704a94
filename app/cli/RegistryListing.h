// `memstudio-cli models`: the registries (device models, windows, drives,
// pulse synapses, synapse cells, neurons, plasticity rules, experiment kinds),
// each entry with its parameters and presets, as text, JSON or Markdown. All
// three render the same sections (RegistrySections.h).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace ms::cli {

nlohmann::ordered_json registryAsJson();
std::string registryAsText();
std::string registryAsMarkdown();

}  // namespace ms::cli
