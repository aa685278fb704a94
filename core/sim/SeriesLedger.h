// The series contract of FrameSink (Frames.h), enforced in one place: a series
// is declared once per run, with at least one column, before its rows, and no
// two series of a run share a file-safe name (memstudio-cli writes each series
// to "<experiment>.<fileSafe(id)>.csv", so such a pair would overwrite). The
// CLI's CSV sink, the studio's runner and every recording sink in the tests
// keep one ledger, so a test double refuses exactly what memstudio-cli refuses
// (a lenient test sink once hid two example projects that failed in the CLI).
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>

#include "core/common/Errors.h"

namespace ms {

class SeriesLedger {
public:
    // Registers `id` with `columns` columns; refuses a second declaration.
    void declare(const std::string& id, std::size_t columns) {
        if (id.empty()) throw SimulationError("a series was declared without an id");
        if (columns == 0) throw SimulationError("series '" + id + "' declared with no columns");
        if (widths_.count(id)) throw SimulationError("series '" + id + "' declared twice in one run");
        const auto [other, fresh] = safeNames_.emplace(fileSafe(id), id);
        if (!fresh)
            throw SimulationError("series '" + id + "' and '" + other->second + "' have the same file name '" +
                                  other->first + "'");
        widths_.emplace(id, columns);
    }
    // The declared column count of `id`; refuses rows for an undeclared series.
    std::size_t columns(const std::string& id) const {
        const auto it = widths_.find(id);
        if (it == widths_.end()) throw SimulationError("rows for undeclared series '" + id + "'");
        return it->second;
    }
    bool declared(const std::string& id) const { return widths_.count(id) != 0; }
    void clear() {
        widths_.clear();
        safeNames_.clear();
    }

    // `name` with every character outside [A-Za-z0-9._@=+-] replaced by '_'.
    static std::string fileSafe(std::string name) {
        for (char& ch : name) {
            const bool keep = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                              ch == '.' || ch == '_' || ch == '-' || ch == '@' || ch == '=' || ch == '+';
            if (!keep) ch = '_';
        }
        return name;
    }

private:
    std::unordered_map<std::string, std::size_t> widths_;
    std::unordered_map<std::string, std::string> safeNames_;  // file-safe name -> id
};

}  // namespace ms
