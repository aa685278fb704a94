// `memstudio-cli models`: the registries (device models with parameters and
// presets, windows, drives, experiment kinds) as text, JSON or Markdown.
// All three are generated from the same ParamSpec metadata.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace ms::cli {

nlohmann::ordered_json registryAsJson();
std::string registryAsText();
std::string registryAsMarkdown();

}  // namespace ms::cli
