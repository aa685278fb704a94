// Voltage-controlled voltage source: v(p) - v(n) = gain (v(cp) - v(cn)),
// e.g. the inverter that feeds -V to the negative device of a 2M synapse.
#include "core/circuit/ElementRegistry.h"

namespace ms::circuit {
namespace {

class Vcvs final : public Element {
public:
    explicit Vcvs(double gain) : gain_(gain) {}
    std::vector<UnknownKind> extraUnknowns() const override { return {UnknownKind::BranchCurrent}; }
    void stamp(Stamp& s) const override {
        const int p = nodes[0], n = nodes[1], cp = nodes[2], cn = nodes[3], j = firstExtra;
        s.f(p, s.v(j)); s.f(n, -s.v(j));
        s.G(p, j, 1.0); s.G(n, j, -1.0);
        s.f(j, s.v(p) - s.v(n) - gain_ * (s.v(cp) - s.v(cn)));
        s.G(j, p, 1.0); s.G(j, n, -1.0); s.G(j, cp, -gain_); s.G(j, cn, gain_);
    }
    std::vector<std::pair<int, int>> voltageConstraints() const override { return {{0, 1}}; }
    double current(const Eigen::VectorXd& y, double, const Eigen::VectorXd&, double) const override {
        return y[firstExtra];
    }

private:
    double gain_;
};

}  // namespace

ElementKindInfo vcvsElement() {
    ElementKindInfo k;
    k.id = std::string("vcvs");
    k.name = std::string("Voltage-controlled voltage source");
    k.summary = std::string("v(p) - v(n) = gain (v(cp) - v(cn)); gain -1 is an ideal inverter");
    k.prefix = std::string("E");
    k.terminals = {"p", "n", "cp", "cn"};
    k.params = {{"gain", "A", "", -1.0, -1e9, 1e9, Scale::Linear, "Voltage gain", "", false}};
    k.create = [](const ElementSpec&, const ParamValues& p, const std::string&) -> std::unique_ptr<Element> {
        return std::make_unique<Vcvs>(p.at("gain"));
    };
    return k;
}

}  // namespace ms::circuit
