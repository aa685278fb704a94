// libFuzzer target: bytes -> the digits and Iris CSV loaders (and the gzip
// reader under them when the bytes start with 1f 8b). Anything but a Dataset
// or an ms::InputError is a bug; a Dataset must be self-consistent.
#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "core/common/Errors.h"
#include "core/data/Dataset.h"
#include "fuzz/FuzzSupport.h"

namespace {

void checkConsistent(const ms::Dataset& d) {
    if (d.features.rows() != static_cast<Eigen::Index>(d.labels.size()) || d.labels.empty()) std::abort();
    for (int label : d.labels)
        if (label < 0 || label >= d.classCount) std::abort();
    if (!d.features.allFinite()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string path = ms::fuzz::scratchPath("input.csv");
    ms::fuzz::writeScratch(path, data, size);
    try {
        checkConsistent(ms::loadDigitsCsv(path));
    } catch (const ms::InputError&) {
    }
    try {
        checkConsistent(ms::loadIrisCsv(path));
    } catch (const ms::InputError&) {
    }
    return 0;
}
