// Reading measured data files: CSV (comma, semicolon or tab) and
// whitespace-separated text, with an optional header row and '#' comment
// lines. Every problem names the file, line and column ("sweep.csv:12:3"),
// because a user fixes a measurement file in a text editor.
#pragma once

#include <string>
#include <vector>

namespace ms::fit {

enum class Delimiter { Auto, Comma, Semicolon, Tab, Whitespace };

// A numeric table: column names (from the header, or "column 1", ...) and
// values column-major. `line[r]` is the 1-based file line of data row r.
struct MeasurementTable {
    std::string origin;                        // file name used in messages
    std::vector<std::string> names;
    std::vector<std::vector<double>> columns;  // columns[c][r]
    std::vector<int> line;
    bool hasHeader = false;
    std::string comment;  // text of the leading '#' lines, joined by '\n'
    std::size_t rows() const { return line.size(); }
    // Index of a column by header name (case-insensitive) or by 1-based number
    // ("2"); throws InputError naming the choices when there is none.
    std::size_t columnIndex(const std::string& nameOrNumber, const std::string& what) const;
};

// Parses text. Header: the first non-comment row is a header when any of its
// cells is not a number. Throws InputError("origin:line:column", why) for a
// non-numeric or non-finite (NaN, inf) cell, a row with a different number of
// cells than the first, and for a file without data rows.
MeasurementTable parseMeasurementTable(const std::string& text, const std::string& origin,
                                       Delimiter delimiter = Delimiter::Auto);
// Reads and parses a file; InputError when it cannot be opened.
MeasurementTable readMeasurementFile(const std::string& path, Delimiter delimiter = Delimiter::Auto);

// The first `maxLines` lines split into cells without number checks: the
// import dialog's preview of a file that may still be malformed.
std::vector<std::vector<std::string>> previewCells(const std::string& text, std::size_t maxLines,
                                                   Delimiter delimiter = Delimiter::Auto);

// SI factor of a unit as written at import ("mV" -> 1e-3, "kohm" / "kΩ" ->
// 1e3, "uA" / "µA" -> 1e-6). `quantity` is the SI unit it must be a multiple
// of ("V", "A", "s", "S", "ohm"); InputError(where, ...) for anything else.
double unitFactor(const std::string& unit, const std::string& quantity, const std::string& where);
// The units an import dialog offers for a quantity, SI first.
std::vector<std::string> unitChoices(const std::string& quantity);

Delimiter parseDelimiter(const std::string& name, const std::string& where);  // "auto", "comma", ...

}  // namespace ms::fit
