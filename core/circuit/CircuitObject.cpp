#include "core/circuit/CircuitObject.h"

#include <algorithm>
#include <cmath>

#include "core/circuit/Circuit.h"
#include "core/circuit/ElementRegistry.h"
#include "core/circuit/NetlistJson.h"
#include "core/common/Errors.h"

namespace ms::circuit {

namespace {

using nlohmann::json;

std::string typeOf(const json& v) { return v.is_number() ? std::string("number") : std::string(v.type_name()); }

std::string joinNames(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

// Circuit's messages name elements by name ("elements.M1.params.R") and nodes
// by name ("node 'mid'"); the project file locates them by index, so a GUI can
// select the offending field. Returns the located problem.
CircuitProblem locate(const Netlist& n, const InputError& e, const std::string& netPath) {
    const std::string& p = e.path();
    const std::string elementsPath = netPath + ".elements";
    auto indexPath = [&](std::size_t k) { return elementsPath + "[" + std::to_string(k) + "]"; };
    if (p == "elements") return {elementsPath, e.why()};
    if (p.rfind("elements[", 0) == 0) return {netPath + "." + p, e.why()};
    if (p == "circuit") return {netPath, e.why()};
    if (p.rfind("elements.", 0) == 0) {
        // The longest element name that prefixes the rest (names may hold dots).
        const std::string rest = p.substr(9);
        const bool duplicate = e.why().find("used twice") != std::string::npos;
        std::size_t best = n.elements.size(), bestLen = 0;
        for (std::size_t k = 0; k < n.elements.size(); ++k) {
            const std::string& name = n.elements[k].name;
            if (name.empty() || name.size() < bestLen) continue;
            if (rest == name || rest.rfind(name + ".", 0) == 0) {
                if (name.size() > bestLen || duplicate) best = k;  // a duplicate: the later one is the problem
                bestLen = name.size();
            }
        }
        if (best < n.elements.size()) return {indexPath(best) + rest.substr(bestLen), e.why()};
        return {elementsPath, e.what()};
    }
    if (p.rfind("node '", 0) == 0 || p.rfind("nodes '", 0) == 0) {
        const auto a = p.find('\''), b = p.find('\'', a + 1);
        const std::string node = p.substr(a + 1, b - a - 1);
        for (std::size_t k = 0; k < n.elements.size(); ++k)
            for (std::size_t m = 0; m < n.elements[k].nodes.size(); ++m)
                if (n.elements[k].nodes[m] == node) {
                    // Name the pin too: "node 'x' (at R3 terminal n)".
                    const ElementKindInfo* info = elementRegistry().find(n.elements[k].kind);
                    const std::string terminal =
                        info && m < info->terminals.size() ? info->terminals[m] : std::to_string(m + 1);
                    return {indexPath(k) + ".nodes[" + std::to_string(m) + "]",
                            p + " (at " + n.elements[k].name + " terminal " + terminal + ") " + e.why()};
                }
    }
    return {netPath, e.what()};
}

// Structure first (kinds, names, terminals, parameters, devices: what a
// project file may not hold), then, if asked, connectivity (ground, floating
// nodes, loops of voltage sources: what a circuit being drawn may still
// lack, refused only when it is to be solved). Connectivity messages name
// the circuit, since they surface when an experiment runs.
Netlist parseAndCompile(const json& c, const std::string& path, Connectivity connectivity) {
    if (!c.is_object()) throw InputError(path, "a circuit must be an object (got " + typeOf(c) + ")");
    if (!c.contains("netlist")) throw InputError(path + ".netlist", "missing (an object {\"title\", \"elements\": [...]})");
    const std::string netPath = path + ".netlist";
    Netlist n = netlistFromJson(c["netlist"], netPath);
    try {
        Circuit compiled(n, Connectivity::Unchecked);
    } catch (const InputError& e) {
        const CircuitProblem located = locate(n, e, netPath);
        throw InputError(located.path, located.message);
    }
    if (connectivity == Connectivity::Required) {
        try {
            Circuit compiled(n, Connectivity::Required);
        } catch (const InputError& e) {
            const CircuitProblem located = locate(n, e, netPath);
            const std::string id = c.contains("id") && c["id"].is_string() ? c["id"].get<std::string>() : path;
            throw InputError(located.path, "circuit '" + id + "' cannot be simulated: " + located.message);
        }
    }
    return n;
}

const ElementSpec* elementNamed(const Netlist& n, const std::string& name) {
    for (const auto& e : n.elements)
        if (e.name == name) return &e;
    return nullptr;
}

std::vector<std::string> namesOfKind(const Netlist& n, const std::vector<std::string>& kinds) {
    std::vector<std::string> out;
    for (const auto& e : n.elements)
        for (const auto& k : kinds)
            if (e.kind == k) out.push_back(e.name);
    return out;
}

// Reads the cell block against the compiled netlist; throws InputError.
CellCircuit readCell(const json& c, const Netlist& n, const std::string& path) {
    const std::string cp = path + ".cell";
    if (!c.contains("cell")) throw InputError(cp, "missing: this circuit is not a synapse cell (no \"cell\" block)");
    const json& b = c["cell"];
    if (!b.is_object()) throw InputError(cp, "must be an object {\"id\", \"memristors\", ...} (got " + typeOf(b) + ")");
    if (!b.contains("id") || !b["id"].is_string())
        throw InputError(cp + ".id", "missing: the id of a cell in the cell registry (" + joinNames(cellRegistry().ids()) + ")");
    const std::string id = b["id"].get<std::string>();
    const CellInfo* info = cellRegistry().find(id);
    if (!info)
        throw InputError(cp + ".id", "unknown synapse cell '" + id + "' (known: " + joinNames(cellRegistry().ids()) + ")");
    const auto memristorNames = namesOfKind(n, {"memristor"});
    if (memristorNames.empty()) throw InputError(cp, "the netlist has no memristor, so it cannot be a " + id + " cell");
    // The registered cell, built with the netlist's first device, gives the
    // weight expression, the number of devices it needs and the defaults.
    CellCircuit reference = info->build(*elementNamed(n, memristorNames.front())->device, withDefaults(info->params));

    CellCircuit cell;
    cell.cellId = id;
    cell.netlist = n;
    cell.weightOf = reference.weightOf;
    cell.weightUnit = info->weightUnit;
    cell.memristors = reference.memristors;
    if (b.contains("memristors")) {
        const json& m = b["memristors"];
        if (!m.is_array()) throw InputError(cp + ".memristors", "must be an array of memristor names (got " + typeOf(m) + ")");
        cell.memristors.clear();
        for (std::size_t k = 0; k < m.size(); ++k) {
            const std::string at = cp + ".memristors[" + std::to_string(k) + "]";
            if (!m[k].is_string()) throw InputError(at, "must be the name of a memristor (got " + typeOf(m[k]) + ")");
            cell.memristors.push_back(m[k].get<std::string>());
        }
    }
    if (cell.memristors.size() != reference.memristors.size())
        throw InputError(cp + ".memristors", "a " + id + " cell's weight " + info->weightExpression + " needs " +
                                                 std::to_string(reference.memristors.size()) + " memristors, in order (got " +
                                                 std::to_string(cell.memristors.size()) + ")");
    for (std::size_t k = 0; k < cell.memristors.size(); ++k) {
        const ElementSpec* e = elementNamed(n, cell.memristors[k]);
        const std::string at = cp + ".memristors[" + std::to_string(k) + "]";
        if (!e || e->kind != "memristor")
            throw InputError(at, "'" + cell.memristors[k] + "' is not a memristor of the netlist (memristors: " +
                                     joinNames(memristorNames) + ")");
    }
    auto readName = [&](const char* key, const std::string& fallback) {
        if (!b.contains(key)) return fallback;
        if (!b[key].is_string()) throw InputError(cp + "." + key, "must be an element name (got " + typeOf(b[key]) + ")");
        return b[key].get<std::string>();
    };
    cell.programSource = readName("programSource", reference.programSource);
    const ElementSpec* src = elementNamed(n, cell.programSource);
    if (!src || (src->kind != "voltage_source" && src->kind != "current_source"))
        throw InputError(cp + ".programSource", "'" + cell.programSource + "' is not a source of the netlist (sources: " +
                                                    joinNames(namesOfKind(n, {"voltage_source", "current_source"})) + ")");
    cell.readCurrentElement = readName("readElement", reference.readCurrentElement);
    const ElementSpec* rd = elementNamed(n, cell.readCurrentElement);
    if (!rd || rd->kind == "ground")
        throw InputError(cp + ".readElement", "'" + cell.readCurrentElement + "' is not an element of the netlist");
    cell.readVoltage = reference.readVoltage;
    if (b.contains("readVoltage")) {
        const json& v = b["readVoltage"];
        if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() <= 0.0)
            throw InputError(cp + ".readVoltage", "must be a positive voltage (got " + v.dump() + ")");
        cell.readVoltage = v.get<double>();
    }
    return cell;
}

}  // namespace

std::vector<CircuitProblem> checkCircuitObject(const json& c, const std::string& path) {
    std::vector<CircuitProblem> out;
    if (!c.is_object()) {
        out.push_back({path, "must be a circuit object {\"id\", \"name\", \"netlist\", ...} (got " + typeOf(c) + ")"});
        return out;
    }
    static const std::vector<std::string> known = {"id", "name", "description", "netlist", "cell", "schematic"};
    for (const auto& [key, value] : c.items()) {
        (void)value;
        if (std::find(known.begin(), known.end(), key) == known.end())
            out.push_back({path + "." + key, "unknown field (known here: " + joinNames(known) + ")"});
    }
    if (!c.contains("id") || !c["id"].is_string() || c["id"].get<std::string>().empty())
        out.push_back({path + ".id", "missing: a circuit needs a non-empty string id"});
    for (const char* key : {"name", "description"})
        if (c.contains(key) && !c[key].is_string()) out.push_back({path + "." + key, "must be a string (got " + typeOf(c[key]) + ")"});
    if (c.contains("schematic") && !c["schematic"].is_object())
        out.push_back({path + ".schematic", "must be an object (got " + typeOf(c["schematic"]) + ")"});
    try {
        const Netlist n = parseAndCompile(c, path, Connectivity::Unchecked);
        if (c.contains("cell")) readCell(c, n, path);
    } catch (const InputError& e) {
        out.push_back({e.path(), e.why()});
    }
    return out;
}

std::vector<CircuitProblem> checkCircuitConnectivity(const json& c, const std::string& path) {
    std::vector<CircuitProblem> out;
    if (!checkCircuitObject(c, path).empty()) return out;  // structure first: those are load errors
    try {
        parseAndCompile(c, path, Connectivity::Required);
    } catch (const InputError& e) {
        out.push_back({e.path(), e.why()});
    }
    return out;
}

Netlist circuitObjectNetlist(const json& c, const std::string& path, Connectivity connectivity) {
    return parseAndCompile(c, path, connectivity);
}

CellCircuit cellFromCircuitObject(const json& c, const std::string& path) {
    const Netlist n = parseAndCompile(c, path, Connectivity::Required);
    return readCell(c, n, path);
}

json circuitObjectFromCell(const CellCircuit& cell, const std::string& id, const std::string& name) {
    json netlist = netlistToJson(cell.netlist);
    return {{"id", id},
            {"name", name.empty() ? cell.netlist.title : name},
            {"netlist", std::move(netlist)},
            {"cell",
             {{"id", cell.cellId},
              {"memristors", cell.memristors},
              {"programSource", cell.programSource},
              {"readElement", cell.readCurrentElement},
              {"readVoltage", cell.readVoltage}}}};
}

const json* findCircuitObject(const json& tree, const std::string& id, std::size_t* at) {
    if (!tree.is_object() || !tree.contains("circuits") || !tree["circuits"].is_array()) return nullptr;
    const json& list = tree["circuits"];
    for (std::size_t k = 0; k < list.size(); ++k)
        if (list[k].is_object() && list[k].contains("id") && list[k]["id"].is_string() &&
            list[k]["id"].get<std::string>() == id) {
            if (at) *at = k;
            return &list[k];
        }
    return nullptr;
}

std::vector<std::string> circuitObjectIds(const json& tree) {
    std::vector<std::string> ids;
    if (!tree.is_object() || !tree.contains("circuits") || !tree["circuits"].is_array()) return ids;
    for (const auto& c : tree["circuits"])
        if (c.is_object() && c.contains("id") && c["id"].is_string()) ids.push_back(c["id"].get<std::string>());
    return ids;
}

}  // namespace ms::circuit
