#include "core/circuit/Circuit.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/circuit/ElementRegistry.h"
#include "core/circuit/Waveform.h"
#include "core/circuit/elements/MemristorElement.h"
#include "core/common/Errors.h"
#include "core/common/Registry.h"

namespace ms::circuit {

namespace {
std::string elementPath(const ElementSpec& e) { return "elements." + e.name; }
// For "no such element" messages.
std::string namesOf(const std::vector<std::unique_ptr<Element>>& elements) {
    std::string out;
    for (const auto& e : elements) out += (out.empty() ? "" : ", ") + e->name;
    return out;
}
}  // namespace

Circuit::~Circuit() = default;
Circuit::Circuit(Circuit&&) noexcept = default;

Circuit::Circuit(const Netlist& netlist, Connectivity connectivity) : netlist_(netlist) {
    if (netlist.elements.empty()) throw InputError("elements", "the circuit has no elements");
    std::set<std::string> names;
    std::set<std::string> groundAliases{kGround};
    for (std::size_t k = 0; k < netlist.elements.size(); ++k) {
        const ElementSpec& e = netlist.elements[k];
        const std::string at = "elements[" + std::to_string(k) + "]";
        if (e.name.empty()) throw InputError(at + ".name", "every element needs a name");
        if (!names.insert(e.name).second) throw InputError(elementPath(e), "the name '" + e.name + "' is used twice");
        const ElementKindInfo* info = elementRegistry().find(e.kind);
        if (!info) {
            std::string known;
            for (const auto& id : elementRegistry().ids()) known += (known.empty() ? "" : ", ") + id;
            throw InputError(elementPath(e) + ".kind", "unknown element kind '" + e.kind + "' (known: " + known + ")");
        }
        if (e.nodes.size() != info->terminals.size()) {
            std::string t;
            for (const auto& s : info->terminals) t += (t.empty() ? "" : ", ") + s;
            throw InputError(elementPath(e) + ".nodes", "a " + e.kind + " has " +
                                                            std::to_string(info->terminals.size()) + " terminals (" + t +
                                                            "), got " + std::to_string(e.nodes.size()) + " nodes");
        }
        for (std::size_t n = 0; n < e.nodes.size(); ++n)
            if (e.nodes[n].empty())
                throw InputError(elementPath(e) + ".nodes[" + std::to_string(n) + "]",
                                 "terminal '" + info->terminals[n] + "' is not connected to a named node");
        if (e.kind == "ground") groundAliases.insert(e.nodes[0]);
    }

    // Node numbering in order of first appearance; ground and its aliases -1.
    std::map<std::string, int> index;
    bool grounded = false;
    std::vector<std::vector<int>> terminalNodes;
    for (const ElementSpec& e : netlist.elements) {
        std::vector<int> tn;
        for (const std::string& n : e.nodes) {
            if (groundAliases.count(n)) {
                grounded = true;
                tn.push_back(-1);
                continue;
            }
            auto it = index.find(n);
            if (it == index.end()) {
                it = index.emplace(n, static_cast<int>(nodeNames_.size())).first;
                nodeNames_.push_back(n);
                labels_.push_back("V(" + n + ")");
                kinds_.push_back(UnknownKind::NodeVoltage);
                rowOwner_.emplace_back();
            }
            tn.push_back(it->second);
        }
        terminalNodes.push_back(std::move(tn));
    }
    if (!grounded && connectivity == Connectivity::Required)
        throw InputError("circuit", "no ground: connect at least one terminal to node '0' (or a ground element)");

    for (std::size_t k = 0; k < netlist.elements.size(); ++k) {
        const ElementSpec& e = netlist.elements[k];
        const ElementKindInfo* info = elementRegistry().find(e.kind);
        const ParamValues values = withDefaults(info->params, e.params);
        const auto issues = checkAgainstSpecs(info->params, values);
        if (!issues.empty()) throw InputError(elementPath(e) + ".params." + issues.front().key, issues.front().message);
        if (e.stimulus && !info->takesStimulus)
            throw InputError(elementPath(e) + ".stimulus", "a " + e.kind + " takes no stimulus");
        std::unique_ptr<Element> el = info->create(e, values, elementPath(e));
        el->name = e.name;
        el->kind = e.kind;
        el->nodes = terminalNodes[k];
        const auto extra = el->extraUnknowns();
        if (!extra.empty()) el->firstExtra = static_cast<int>(labels_.size());
        for (std::size_t j = 0; j < extra.size(); ++j) {
            labels_.push_back(el->extraLabel(static_cast<int>(j)));
            kinds_.push_back(extra[j]);
            rowOwner_.push_back(e.name);
        }
        nonlinear_ = nonlinear_ || el->nonlinear();
        elements_.push_back(std::move(el));
    }
    if (connectivity == Connectivity::Required) checkTopology(terminalNodes);

    present_.y = Eigen::VectorXd::Zero(unknownCount());
    for (const auto& el : elements_)
        if (auto* m = dynamic_cast<const MemristorElement*>(el.get()))
            present_.y[m->firstExtra] = m->project(m->toUnknown(m->model().initialState()));
}

namespace {
struct UnionFind {
    std::vector<int> parent;
    explicit UnionFind(int n) : parent(static_cast<std::size_t>(n)) {
        for (int k = 0; k < n; ++k) parent[static_cast<std::size_t>(k)] = k;
    }
    int find(int a) {
        while (parent[static_cast<std::size_t>(a)] != a) a = parent[static_cast<std::size_t>(a)] = parent[static_cast<std::size_t>(parent[static_cast<std::size_t>(a)])];
        return a;
    }
    void join(int a, int b) { parent[static_cast<std::size_t>(find(a))] = find(b); }
};
}  // namespace

void Circuit::checkTopology(const std::vector<std::vector<int>>& terminalNodes) const {
    const int N = static_cast<int>(nodeNames_.size());
    const int gnd = N;
    auto slot = [&](std::size_t el, int terminal) {
        if (terminal < 0) return gnd;
        const int n = terminalNodes[el][static_cast<std::size_t>(terminal)];
        return n < 0 ? gnd : n;
    };
    auto nodeName = [&](int s) { return s == gnd ? std::string(kGround) : nodeNames_[static_cast<std::size_t>(s)]; };

    // Loops of voltage-defining elements: adding one whose terminals are
    // already tied by others over-determines their voltages.
    UnionFind vuf(N + 1);
    struct Edge { int a, b; std::string name; };
    std::vector<Edge> edges;
    for (std::size_t k = 0; k < elements_.size(); ++k) {
        for (const auto& [ta, tb] : elements_[k]->voltageConstraints()) {
            const int a = slot(k, ta), b = slot(k, tb);
            if (vuf.find(a) == vuf.find(b)) {
                // Path a -> b through the earlier constraints (BFS).
                std::vector<int> prev(static_cast<std::size_t>(N + 1), -2);
                std::vector<std::string> via(static_cast<std::size_t>(N + 1));
                std::vector<int> queue{a};
                prev[static_cast<std::size_t>(a)] = -1;
                for (std::size_t qi = 0; qi < queue.size(); ++qi) {
                    const int u = queue[qi];
                    for (const Edge& e : edges) {
                        const int w = e.a == u ? e.b : (e.b == u ? e.a : -3);
                        if (w < 0 || prev[static_cast<std::size_t>(w)] != -2) continue;
                        prev[static_cast<std::size_t>(w)] = u;
                        via[static_cast<std::size_t>(w)] = e.name;
                        queue.push_back(w);
                    }
                }
                std::vector<std::string> loop{elements_[k]->name};
                for (int u = b; u != a && u >= 0 && prev[static_cast<std::size_t>(u)] != -2; u = prev[static_cast<std::size_t>(u)])
                    loop.push_back(via[static_cast<std::size_t>(u)]);
                std::sort(loop.begin(), loop.end());
                loop.erase(std::unique(loop.begin(), loop.end()), loop.end());
                std::string list;
                for (const auto& s : loop) list += (list.empty() ? "" : ", ") + s;
                throw InputError("elements." + elements_[k]->name,
                                 a == b ? "both terminals are on node '" + nodeName(a) +
                                              "': a voltage source shorted on itself forms a loop (" + list + ")"
                                        : "voltage sources form a loop: " + list +
                                              " (their voltages cannot all be imposed; add a resistance in the loop)");
            }
            vuf.join(a, b);
            edges.push_back({a, b, elements_[k]->name});
        }
    }

    // Every node needs a DC path to ground, or its voltage is undefined at DC.
    UnionFind uf(N + 1);
    for (std::size_t k = 0; k < elements_.size(); ++k)
        for (const auto& [ta, tb] : elements_[k]->dcPaths()) uf.join(slot(k, ta), slot(k, tb));
    std::string floating;
    int count = 0;
    for (int n = 0; n < N; ++n)
        if (uf.find(n) != uf.find(gnd)) {
            floating += (floating.empty() ? "'" : ", '") + nodeNames_[static_cast<std::size_t>(n)] + "'";
            ++count;
        }
    if (count > 0)
        throw InputError(count == 1 ? "node " + floating : "nodes " + floating,
                         std::string(count == 1 ? "has" : "have") +
                             " no DC path to ground (only capacitors, current sources or amplifier inputs connect " +
                             (count == 1 ? "it" : "them") + "); add a resistance to ground or a source");
}

int Circuit::nodeIndex(const std::string& node) const {
    if (node == kGround) return -1;
    for (const auto& e : netlist_.elements)
        if (e.kind == "ground" && e.nodes[0] == node) return -1;
    for (std::size_t k = 0; k < nodeNames_.size(); ++k)
        if (nodeNames_[k] == node) return static_cast<int>(k);
    throw InputError("node '" + node + "'", "no such node in the circuit (known: " + std::string(kGround) + ", " + joinedIds(nodeNames_) + ")");
}

const Element& Circuit::element(const std::string& name) const {
    for (const auto& e : elements_)
        if (e->name == name) return *e;
    throw InputError("element '" + name + "'", "no such element in the circuit (known: " + namesOf(elements_) + ")");
}

std::vector<std::string> Circuit::memristorNames() const {
    std::vector<std::string> out;
    for (const auto& e : elements_)
        if (dynamic_cast<const MemristorElement*>(e.get())) out.push_back(e->name);
    return out;
}

const MemristorElement& Circuit::memristor(const std::string& name) const {
    const auto* m = dynamic_cast<const MemristorElement*>(&element(name));
    if (!m) throw InputError("element '" + name + "'", "is not a memristor");
    return *m;
}

double Circuit::state(const std::string& name) const {
    const auto& m = memristor(name);
    return m.toState(present_.y[m.firstExtra]);
}

void Circuit::setState(const std::string& name, double x) {
    const auto& m = memristor(name);
    const StateInfo& s = m.stateInfo();
    if (!std::isfinite(x) || (m.bounded() && (x < s.min || x > s.max)))
        throw InputError("elements." + name + ".state",
                         "state " + std::to_string(x) + " " + s.unit + " outside the model's bounds [" +
                             std::to_string(s.min) + ", " + std::to_string(s.max) + "]");
    present_.y[m.firstExtra] = m.toUnknown(x);
}

double Circuit::readResistance(const std::string& name, double vRead) const {
    const auto& m = memristor(name);
    return m.model().resistance(m.toState(m.project(present_.y[m.firstExtra])), vRead);
}

void Circuit::setStimulus(const std::string& name, const std::optional<StimulusSpec>& stimulus, double dc) {
    for (auto& e : elements_)
        if (e->name == name) {
            auto* d = dynamic_cast<DrivenElement*>(e.get());
            if (!d) throw InputError("elements." + name, "a " + e->kind + " takes no stimulus");
            d->wave = makeWaveform(stimulus, dc, "elements." + name + ".stimulus");
            if (ElementSpec* spec = netlist_.find(name)) {
                spec->stimulus = stimulus;
                spec->params["dc"] = dc;
            }
            return;
        }
    throw InputError("element '" + name + "'", "no such element in the circuit (known: " + namesOf(elements_) + ")");
}

double Circuit::voltage(const Solution& s, const std::string& node) const {
    const int k = nodeIndex(node);
    return k < 0 ? 0.0 : s.y[k];
}

double Circuit::current(const Solution& s, const std::string& name) const {
    return element(name).current(s.y, s.t, s.y, 0.0);
}

void Circuit::evaluate(const Eigen::VectorXd& y, double t, Analysis a, double sourceScale, Eigen::VectorXd& f,
                       Eigen::VectorXd& q, Eigen::MatrixXd& G, Eigen::MatrixXd& C) const {
    const int n = unknownCount();
    f.setZero(n);
    q.setZero(n);
    G.setZero(n, n);
    C.setZero(n, n);
    Stamp s(y, t, a, sourceScale, f, q, G, C);
    for (const auto& e : elements_) e->stamp(s);
}

std::string Circuit::dominantElement(const Eigen::VectorXd& y, double t, Analysis a, int row) const {
    const int n = unknownCount();
    Eigen::VectorXd f, q;
    Eigen::MatrixXd G, C;
    double best = -1.0;
    std::string who;
    for (const auto& e : elements_) {
        f.setZero(n); q.setZero(n); G.setZero(n, n); C.setZero(n, n);
        Stamp s(y, t, a, 1.0, f, q, G, C);
        try {
            e->stamp(s);
        } catch (const SimulationError&) {
            return e->name + " (" + e->kind + ", fails to evaluate)";
        }
        const double m = std::fabs(f[row]) + std::fabs(q[row]);
        if (m > best) { best = m; who = e->name + " (" + e->kind + ")"; }
    }
    return who;
}

std::string Circuit::rowDescription(int row) const {
    const auto k = static_cast<std::size_t>(row);
    switch (kinds_[k]) {
        case UnknownKind::NodeVoltage: return "KCL at node '" + nodeNames_[k] + "'";
        case UnknownKind::BranchCurrent: return "branch equation of " + rowOwner_[k];
        case UnknownKind::State: return "state equation of " + rowOwner_[k];
    }
    return labels_[k];
}

}  // namespace ms::circuit
