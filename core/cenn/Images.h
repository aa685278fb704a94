// Input images for a CeNN: a few built in (generated here, so a project needs
// no file) and user images from PGM (P2/P5) or CSV. Black is +1, white -1.
#pragma once

#include <string>
#include <vector>

#include "core/cenn/Cenn.h"

namespace ms::cenn {

// Ids of the built-in images ("square", "square_with_hole", ...).
std::vector<std::string> builtinImageIds();
// The built-in image; false for an unknown id.
bool builtinImage(const std::string& id, Image& out);

// A PGM (P2 or P5) file: grey level g of maxval maps to u = 1 - 2 g / maxval,
// so a black pixel (0) is +1. A CSV file: one image row per line, values in
// [-1, 1] used as they are. Both throw InputError("", "<file>:<line>: why").
Image loadPgm(const std::string& file);
Image loadCsv(const std::string& file);

// At most this many pixels a side: the kind streams every row of every image.
inline constexpr int kMaxImageSide = 512;

}  // namespace ms::cenn
