// Whole-file reads with transparent gzip decompression, for the data loaders.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ms {

// The largest data file the loaders read (after decompression): far above any
// data set the studio teaches with (Fashion-MNIST's largest file is 47 MB),
// far below what a small gzip "bomb" would otherwise make us allocate.
inline constexpr std::size_t kMaxDataFileBytes = std::size_t(1) << 30;

// Reads `path` completely. A gzip file (magic 1f 8b) is decompressed; a plain
// file is returned as is. Throws InputError naming the file and what is wrong
// (missing, unreadable, larger than maxBytes, truncated or corrupt gzip stream
// with the byte offset).
std::vector<std::uint8_t> readFileBytes(const std::string& path, std::size_t maxBytes = kMaxDataFileBytes);

// Writes `bytes` to `path`, gzip-compressed when the path ends in ".gz".
void writeFileBytes(const std::string& path, const std::vector<std::uint8_t>& bytes);

// The file name without folders, as messages quote it ("digits.csv.gz").
std::string fileNameOf(const std::string& path);

}  // namespace ms
