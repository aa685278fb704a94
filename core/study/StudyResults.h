// A study's output folder (docs/studies.md):
//   DIR/provenance.json       project file and SHA-256, studio version, study,
//                             and the fingerprint of every point
//   DIR/points/<p>/point.json the point's record (values, seed, status, figures)
//   DIR/points/<p>/*.csv      the point's series
//   DIR/study.csv             one row per point, built only from the records,
//                             so a merge of shards writes the same bytes
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/project/Project.h"
#include "core/study/Study.h"

namespace ms::study {

struct FigureText {
    std::string key;
    std::string value;  // shortest round-trip text ("inf", "nan" too)
    std::string unit;
};

struct PointRecord {
    std::size_t index = 0;
    std::vector<nlohmann::json> values;  // per axis
    std::optional<std::uint64_t> seed;
    std::string fingerprint;
    bool ok = false;
    std::string message;                 // why it failed
    std::vector<FigureText> figures;     // in the order the run reported them
    nlohmann::json details = nlohmann::json::object();  // series, log, wall time, version: not in the table
};

// Shortest text that reads back to the same double.
std::string numberText(double v);

nlohmann::json toJson(const PointRecord& r);
// Nullopt when DIR/points/<p>/point.json is missing or unreadable.
std::optional<PointRecord> readPointRecord(const std::filesystem::path& outDir, std::size_t index);
std::filesystem::path pointDirectory(const std::filesystem::path& outDir, std::size_t index);

struct Provenance {
    std::string projectFile, projectSha256, projectName, studioVersion, studyId, experimentId;
    nlohmann::json studyDefinition;       // the study object as the file holds it
    std::vector<std::string> axisLabels;
    bool seeded = false;
    std::vector<std::string> fingerprints;  // per point
};

Provenance makeProvenance(const Project& project, const Study& study, const std::string& projectFile,
                          const std::string& projectBytes, const std::string& studioVersion);
// Written atomically (temp file and rename): shards start at the same time.
void writeProvenance(const std::filesystem::path& outDir, const Provenance& p);
Provenance readProvenance(const std::filesystem::path& outDir);  // InputError if missing or malformed

// The table of every point (records sorted by index, one per point).
std::string studyTable(const Provenance& p, const std::vector<PointRecord>& records);

// Reads every point's record, checks it against the provenance's
// fingerprints and writes DIR/study.csv (atomically). InputError naming the
// missing or stale points when the study is incomplete.
void writeStudyTable(const std::filesystem::path& outDir);

}  // namespace ms::study
