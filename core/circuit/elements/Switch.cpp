// Ideal switch: Ron while its control waveform is above the threshold, Roff
// otherwise (SPICE's voltage-controlled switch without hysteresis). Control
// edges are breakpoints the transient lands on.
#include "core/circuit/ElementRegistry.h"
#include "core/circuit/Waveform.h"

namespace ms::circuit {
namespace {

class Switch final : public Element, public DrivenElement {
public:
    Switch(double ron, double roff, double threshold) : gOn_(1.0 / ron), gOff_(1.0 / roff), threshold_(threshold) {}
    void stamp(Stamp& s) const override {
        const double g = conductance(s.t());
        const int a = nodes[0], b = nodes[1];
        s.branchCurrent(a, b, g * (s.v(a) - s.v(b)), g, -g);
    }
    double current(const Eigen::VectorXd& y, double t, const Eigen::VectorXd&, double) const override {
        return conductance(t) * (volt(y, 0) - volt(y, 1));
    }
    double nextBreakpoint(double t) const override { return wave.nextBreakpoint(t); }
    double featureTime() const override { return wave.featureTime(); }
    double conductance(double t) const { return wave.value(t) > threshold_ ? gOn_ : gOff_; }

private:
    double gOn_, gOff_, threshold_;
};

}  // namespace

ElementKindInfo switchElement() {
    ElementKindInfo k;
    k.id = std::string("switch");
    k.name = std::string("Switch");
    k.summary = std::string("Ideal switch: Ron while the control waveform exceeds the threshold, else Roff");
    k.prefix = std::string("S");
    k.terminals = {"a", "b"};
    k.params = {
        {"Ron", "R_on", "ohm", 1.0, 1e-6, 1e6, Scale::Log, "Resistance when closed", "", false},
        {"Roff", "R_off", "ohm", 1e12, 1e3, 1e18, Scale::Log, "Resistance when open", "", false},
        {"threshold", "V_T", "V", 0.5, -1e3, 1e3, Scale::Linear, "Control level above which it closes", "", false},
        {"dc", "V_c", "V", 1.0, -1e3, 1e3, Scale::Linear, "Control level when no stimulus is given", "", false},
    };
    k.takesStimulus = true;
    k.create = [](const ElementSpec& e, const ParamValues& p, const std::string& path) -> std::unique_ptr<Element> {
        auto s = std::make_unique<Switch>(p.at("Ron"), p.at("Roff"), p.at("threshold"));
        s->wave = makeWaveform(e.stimulus, p.at("dc"), path + ".stimulus");
        return s;
    };
    return k;
}

}  // namespace ms::circuit
