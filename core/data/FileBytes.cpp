#include "core/data/FileBytes.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <zlib.h>

#include "core/common/Errors.h"

namespace ms {

std::string fileNameOf(const std::string& path) { return std::filesystem::path(path).filename().string(); }

namespace {

// "more than 1024 MiB" / "more than 1000 bytes": the limit as messages quote it.
std::string tooLarge(std::size_t maxBytes) {
    const bool mib = maxBytes >= (std::size_t(1) << 20) && maxBytes % (std::size_t(1) << 20) == 0;
    return "more than " + (mib ? std::to_string(maxBytes >> 20) + " MiB" : std::to_string(maxBytes) + " bytes") +
           ", the most a data file may hold";
}

std::vector<std::uint8_t> readRaw(const std::string& path, std::size_t maxBytes) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw InputError(path, "file not found");
    if (std::filesystem::is_directory(path, ec)) throw InputError(path, "is a folder, not a file");
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > maxBytes) throw InputError(path, "holds " + tooLarge(maxBytes));
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, std::string("cannot open: ") + std::strerror(errno));
    std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw InputError(path, "read error");
    return bytes;
}

// Inflates a gzip member sequence (RFC 1952) held in memory, so errors can
// quote the compressed byte offset where the stream broke.
std::vector<std::uint8_t> gunzip(const std::string& path, const std::vector<std::uint8_t>& in, std::size_t maxBytes) {
    std::vector<std::uint8_t> out;
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 32) != Z_OK) throw InputError(path, "cannot initialise gzip decoder");
    zs.next_in = const_cast<Bytef*>(in.data());
    zs.avail_in = static_cast<uInt>(in.size());
    std::vector<std::uint8_t> chunk(1 << 16);
    int rc = Z_OK;
    for (;;) {
        zs.next_out = chunk.data();
        zs.avail_out = static_cast<uInt>(chunk.size());
        rc = inflate(&zs, Z_NO_FLUSH);
        const std::size_t produced = chunk.size() - zs.avail_out;
        if (out.size() + produced > maxBytes) {  // refuse a decompression bomb before holding it
            inflateEnd(&zs);
            throw InputError(path, "decompresses to " + tooLarge(maxBytes));
        }
        out.insert(out.end(), chunk.data(), chunk.data() + produced);
        if (rc == Z_STREAM_END) {
            if (zs.avail_in == 0) break;
            // Concatenated gzip members are legal; anything else after the end is not.
            const std::size_t at = in.size() - zs.avail_in;
            if (zs.avail_in >= 2 && in[at] == 0x1f && in[at + 1] == 0x8b) {
                inflateReset(&zs);
                continue;
            }
            break;  // trailing garbage (e.g. zero padding) is ignored, as gzip(1) does
        }
        if (rc == Z_OK) {
            if (zs.avail_in == 0 && zs.avail_out != 0) {
                const std::size_t at = in.size();
                inflateEnd(&zs);
                throw InputError(path + ":byte " + std::to_string(at),
                                 "truncated gzip stream (ended after " + std::to_string(out.size()) +
                                     " decompressed bytes)");
            }
            continue;
        }
        if (rc == Z_BUF_ERROR && zs.avail_in == 0) {
            inflateEnd(&zs);
            throw InputError(path + ":byte " + std::to_string(in.size()),
                             "truncated gzip stream (ended after " + std::to_string(out.size()) +
                                 " decompressed bytes)");
        }
        const std::size_t at = in.size() - zs.avail_in;
        const std::string msg = zs.msg ? zs.msg : "error " + std::to_string(rc);
        inflateEnd(&zs);
        throw InputError(path + ":byte " + std::to_string(at), "corrupt gzip stream (" + msg + ")");
    }
    inflateEnd(&zs);
    return out;
}

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::vector<std::uint8_t> readFileBytes(const std::string& path, std::size_t maxBytes) {
    auto raw = readRaw(path, maxBytes);
    const bool gz = raw.size() >= 2 && raw[0] == 0x1f && raw[1] == 0x8b;
    if (!gz && endsWith(path, ".gz"))
        throw InputError(path + ":byte 0", "name ends in .gz but the file is not gzip (no 1f 8b magic)");
    return gz ? gunzip(path, raw, maxBytes) : raw;
}

void writeFileBytes(const std::string& path, const std::vector<std::uint8_t>& bytes) {
    if (endsWith(path, ".gz")) {
        gzFile f = gzopen(path.c_str(), "wb");
        if (!f) throw InputError(path, std::string("cannot create: ") + std::strerror(errno));
        const int n = gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size()));
        const int rc = gzclose(f);
        if ((n == 0 && !bytes.empty()) || rc != Z_OK) throw InputError(path, "gzip write failed");
        return;
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw InputError(path, std::string("cannot create: ") + std::strerror(errno));
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw InputError(path, "write failed");
}

}  // namespace ms
