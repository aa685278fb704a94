// The element registry: every circuit element kind with its terminals and
// parameter metadata. The schematic palette, JSON load/save and validation
// come from it; a new kind is one file in elements/ plus one line in
// ElementRegistry.cpp.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/circuit/Element.h"
#include "core/common/ParamSpec.h"
#include "core/common/Registry.h"

namespace ms::circuit {

struct ElementKindInfo {
    std::string id;        // "resistor", "memristor", ...
    std::string name;      // "Resistor"
    std::string summary;   // one line
    std::string prefix;    // default name prefix and SPICE letter: "R", "M", "V"
    std::vector<std::string> terminals;  // "p", "n" / "d", "g", "s" ...
    std::vector<ParamSpec> params;
    bool takesStimulus = false;  // a waveform from the stimulus registry drives it
    bool takesDevice = false;    // a memristor model instance (DeviceSpec)
    // Builds the runtime element from a spec whose params are complete and
    // valid; `path` prefixes InputError paths ("elements.M1").
    std::function<std::unique_ptr<Element>(const ElementSpec& spec, const ParamValues& params, const std::string& path)>
        create;
};

const Registry<ElementKindInfo>& elementRegistry();

}  // namespace ms::circuit
