#include "core/study/FieldPath.h"

#include <cctype>
#include <vector>

#include "core/project/JsonFields.h"

namespace ms::study {

using json_fields::index;
using json_fields::join;
using json_fields::typeName;

namespace {

struct Step {
    std::string name;
    std::vector<std::size_t> indices;
};

// "a.b[2].c" -> {a}, {b, [2]}, {c}; nullopt for anything else.
std::optional<std::vector<Step>> parseSteps(const std::string& path) {
    std::vector<Step> steps;
    std::size_t k = 0;
    while (k <= path.size()) {
        Step s;
        while (k < path.size() && path[k] != '.' && path[k] != '[') s.name += path[k++];
        if (s.name.empty()) return std::nullopt;
        while (k < path.size() && path[k] == '[') {
            const std::size_t close = path.find(']', k);
            if (close == std::string::npos || close == k + 1 || close - k > 10) return std::nullopt;
            std::size_t i = 0;
            for (std::size_t c = k + 1; c < close; ++c) {
                if (!std::isdigit(static_cast<unsigned char>(path[c]))) return std::nullopt;
                i = i * 10 + std::size_t(path[c] - '0');
            }
            s.indices.push_back(i);
            k = close + 1;
        }
        steps.push_back(std::move(s));
        if (k == path.size()) break;
        if (path[k] != '.') return std::nullopt;
        ++k;
    }
    if (steps.empty()) return std::nullopt;
    return steps;
}

bool startsWithField(const std::string& text, const std::string& prefix) {
    return text.size() > prefix.size() && text.compare(0, prefix.size(), prefix) == 0 &&
           (text[prefix.size()] == '.' || text[prefix.size()] == '[');
}

}  // namespace

std::optional<FieldTarget> resolveField(const nlohmann::json& tree, std::size_t experimentIndex, const std::string& path,
                                        std::string& why) {
    const auto steps = parseSteps(path);
    if (!steps) {
        why = "'" + path + "' is not a field path (names joined by '.', each optionally indexed: \"device.params.Roff\", "
              "\"network.layers[1]\")";
        return std::nullopt;
    }
    FieldTarget t;
    t.pointer = nlohmann::json::json_pointer("/experiments/" + std::to_string(experimentIndex));
    t.location = index("experiments", experimentIndex);
    const nlohmann::json* node = &tree["experiments"][experimentIndex];
    std::string walked, lastName;
    for (const Step& s : *steps) {
        const std::string here = walked.empty() ? s.name : walked + "." + s.name;
        if (!t.firstMissing.empty()) {
            if (!s.indices.empty()) {
                why = "has no field '" + walked + "' to index";
                return std::nullopt;
            }
            t.pointer /= s.name;
            t.location = join(t.location, s.name);
            walked = here;
            continue;
        }
        // A reference by id: continue in the entry of the section it names.
        if (node->is_string() && !lastName.empty()) {
            const std::string section = lastName + "s", id = node->get<std::string>();
            bool found = false;
            if (tree.contains(section) && tree[section].is_array())
                for (std::size_t k = 0; k < tree[section].size() && !found; ++k) {
                    const auto& entry = tree[section][k];
                    if (entry.is_object() && entry.value("id", nlohmann::json()) == *node) {
                        node = &entry;
                        t.pointer = nlohmann::json::json_pointer("/" + section + "/" + std::to_string(k));
                        t.location = index(section, k);
                        found = true;
                    }
                }
            if (!found && tree.contains(section) && tree[section].is_array()) {
                why = "'" + walked + "' is \"" + id + "\", which names no entry of " + section;
                return std::nullopt;
            }
        }
        if (!node->is_object()) {
            why = "'" + walked + "' is " + (node->is_array() ? "an array" : "a " + typeName(*node)) +
                  ", which has no field '" + s.name + "'";
            return std::nullopt;
        }
        t.pointer /= s.name;
        t.location = join(t.location, s.name);
        if (!node->contains(s.name)) {
            if (!s.indices.empty()) {
                why = "has no field '" + here + "' to index";
                return std::nullopt;
            }
            t.firstMissing = t.location;
        } else {
            node = &(*node)[s.name];
            for (std::size_t i : s.indices) {
                if (!node->is_array() || i >= node->size()) {
                    why = "'" + here + "' " +
                          (node->is_array() ? "has " + std::to_string(node->size()) + " entries, no [" + std::to_string(i) + "]"
                                            : "is not an array");
                    return std::nullopt;
                }
                node = &(*node)[i];
                t.pointer /= std::to_string(i);
                t.location = index(t.location, i);
            }
        }
        walked = here;
        for (std::size_t i : s.indices) walked += "[" + std::to_string(i) + "]";
        lastName = s.indices.empty() ? s.name : std::string();
    }
    return t;
}

bool concerns(const std::string& issuePath, const FieldTarget& target) {
    if (issuePath == target.location || startsWithField(issuePath, target.location)) return true;
    return !target.firstMissing.empty() &&
           (issuePath == target.firstMissing || startsWithField(issuePath, target.firstMissing));
}

}  // namespace ms::study
