// Independent voltage source v(p) - v(n) = V(t); its branch current (an extra
// unknown) flows from p through the source to n, as in SPICE.
#include "core/circuit/ElementRegistry.h"
#include "core/circuit/Waveform.h"

namespace ms::circuit {
namespace {

class VoltageSource final : public Element, public DrivenElement {
public:
    std::vector<UnknownKind> extraUnknowns() const override { return {UnknownKind::BranchCurrent}; }
    void stamp(Stamp& s) const override {
        const int p = nodes[0], n = nodes[1], j = firstExtra;
        const double i = s.v(j);
        s.f(p, i); s.f(n, -i);
        s.G(p, j, 1.0); s.G(n, j, -1.0);
        s.f(j, s.v(p) - s.v(n) - s.sourceScale() * wave.value(s.t()));
        s.G(j, p, 1.0); s.G(j, n, -1.0);
    }
    std::vector<std::pair<int, int>> voltageConstraints() const override { return {{0, 1}}; }
    double current(const Eigen::VectorXd& y, double, const Eigen::VectorXd&, double) const override {
        return y[firstExtra];
    }
    double nextBreakpoint(double t) const override { return wave.nextBreakpoint(t); }
    double featureTime() const override { return wave.featureTime(); }
};

}  // namespace

ElementKindInfo voltageSourceElement() {
    ElementKindInfo k;
    k.id = std::string("voltage_source");
    k.name = std::string("Voltage source");
    k.summary = std::string("Independent voltage source: a constant or any stimulus (sine, pulse train, PWL ...)");
    k.prefix = std::string("V");
    k.terminals = {"p", "n"};
    k.params = {{"dc", "V_dc", "V", 0.0, -1e4, 1e4, Scale::Linear, "Level when no stimulus is given", "", false}};
    k.takesStimulus = true;
    k.create = [](const ElementSpec& e, const ParamValues& p, const std::string& path) -> std::unique_ptr<Element> {
        auto v = std::make_unique<VoltageSource>();
        v->wave = makeWaveform(e.stimulus, p.at("dc"), path + ".stimulus");
        return v;
    };
    return k;
}

}  // namespace ms::circuit
