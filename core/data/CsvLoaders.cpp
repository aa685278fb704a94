// Digits (UCI optdigits as shipped by scikit-learn) and Iris CSV loaders.
// Every problem is reported as InputError("<file>:<line>:<column>", what).
#include <charconv>
#include <cmath>
#include <string_view>

#include "core/common/Errors.h"
#include "core/data/Dataset.h"
#include "core/data/FileBytes.h"

namespace ms {
namespace {

struct Field {
    std::string_view text;
    int column;  // 1-based character column where the field starts
};

std::string where(const std::string& path, int line, int column) {
    return path + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::vector<Field> splitFields(std::string_view line) {
    std::vector<Field> out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t comma = line.find(',', start);
        const std::size_t end = comma == std::string_view::npos ? line.size() : comma;
        std::string_view f = line.substr(start, end - start);
        int col = static_cast<int>(start) + 1;
        while (!f.empty() && (f.front() == ' ' || f.front() == '\t')) f.remove_prefix(1), ++col;
        while (!f.empty() && (f.back() == ' ' || f.back() == '\t')) f.remove_suffix(1);
        out.push_back({f, col});
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return out;
}

double parseNumber(const std::string& path, int line, const Field& f, int fieldIndex) {
    double v = 0.0;
    const char* b = f.text.data();
    const char* e = b + f.text.size();
    if (!f.text.empty() && *b == '+') ++b;
    auto [ptr, ec] = std::from_chars(b, e, v);
    if (f.text.empty())
        throw InputError(where(path, line, f.column), "field " + std::to_string(fieldIndex + 1) + " is empty");
    if (ec != std::errc() || ptr != e || !std::isfinite(v))
        throw InputError(where(path, line, f.column), "field " + std::to_string(fieldIndex + 1) + " '" +
                                                          std::string(f.text) + "' is not a finite number");
    return v;
}

int parseLabel(const std::string& path, int line, const Field& f, int fieldIndex, int classCount) {
    const double v = parseNumber(path, line, f, fieldIndex);
    if (v != std::round(v) || v < 0 || v >= classCount)
        throw InputError(where(path, line, f.column), "label '" + std::string(f.text) + "' must be a whole number in 0.." +
                                                          std::to_string(classCount - 1));
    return static_cast<int>(v);
}

// Calls `row(lineNumber, fields)` for each non-blank line.
template <typename RowFn>
void forEachLine(const std::string& path, const std::vector<std::uint8_t>& bytes, RowFn row) {
    std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    int lineNo = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        std::string_view line = text.substr(pos, nl - pos);
        pos = nl + 1;
        ++lineNo;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
        if (line.find('\0') != std::string_view::npos)
            throw InputError(where(path, lineNo, static_cast<int>(line.find('\0')) + 1),
                             "binary data (NUL byte) in a text file");
        row(lineNo, splitFields(line));
    }
}

}  // namespace

Dataset loadDigitsCsv(const std::string& path) {
    constexpr int kFeatures = 64;
    const auto bytes = readFileBytes(path);
    std::vector<double> values;
    std::vector<int> labels;
    forEachLine(path, bytes, [&](int line, const std::vector<Field>& f) {
        if (static_cast<int>(f.size()) != kFeatures + 1)
            throw InputError(where(path, line, f.back().column),
                             "has " + std::to_string(f.size()) + " values, expected 65 (64 pixels and a label)");
        for (int j = 0; j < kFeatures; ++j) {
            const double v = parseNumber(path, line, f[j], j);
            if (v < 0 || v > 16)
                throw InputError(where(path, line, f[j].column),
                                 "pixel " + std::to_string(j + 1) + " = " + std::string(f[j].text) + " outside 0..16");
            values.push_back(v);
        }
        labels.push_back(parseLabel(path, line, f[kFeatures], kFeatures, 10));
    });
    if (labels.empty()) throw InputError(path, "no data rows (empty file)");
    Dataset d;
    d.name = "digits";
    d.features = Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
        values.data(), static_cast<Eigen::Index>(labels.size()), kFeatures);
    d.labels = std::move(labels);
    d.classCount = 10;
    for (int c = 0; c < 10; ++c) d.classNames.push_back(std::to_string(c));
    d.imageWidth = d.imageHeight = 8;
    return d;
}

Dataset loadIrisCsv(const std::string& path) {
    constexpr double kMaxRows = 1e8, kMaxFeatures = 1e6;
    const auto bytes = readFileBytes(path);
    int expectedRows = -1, featureCount = 0;
    std::vector<std::string> names;
    std::vector<double> values;
    std::vector<int> labels;
    forEachLine(path, bytes, [&](int line, const std::vector<Field>& f) {
        if (expectedRows < 0) {  // header: count, features, class names
            if (f.size() < 3)
                throw InputError(where(path, line, 1),
                                 "header must be 'rows,features,class names...' (got " + std::to_string(f.size()) +
                                     " fields)");
            const double n = parseNumber(path, line, f[0], 0), k = parseNumber(path, line, f[1], 1);
            // Bounded before the casts to int: a larger double has no int value
            // (undefined behaviour; tests/robustness/test_fuzz_regressions).
            if (n < 1 || n != std::round(n) || n > kMaxRows)
                throw InputError(where(path, line, f[0].column), "row count must be a whole number from 1 to 100000000");
            if (k < 1 || k != std::round(k) || k > kMaxFeatures)
                throw InputError(where(path, line, f[1].column), "feature count must be a whole number from 1 to 1000000");
            expectedRows = static_cast<int>(n);
            featureCount = static_cast<int>(k);
            for (std::size_t i = 2; i < f.size(); ++i) names.emplace_back(f[i].text);
            return;
        }
        if (static_cast<int>(f.size()) != featureCount + 1)
            throw InputError(where(path, line, f.back().column),
                             "has " + std::to_string(f.size()) + " values, expected " +
                                 std::to_string(featureCount + 1) + " (features and a label)");
        for (int j = 0; j < featureCount; ++j) values.push_back(parseNumber(path, line, f[j], j));
        labels.push_back(parseLabel(path, line, f[featureCount], featureCount, static_cast<int>(names.size())));
    });
    if (expectedRows < 0) throw InputError(path, "empty file (no header line)");
    if (static_cast<int>(labels.size()) != expectedRows)
        throw InputError(path, "header promises " + std::to_string(expectedRows) + " rows but the file holds " +
                                   std::to_string(labels.size()) + " (truncated?)");
    Dataset d;
    d.name = "iris";
    d.features = Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
        values.data(), expectedRows, featureCount);
    d.labels = std::move(labels);
    d.classCount = static_cast<int>(names.size());
    d.classNames = std::move(names);
    return d;
}

}  // namespace ms
