// Linear capacitor: charge C (va - vb) on its terminals; open at DC.
#include "core/circuit/ElementRegistry.h"

namespace ms::circuit {
namespace {

class Capacitor final : public Element {
public:
    explicit Capacitor(double c) : c_(c) {}
    void stamp(Stamp& s) const override {
        if (s.dc()) return;
        const int a = nodes[0], b = nodes[1];
        const double qc = c_ * (s.v(a) - s.v(b));
        s.q(a, qc); s.q(b, -qc);
        s.C(a, a, c_); s.C(a, b, -c_); s.C(b, a, -c_); s.C(b, b, c_);
    }
    std::vector<std::pair<int, int>> dcPaths() const override { return {}; }
    bool storesCharge() const override { return true; }
    double current(const Eigen::VectorXd& y, double, const Eigen::VectorXd& yPrev, double h) const override {
        if (h <= 0.0) return 0.0;
        return c_ * ((volt(y, 0) - volt(y, 1)) - (volt(yPrev, 0) - volt(yPrev, 1))) / h;
    }

private:
    double c_;
};

}  // namespace

ElementKindInfo capacitorElement() {
    ElementKindInfo k;
    k.id = std::string("capacitor");
    k.name = std::string("Capacitor");
    k.summary = std::string("Linear capacitor (open circuit at DC)");
    k.prefix = std::string("C");
    k.terminals = {"a", "b"};
    k.params = {{"C", "C", "F", 1e-12, 1e-18, 1e3, Scale::Log, "Capacitance", "", false}};
    k.create = [](const ElementSpec&, const ParamValues& p, const std::string&) -> std::unique_ptr<Element> {
        return std::make_unique<Capacitor>(p.at("C"));
    };
    return k;
}

}  // namespace ms::circuit
