// Ideal operational amplifier: a nullator across the inputs (v+ = v-, no
// input current) and a norator at the output (whatever current the output
// needs). It needs negative feedback to have a solution.
#include "core/circuit/ElementRegistry.h"

namespace ms::circuit {
namespace {

class OpAmp final : public Element {
public:
    std::vector<UnknownKind> extraUnknowns() const override { return {UnknownKind::BranchCurrent}; }
    void stamp(Stamp& s) const override {
        const int p = nodes[0], n = nodes[1], o = nodes[2], j = firstExtra;
        s.f(o, s.v(j));
        s.G(o, j, 1.0);
        s.f(j, s.v(p) - s.v(n));
        s.G(j, p, 1.0); s.G(j, n, -1.0);
    }
    std::vector<std::pair<int, int>> dcPaths() const override { return {{2, -1}}; }
    std::vector<std::pair<int, int>> voltageConstraints() const override { return {{0, 1}}; }
    double current(const Eigen::VectorXd& y, double, const Eigen::VectorXd&, double) const override {
        return y[firstExtra];
    }
};

}  // namespace

ElementKindInfo opampElement() {
    ElementKindInfo k;
    k.id = std::string("opamp");
    k.name = std::string("Op-amp (ideal)");
    k.summary = std::string("Ideal op-amp: infinite gain, no input current; use with negative feedback");
    k.prefix = std::string("U");
    k.terminals = {"inp", "inn", "out"};
    k.params = {};
    k.create = [](const ElementSpec&, const ParamValues&, const std::string&) -> std::unique_ptr<Element> {
        return std::make_unique<OpAmp>();
    };
    return k;
}

}  // namespace ms::circuit
