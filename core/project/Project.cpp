// The project document: construction, JSON text in and out, lookups.
// Validation lives in ProjectValidation.cpp.
#include "core/project/Project.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/common/Errors.h"

namespace ms {

struct Project::Impl {
    nlohmann::json tree;
    std::string baseDirectory;
};

Project::Project() : d_(new Impl) {
    d_->tree = {{"format", kProjectFormat},
                {"version", kProjectVersion},
                {"name", "Untitled"},
                {"devices", nlohmann::json::array()},
                {"experiments", nlohmann::json::array()}};
}

Project::Project(nlohmann::json tree) : d_(new Impl{std::move(tree), {}}) {}
Project::Project(const Project& other) : d_(new Impl(*other.d_)) {}
Project& Project::operator=(const Project& other) {
    if (this != &other) *d_ = *other.d_;
    return *this;
}
Project::Project(Project&& other) noexcept : d_(other.d_) { other.d_ = nullptr; }
Project& Project::operator=(Project&& other) noexcept {
    std::swap(d_, other.d_);
    return *this;
}
Project::~Project() { delete d_; }

// A moved-from Project has no Impl; it reads as an empty tree.
static const nlohmann::json& emptyTree() {
    static const nlohmann::json empty = nlohmann::json::object();
    return empty;
}

const nlohmann::json& Project::tree() const { return d_ ? d_->tree : emptyTree(); }
nlohmann::json& Project::tree() {
    if (!d_) d_ = new Impl{nlohmann::json::object(), {}};
    return d_->tree;
}

std::string Project::name() const {
    const auto& t = tree();
    if (t.is_object() && t.contains("name") && t["name"].is_string()) return t["name"].get<std::string>();
    return {};
}

std::vector<std::string> Project::experimentIds() const {
    std::vector<std::string> ids;
    const auto& t = tree();
    if (!t.is_object() || !t.contains("experiments") || !t["experiments"].is_array()) return ids;
    for (const auto& e : t["experiments"])
        if (e.is_object() && e.contains("id") && e["id"].is_string()) ids.push_back(e["id"].get<std::string>());
    return ids;
}

const nlohmann::json* Project::experiment(const std::string& id) const {
    const auto& t = tree();
    if (!t.is_object() || !t.contains("experiments") || !t["experiments"].is_array()) return nullptr;
    for (const auto& e : t["experiments"])
        if (e.is_object() && e.contains("id") && e["id"].is_string() && e["id"].get<std::string>() == id) return &e;
    return nullptr;
}

bool Project::operator==(const Project& other) const { return tree() == other.tree(); }

const std::string& Project::baseDirectory() const {
    static const std::string none;
    return d_ ? d_->baseDirectory : none;
}
void Project::setBaseDirectory(std::string directory) {
    if (!d_) d_ = new Impl{nlohmann::json::object(), {}};
    d_->baseDirectory = std::move(directory);
}

// nlohmann reports "parse error at line L, column C: why"; we re-locate it as
// "<origin>:L:C" so editors can jump to it.
static InputError syntaxError(const nlohmann::json::parse_error& e, const std::string& text, const std::string& origin) {
    const std::string what = e.what();
    static const std::regex located(R"(line (\d+), column (\d+): (.*))");
    std::smatch m;
    if (std::regex_search(what, m, located)) return InputError(origin + ":" + m[1].str() + ":" + m[2].str(), m[3].str());
    // Fallback: count lines up to the byte offset nlohmann gives.
    std::size_t line = 1, column = 1;
    for (std::size_t k = 0; k + 1 < e.byte && k < text.size(); ++k) {
        if (text[k] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return InputError(origin + ":" + std::to_string(line) + ":" + std::to_string(column), what);
}

// Locates the token nlohmann quotes ("number overflow parsing '1e999'") at
// its first occurrence in the text, as "<origin>:L:C".
static InputError numberOverflow(const nlohmann::json::out_of_range& e, const std::string& text,
                                 const std::string& origin) {
    const std::string what = e.what();
    const auto open = what.find('\''), close = what.rfind('\'');
    const std::string token = open != std::string::npos && close > open ? what.substr(open + 1, close - open - 1) : "";
    const std::size_t at = token.empty() ? std::string::npos : text.find(token);
    std::size_t line = 1, column = 1;
    for (std::size_t k = 0; at != std::string::npos && k < at; ++k) {
        if (text[k] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    const std::string where = at == std::string::npos ? origin : origin + ":" + std::to_string(line) + ":" + std::to_string(column);
    return InputError(where, "number " + token + " is out of range (beyond +-1.8e308)");
}

Project parseProject(const std::string& text, const std::string& origin) {
    nlohmann::json tree;
    try {
        tree = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        throw syntaxError(e, text, origin);
    } catch (const nlohmann::json::out_of_range& e) {
        // A number beyond double's range ("1e999"): nlohmann throws
        // out_of_range 406 quoting the token, without a position.
        throw numberOverflow(e, text, origin);
    }
    if (!tree.is_object())
        throw InputError(origin, "a project file is a JSON object (got " + std::string(tree.type_name()) + ")");
    Project project(std::move(tree));
    const auto issues = project.validate();
    if (!issues.empty()) throw InputError(issues.front().path, issues.front().message);
    return project;
}

Project loadProjectFile(const std::string& filePath) {
    std::ifstream in(filePath, std::ios::binary);
    if (!in) throw InputError(filePath, std::string("cannot open project file: ") + std::strerror(errno));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) throw InputError(filePath, "cannot read project file");
    Project project = parseProject(buffer.str(), filePath);
    const auto slash = filePath.find_last_of('/');
    project.setBaseDirectory(slash == std::string::npos ? std::string(".") : filePath.substr(0, slash == 0 ? 1 : slash));
    return project;
}

std::string serializeProject(const Project& project) {
    // nlohmann::json keeps object keys sorted, so the key order is stable and
    // diffs between saves stay small. Doubles are written shortest-round-trip.
    return project.tree().dump(2) + "\n";
}

}  // namespace ms
