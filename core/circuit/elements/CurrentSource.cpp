// Independent current source: I(t) flows from p through the source to n
// (SPICE convention: it leaves node p and enters node n).
#include "core/circuit/ElementRegistry.h"
#include "core/circuit/Waveform.h"

namespace ms::circuit {
namespace {

class CurrentSource final : public Element, public DrivenElement {
public:
    void stamp(Stamp& s) const override {
        const double i = s.sourceScale() * wave.value(s.t());
        s.f(nodes[0], i);
        s.f(nodes[1], -i);
    }
    std::vector<std::pair<int, int>> dcPaths() const override { return {}; }
    double current(const Eigen::VectorXd&, double t, const Eigen::VectorXd&, double) const override {
        return wave.value(t);
    }
    double nextBreakpoint(double t) const override { return wave.nextBreakpoint(t); }
    double featureTime() const override { return wave.featureTime(); }
};

}  // namespace

ElementKindInfo currentSourceElement() {
    ElementKindInfo k;
    k.id = std::string("current_source");
    k.name = std::string("Current source");
    k.summary = std::string("Independent current source from p through the source to n; a constant or any stimulus");
    k.prefix = std::string("I");
    k.terminals = {"p", "n"};
    k.params = {{"dc", "I_dc", "A", 0.0, -1e3, 1e3, Scale::Linear, "Level when no stimulus is given", "", false}};
    k.takesStimulus = true;
    k.create = [](const ElementSpec& e, const ParamValues& p, const std::string& path) -> std::unique_ptr<Element> {
        auto c = std::make_unique<CurrentSource>();
        c->wave = makeWaveform(e.stimulus, p.at("dc"), path + ".stimulus");
        return c;
    };
    return k;
}

}  // namespace ms::circuit
