#include "app/cli/StagedOutput.h"

#include <system_error>
#include <unistd.h>

#include "core/common/Errors.h"

namespace fs = std::filesystem;

namespace ms::cli {

StagedOutput::StagedOutput(const std::string& dir) {
    std::error_code ec;
    target_ = fs::absolute(fs::path(dir), ec).lexically_normal();
    if (ec || dir.empty()) throw InputError("--out", "not a usable directory path: '" + dir + "'");
    if (target_.filename().empty()) target_ = target_.parent_path();
    if (fs::exists(target_, ec) && !fs::is_directory(target_, ec))
        throw InputError(dir, "exists and is not a directory");
    const fs::path parent = target_.parent_path();
    fs::create_directories(parent, ec);
    if (ec) throw InputError(dir, "cannot create parent directory " + parent.string() + ": " + ec.message());
    for (int attempt = 0; attempt < 100; ++attempt) {
        fs::path candidate = parent / (std::string(".") + target_.filename().string() + ".partial-" + std::to_string(::getpid()) +
                                       "-" + std::to_string(attempt));
        if (fs::create_directory(candidate, ec)) {
            staging_ = candidate;
            return;
        }
        if (ec) throw InputError(dir, "cannot create a staging directory in " + parent.string() + ": " + ec.message());
    }
    throw InputError(dir, "cannot create a staging directory in " + parent.string());
}

StagedOutput::~StagedOutput() {
    if (committed_ || staging_.empty()) return;
    std::error_code ec;
    fs::remove_all(staging_, ec);
}

void StagedOutput::commit() {
    std::error_code ec;
    if (!fs::exists(target_, ec)) {
        fs::rename(staging_, target_, ec);
        if (ec) throw InputError(target_.string(), "cannot move results into place: " + ec.message());
        committed_ = true;
        return;
    }
    for (const auto& entry : fs::directory_iterator(staging_)) {
        fs::rename(entry.path(), target_ / entry.path().filename(), ec);
        if (ec) throw InputError(target_.string(), "cannot move " + entry.path().filename().string() + " into place: " +
                                                       ec.message());
    }
    fs::remove(staging_, ec);
    committed_ = true;
}

}  // namespace ms::cli
