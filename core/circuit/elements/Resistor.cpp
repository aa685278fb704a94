// Linear resistor: i = (va - vb) / R.
#include "core/circuit/ElementRegistry.h"

namespace ms::circuit {
namespace {

class Resistor final : public Element {
public:
    explicit Resistor(double r) : g_(1.0 / r) {}
    void stamp(Stamp& s) const override {
        const int a = nodes[0], b = nodes[1];
        s.branchCurrent(a, b, g_ * (s.v(a) - s.v(b)), g_, -g_);
    }
    double current(const Eigen::VectorXd& y, double, const Eigen::VectorXd&, double) const override {
        return g_ * (volt(y, 0) - volt(y, 1));
    }

private:
    double g_;
};

}  // namespace

ElementKindInfo resistorElement() {
    ElementKindInfo k;
    k.id = std::string("resistor");
    k.name = std::string("Resistor");
    k.summary = std::string("Linear resistor");
    k.prefix = std::string("R");
    k.terminals = {"a", "b"};
    k.params = {{"R", "R", "ohm", 1e3, 1e-6, 1e15, Scale::Log, "Resistance", "", false}};
    k.create = [](const ElementSpec&, const ParamValues& p, const std::string&) -> std::unique_ptr<Element> {
        return std::make_unique<Resistor>(p.at("R"));
    };
    return k;
}

}  // namespace ms::circuit
