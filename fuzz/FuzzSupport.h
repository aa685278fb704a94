// Shared by the libFuzzer targets: the loaders under test read files, so each
// input is written to a private scratch file (in /dev/shm when it exists, so
// the disk is not worn by millions of writes).
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <unistd.h>

namespace ms::fuzz {

inline std::string scratchPath(const std::string& suffix) {
    const char* dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    return std::string(dir) + "/ms-fuzz-" + std::to_string(getpid()) + "-" + suffix;
}

inline void writeScratch(const std::string& path, const std::uint8_t* data, std::size_t size) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) std::abort();  // the harness itself is broken, not the code under test
    if (size && std::fwrite(data, 1, size, f) != size) std::abort();
    std::fclose(f);
}

}  // namespace ms::fuzz
