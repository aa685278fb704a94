// An output directory that appears complete or not at all: files are written
// into a hidden staging directory next to DIR and moved into DIR only when
// the whole run succeeded (rename within one file system is atomic per file).
#pragma once

#include <filesystem>
#include <string>

namespace ms::cli {

class StagedOutput {
public:
    // Creates DIR's parent if needed and a fresh staging directory beside DIR.
    // Throws InputError naming DIR when it cannot be used.
    explicit StagedOutput(const std::string& dir);
    ~StagedOutput();  // removes the staging directory unless committed
    StagedOutput(const StagedOutput&) = delete;
    StagedOutput& operator=(const StagedOutput&) = delete;

    // Where to write files now.
    const std::filesystem::path& staging() const { return staging_; }
    const std::filesystem::path& target() const { return target_; }
    // Moves every staged file into DIR (creating it; files of the same name are replaced).
    void commit();

private:
    std::filesystem::path target_, staging_;
    bool committed_ = false;
};

}  // namespace ms::cli
