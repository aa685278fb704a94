// Wire routing of a schematic: every net is drawn as a tree of orthogonal
// wires on the grid, from each of its pins to the net's junction, that never
// passes through a part body, never runs along, bends on or touches a wire of
// another net (they may only cross it at right angles, without a dot), and
// never passes over a pin. Where a net branches (three or more wire ends meet)
// it gets a junction dot. Pure geometry: the scene draws what this returns.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include <QPointF>
#include <QPolygonF>
#include <QRectF>

#include "widgets/circuit/SchematicEdits.h"

namespace ms::gui::schematic {

// What the router needs of one placed part.
struct PartGeometry {
    std::string name, kind;
    Placement placement;
    std::vector<std::string> nodes;  // node of each terminal ("0": a ground sign)
    std::size_t terminals = 2;
};

struct RoutedWire {
    PinRef pin;
    std::string node;
    QPolygonF path;  // from the pin to a point of its net's tree; at least one point
};

struct Routing {
    std::vector<RoutedWire> wires;
    std::map<std::string, QPointF> roots;  // where each net's junction is drawn
    std::vector<QPointF> dots;             // branch points (3+ wire ends meet)
    std::vector<std::string> dotNodes;     // the net of each dot
};

// The symbol's area in the scene (no labels, no ground signs).
QRectF partBody(const std::string& kind, const Placement& placement);
// The ground sign drawn under a pin on node "0".
QRectF groundSignRect(QPointF pin);

// Routes every non-ground net; `junctions` are the preferred junction points
// (moved to the nearest free grid point if they sit in a body or on a pin).
// A junction of a `fixed` net (placed by the user) stays where it is; the
// others grow from the pin nearest the preferred point.
Routing routeSchematic(const std::vector<PartGeometry>& parts, const std::map<std::string, QPointF>& junctions,
                       const std::set<std::string>& fixed = {});

}  // namespace ms::gui::schematic
