#include "widgets/circuit/SchematicRouting.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <queue>
#include <set>
#include <cstdint>

#include <QTransform>

#include "widgets/circuit/SchematicSymbols.h"

namespace ms::gui::schematic {
namespace {

constexpr int kStep = 10, kBend = 30, kCross = 25, kLabel = 12, kMargin = 8;
const int dx[4] = {1, -1, 0, 0}, dy[4] = {0, 0, 1, -1};

bool horizontal(int dir) { return dir < 2; }

// The routing grid: one cell per grid point, with what occupies it.
struct Grid {
    int x0 = 0, y0 = 0, w = 0, h = 0;
    std::vector<char> blocked, pin, label;
    std::vector<int> hEdge, vEdge;  // net owning the edge to the +x / +y neighbour
    std::vector<int> occH, occV, point;
    std::vector<int> exit;  // net whose pin leaves through this cell (-1 none, -2 several)

    int index(int ix, int iy) const { return (iy - y0) * w + (ix - x0); }
    bool inside(int ix, int iy) const { return ix >= x0 && ix < x0 + w && iy >= y0 && iy < y0 + h; }
    int cellOf(QPointF p) const {
        return index(static_cast<int>(std::lround(p.x() / kGrid)), static_cast<int>(std::lround(p.y() / kGrid)));
    }
    QPointF pos(int c) const { return {kGrid * (x0 + c % w), kGrid * (y0 + c / w)}; }
    bool other(int v, int net) const { return v >= 0 && v != net; }
    bool occupiedByOther(int c, int net) const {
        return other(occH[c], net) || other(occV[c], net) || other(point[c], net);
    }
    int& edge(int a, int dir) {
        // The edge between cell a and its neighbour in `dir`, stored at the lower cell.
        if (dir == 0) return hEdge[a];
        if (dir == 1) return hEdge[a - 1];
        if (dir == 2) return vEdge[a];
        return vEdge[a - w];
    }
    bool free(int c, int net) const { return !blocked[c] && !pin[c] && !occupiedByOther(c, net); }
};

void markRect(Grid& g, std::vector<char>& what, const QRectF& r, bool strict) {
    const int ix0 = static_cast<int>(std::floor(r.left() / kGrid)), ix1 = static_cast<int>(std::ceil(r.right() / kGrid));
    const int iy0 = static_cast<int>(std::floor(r.top() / kGrid)), iy1 = static_cast<int>(std::ceil(r.bottom() / kGrid));
    for (int iy = iy0; iy <= iy1; ++iy)
        for (int ix = ix0; ix <= ix1; ++ix) {
            if (!g.inside(ix, iy)) continue;
            const double x = kGrid * ix, y = kGrid * iy;
            const bool in = strict ? (x > r.left() + 0.5 && x < r.right() - 0.5 && y > r.top() + 0.5 && y < r.bottom() - 0.5)
                                   : r.contains(QPointF(x, y));
            if (in) what[static_cast<std::size_t>(g.index(ix, iy))] = 1;
        }
}

QRectF labelRect(const PartGeometry& p) {
    const QRectF body = partBody(p.kind, p.placement);
    const QPointF at = p.placement.pos;
    const bool vertical = p.placement.rotation % 180 != 0;
    return vertical ? QRectF(body.right() + 4, at.y() - 10, 150, 20) : QRectF(body.left(), body.top() - 20, 150, 18);
}

struct NetPins {
    std::string node;
    std::vector<std::pair<PinRef, QPointF>> pins;
};

// Cheapest path from `start` to any cell of `tree` (Dijkstra over cell x
// incoming direction); cells from start to the tree, or empty.
std::vector<int> findPath(Grid& g, int start, const std::vector<char>& tree, int net) {
    const std::size_t n = g.blocked.size();
    std::vector<int> cost(n * 5, INT_MAX), from(n * 5, -1);
    using Item = std::pair<int, int>;  // cost, state
    std::priority_queue<Item, std::vector<Item>, std::greater<>> open;
    const int s0 = start * 5 + 4;
    cost[static_cast<std::size_t>(s0)] = 0;
    open.push({0, s0});
    while (!open.empty()) {
        auto [c, s] = open.top();
        open.pop();
        if (c != cost[static_cast<std::size_t>(s)]) continue;
        const int a = s / 5, din = s % 5;
        if (a != start && tree[static_cast<std::size_t>(a)]) {
            std::vector<int> cells;
            for (int t = s; t >= 0; t = from[static_cast<std::size_t>(t)]) cells.push_back(t / 5);
            std::reverse(cells.begin(), cells.end());
            return cells;
        }
        const int ax = g.x0 + a % g.w, ay = g.y0 + a / g.w;
        for (int d = 0; d < 4; ++d) {
            if (din < 4 && (din ^ 1) == d) continue;  // no U-turns
            const int bx = ax + dx[d], by = ay + dy[d];
            if (!g.inside(bx, by)) continue;
            const int b = g.index(bx, by);
            const bool bend = din < 4 && din != d;
            if (bend && a != start && (g.occupiedByOther(a, net) || g.other(g.exit[static_cast<std::size_t>(a)], net))) continue;
            if (g.blocked[static_cast<std::size_t>(b)] || (g.pin[static_cast<std::size_t>(b)] && !tree[static_cast<std::size_t>(b)]))
                continue;
            if (g.other(g.edge(a, d), net) || g.other(g.point[static_cast<std::size_t>(b)], net)) continue;
            if (g.other(horizontal(d) ? g.occH[static_cast<std::size_t>(b)] : g.occV[static_cast<std::size_t>(b)], net))
                continue;
            const bool crossing = g.occupiedByOther(b, net);
            if (tree[static_cast<std::size_t>(b)] && (crossing || g.other(g.exit[static_cast<std::size_t>(b)], net)))
                continue;  // never join on another net's wire, nor in front of its pin
            int step = kStep + (bend ? kBend : 0) + (crossing ? kCross : 0) + (g.label[static_cast<std::size_t>(b)] ? kLabel : 0);
            const int sb = b * 5 + d;
            if (c + step < cost[static_cast<std::size_t>(sb)]) {
                cost[static_cast<std::size_t>(sb)] = c + step;
                from[static_cast<std::size_t>(sb)] = s;
                open.push({c + step, sb});
            }
        }
    }
    return {};
}

int nearestFree(const Grid& g, int c, int net) {
    std::vector<char> seen(g.blocked.size(), 0);
    std::queue<int> q;
    q.push(c);
    seen[static_cast<std::size_t>(c)] = 1;
    while (!q.empty()) {
        const int a = q.front();
        q.pop();
        if (g.free(a, net)) return a;
        const int ax = g.x0 + a % g.w, ay = g.y0 + a / g.w;
        for (int d = 0; d < 4; ++d) {
            if (!g.inside(ax + dx[d], ay + dy[d])) continue;
            const int b = g.index(ax + dx[d], ay + dy[d]);
            if (!seen[static_cast<std::size_t>(b)]) {
                seen[static_cast<std::size_t>(b)] = 1;
                q.push(b);
            }
        }
    }
    return c;
}

int dirBetween(const Grid& g, int a, int b) {
    if (b == a + 1) return 0;
    if (b == a - 1) return 1;
    return b == a + g.w ? 2 : 3;
}

// Corners only: the polyline a reader sees.
QPolygonF polyline(const Grid& g, QPointF pinPos, const std::vector<int>& cells) {
    QPolygonF out;
    out << pinPos;
    for (std::size_t k = 0; k < cells.size(); ++k) {
        const QPointF p = g.pos(cells[k]);
        const bool corner = k + 1 == cells.size() || k == 0 ||
                            dirBetween(g, cells[k - 1], cells[k]) != dirBetween(g, cells[k], cells[k + 1]);
        if (corner && out.back() != p) out << p;
    }
    if (out.size() >= 2 && out[0].x() != out[1].x() && out[0].y() != out[1].y())  // an off-grid pin
        out.insert(1, QPointF(out[1].x(), out[0].y()));
    return out;
}

}  // namespace

QRectF partBody(const std::string& kind, const Placement& pl) {
    QTransform t;
    t.rotate(pl.rotation);
    return t.mapRect(symbolBounds(kind)).translated(pl.pos);
}

QRectF groundSignRect(QPointF pin) { return QRectF(pin.x() - 11, pin.y() + 1, 22, 19); }

Routing routeSchematic(const std::vector<PartGeometry>& parts, const std::map<std::string, QPointF>& junctions,
                       const std::set<std::string>& fixed) {
    Routing best;
    // Nets and their pins.
    std::map<std::string, NetPins> nets;
    QRectF bounds;
    auto grow = [&](const QRectF& r) { bounds = bounds.isNull() ? r : bounds.united(r); };
    for (const auto& p : parts) {
        grow(partBody(p.kind, p.placement));
        for (std::size_t k = 0; k < p.terminals && k < p.nodes.size(); ++k) {
            const QPointF at = pinPosition(p.placement, p.kind, p.terminals, static_cast<int>(k));
            grow(QRectF(at, QSizeF(1, 1)));
            if (p.nodes[k] == "0" || p.nodes[k].empty()) continue;
            nets[p.nodes[k]].node = p.nodes[k];
            nets[p.nodes[k]].pins.push_back({PinRef{p.name, static_cast<int>(k)}, at});
        }
    }
    for (const auto& [n, at] : junctions)
        if (nets.count(n)) grow(QRectF(at, QSizeF(1, 1)));
    if (nets.empty()) return best;

    Grid g;
    g.x0 = static_cast<int>(std::floor(bounds.left() / kGrid)) - kMargin;
    g.y0 = static_cast<int>(std::floor(bounds.top() / kGrid)) - kMargin;
    g.w = static_cast<int>(std::ceil(bounds.right() / kGrid)) + kMargin - g.x0 + 1;
    g.h = static_cast<int>(std::ceil(bounds.bottom() / kGrid)) + kMargin - g.y0 + 1;
    const std::size_t n = static_cast<std::size_t>(g.w) * static_cast<std::size_t>(g.h);
    g.blocked.assign(n, 0);
    g.pin.assign(n, 0);
    g.label.assign(n, 0);
    g.hEdge.assign(n, -1);
    g.vEdge.assign(n, -1);
    g.occH.assign(n, -1);
    g.occV.assign(n, -1);
    g.point.assign(n, -1);
    for (const auto& p : parts) {
        markRect(g, g.blocked, partBody(p.kind, p.placement), true);
        markRect(g, g.label, labelRect(p), false);
        for (std::size_t k = 0; k < p.terminals; ++k) {
            const QPointF at = pinPosition(p.placement, p.kind, p.terminals, static_cast<int>(k));
            g.pin[static_cast<std::size_t>(g.cellOf(at))] = 1;
            if (k < p.nodes.size() && p.nodes[k] == "0" && p.kind != "ground") markRect(g, g.blocked, groundSignRect(at), false);
        }
    }
    for (const auto& p : parts)  // a pin stays a pin even on another part's body
        for (std::size_t k = 0; k < p.terminals; ++k)
            g.blocked[static_cast<std::size_t>(g.cellOf(pinPosition(p.placement, p.kind, p.terminals, static_cast<int>(k))))] = 0;

    // Bigger nets first: they need the room. A net that finds no way is
    // routed first in the next round (rip up and retry), up to 8 rounds.
    std::vector<NetPins*> order;
    for (auto& [name, np] : nets) order.push_back(&np);
    std::stable_sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->pins.size() > b->pins.size(); });
    const Grid empty = g;
    std::size_t bestFailures = SIZE_MAX;
    for (int round = 0; round < 8 && bestFailures > 0; ++round) {
        Grid g = empty;
        Routing out;
        std::vector<NetPins*> failedNets;
        // Keep each pin's way out: no other net may bend or end right in front of it.
        g.exit.assign(n, -1);

        for (std::size_t id = 0; id < order.size(); ++id)
            for (const auto& [ref, at] : order[id]->pins) {
                const int c = g.cellOf(at), cx = g.x0 + c % g.w, cy = g.y0 + c / g.w;
                for (int d = 0; d < 4; ++d) {
                    if (!g.inside(cx + dx[d], cy + dy[d])) continue;
                    const std::size_t e = static_cast<std::size_t>(g.index(cx + dx[d], cy + dy[d]));
                    if (g.blocked[e] || g.pin[e]) continue;
                    g.exit[e] = g.exit[e] == -1 || g.exit[e] == static_cast<int>(id) ? static_cast<int>(id) : -2;
                }
            }
        int netId = 0;
        for (NetPins* np : order) {
            const int net = netId++;
            if (np->pins.size() == 1) {
                out.roots[np->node] = np->pins.front().second;
                out.wires.push_back({np->pins.front().first, np->node, QPolygonF() << np->pins.front().second});
                continue;
            }
            QPointF want;
            if (auto it = junctions.find(np->node); it != junctions.end()) want = it->second;
            else {
                for (const auto& pp : np->pins) want += pp.second;
                want /= static_cast<double>(np->pins.size());
            }
            // A junction the user placed is the net's root; otherwise the net grows
            // from its most central pin, so its wires meet where they naturally do.
            const bool userJunction = fixed.count(np->node) > 0;
            auto pins = np->pins;
            std::stable_sort(pins.begin(), pins.end(), [&](const auto& a, const auto& b) {
                return QLineF(a.second, want).length() < QLineF(b.second, want).length();
            });
            int root = 0;
            std::vector<std::vector<int>> paths;
            bool netFailed = false;
            // Two tries: from the central pin, then (if a pin could not reach it) from a free point.
            for (int attempt = 0; attempt < 2; ++attempt) {
                const bool fromPin = !userJunction && attempt == 0;
                root = g.cellOf(fromPin ? pins.front().second : snap(want));
                if (root < 0 || root >= static_cast<int>(n)) root = g.cellOf(pins.front().second);
                if (!fromPin) root = nearestFree(g, root, net);
                std::vector<char> tree(n, 0);
                tree[static_cast<std::size_t>(root)] = 1;
                const QPointF rootPos = g.pos(root);
                std::stable_sort(pins.begin(), pins.end(), [&](const auto& a, const auto& b) {
                    return QLineF(a.second, rootPos).length() < QLineF(b.second, rootPos).length();
                });
                paths.clear();
                bool failed = false;
                for (const auto& [ref, at] : pins) {
                    const int from = g.cellOf(at);
                    std::vector<int> cells = from == root ? std::vector<int>{from} : findPath(g, from, tree, net);
                    if (cells.empty()) {
                        failed = true;
                        cells = {from, root};  // no way round: drawn straight, and tests say so
                    }
                    for (std::size_t k = 1; k < cells.size(); ++k) tree[static_cast<std::size_t>(cells[k])] = 1;
                    paths.push_back(std::move(cells));
                }
                netFailed = failed;
                if (!failed || !fromPin) break;
            }
            if (netFailed) failedNets.push_back(np);
            if (!userJunction) {  // the net's label: at its branch point, else mid-way along its first wire
                std::map<int, int> deg;
                for (const auto& p : paths)
                    for (std::size_t k = 0; k + 1 < p.size(); ++k) {
                        ++deg[p[k]];
                        ++deg[p[k + 1]];
                    }
                int best = -1;
                for (const auto& [c, d] : deg)
                    if (d >= 3 && !g.pin[static_cast<std::size_t>(c)] && best < 0) best = c;
                for (const auto& p : paths)
                    if (best < 0 && p.size() > 2) best = p[p.size() / 2];
                if (best >= 0) root = best;
            }
            out.roots[np->node] = g.pos(root);
            // Occupy the grid for the nets routed after this one.
            std::map<int, int> degree;
            for (const auto& cells : paths) {
                for (std::size_t k = 0; k + 1 < cells.size(); ++k) {
                    const int d = dirBetween(g, cells[k], cells[k + 1]);
                    if (std::abs(cells[k + 1] - cells[k]) == 1 || std::abs(cells[k + 1] - cells[k]) == g.w) g.edge(cells[k], d) = net;
                    ++degree[cells[k]];
                    ++degree[cells[k + 1]];
                }
                for (std::size_t k = 0; k < cells.size(); ++k) {
                    const std::size_t c = static_cast<std::size_t>(cells[k]);
                    const bool end = k == 0 || k + 1 == cells.size();
                    const bool corner = !end && dirBetween(g, cells[k - 1], cells[k]) != dirBetween(g, cells[k], cells[k + 1]);
                    if (end || corner) g.point[c] = net;
                    else if (horizontal(dirBetween(g, cells[k - 1], cells[k]))) g.occH[c] = net;
                    else g.occV[c] = net;
                }
            }
            for (const auto& [c, d] : degree)
                if (d >= 3 && !g.pin[static_cast<std::size_t>(c)]) {
                    out.dots.push_back(g.pos(c));
                    out.dotNodes.push_back(np->node);
                }
            for (std::size_t i = 0; i < pins.size(); ++i)
                out.wires.push_back({pins[i].first, np->node, polyline(g, pins[i].second, paths[i])});
        }
        if (failedNets.size() < bestFailures) {
            bestFailures = failedNets.size();
            best = std::move(out);
        }
        std::stable_partition(order.begin(), order.end(), [&](NetPins* p) {
            return std::find(failedNets.begin(), failedNets.end(), p) != failedNets.end();
        });
    }
    return best;
}

}  // namespace ms::gui::schematic
