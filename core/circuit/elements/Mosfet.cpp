// MOSFET, SPICE level 1 (Shichman & Hodges, IEEE JSSC 3, 1968), bulk tied to
// source, drain and source interchangeable (the lower-potential end of an
// NMOS channel acts as source). beta = KP W / L;
//   cutoff  Vgs <= Vth:        Id = 0
//   linear  Vds < Vgs - Vth:   Id = beta (Vgs - Vth - Vds/2) Vds (1 + lambda Vds)
//   saturation:                Id = beta/2 (Vgs - Vth)^2 (1 + lambda Vds)
// PMOS mirrors every voltage and the current. A 1e-12 S channel leakage
// keeps a node behind an off transistor solvable (SPICE's gmin does the same).
#include "core/circuit/ElementRegistry.h"

namespace ms::circuit {
namespace {

constexpr double kGmin = 1e-12;

struct Level1 {
    double id, gm, gds;
};

class Mosfet final : public Element {
public:
    Mosfet(double polarity, double beta, double vth, double lambda)
        : p_(polarity), beta_(beta), vth_(vth), lambda_(lambda) {}

    void stamp(Stamp& s) const override {
        const int d = nodes[0], g = nodes[1], so = nodes[2];
        double i, dvd, dvg, dvs;
        eval(s.v(d), s.v(g), s.v(so), i, dvd, dvg, dvs);
        s.f(d, i); s.f(so, -i);
        s.G(d, d, dvd); s.G(d, g, dvg); s.G(d, so, dvs);
        s.G(so, d, -dvd); s.G(so, g, -dvg); s.G(so, so, -dvs);
    }
    std::vector<std::pair<int, int>> dcPaths() const override { return {{0, 2}}; }
    bool nonlinear() const override { return true; }
    double current(const Eigen::VectorXd& y, double, const Eigen::VectorXd&, double) const override {
        double i, a, b, c;
        eval(volt(y, 0), volt(y, 1), volt(y, 2), i, a, b, c);
        return i;
    }

private:
    Level1 level1(double vgs, double vds) const {
        const double vov = vgs - vth_;
        if (vov <= 0.0) return {0.0, 0.0, 0.0};
        const double cl = 1.0 + lambda_ * vds;
        if (vds < vov) {
            const double core = (vov - 0.5 * vds) * vds;
            return {beta_ * core * cl, beta_ * vds * cl, beta_ * ((vov - vds) * cl + core * lambda_)};
        }
        return {0.5 * beta_ * vov * vov * cl, beta_ * vov * cl, 0.5 * beta_ * vov * vov * lambda_};
    }
    // Drain current (d -> s) and its derivatives by vd, vg, vs.
    void eval(double vd, double vg, double vs, double& i, double& dvd, double& dvg, double& dvs) const {
        const double vds = p_ * (vd - vs);
        if (vds >= 0.0) {
            const Level1 m = level1(p_ * (vg - vs), vds);
            i = p_ * m.id;
            dvd = m.gds;
            dvg = m.gm;
            dvs = -m.gm - m.gds;
        } else {
            const Level1 m = level1(p_ * (vg - vd), -vds);
            i = -p_ * m.id;
            dvd = m.gm + m.gds;
            dvg = -m.gm;
            dvs = -m.gds;
        }
        i += kGmin * (vd - vs);
        dvd += kGmin;
        dvs -= kGmin;
    }

    double p_, beta_, vth_, lambda_;
};

}  // namespace

ElementKindInfo mosfetElement() {
    const std::string src = "SPICE level 1: Shichman & Hodges, IEEE JSSC 3 (1968)";
    ElementKindInfo k;
    k.id = std::string("mosfet");
    k.name = std::string("MOSFET (access transistor)");
    k.summary = std::string("Square-law (level 1) NMOS or PMOS, bulk tied to source");
    k.prefix = std::string("Q");
    k.terminals = {"d", "g", "s"};
    k.params = {
        {"type", "type", "", 0, 0, 1, Scale::Linear, "0: NMOS, 1: PMOS", "", true},
        {"W", "W", "m", 1e-6, 1e-9, 1e-2, Scale::Log, "Channel width", src, false},
        {"L", "L", "m", 1e-6, 1e-9, 1e-2, Scale::Log, "Channel length", src, false},
        {"KP", "KP", "A/V^2", 200e-6, 1e-9, 1, Scale::Log, "Transconductance parameter mu Cox", src, false},
        {"Vth", "V_th", "V", 0.5, 0, 10, Scale::Linear, "Threshold voltage magnitude", src, false},
        {"lambda", "lambda", "1/V", 0.0, 0, 1, Scale::Linear, "Channel-length modulation", src, false},
    };
    k.create = [](const ElementSpec&, const ParamValues& p, const std::string&) -> std::unique_ptr<Element> {
        return std::make_unique<Mosfet>(p.at("type") == 0 ? 1.0 : -1.0, p.at("KP") * p.at("W") / p.at("L"),
                                        p.at("Vth"), p.at("lambda"));
    };
    return k;
}

}  // namespace ms::circuit
