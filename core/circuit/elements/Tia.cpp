// Transimpedance amplifier (ideal): holds its input at virtual ground and
// outputs v_out = -Rf i_in, i_in being the current the circuit pushes into
// the input: how a memristive synapse's current is read.
#include "core/circuit/ElementRegistry.h"

namespace ms::circuit {
namespace {

class Tia final : public Element {
public:
    explicit Tia(double rf) : rf_(rf) {}
    std::vector<UnknownKind> extraUnknowns() const override {
        return {UnknownKind::BranchCurrent, UnknownKind::BranchCurrent};
    }
    std::string extraLabel(int k) const override { return wrap(k == 0 ? "I(" : "Iout(", name); }
    void stamp(Stamp& s) const override {
        const int in = nodes[0], out = nodes[1], j1 = firstExtra, j2 = firstExtra + 1;
        s.f(in, s.v(j1)); s.G(in, j1, 1.0);
        s.f(j1, s.v(in)); s.G(j1, in, 1.0);
        s.f(out, s.v(j2)); s.G(out, j2, 1.0);
        s.f(j2, s.v(out) + rf_ * s.v(j1));
        s.G(j2, out, 1.0); s.G(j2, j1, rf_);
    }
    std::vector<std::pair<int, int>> dcPaths() const override { return {{0, -1}, {1, -1}}; }
    std::vector<std::pair<int, int>> voltageConstraints() const override { return {{0, -1}, {1, -1}}; }
    double current(const Eigen::VectorXd& y, double, const Eigen::VectorXd&, double) const override {
        return y[firstExtra];
    }
    double rf() const { return rf_; }

private:
    double rf_;
};

}  // namespace

ElementKindInfo tiaElement() {
    ElementKindInfo k;
    k.id = std::string("tia");
    k.name = std::string("Transimpedance amplifier");
    k.summary = std::string("Virtual-ground current input, v_out = -Rf i_in");
    k.prefix = std::string("T");
    k.terminals = {"in", "out"};
    k.params = {{"Rf", "R_f", "ohm", 10e3, 1e-3, 1e12, Scale::Log, "Feedback (transimpedance) resistance", "", false}};
    k.create = [](const ElementSpec&, const ParamValues& p, const std::string&) -> std::unique_ptr<Element> {
        return std::make_unique<Tia>(p.at("Rf"));
    };
    return k;
}

}  // namespace ms::circuit
