// Two-terminal selector with a symmetric, strongly nonlinear I-V:
// i = I0 sinh(v / V0), the form used for 1S1R crossbar cells (the
// nonlinearity K_r = I(V)/I(V/2) of a read grows with V/V0).
#include <cmath>

#include "core/circuit/ElementRegistry.h"
#include "core/devices/SafeMath.h"

namespace ms::circuit {
namespace {

class Selector final : public Element {
public:
    Selector(double i0, double v0) : i0_(i0), v0_(v0) {}
    void stamp(Stamp& s) const override {
        const int a = nodes[0], b = nodes[1];
        const double v = s.v(a) - s.v(b);
        const double g = i0_ / v0_ * std::cosh(std::clamp(v / v0_, -700.0, 700.0));
        s.branchCurrent(a, b, i0_ * safe::sinh(v / v0_), g, -g);
    }
    bool nonlinear() const override { return true; }
    double current(const Eigen::VectorXd& y, double, const Eigen::VectorXd&, double) const override {
        return i0_ * safe::sinh((volt(y, 0) - volt(y, 1)) / v0_);
    }

private:
    double i0_, v0_;
};

}  // namespace

ElementKindInfo selectorElement() {
    ElementKindInfo k;
    k.id = std::string("selector");
    k.name = std::string("Selector (sinh)");
    k.summary = std::string("Symmetric nonlinear selector i = I0 sinh(v / V0)");
    k.prefix = std::string("X");
    k.terminals = {"a", "b"};
    k.params = {
        {"I0", "I_0", "A", 1e-7, 1e-15, 1, Scale::Log, "Current scale", "", false},
        {"V0", "V_0", "V", 0.1, 1e-3, 10, Scale::Log, "Voltage scale of the sinh", "", false},
    };
    k.create = [](const ElementSpec&, const ParamValues& p, const std::string&) -> std::unique_ptr<Element> {
        return std::make_unique<Selector>(p.at("I0"), p.at("V0"));
    };
    return k;
}

}  // namespace ms::circuit
