#include "core/study/StudyResults.h"

#include <charconv>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "core/common/Errors.h"
#include "core/study/Sha256.h"

namespace fs = std::filesystem;

namespace ms::study {

namespace {

// CSV quoting: a field with a comma, quote or line break is quoted, quotes doubled.
std::string csvField(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

void writeAtomically(const fs::path& file, const std::string& text) {
    // Shards on several hosts may write the same file at once: a name of their own each.
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    const fs::path temp = file.parent_path() / ("." + file.filename().string() + ".tmp-" + host + "-" + std::to_string(::getpid()));
    {
        std::ofstream out(temp, std::ios::binary);
        out << text;
        out.flush();
        if (!out) throw InputError(file.string(), "cannot write (disk full or no permission?)");
    }
    std::error_code ec;
    fs::rename(temp, file, ec);
    if (ec) throw InputError(file.string(), "cannot move into place: " + ec.message());
}

nlohmann::json readJsonFile(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return nlohmann::json();
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception&) {
        return nlohmann::json();
    }
}

}  // namespace

std::string numberText(double v) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

fs::path pointDirectory(const fs::path& outDir, std::size_t index) { return outDir / "points" / std::to_string(index); }

nlohmann::json toJson(const PointRecord& r) {
    nlohmann::json j;
    j["point"] = r.index;
    j["values"] = r.values;
    j["seed"] = r.seed ? nlohmann::json(*r.seed) : nlohmann::json();
    j["fingerprint"] = r.fingerprint;
    j["status"] = r.ok ? "ok" : "failed";
    j["message"] = r.message;
    j["figures"] = nlohmann::json::array();
    for (const auto& f : r.figures) j["figures"].push_back({{"key", f.key}, {"value", f.value}, {"unit", f.unit}});
    j["details"] = r.details;
    return j;
}

std::optional<PointRecord> readPointRecord(const fs::path& outDir, std::size_t index) {
    const nlohmann::json j = readJsonFile(pointDirectory(outDir, index) / "point.json");
    try {
        if (!j.is_object() || j.at("point").get<std::size_t>() != index) return std::nullopt;
        PointRecord r;
        r.index = index;
        for (const auto& v : j.at("values")) r.values.push_back(v);
        if (!j.at("seed").is_null()) r.seed = j.at("seed").get<std::uint64_t>();
        r.fingerprint = j.at("fingerprint").get<std::string>();
        r.ok = j.at("status").get<std::string>() == "ok";
        r.message = j.at("message").get<std::string>();
        for (const auto& f : j.at("figures"))
            r.figures.push_back({f.at("key").get<std::string>(), f.at("value").get<std::string>(), f.at("unit").get<std::string>()});
        r.details = j.value("details", nlohmann::json::object());
        return r;
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;  // a record from another version or damaged: run the point again
    }
}

Provenance makeProvenance(const Project& project, const Study& study, const std::string& projectFile,
                          const std::string& projectBytes, const std::string& studioVersion) {
    Provenance p;
    p.projectFile = projectFile;
    p.projectSha256 = sha256Hex(projectBytes);
    p.projectName = project.name();
    p.studioVersion = studioVersion;
    p.studyId = study.id;
    p.experimentId = study.experimentId;
    p.studyDefinition = project.tree()["studies"][study.index];
    for (const auto& a : study.axes) p.axisLabels.push_back(a.label);
    p.seeded = study.seedBase.has_value();
    const std::size_t n = pointCount(study);
    p.fingerprints.reserve(n);
    for (std::size_t k = 0; k < n; ++k)
        p.fingerprints.push_back(pointFingerprint(pointProject(project, study, point(study, k)), study.experimentId));
    return p;
}

void writeProvenance(const fs::path& outDir, const Provenance& p) {
    nlohmann::ordered_json j;
    j["format"] = "memristor-studio-study";
    j["version"] = 1;
    j["project"] = {{"file", p.projectFile}, {"sha256", p.projectSha256}, {"name", p.projectName}};
    j["studioVersion"] = p.studioVersion;
    j["study"] = p.studyId;
    j["experiment"] = p.experimentId;
    j["definition"] = p.studyDefinition;
    j["axes"] = p.axisLabels;
    j["seeded"] = p.seeded;
    j["points"] = p.fingerprints.size();
    j["fingerprints"] = p.fingerprints;
    std::error_code ec;
    fs::create_directories(outDir, ec);
    if (ec) throw InputError(outDir.string(), "cannot create: " + ec.message());
    writeAtomically(outDir / "provenance.json", j.dump(2) + "\n");
}

Provenance readProvenance(const fs::path& outDir) {
    const fs::path file = outDir / "provenance.json";
    const nlohmann::json j = readJsonFile(file);
    if (!j.is_object() || j.value("format", std::string()) != "memristor-studio-study")
        throw InputError(file.string(), "missing or not a study's provenance file (is " + outDir.string() +
                                            " the --out folder of `memstudio-cli study`?)");
    try {
        Provenance p;
        p.projectFile = j.at("project").at("file").get<std::string>();
        p.projectSha256 = j.at("project").at("sha256").get<std::string>();
        p.projectName = j.at("project").at("name").get<std::string>();
        p.studioVersion = j.at("studioVersion").get<std::string>();
        p.studyId = j.at("study").get<std::string>();
        p.experimentId = j.at("experiment").get<std::string>();
        p.studyDefinition = j.at("definition");
        p.axisLabels = j.at("axes").get<std::vector<std::string>>();
        p.seeded = j.at("seeded").get<bool>();
        p.fingerprints = j.at("fingerprints").get<std::vector<std::string>>();
        return p;
    } catch (const nlohmann::json::exception& e) {
        throw InputError(file.string(), std::string("malformed: ") + e.what());
    }
}

std::string studyTable(const Provenance& p, const std::vector<PointRecord>& records) {
    // Figure columns: every key any point reported, in order of first appearance.
    std::vector<std::pair<std::string, std::string>> columns;  // key, unit
    for (const auto& r : records)
        for (const auto& f : r.figures) {
            bool known = false;
            for (const auto& c : columns) known = known || c.first == f.key;
            if (!known) columns.emplace_back(f.key, f.unit);
        }
    std::ostringstream out;
    out << "point";
    for (const auto& label : p.axisLabels) out << ',' << csvField(label);
    out << ",seed";
    for (const auto& [key, unit] : columns) out << ',' << csvField(unit.empty() ? key : key + " (" + unit + ")");
    out << ",status,message\n";
    for (const auto& r : records) {
        out << r.index;
        for (std::size_t a = 0; a < p.axisLabels.size(); ++a)
            out << ',' << (a < r.values.size() ? csvField(valueText(r.values[a])) : std::string());
        out << ',' << (r.seed ? std::to_string(*r.seed) : std::string());
        for (const auto& c : columns) {
            std::string cell;
            for (const auto& f : r.figures)
                if (f.key == c.first) cell = f.value;
            out << ',' << csvField(cell);
        }
        out << ',' << (r.ok ? "ok" : "failed") << ',' << csvField(r.message) << '\n';
    }
    return out.str();
}

void writeStudyTable(const fs::path& outDir) {
    const Provenance p = readProvenance(outDir);
    std::vector<PointRecord> records;
    std::vector<std::size_t> missing, stale;
    for (std::size_t k = 0; k < p.fingerprints.size(); ++k) {
        auto r = readPointRecord(outDir, k);
        if (!r)
            missing.push_back(k);
        else if (r->fingerprint != p.fingerprints[k])
            stale.push_back(k);
        else
            records.push_back(std::move(*r));
    }
    auto list = [](const std::vector<std::size_t>& points) {
        std::string text;
        for (std::size_t k = 0; k < points.size() && k < 10; ++k) text += (k ? ", " : "") + std::to_string(points[k]);
        return points.size() > 10 ? text + ", ... (" + std::to_string(points.size()) + " in all)" : text;
    };
    if (!missing.empty() || !stale.empty())
        throw InputError(outDir.string(),
                         "the study is incomplete: " +
                             (missing.empty() ? std::string() : "points " + list(missing) + " have no result") +
                             (missing.empty() || stale.empty() ? "" : "; ") +
                             (stale.empty() ? std::string() : "points " + list(stale) + " were run for another definition") +
                             " (run the missing shards, or the study again, which runs only these)");
    writeAtomically(outDir / "study.csv", studyTable(p, records));
}

}  // namespace ms::study
