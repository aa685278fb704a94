#include "core/fit/MeasurementTable.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/common/Errors.h"

namespace ms::fit {
namespace {

std::string trim(const std::string& s) {
    std::size_t a = 0, b = s.size();
    while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
    std::string out = s.substr(a, b - a);
    if (out.size() >= 2 && out.front() == '"' && out.back() == '"') out = out.substr(1, out.size() - 2);
    return out;
}

std::vector<std::string> splitLines(const std::string& text) {
    std::vector<std::string> lines;
    std::string cur;
    for (char c : text) {
        if (c == '\n') {
            lines.push_back(cur);
            cur.clear();
        } else if (c != '\r') {
            cur += c;
        }
    }
    if (!cur.empty()) lines.push_back(cur);
    return lines;
}

bool isComment(const std::string& line) {
    const std::string t = trim(line);
    return !t.empty() && t[0] == '#';
}
bool isBlank(const std::string& line) { return trim(line).empty(); }

Delimiter detect(const std::vector<std::string>& lines) {
    for (const auto& l : lines) {
        if (isBlank(l) || isComment(l)) continue;
        if (l.find(',') != std::string::npos) return Delimiter::Comma;
        if (l.find(';') != std::string::npos) return Delimiter::Semicolon;
        if (l.find('\t') != std::string::npos) return Delimiter::Tab;
        return Delimiter::Whitespace;
    }
    return Delimiter::Whitespace;
}

std::vector<std::string> splitCells(const std::string& line, Delimiter d) {
    std::vector<std::string> cells;
    if (d == Delimiter::Whitespace) {
        std::istringstream in(line);
        std::string cell;
        while (in >> cell) cells.push_back(trim(cell));
        return cells;
    }
    const char sep = d == Delimiter::Comma ? ',' : d == Delimiter::Semicolon ? ';' : '\t';
    std::string cur;
    for (char c : line) {
        if (c == sep) {
            cells.push_back(trim(cur));
            cur.clear();
        } else {
            cur += c;
        }
    }
    cells.push_back(trim(cur));
    // A trailing separator (spreadsheet export) leaves one empty last cell.
    if (cells.size() > 1 && cells.back().empty()) cells.pop_back();
    return cells;
}

// Parses a whole cell as a number; false for text, empty or trailing junk.
bool parseNumber(const std::string& cell, double& value) {
    if (cell.empty()) return false;
    const char* begin = cell.c_str();
    char* end = nullptr;
    errno = 0;
    value = std::strtod(begin, &end);
    return end == begin + cell.size();
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

}  // namespace

std::size_t MeasurementTable::columnIndex(const std::string& nameOrNumber, const std::string& what) const {
    const std::string key = lower(trim(nameOrNumber));
    for (std::size_t c = 0; c < names.size(); ++c)
        if (lower(names[c]) == key) return c;
    double number = 0;
    if (parseNumber(key, number) && number >= 1 && number <= static_cast<double>(columns.size()) &&
        number == std::floor(number))
        return static_cast<std::size_t>(number) - 1;
    std::string known;
    for (std::size_t c = 0; c < names.size(); ++c)
        known += (c ? ", " : "") + std::string("'") + names[c] + "'";
    throw InputError(origin, what + " column '" + nameOrNumber + "' not found (columns: " + known +
                                 ", or a number 1.." + std::to_string(columns.size()) + ")");
}

MeasurementTable parseMeasurementTable(const std::string& text, const std::string& origin, Delimiter delimiter) {
    const auto lines = splitLines(text);
    const Delimiter d = delimiter == Delimiter::Auto ? detect(lines) : delimiter;
    MeasurementTable t;
    t.origin = origin;
    std::size_t width = 0;
    int widthLine = 0;
    bool sawRow = false;
    for (std::size_t k = 0; k < lines.size(); ++k) {
        const int lineNo = static_cast<int>(k) + 1;
        const std::string& line = lines[k];
        if (isBlank(line)) continue;
        if (isComment(line)) {
            if (!sawRow) t.comment += (t.comment.empty() ? "" : "\n") + trim(trim(line).substr(1));
            continue;
        }
        const auto cells = splitCells(line, d);
        const std::string where = origin + ":" + std::to_string(lineNo);
        if (!sawRow) {
            sawRow = true;
            width = cells.size();
            widthLine = lineNo;
            double v = 0;
            const bool header = std::any_of(cells.begin(), cells.end(), [&](const std::string& c) {
                return !parseNumber(c, v) && !(lower(c) == "nan" || lower(c) == "inf" || lower(c) == "-inf");
            });
            t.columns.assign(width, {});
            if (header) {
                t.hasHeader = true;
                for (std::size_t c = 0; c < width; ++c)
                    t.names.push_back(cells[c].empty() ? "column " + std::to_string(c + 1) : cells[c]);
                continue;
            }
            for (std::size_t c = 0; c < width; ++c) t.names.push_back("column " + std::to_string(c + 1));
        }
        if (cells.size() != width)
            throw InputError(where, "row has " + std::to_string(cells.size()) + " cells, but line " +
                                        std::to_string(widthLine) + " has " + std::to_string(width) +
                                        " (ragged row)");
        for (std::size_t c = 0; c < width; ++c) {
            const std::string at = where + ":" + std::to_string(c + 1);
            const std::string col = "column " + std::to_string(c + 1) + " ('" + t.names[c] + "')";
            double v = 0;
            if (cells[c].empty()) throw InputError(at, col + " is empty");
            if (!parseNumber(cells[c], v)) throw InputError(at, col + ": '" + cells[c] + "' is not a number");
            if (!std::isfinite(v)) throw InputError(at, col + ": '" + cells[c] + "' is not a finite number");
            t.columns[c].push_back(v);
        }
        t.line.push_back(lineNo);
    }
    if (t.line.empty())
        throw InputError(origin, sawRow ? "the file has a header but no data rows" : "the file is empty (no data rows)");
    return t;
}

MeasurementTable readMeasurementFile(const std::string& path, Delimiter delimiter) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, std::string("cannot open measurement file: ") + std::strerror(errno));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const auto slash = path.find_last_of('/');
    return parseMeasurementTable(buffer.str(), slash == std::string::npos ? path : path.substr(slash + 1), delimiter);
}

std::vector<std::vector<std::string>> previewCells(const std::string& text, std::size_t maxLines, Delimiter delimiter) {
    const auto lines = splitLines(text);
    const Delimiter d = delimiter == Delimiter::Auto ? detect(lines) : delimiter;
    std::vector<std::vector<std::string>> out;
    for (const auto& l : lines) {
        if (out.size() >= maxLines) break;
        if (isBlank(l) || isComment(l)) continue;
        out.push_back(splitCells(l, d));
    }
    return out;
}

namespace {
struct Prefix {
    const char* text;
    double factor;
};
const Prefix kPrefixes[] = {{"", 1.0},    {"T", 1e12},  {"G", 1e9},      {"M", 1e6},      {"k", 1e3},
                            {"m", 1e-3},  {"u", 1e-6},  {"\xC2\xB5", 1e-6}, {"\xCE\xBC", 1e-6}, {"n", 1e-9},
                            {"p", 1e-12}, {"f", 1e-15}};

std::vector<std::string> aliases(const std::string& quantity) {
    if (quantity == "ohm") return {"ohm", "Ohm", "ohms", "\xCE\xA9", "\xE2\x84\xA6"};
    if (quantity == "") return {"", "#"};
    return {quantity};
}
}  // namespace

double unitFactor(const std::string& unit, const std::string& quantity, const std::string& where) {
    const std::string u = trim(unit);
    for (const auto& alias : aliases(quantity)) {
        if (u.size() < alias.size() || u.compare(u.size() - alias.size(), alias.size(), alias) != 0) continue;
        const std::string prefix = u.substr(0, u.size() - alias.size());
        if (quantity.empty() && !prefix.empty()) continue;
        for (const auto& p : kPrefixes)
            if (prefix == p.text) return p.factor;
    }
    std::string known;
    for (const auto& c : unitChoices(quantity)) known += (known.empty() ? "" : ", ") + c;
    throw InputError(where, "unknown unit '" + unit + "' for " + (quantity.empty() ? "a count" : quantity) +
                                " (known: " + known + ")");
}

std::vector<std::string> unitChoices(const std::string& quantity) {
    if (quantity == "V") return {"V", "mV", "uV"};
    if (quantity == "A") return {"A", "mA", "uA", "nA", "pA"};
    if (quantity == "s") return {"s", "ms", "us", "ns"};
    if (quantity == "S") return {"S", "mS", "uS", "nS", "pS"};
    if (quantity == "ohm") return {"ohm", "kohm", "Mohm", "Gohm"};
    return {""};
}

Delimiter parseDelimiter(const std::string& name, const std::string& where) {
    if (name == "auto" || name.empty()) return Delimiter::Auto;
    if (name == "comma") return Delimiter::Comma;
    if (name == "semicolon") return Delimiter::Semicolon;
    if (name == "tab") return Delimiter::Tab;
    if (name == "whitespace") return Delimiter::Whitespace;
    throw InputError(where, "must be \"auto\", \"comma\", \"semicolon\", \"tab\" or \"whitespace\" (got \"" + name + "\")");
}

}  // namespace ms::fit
