// The device-model registry: every memristor model, its parameter metadata,
// published presets and the facts of the literature's comparison table.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/common/ParamSpec.h"
#include "core/common/Registry.h"
#include "core/devices/MemristorModel.h"
#include "core/devices/WindowFunction.h"

namespace ms {

struct WindowChoice {
    std::string id = "none";
    ParamValues params;  // window parameters (e.g. p); missing ones take defaults
};

struct Preset {
    std::string id;           // stable key, e.g. "hp_tio2"
    std::string name;         // "HP TiO2 (Strukov 2008)"
    std::string description;  // one line: what it is good for
    std::string source;
    ParamValues values;       // overrides of the model defaults
    std::optional<WindowChoice> window;
};

// How the review's Table 1 (Xu, Wang & Yan, Front. Neurosci. 15, 2021) classes
// a model, in its words, and why this registry's facts differ (empty: agree).
struct ReviewClass {
    std::string control, threshold, accuracy;
    std::string differs;
};

struct ModelInfo {
    std::string id;       // stable key used in project files
    std::string name;
    std::string summary;  // one line
    std::string source;   // paper
    // Comparison-table facts (Kvatinsky TCAS-I 2013, table I).
    ControlMechanism control = ControlMechanism::Current;
    bool hasThreshold = false;
    std::string ivRelation;  // "linear", "sinh", "tunnelling", "exponential"
    std::string accuracy;    // "low", "medium", "high"
    bool acceptsWindow = false;
    bool stiff = false;      // needs implicit stepping
    std::optional<ReviewClass> reviewTable1;  // empty: not in the review's Table 1
    std::vector<ParamSpec> params;
    std::vector<Preset> presets;
    // Cross-field rules (e.g. Roff > Ron), on complete values.
    std::function<std::vector<ParamIssue>(const ParamValues&)> checkParams;
    // Builds an instance from complete, valid values. `window` is null for
    // models that take none.
    std::function<std::unique_ptr<MemristorModel>(const ParamValues&, std::unique_ptr<WindowFunction> window)> create;
    StateInfo state;  // symbol, unit, bounds at default parameters (docs only)
};

const Registry<ModelInfo>& modelRegistry();

// What a project file says about a device: a model, optional preset, parameter
// overrides, and a window for models that take one.
struct DeviceSpec {
    std::string modelId;
    std::string presetId;  // empty: none
    ParamValues params;    // overrides on top of defaults then preset
    std::optional<WindowChoice> window;  // empty: preset's window, else "none"
    // SPICE-like terminal-state lock (project field "terminalLock"; meaning in
    // kTerminalLockMeaning). Off: the exact solution.
    bool terminalLock = false;
};

// One line on "terminalLock", for docs, tooltips and messages.
inline constexpr const char* kTerminalLockMeaning =
    "Lock the state on a bound it reaches where the window is zero at both edges (Joglekar, Prodromakis, "
    "Strukov), as SPICE does: the device then stays at R_on or R_off for good (the terminal-state problem "
    "that Biolek's window removes). Off (default): the exact solution, which approaches such a bound "
    "exponentially, never reaches it, and leaves it when the drive reverses.";

// Resolved, complete values: defaults, then preset, then overrides.
struct ResolvedDevice {
    const ModelInfo* model = nullptr;
    ParamValues params;
    WindowChoice window;
};

// Resolves and validates; every problem is returned with a key relative to the
// device object ("model", "preset", "params.Roff", "window.params.p").
std::vector<ParamIssue> resolveDevice(const DeviceSpec& spec, ResolvedDevice& out);

// Resolves, validates and instantiates; throws InputError(pathPrefix + key, why)
// for the first problem.
std::unique_ptr<MemristorModel> instantiateDevice(const DeviceSpec& spec, const std::string& pathPrefix = "device");

const char* toString(ControlMechanism c);

}  // namespace ms
