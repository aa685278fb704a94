// Memristor Studio, GPL-3.0-or-later.
#include "core/data/DataPaths.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <mutex>

namespace ms::data_paths {

namespace fs = std::filesystem;

namespace {

std::mutex& dirMutex() {
    static std::mutex m;
    return m;
}
std::string& storedExecutableDir() {
    static std::string dir;
    return dir;
}

bool isDir(const fs::path& p) {
    std::error_code ec;
    return fs::is_directory(p, ec);
}

// The source tree above a build-tree executable (build/bin/memstudio -> .).
fs::path sourceTreeAbove(fs::path p) {
    for (int up = 0; up < 4 && !p.empty(); ++up, p = p.parent_path()) {
        std::error_code ec;
        if (fs::exists(p / "CMakeLists.txt", ec) && isDir(p / "projects") && isDir(p / "resources" / "data")) return p;
        if (p == p.parent_path()) break;
    }
    return {};
}

const char* shareName(Shipped what) {
    switch (what) {
        case Shipped::Data: return "data";
        case Shipped::Projects: return "projects";
        case Shipped::Docs: return "docs";
    }
    return "data";
}

fs::path sourceSubfolder(Shipped what) {
    return what == Shipped::Data ? fs::path("resources") / "data" : fs::path(shareName(what));
}

// $XDG_DATA_HOME (else ~/.local/share), then each of $XDG_DATA_DIRS (else
// /usr/local/share:/usr/share), as the XDG base directory specification says.
std::vector<fs::path> xdgDataFolders() {
    std::vector<fs::path> out;
    const char* home = std::getenv("XDG_DATA_HOME");
    if (home && *home && fs::path(home).is_absolute()) out.emplace_back(home);
    else if (const char* h = std::getenv("HOME"); h && *h) out.push_back(fs::path(h) / ".local" / "share");
    const char* dirs = std::getenv("XDG_DATA_DIRS");
    std::string list = dirs && *dirs ? dirs : "/usr/local/share:/usr/share";
    for (std::size_t start = 0; start <= list.size();) {
        const std::size_t colon = std::min(list.find(':', start), list.size());
        const fs::path d = list.substr(start, colon - start);
        if (d.is_absolute()) out.push_back(d);
        start = colon + 1;
    }
    return out;
}

}  // namespace

void setExecutableDir(const std::string& dir) {
    const std::lock_guard lock(dirMutex());
    storedExecutableDir() = dir;
}

std::string executableDir() {
    {
        const std::lock_guard lock(dirMutex());
        if (!storedExecutableDir().empty()) return storedExecutableDir();
    }
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : exe.parent_path().string();
}

std::vector<std::string> searchFolders(Shipped what) {
    std::vector<std::string> out;
    const std::string exeDir = executableDir();
    if (!exeDir.empty()) {
        const fs::path exe = fs::path(exeDir).lexically_normal();
        out.push_back((exe.parent_path() / "share" / "memstudio" / shareName(what)).string());
        if (const fs::path source = sourceTreeAbove(exe); !source.empty())
            out.push_back((source / sourceSubfolder(what)).string());
    }
    for (const auto& d : xdgDataFolders()) out.push_back((d / "memstudio" / shareName(what)).string());
    if (what == Shipped::Data)
        if (const char* env = std::getenv("MS_DATA_DIR"); env && *env) out.emplace_back(env);
    return out;
}

std::string findFolder(Shipped what) {
    for (const auto& f : searchFolders(what))
        if (isDir(f)) return f;
    return {};
}

std::string findDataFile(const std::string& file) {
    for (const auto& f : searchFolders(Shipped::Data)) {
        std::error_code ec;
        const fs::path p = fs::path(f) / file;
        if (fs::is_regular_file(p, ec)) return p.string();
    }
    return {};
}

std::string whereDataWasSought(const std::string& file) {
    const auto folders = searchFolders(Shipped::Data);
    std::string list;
    for (std::size_t k = 0; k < folders.size(); ++k)
        list += (k == 0 ? "" : k + 1 == folders.size() ? " and " : ", ") + folders[k];
    return "looked in " + (list.empty() ? std::string("no folder (the program's folder is unknown)") : list) +
           "; set MS_DATA_DIR to the folder holding " + file;
}

}  // namespace ms::data_paths
