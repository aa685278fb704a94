#include "core/crossbar/CrossbarJson.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/common/Errors.h"
#include "core/common/ParamSpec.h"
#include "core/crossbar/ConductanceMap.h"
#include "core/crossbar/CrossbarAnalysis.h"

namespace ms {

namespace {

std::string at(const std::string& path, const std::string& key) { return path + "." + key; }

std::string typeOf(const nlohmann::json& v) { return v.is_number() ? "number" : v.type_name(); }

void rejectUnknown(const nlohmann::json& o, const std::vector<std::string>& known, const std::string& path) {
    for (const auto& [key, value] : o.items()) {
        (void)value;
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            std::string list;
            for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
            throw InputError(at(path, key), "unknown field (known here: " + list + ")");
        }
    }
}

double number(const nlohmann::json& o, const std::string& key, double fallback, const std::string& path) {
    if (!o.contains(key)) return fallback;
    const auto& v = o.at(key);
    if (!v.is_number()) throw InputError(at(path, key), "must be a number (got " + typeOf(v) + ")");
    const double x = v.get<double>();
    if (!std::isfinite(x)) throw InputError(at(path, key), "must be finite");
    return x;
}

double positive(const nlohmann::json& o, const std::string& key, const std::string& unit, const std::string& path) {
    if (!o.contains(key)) throw InputError(at(path, key), "missing (" + unit + ")");
    const double x = number(o, key, 0, path);
    if (x <= 0) throw InputError(at(path, key), formatWithUnit(x, unit) + ": must be positive");
    return x;
}

const nlohmann::json& object(const nlohmann::json& o, const std::string& key, const std::string& path) {
    const auto& v = o.at(key);
    if (!v.is_object()) throw InputError(at(path, key), "must be an object (got " + typeOf(v) + ")");
    return v;
}

Eigen::MatrixXd matrix(const nlohmann::json& v, const std::string& path) {
    if (!v.is_array() || v.empty()) throw InputError(path, "must be a non-empty array of rows (arrays of numbers)");
    Eigen::MatrixXd m;
    for (std::size_t i = 0; i < v.size(); ++i) {
        const std::string rowPath = path + "[" + std::to_string(i) + "]";
        if (!v[i].is_array() || v[i].empty()) throw InputError(rowPath, "must be a non-empty array of numbers");
        if (i == 0) m.resize(Eigen::Index(v.size()), Eigen::Index(v[0].size()));
        if (v[i].size() != std::size_t(m.cols()))
            throw InputError(rowPath, "has " + std::to_string(v[i].size()) + " values but row 0 has " +
                                          std::to_string(m.cols()));
        for (std::size_t j = 0; j < v[i].size(); ++j) {
            const std::string cellPath = rowPath + "[" + std::to_string(j) + "]";
            if (!v[i][j].is_number()) throw InputError(cellPath, "must be a number (got " + typeOf(v[i][j]) + ")");
            m(Eigen::Index(i), Eigen::Index(j)) = v[i][j].get<double>();
            if (!std::isfinite(m(Eigen::Index(i), Eigen::Index(j)))) throw InputError(cellPath, "must be finite");
        }
    }
    return m;
}

std::string mismatch(const char* what, Eigen::Index r, Eigen::Index c, std::size_t rows, std::size_t cols) {
    return std::string(what) + " is " + std::to_string(r) + "×" + std::to_string(c) + " but size is " +
           std::to_string(rows) + "×" + std::to_string(cols);
}

void readConductance(const nlohmann::json& c, const std::string& path, CrossbarDesign& d) {
    CrossbarSpec& s = d.spec;
    if (!c.is_object() || !c.contains("source") || !c["source"].is_string())
        throw InputError(path, "must be an object with \"source\": uniform, random, csv, matrix or weights");
    d.source = c["source"].get<std::string>();
    if (d.source == "uniform") {
        rejectUnknown(c, {"source", "g"}, path);
        d.gMin = d.gMax = positive(c, "g", "S", path);
        s.conductance.assign(s.rows * s.cols, d.gMax);
    } else if (d.source == "random") {
        rejectUnknown(c, {"source", "gMin", "gMax", "seed", "onFraction"}, path);
        d.gMin = positive(c, "gMin", "S", path);
        d.gMax = positive(c, "gMax", "S", path);
        if (d.gMax < d.gMin) throw InputError(at(path, "gMax"), "must not be below gMin");
        const double seed = number(c, "seed", 1, path);
        if (seed < 0 || seed != std::floor(seed) || seed > 9e15)
            throw InputError(at(path, "seed"), "must be a whole number >= 0");
        d.seed = std::uint64_t(seed);
        d.onFraction = number(c, "onFraction", -1, path);
        if (c.contains("onFraction") && (d.onFraction < 0 || d.onFraction > 1))
            throw InputError(at(path, "onFraction"), "must lie in [0, 1] (fraction of cells at gMax)");
        s.conductance = randomConductanceMap(s.rows, s.cols, d.gMin, d.gMax, d.seed, d.onFraction);
    } else if (d.source == "csv") {
        rejectUnknown(c, {"source", "file"}, path);
        if (!c.contains("file") || !c["file"].is_string()) throw InputError(at(path, "file"), "missing (a CSV file path)");
        s.conductance = loadConductanceCsv(c["file"].get<std::string>(), s.rows, s.cols);
    } else if (d.source == "matrix") {
        rejectUnknown(c, {"source", "values"}, path);
        if (!c.contains("values")) throw InputError(at(path, "values"), "missing (rows of conductances in S)");
        const Eigen::MatrixXd m = matrix(c["values"], at(path, "values"));
        if (std::size_t(m.rows()) != s.rows || std::size_t(m.cols()) != s.cols)
            throw InputError(at(path, "values"), mismatch("the matrix", m.rows(), m.cols(), s.rows, s.cols));
        s.conductance.resize(s.rows * s.cols);
        for (std::size_t i = 0; i < s.rows; ++i)
            for (std::size_t j = 0; j < s.cols; ++j) s.g(i, j) = m(Eigen::Index(i), Eigen::Index(j));
    } else if (d.source == "weights") {
        rejectUnknown(c, {"source", "weights", "gMin", "gMax"}, path);
        d.gMin = positive(c, "gMin", "S", path);
        d.gMax = positive(c, "gMax", "S", path);
        if (d.gMax <= d.gMin) throw InputError(at(path, "gMax"), "must exceed gMin");
        if (!c.contains("weights")) throw InputError(at(path, "weights"), "missing (rows of weights)");
        const Eigen::MatrixXd w = matrix(c["weights"], at(path, "weights"));
        const std::size_t wantCols = d.differential ? s.cols / 2 : s.cols;
        if (std::size_t(w.rows()) != s.rows || std::size_t(w.cols()) != wantCols || (d.differential && s.cols % 2))
            throw InputError(at(path, "weights"),
                             mismatch("the weight matrix", w.rows(), w.cols(), s.rows, s.cols) +
                                 (d.differential ? " (a differential array has 2 columns per weight column)" : ""));
        if (d.differential)
            s.conductance = differentialCrossbar(s, w, d.gMin, d.gMax).conductance;
        else
            s.conductance = programmedConductanceMap(w, d.gMin, d.gMax);
    } else if (d.source == "device") {
        // Every cell at the device's initial state; the project layer fills
        // the map from the model (it owns device parsing).
        rejectUnknown(c, {"source", "vRead"}, path);
        d.deviceReadVoltage = number(c, "vRead", 0.1, path);
        if (d.deviceReadVoltage <= 0) throw InputError(at(path, "vRead"), "must be positive (V)");
        s.conductance.assign(s.rows * s.cols, 1.0);
    } else {
        throw InputError(at(path, "source"),
                         "unknown source '" + d.source + "' (known: uniform, random, csv, matrix, weights, device)");
    }
    if (d.differential && d.source != "weights")
        throw InputError(at(path, "source"), "a differential array is programmed from signed weights: use \"weights\"");
}

}  // namespace

CrossbarDesign readCrossbarJson(const nlohmann::json& value, const nlohmann::json& root, const std::string& path) {
    CrossbarDesign d;
    const nlohmann::json* o = &value;
    d.path = path;
    if (value.is_string()) {
        const std::string id = value.get<std::string>();
        o = nullptr;
        std::string known;
        if (root.is_object() && root.contains("crossbars") && root["crossbars"].is_array())
            for (std::size_t k = 0; k < root["crossbars"].size(); ++k) {
                const auto& c = root["crossbars"][k];
                if (c.is_object() && c.contains("id") && c["id"].is_string()) {
                    known += (known.empty() ? "" : ", ") + c["id"].get<std::string>();
                    if (c["id"].get<std::string>() == id && !o) {
                        o = &c;
                        d.path = "crossbars[" + std::to_string(k) + "]";
                    }
                }
            }
        if (!o)
            throw InputError(path, "no crossbar with id '" + id + "' in crossbars" +
                                       (known.empty() ? std::string(" (the project has none)") : " (known: " + known + ")"));
    } else if (!value.is_object()) {
        throw InputError(path, "must be a crossbar object {\"size\", \"cellType\", \"conductance\", ...} or the id of an "
                               "entry in crossbars (got " + typeOf(value) + ")");
    }
    const auto& c = *o;
    const std::string& p = d.path;
    rejectUnknown(c, {"id", "name", "description", "size", "cellType", "rWireRow", "rWireCol", "rDriver", "rSense",
                      "cWireRow", "cWireCol", "nonlinearity", "selector", "transistor", "conductance", "device"},
                  p);
    CrossbarSpec& s = d.spec;
    if (!c.contains("size")) throw InputError(at(p, "size"), "missing ([rows, columns])");
    const auto& size = c["size"];
    if (!size.is_array() || size.size() != 2 || !size[0].is_number_integer() || !size[1].is_number_integer() ||
        size[0].get<long long>() < 1 || size[1].get<long long>() < 1)
        throw InputError(at(p, "size"), "must be [rows, columns], two whole numbers >= 1 (got " + size.dump() + ")");
    s.rows = std::size_t(size[0].get<long long>());
    s.cols = std::size_t(size[1].get<long long>());
    // Refuse an array the machine cannot hold before any map is drawn or read.
    if (double(s.rows) * double(s.cols) > 1e10) throw InputError(at(p, "size"), "is absurdly large (more than 1e10 cells)");
    checkCrossbarMemory(s, p);

    const std::string cell = c.contains("cellType") ? (c["cellType"].is_string() ? c["cellType"].get<std::string>() : "?")
                                                    : "1R";
    if (cell == "differential") {
        d.differential = true;
        s.cellType = CellType::OneR;
    } else {
        try {
            s.cellType = cellTypeFromString(cell, at(p, "cellType"));
        } catch (const InputError&) {
            throw InputError(at(p, "cellType"), "unknown cell type " + c["cellType"].dump() +
                                                    " (known: 1R, 1T1R, 1S1R, differential)");
        }
    }
    s.rWireRow = number(c, "rWireRow", 0, p);
    s.rWireCol = number(c, "rWireCol", 0, p);
    s.rDriver = number(c, "rDriver", 0, p);
    s.rSense = number(c, "rSense", 0, p);
    s.cWireRow = number(c, "cWireRow", 0, p);
    s.cWireCol = number(c, "cWireCol", 0, p);
    if (c.contains("nonlinearity")) {
        const auto& n = object(c, "nonlinearity", p);
        rejectUnknown(n, {"kr", "vRef"}, at(p, "nonlinearity"));
        s.nonlinearity.kr = number(n, "kr", 2.0, at(p, "nonlinearity"));
        s.nonlinearity.vRef = number(n, "vRef", 1.0, at(p, "nonlinearity"));
    }
    if (c.contains("selector")) {
        const auto& n = object(c, "selector", p);
        rejectUnknown(n, {"is", "vs"}, at(p, "selector"));
        s.selector.is = number(n, "is", s.selector.is, at(p, "selector"));
        s.selector.vs = number(n, "vs", s.selector.vs, at(p, "selector"));
    }
    if (c.contains("transistor")) {
        const auto& n = object(c, "transistor", p);
        rejectUnknown(n, {"rOn", "rOff"}, at(p, "transistor"));
        s.transistor.rOn = number(n, "rOn", s.transistor.rOn, at(p, "transistor"));
        s.transistor.rOff = number(n, "rOff", s.transistor.rOff, at(p, "transistor"));
    }
    if (!c.contains("conductance") && c.contains("device"))
        readConductance(nlohmann::json{{"source", "device"}}, at(p, "conductance"), d);
    else if (!c.contains("conductance"))
        throw InputError(at(p, "conductance"), "missing (the programmed map: {\"source\": uniform | random | csv | "
                                               "matrix | weights, ...})");
    else
        readConductance(c["conductance"], at(p, "conductance"), d);
    if (d.source == "device" && !c.contains("device"))
        throw InputError(at(p, "device"), "missing: the conductance source \"device\" needs a device model");
    validateCrossbar(s, p);
    if (c.contains("device")) {
        d.device = c["device"];
        d.devicePath = at(p, "device");
    }
    return d;
}

std::vector<double> conductanceAtSize(const CrossbarDesign& d, std::size_t rows, std::size_t cols) {
    if (d.source == "random") return randomConductanceMap(rows, cols, d.gMin, d.gMax, d.seed, d.onFraction);
    const auto& g = d.spec.conductance;
    const double mean = std::accumulate(g.begin(), g.end(), 0.0) / double(g.size());
    return std::vector<double>(rows * cols, mean);
}

}  // namespace ms
