#include "widgets/circuit/SchematicEdits.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <deque>
#include <set>

#include "core/circuit/ElementRegistry.h"
#include "core/circuit/NetlistJson.h"
#include "core/circuit/SynapseCell.h"
#include "core/devices/ModelRegistry.h"
#include "widgets/circuit/CellLayouts.h"

namespace ms::gui::schematic {
namespace {

const json kEmptyArray = json::array();

std::size_t terminalCount(const json& element) {
    const auto* k = ms::circuit::elementRegistry().find(element.value("kind", std::string()));
    if (k) return k->terminals.size();
    return element.contains("nodes") && element["nodes"].is_array() ? element["nodes"].size() : 2;
}

json& elementsRef(json& circuit) {
    if (!circuit.is_object()) circuit = json::object();
    json& n = circuit["netlist"];
    if (!n.is_object()) n = json::object();
    if (!n.contains("elements") || !n["elements"].is_array()) n["elements"] = json::array();
    return n["elements"];
}

bool isSource(const std::string& kind) { return kind == "voltage_source" || kind == "current_source"; }

std::string elementName(const json& e) { return e.value("name", std::string()); }

std::set<std::string> usedNodes(const json& circuit);
std::string takeFreshNode(std::set<std::string>& used) {
    for (int k = 1;; ++k) {
        std::string name = "n" + std::to_string(k);
        if (used.insert(name).second) return name;
    }
}

std::set<std::string> usedNodes(const json& circuit) {
    std::set<std::string> used;
    for (const auto& e : elementsOf(circuit))
        for (const auto& n : nodeNames(e)) used.insert(n);
    return used;
}

}  // namespace

QPointF snap(QPointF p) { return {std::round(p.x() / kGrid) * kGrid, std::round(p.y() / kGrid) * kGrid}; }

std::vector<QPointF> pinOffsets(const std::string& kind, std::size_t n) {
    if (kind == "ground") return {{0, -20}};
    if (kind == "mosfet") return {{20, -40}, {-40, 0}, {20, 40}};             // d, g, s
    if (kind == "opamp") return {{-40, 20}, {-40, -20}, {40, 0}};             // inp, inn, out
    if (kind == "vcvs") return {{40, -20}, {40, 20}, {-40, -20}, {-40, 20}};  // p, n, cp, cn
    if (n == 2) return {{-40, 0}, {40, 0}};
    std::vector<QPointF> out;  // unknown kinds: pins down the left then the right side
    for (std::size_t k = 0; k < n; ++k)
        out.push_back({k % 2 == 0 ? -40.0 : 40.0, -20.0 + 40.0 * static_cast<double>(k / 2)});
    return out;
}

QPointF rotated(QPointF p, int rotation) {
    switch (((rotation % 360) + 360) % 360) {
        case 90: return {-p.y(), p.x()};
        case 180: return {-p.x(), -p.y()};
        case 270: return {p.y(), -p.x()};
        default: return p;
    }
}

QPointF pinPosition(const Placement& pl, const std::string& kind, std::size_t n, int pin) {
    const auto offs = pinOffsets(kind, n);
    if (pin < 0 || static_cast<std::size_t>(pin) >= offs.size()) return pl.pos;
    return pl.pos + rotated(offs[static_cast<std::size_t>(pin)], pl.rotation);
}

const json& elementsOf(const json& circuit) {
    if (!circuit.is_object() || !circuit.contains("netlist")) return kEmptyArray;
    const json& n = circuit["netlist"];
    if (!n.is_object() || !n.contains("elements") || !n["elements"].is_array()) return kEmptyArray;
    return n["elements"];
}

int elementIndex(const json& circuit, const std::string& name) {
    const json& els = elementsOf(circuit);
    for (std::size_t k = 0; k < els.size(); ++k)
        if (elementName(els[k]) == name) return static_cast<int>(k);
    return -1;
}

std::vector<std::string> nodeNames(const json& element) {
    std::vector<std::string> out;
    if (element.contains("nodes") && element["nodes"].is_array())
        for (const auto& n : element["nodes"]) out.push_back(n.is_string() ? n.get<std::string>() : std::string());
    return out;
}

Layout layoutOf(const json& circuit) {
    Layout L;
    const json& els = elementsOf(circuit);
    const json sch = circuit.is_object() && circuit.contains("schematic") ? circuit["schematic"] : json::object();
    const json parts = sch.is_object() && sch.contains("parts") ? sch["parts"] : json::object();
    const json nodes = sch.is_object() && sch.contains("nodes") ? sch["nodes"] : json::object();

    // Stored placements.
    std::vector<std::size_t> unplaced;
    double maxX = -1e300;
    for (std::size_t k = 0; k < els.size(); ++k) {
        const std::string name = elementName(els[k]);
        if (parts.is_object() && parts.contains(name) && parts[name].is_object() && parts[name].contains("x") &&
            parts[name]["x"].is_number() && parts[name].contains("y") && parts[name]["y"].is_number()) {
            const json& p = parts[name];
            Placement pl{{p["x"].get<double>(), p["y"].get<double>()}, p.value("rotation", 0)};
            L.parts[name] = pl;
            maxX = std::max(maxX, pl.pos.x());
        } else {
            unplaced.push_back(k);
        }
    }

    // Automatic layout of the rest: columns by graph distance (over non-ground
    // nodes) from the sources' nodes, so a drive sits left of what it drives.
    if (!unplaced.empty()) {
        std::map<std::string, int> depth;
        std::deque<std::string> queue;
        for (std::size_t k : unplaced)
            if (isSource(els[k].value("kind", std::string())))
                for (const auto& n : nodeNames(els[k]))
                    if (n != "0" && !depth.count(n)) {
                        depth[n] = 0;
                        queue.push_back(n);
                    }
        if (queue.empty())
            for (std::size_t k : unplaced)
                for (const auto& n : nodeNames(els[k]))
                    if (n != "0" && queue.empty()) {
                        depth[n] = 0;
                        queue.push_back(n);
                    }
        while (!queue.empty()) {
            const std::string n = queue.front();
            queue.pop_front();
            for (std::size_t k : unplaced) {
                const auto ns = nodeNames(els[k]);
                if (std::find(ns.begin(), ns.end(), n) == ns.end()) continue;
                for (const auto& m : ns)
                    if (m != "0" && !depth.count(m)) {
                        depth[m] = depth[n] + 1;
                        queue.push_back(m);
                    }
            }
        }
        std::map<int, int> rowsInColumn;
        const double x0 = maxX > -1e299 ? maxX + 240.0 : 0.0;
        for (std::size_t k : unplaced) {
            const json& e = els[k];
            const std::string kind = e.value("kind", std::string());
            const auto ns = nodeNames(e);
            int col = isSource(kind) ? 0 : 1;
            bool grounded = false;
            int best = 1 << 20;
            for (const auto& n : ns) {
                if (n == "0") grounded = true;
                else if (depth.count(n)) best = std::min(best, depth[n]);
            }
            if (!isSource(kind) && best < (1 << 20)) col = best + (grounded ? 0 : 1);
            if (isSource(kind)) col = 0;
            const int row = rowsInColumn[col]++;
            Placement pl;
            pl.pos = QPointF(x0 + 240.0 * col, 160.0 * row);
            pl.rotation = (ns.size() == 2 && (grounded || isSource(kind))) ? 90 : 0;
            L.parts[elementName(e)] = pl;
        }
    }

    // Junctions: stored, else the centroid of the node's pins.
    std::map<std::string, std::pair<QPointF, int>> sum;
    for (const auto& e : els) {
        const std::string name = elementName(e);
        const auto ns = nodeNames(e);
        const std::size_t tc = terminalCount(e);
        for (std::size_t p = 0; p < ns.size(); ++p) {
            if (ns[p] == "0" || ns[p].empty()) continue;
            auto& s = sum[ns[p]];
            s.first += pinPosition(L.parts[name], e.value("kind", std::string()), tc, static_cast<int>(p));
            s.second += 1;
        }
    }
    for (const auto& [n, s] : sum) {
        if (nodes.is_object() && nodes.contains(n) && nodes[n].is_object() && nodes[n].contains("x") &&
            nodes[n].contains("y") && nodes[n]["x"].is_number() && nodes[n]["y"].is_number()) {
            L.nodes[n] = QPointF(nodes[n]["x"].get<double>(), nodes[n]["y"].get<double>());
            L.storedNodes[n] = true;
        } else {
            L.nodes[n] = s.second == 1 ? s.first : snap(s.first / s.second);
        }
    }
    return L;
}

json withLayout(json circuit, const Layout& L) {
    json parts = json::object();
    for (const auto& e : elementsOf(circuit)) {
        const std::string name = elementName(e);
        auto it = L.parts.find(name);
        if (it == L.parts.end()) continue;
        parts[name] = {{"x", it->second.pos.x()}, {"y", it->second.pos.y()}, {"rotation", it->second.rotation}};
    }
    json nodes = json::object();
    std::set<std::string> used;
    for (const auto& e : elementsOf(circuit))
        for (const auto& n : nodeNames(e)) used.insert(n);
    for (const auto& [n, stored] : L.storedNodes)
        if (stored && used.count(n) && L.nodes.count(n))
            nodes[n] = {{"x", L.nodes.at(n).x()}, {"y", L.nodes.at(n).y()}};
    circuit["schematic"] = {{"parts", parts}, {"nodes", nodes}};
    return circuit;
}

std::string freshElementName(const json& circuit, const std::string& prefix) {
    for (int k = 1;; ++k) {
        const std::string name = prefix + std::to_string(k);
        if (elementIndex(circuit, name) < 0) return name;
    }
}

std::string freshNodeName(const json& circuit) {
    std::set<std::string> used = usedNodes(circuit);
    return takeFreshNode(used);
}

json defaultDevice(const json& projectTree) {
    if (projectTree.is_object() && projectTree.contains("devices") && projectTree["devices"].is_array())
        for (const auto& d : projectTree["devices"])
            if (d.is_object() && d.contains("model")) {
                json out = d;
                out.erase("id");
                out.erase("name");
                return out;
            }
    const auto& models = ms::modelRegistry().all();
    for (const auto& m : models)
        if (m.id == "vteam") {
            json d{{"model", m.id}};
            for (const auto& p : m.presets)
                if (p.id == "analog_vteam") d["preset"] = p.id;
            return d;
        }
    json d{{"model", models.empty() ? std::string() : models.front().id}};
    if (!models.empty() && !models.front().presets.empty()) d["preset"] = models.front().presets.front().id;
    return d;
}

json addPart(json circuit, const std::string& kind, QPointF pos, const json& device) {
    const auto* info = ms::circuit::elementRegistry().find(kind);
    if (!info) return circuit;
    Layout L = layoutOf(circuit);
    json e{{"kind", kind}, {"name", freshElementName(circuit, info->prefix)}, {"params", json::object()}};
    json nodes = json::array();
    std::set<std::string> taken = usedNodes(circuit);
    // Each pin starts on a node of its own; connecting joins them.
    for (std::size_t k = 0; k < info->terminals.size(); ++k)
        nodes.push_back(kind == "ground" ? std::string("0") : takeFreshNode(taken));
    json& els = elementsRef(circuit);
    e["nodes"] = nodes;
    if (info->takesDevice) e["device"] = device;
    els.push_back(e);
    L.parts[e["name"].get<std::string>()] = Placement{snap(pos), (kind == "voltage_source" || kind == "current_source") ? 90 : 0};
    return withLayout(std::move(circuit), L);
}

json moveParts(json circuit, const std::map<std::string, QPointF>& positions) {
    Layout L = layoutOf(circuit);
    for (const auto& [name, p] : positions) L.parts[name].pos = snap(p);
    return withLayout(std::move(circuit), L);
}

json moveNode(json circuit, const std::string& node, QPointF pos) {
    Layout L = layoutOf(circuit);
    if (node == "0") return circuit;
    L.nodes[node] = snap(pos);
    L.storedNodes[node] = true;
    return withLayout(std::move(circuit), L);
}

json rotateParts(json circuit, const std::vector<std::string>& names) {
    Layout L = layoutOf(circuit);
    for (const auto& n : names)
        if (L.parts.count(n)) L.parts[n].rotation = (L.parts[n].rotation + 90) % 360;
    return withLayout(std::move(circuit), L);
}

std::string elementNameProblem(const json& circuit, const std::string& old, const std::string& name) {
    if (name.empty()) return "a part needs a name";
    if (name.size() > 32) return "at most 32 characters";
    const auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (!alpha(name[0])) return "must start with a letter (SPICE reads the first letter as the element type)";
    for (char c : name)
        if (!alpha(c) && !digit(c) && c != '_')
            return std::string("'") + c + "' is not allowed: use letters, digits and '_' (SPICE-safe)";
    const auto lower = [](std::string t) {
        for (auto& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return t;
    };
    for (const auto& e : elementsOf(circuit)) {
        const std::string other = elementName(e);
        if (other != old && lower(other) == lower(name))
            return "'" + other + "' already has that name" + (other == name ? "" : " (SPICE ignores case)");
    }
    return {};
}

json renameElement(json circuit, const std::string& old, const std::string& name) {
    if (old == name) return circuit;
    // The layout in effect moves to the new name: the part stays where it was drawn.
    Layout L = layoutOf(circuit);
    if (auto it = L.parts.find(old); it != L.parts.end()) {
        const Placement p = it->second;
        L.parts.erase(it);
        L.parts[name] = p;
    }
    for (auto& e : elementsRef(circuit))
        if (elementName(e) == old) e["name"] = name;
    circuit = withLayout(std::move(circuit), L);
    if (circuit.contains("cell") && circuit["cell"].is_object()) {
        json& cell = circuit["cell"];
        if (cell.contains("memristors") && cell["memristors"].is_array())
            for (auto& m : cell["memristors"])
                if (m == old) m = name;
        for (const char* key : {"programSource", "readElement"})
            if (cell.contains(key) && cell[key] == old) cell[key] = name;
    }
    return circuit;
}

json renameElementInExperiments(json experiments, const std::string& circuitId, const std::string& old,
                                const std::string& name, std::vector<std::string>* renamed) {
    if (!experiments.is_array()) return experiments;
    for (auto& e : experiments)
        if (e.is_object() && e.value("circuit", json()) == circuitId && e.value("source", json()) == old) {
            e["source"] = name;
            if (renamed) renamed->push_back(e.value("id", std::string()));
        }
    return experiments;
}

json removeParts(json circuit, const std::vector<std::string>& names) {
    Layout L = layoutOf(circuit);
    json& els = elementsRef(circuit);
    json kept = json::array();
    for (const auto& e : els)
        if (std::find(names.begin(), names.end(), elementName(e)) == names.end()) kept.push_back(e);
    els = kept;
    for (const auto& n : names) L.parts.erase(n);
    // A cell whose parts are gone is no longer that cell.
    if (circuit.contains("cell") && circuit["cell"].is_object() && circuit["cell"].contains("memristors"))
        for (const auto& m : circuit["cell"]["memristors"])
            if (m.is_string() && std::find(names.begin(), names.end(), m.get<std::string>()) != names.end()) {
                circuit.erase("cell");
                break;
            }
    return withLayout(std::move(circuit), L);
}

std::string nodeOf(const json& circuit, const PinRef& pin) {
    const int k = elementIndex(circuit, pin.element);
    if (k < 0) return {};
    const auto ns = nodeNames(elementsOf(circuit)[static_cast<std::size_t>(k)]);
    return pin.pin >= 0 && static_cast<std::size_t>(pin.pin) < ns.size() ? ns[static_cast<std::size_t>(pin.pin)]
                                                                          : std::string();
}

json connectToNode(json circuit, const PinRef& a, const std::string& target) {
    const std::string from = nodeOf(circuit, a);
    if (from.empty() || target.empty() || from == target) return circuit;
    Layout L = layoutOf(circuit);
    const std::string keep = (from == "0") ? from : target;
    const std::string drop = keep == from ? target : from;
    for (auto& e : elementsRef(circuit))
        if (e.contains("nodes") && e["nodes"].is_array())
            for (auto& n : e["nodes"])
                if (n == drop) n = keep;
    L.storedNodes.erase(drop);
    L.nodes.erase(drop);
    return withLayout(std::move(circuit), L);
}

json connectPins(json circuit, const PinRef& a, const PinRef& b) {
    const std::string target = nodeOf(circuit, b);
    return connectToNode(std::move(circuit), a, target);
}

json detachPin(json circuit, const PinRef& pin) {
    const int k = elementIndex(circuit, pin.element);
    if (k < 0) return circuit;
    Layout L = layoutOf(circuit);
    const std::string fresh = freshNodeName(circuit);
    json& nodes = elementsRef(circuit)[static_cast<std::size_t>(k)]["nodes"];
    if (!nodes.is_array() || pin.pin < 0 || static_cast<std::size_t>(pin.pin) >= nodes.size()) return circuit;
    nodes[static_cast<std::size_t>(pin.pin)] = fresh;
    return withLayout(std::move(circuit), L);
}

json copyParts(const json& circuit, const std::vector<std::string>& names) {
    const Layout L = layoutOf(circuit);
    json out{{"elements", json::array()}, {"parts", json::object()}};
    for (const auto& e : elementsOf(circuit)) {
        const std::string name = elementName(e);
        if (std::find(names.begin(), names.end(), name) == names.end()) continue;
        out["elements"].push_back(e);
        const Placement& p = L.parts.at(name);
        out["parts"][name] = {{"x", p.pos.x()}, {"y", p.pos.y()}, {"rotation", p.rotation}};
    }
    return out;
}

json pasteParts(json circuit, const json& fragment, QPointF offset, std::vector<std::string>* pasted) {
    if (!fragment.is_object() || !fragment.contains("elements") || !fragment["elements"].is_array()) return circuit;
    Layout L = layoutOf(circuit);
    // Nodes that more than one pasted pin shares stay joined (renamed); others get fresh nodes.
    std::map<std::string, int> uses;
    for (const auto& e : fragment["elements"])
        for (const auto& n : nodeNames(e)) ++uses[n];
    std::map<std::string, std::string> rename;
    std::set<std::string> taken = usedNodes(circuit);
    json& els = elementsRef(circuit);
    for (json e : fragment["elements"]) {
        const auto* info = ms::circuit::elementRegistry().find(e.value("kind", std::string()));
        const std::string oldName = elementName(e);
        const std::string name = freshElementName(circuit, info ? info->prefix : std::string("X"));
        e["name"] = name;
        if (e.contains("nodes") && e["nodes"].is_array())
            for (auto& n : e["nodes"]) {
                const std::string old = n.is_string() ? n.get<std::string>() : std::string();
                if (old == "0") continue;
                if (!rename.count(old) || uses[old] < 2) rename[old] = takeFreshNode(taken);
                n = rename[old];
            }
        els.push_back(e);
        Placement p;
        if (fragment.contains("parts") && fragment["parts"].contains(oldName)) {
            const json& fp = fragment["parts"][oldName];
            p.pos = QPointF(fp.value("x", 0.0), fp.value("y", 0.0));
            p.rotation = fp.value("rotation", 0);
        }
        p.pos = snap(p.pos + offset);
        L.parts[name] = p;
        if (pasted) pasted->push_back(name);
    }
    return withLayout(std::move(circuit), L);
}

json insertCell(json circuit, const std::string& cellId, const json& device, QPointF at) {
    json probe{{"elements", json::array({{{"kind", "memristor"}, {"name", "M"}, {"nodes", {"a", "b"}}, {"device", device}}})}};
    const auto spec = ms::circuit::netlistFromJson(probe, "device");
    const ms::circuit::CellCircuit cell = ms::circuit::buildCell(cellId, *spec.elements.front().device);
    const json net = ms::circuit::netlistToJson(cell.netlist);
    json cellBlock{{"id", cell.cellId},
                   {"memristors", cell.memristors},
                   {"programSource", cell.programSource},
                   {"readElement", cell.readCurrentElement},
                   {"readVoltage", cell.readVoltage}};
    if (elementsOf(circuit).empty()) {
        circuit["netlist"] = net;
        circuit["cell"] = cellBlock;
        if (circuit.value("name", std::string()).empty()) circuit["name"] = net.value("title", cellId);
        if (circuit.contains("schematic")) circuit.erase("schematic");
        if (const json drawn = cellSchematic(cellId); !drawn.empty()) {
            circuit["schematic"] = drawn;
            for (auto& [n, p] : circuit["schematic"]["parts"].items()) {
                p["x"] = p["x"].get<double>() + snap(at).x();
                p["y"] = p["y"].get<double>() + snap(at).y();
            }
            for (auto& [n, p] : circuit["schematic"]["nodes"].items()) {
                p["x"] = p["x"].get<double>() + snap(at).x();
                p["y"] = p["y"].get<double>() + snap(at).y();
            }
            return circuit;
        }
        // Lay the cell out from scratch, then move it to `at`.
        Layout L = layoutOf(circuit);
        for (auto& [n, p] : L.parts) p.pos = snap(p.pos + at);
        return withLayout(std::move(circuit), L);
    }
    // Beside an existing circuit: paste it as a fragment with its own layout.
    json alone{{"netlist", net}};
    if (const json drawn = cellSchematic(cellId); !drawn.empty()) alone["schematic"] = drawn;
    const Layout own = layoutOf(alone);
    json fragment{{"elements", net["elements"]}, {"parts", json::object()}};
    for (const auto& [n, p] : own.parts) fragment["parts"][n] = {{"x", p.pos.x()}, {"y", p.pos.y()}, {"rotation", p.rotation}};
    return pasteParts(std::move(circuit), fragment, at);
}

json newCircuit(const json& circuits) {
    std::set<std::string> ids;
    if (circuits.is_array())
        for (const auto& c : circuits)
            if (c.is_object()) ids.insert(c.value("id", std::string()));
    std::string id;
    for (int k = 1;; ++k) {
        id = "circuit" + std::to_string(k);
        if (!ids.count(id)) break;
    }
    return {{"id", id}, {"name", "Circuit " + id.substr(7)}, {"netlist", {{"title", ""}, {"elements", json::array()}}},
            {"schematic", {{"parts", json::object()}, {"nodes", json::object()}}}};
}

}  // namespace ms::gui::schematic
