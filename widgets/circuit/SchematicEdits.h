// The schematic's geometry and its edits, as pure functions on one circuit
// object of the project ({"id", "name", "netlist", "cell", "schematic"}).
//
// The netlist is the truth for connectivity (element pin -> node name); the
// "schematic" member only stores where things are drawn:
//   "schematic": {"parts": {"R1": {"x": 120, "y": 40, "rotation": 90}},
//                 "nodes": {"in": {"x": 200, "y": 40}}}
// Every node but ground ("0") has a junction; a wire runs orthogonally from
// each pin to its node's junction, so wires follow parts when they move. A
// node without a stored junction sits at the centroid of its pins; a part
// without a stored position gets an automatic layout (columns by distance
// from the sources). Each edit returns the whole new circuit object, which
// the view pushes as ONE undoable DocumentModel command; edits also write the
// positions in effect, so what the user saw is what gets saved.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <QPointF>
#include <nlohmann/json.hpp>

namespace ms::gui::schematic {

using json = nlohmann::json;

inline constexpr double kGrid = 20.0;
QPointF snap(QPointF p);

struct Placement {
    QPointF pos;
    int rotation = 0;  // degrees clockwise on screen: 0, 90, 180, 270
};

// A terminal of an element: element name and terminal index.
struct PinRef {
    std::string element;
    int pin = 0;
    bool operator==(const PinRef&) const = default;
};

// Terminal offsets of a kind at rotation 0 (scene units, y down).
std::vector<QPointF> pinOffsets(const std::string& kind, std::size_t terminalCount);
QPointF rotated(QPointF p, int rotation);
QPointF pinPosition(const Placement& placement, const std::string& kind, std::size_t terminalCount, int pin);

struct Layout {
    std::map<std::string, Placement> parts;  // by element name
    std::map<std::string, QPointF> nodes;    // junction of every non-ground node
    std::map<std::string, bool> storedNodes; // junction position stored (moved by the user)
};

// The elements array of a circuit (empty array if absent).
const json& elementsOf(const json& circuit);
// Index of the element named `name`, or -1.
int elementIndex(const json& circuit, const std::string& name);
std::vector<std::string> nodeNames(const json& element);

Layout layoutOf(const json& circuit);
// Writes every part's placement and the stored junctions of `layout`.
json withLayout(json circuit, const Layout& layout);

std::string freshElementName(const json& circuit, const std::string& prefix);
std::string freshNodeName(const json& circuit);

// A default device object for a new memristor: the first device of the
// project (copied), else the first model of the registry with its first preset.
json defaultDevice(const json& projectTree);

json addPart(json circuit, const std::string& kind, QPointF pos, const json& device);
json moveParts(json circuit, const std::map<std::string, QPointF>& positions);
json moveNode(json circuit, const std::string& node, QPointF pos);
json rotateParts(json circuit, const std::vector<std::string>& names);
json removeParts(json circuit, const std::vector<std::string>& names);
// Joins the node of `a` with `targetNode`: every pin on the one node moves to
// the other (ground "0" wins; otherwise the target's name is kept).
json connectToNode(json circuit, const PinRef& a, const std::string& targetNode);
json connectPins(json circuit, const PinRef& a, const PinRef& b);
// Gives the pin a new node of its own (deleting a wire).
json detachPin(json circuit, const PinRef& pin);
std::string nodeOf(const json& circuit, const PinRef& pin);

// Copy/paste: a fragment {"elements": [...], "parts": {...}} of the named
// parts; pasting renames elements and the nodes the fragment shares, keeps
// ground, gives pins to outside nodes fresh nodes, and shifts by `offset`.
json copyParts(const json& circuit, const std::vector<std::string>& names);
json pasteParts(json circuit, const json& fragment, QPointF offset, std::vector<std::string>* pastedNames = nullptr);

// Inserts a synapse cell from the cell registry (circuit::buildCell) with
// `device` (a device object). Into an empty circuit the cell becomes the
// circuit and its "cell" block is set; otherwise it is pasted beside it.
json insertCell(json circuit, const std::string& cellId, const json& device, QPointF at);

// Renaming a part. The name must be non-empty, SPICE-safe (a letter, then
// letters, digits or '_'; at most 32) and unique in the circuit ignoring case
// (ngspice lower-cases names). Returns "" if `name` may replace `old`, else
// why not.
std::string elementNameProblem(const json& circuit, const std::string& old, const std::string& name);
// The element, its stored placement and the cell block's references
// (memristors, programSource, readElement) take the new name. Call
// elementNameProblem first.
json renameElement(json circuit, const std::string& old, const std::string& name);
// Experiments on circuit `circuitId` that name the element (circuit_dc's
// "source") take the new name; `renamed` receives their ids.
json renameElementInExperiments(json experiments, const std::string& circuitId, const std::string& old,
                                const std::string& name, std::vector<std::string>* renamed = nullptr);

// A new empty circuit object with a fresh id among `circuits`.
json newCircuit(const json& circuits);

}  // namespace ms::gui::schematic
