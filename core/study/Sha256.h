// SHA-256 of a byte string, as lowercase hex: the project hash a
// study records as provenance, the same value `sha256sum PROJECT.json` prints.
#pragma once

#include <string>
#include <string_view>

namespace ms::study {

std::string sha256Hex(std::string_view bytes);

}  // namespace ms::study
