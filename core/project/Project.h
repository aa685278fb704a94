// The document: one project file (JSON, versioned; docs/project-format.md).
// The tree is kept as JSON so that every section a later feature adds
// (circuits, crossbars, networks) round-trips losslessly, and every GUI edit is
// one "set the value at this JSON pointer" command. Typed views of each section
// (DeviceSpec, experiment settings) are parsed from it with path-precise errors.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/common/ParamSpec.h"
#include "core/devices/ModelRegistry.h"

namespace ms {

inline constexpr const char* kProjectFormat = "memristor-studio-project";
inline constexpr int kProjectVersion = 1;

// A problem in a project, located by JSON path ("experiments[1].device.params.Roff").
struct ProjectIssue {
    std::string path;
    std::string message;
};

class Project {
public:
    Project();                               // an empty, valid project
    explicit Project(nlohmann::json tree);   // takes a tree as is; call validate()
    Project(const Project&);
    Project& operator=(const Project&);
    Project(Project&&) noexcept;
    Project& operator=(Project&&) noexcept;
    ~Project();

    const nlohmann::json& tree() const;
    nlohmann::json& tree();

    // Every problem in the document (format, version, sections, devices,
    // experiments via their kind). Empty means runnable.
    std::vector<ProjectIssue> validate() const;

    std::string name() const;
    std::vector<std::string> experimentIds() const;
    // The experiment object with this id, or nullptr.
    const nlohmann::json* experiment(const std::string& id) const;

    bool operator==(const Project& other) const;

    // The folder the project file lives in ("" for an unsaved document); data
    // files an experiment names (measurements) are relative to it. Not part of
    // the tree: set by loadProjectFile and by the GUI's document on open/save.
    const std::string& baseDirectory() const;
    void setBaseDirectory(std::string directory);

private:
    struct Impl;
    Impl* d_;
};

// Parses and validates. Throws InputError(path, why) for malformed JSON
// (path "<origin>:line:column"), a wrong format or newer version, and the first
// validation issue.
Project parseProject(const std::string& text, const std::string& origin = "project");
Project loadProjectFile(const std::string& filePath);  // InputError for a missing/unreadable file too
std::string serializeProject(const Project& project);   // pretty JSON, stable key order

// A device object ({"model", "preset", "params", "window"}) at `path`, or a
// string id naming an entry of the project's "devices" array.
DeviceSpec parseDeviceSpec(const nlohmann::json& value, const Project& project, const std::string& path,
                           std::vector<ProjectIssue>& issues);

}  // namespace ms
