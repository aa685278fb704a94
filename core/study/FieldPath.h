// Axis paths: "device.params.Roff", "network.layers[1]", resolved inside one
// experiment of a project tree. A step through a string that names an entry of
// the matching project section ("crossbar": "passive" -> crossbars[k],
// "device": "hp" -> devices[k]) continues inside that entry, so an axis can set
// a parameter of a shared crossbar or device as well as the experiment's own.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace ms::study {

struct FieldTarget {
    nlohmann::json::json_pointer pointer;  // within the project tree
    std::string location;                  // "experiments[2].crossbar.rWireRow", "crossbars[0].rWireRow"
    // Where the path leaves what the file holds ("" when the field exists):
    // the kind's validation decides whether such a field may be added.
    std::string firstMissing;
};

// Nullopt with `why` set when the path is malformed or runs through a value
// that is not an object, array or reference.
std::optional<FieldTarget> resolveField(const nlohmann::json& tree, std::size_t experimentIndex, const std::string& path,
                                        std::string& why);

// True when an issue at `issuePath` concerns the field `target` (is it, lies
// inside it, or is the missing object on the way to it).
bool concerns(const std::string& issuePath, const FieldTarget& target);

}  // namespace ms::study
