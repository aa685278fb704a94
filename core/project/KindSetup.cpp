#include "core/project/KindSetup.h"

namespace ms::kind_setup {

std::vector<std::string> experimentKeys(const std::vector<ParamSpec>& settings,
                                        std::initializer_list<std::string> fields) {
    std::vector<std::string> keys = {"id", "kind", "name", "description"};
    keys.insert(keys.end(), fields.begin(), fields.end());
    for (const auto& spec : settings) keys.push_back(spec.key);
    return keys;
}

}  // namespace ms::kind_setup
