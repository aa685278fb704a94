// libFuzzer target: bytes -> loadIdx(images, labels). The input is split in
// two files: the first byte (times 4) gives the length of the labels file, the
// rest of the input after it is the images file. Gzip members (1f 8b) are
// decompressed by the reader, so the corpus holds plain and gzip seeds.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "core/common/Errors.h"
#include "core/data/Dataset.h"
#include "fuzz/FuzzSupport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    static const std::string images = ms::fuzz::scratchPath("images.idx");
    static const std::string labels = ms::fuzz::scratchPath("labels.idx");
    const std::size_t labelBytes = std::min<std::size_t>(std::size_t(data[0]) * 4, size - 1);
    ms::fuzz::writeScratch(labels, data + 1, labelBytes);
    ms::fuzz::writeScratch(images, data + 1 + labelBytes, size - 1 - labelBytes);
    try {
        const ms::Dataset d = ms::loadIdx(images, labels, "fuzz");
        if (d.features.rows() != static_cast<Eigen::Index>(d.labels.size())) std::abort();
        for (int label : d.labels)
            if (label < 0 || label >= d.classCount) std::abort();
        if (!d.features.allFinite()) std::abort();
    } catch (const ms::InputError&) {
    }
    return 0;
}
