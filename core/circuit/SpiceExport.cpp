#include "core/circuit/SpiceExport.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>

#include "core/circuit/Waveform.h"
#include "core/circuit/elements/MemristorElement.h"
#include "core/common/Errors.h"

namespace ms::circuit {
namespace {

std::string num(double v) {
    std::ostringstream os;
    os.precision(15);
    os << v;
    return os.str();
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

class Writer {
public:
    Writer(const Circuit& c, const SpiceExportOptions& o) : c_(c), o_(o) {}

    std::string run() {
        out_ << "* " << (c_.netlist().title.empty() ? std::string("Memristor Studio circuit") : c_.netlist().title)
             << " (exported by Memristor Studio)\n";
        for (const auto& e : c_.elements()) element(*e);
        out_ << models_.str();
        out_ << ".options reltol=" << num(o_.relTol) << " abstol=1e-15 vntol=1e-9 chgtol=1e-20 gmin=1e-15\n";
        if (!ic_.str().empty()) out_ << ".ic" << ic_.str() << "\n";
        std::string vectors;
        for (const auto& p : o_.probes) vectors.append(" ").append(spiceVector(c_, p));
        out_ << ".control\n";
        if (o_.analysis == SpiceExportOptions::Analysis::OperatingPoint) {
            out_ << "op\n";
            if (!vectors.empty()) out_ << "print" << vectors << "\n";
        } else {
            if (!(o_.tStop > 0.0)) throw InputError("spice.tStop", "a transient export needs a positive stop time");
            const double step = o_.tStep > 0.0 ? o_.tStep : o_.tStop / 1000.0;
            const double tmax = o_.tMax > 0.0 ? o_.tMax : step;
            out_ << "tran " << num(step) << " " << num(o_.tStop) << " 0 " << num(tmax) << "\n";
            if (!vectors.empty() && !o_.dataFile.empty()) out_ << "wrdata " << o_.dataFile << vectors << "\n";
        }
        out_ << ".endc\n.end\n";
        return out_.str();
    }

private:
    std::string node(const Element& e, int terminal) const {
        const int k = e.nodes[static_cast<std::size_t>(terminal)];
        return k < 0 ? std::string("0") : lower(c_.nodeNames()[static_cast<std::size_t>(k)]);
    }
    std::string v(const Element& e, int a, int b) const { return "V(" + node(e, a) + "," + node(e, b) + ")"; }

    std::string waveform(const Element& e, double dc) {
        const ElementSpec* spec = c_.netlist().find(e.name);
        const auto* driven = dynamic_cast<const DrivenElement*>(&e);
        if (!spec || !spec->stimulus || spec->stimulus->id.empty() || !driven || !driven->wave.stimulus())
            return "DC " + num(dc);
        const Stimulus& s = *driven->wave.stimulus();
        if (spec->stimulus->id == "sine") {
            const StimulusInfo* info = stimulusRegistry().find("sine");
            const ParamValues p = withDefaults(info->params, spec->stimulus->params);
            return "DC " + num(s.value(0.0)) + " SIN(" + num(p.at("offset")) + " " + num(p.at("amplitude")) + " " +
                   num(p.at("frequency")) + " 0 0 " + num(p.at("phase")) + ")";
        }
        // Everything else as PWL through the breakpoints up to the end time.
        const double tEnd = o_.tStop > 0.0 ? o_.tStop : s.naturalDuration();
        const double ramp = 1e-6 * std::min(s.featureTime(), tEnd);
        std::vector<std::pair<double, double>> pts{{0.0, s.value(0.0)}};
        double t = 0.0;
        for (int k = 0; k < 1000000; ++k) {
            const double b = s.nextBreakpoint(t);
            if (!(b <= tEnd) || !std::isfinite(b)) break;
            const double left = s.value(std::nextafter(b, 0.0)), right = s.value(b);
            if (left != right) {
                pts.push_back({std::max(b - 0.5 * ramp, pts.back().first + 1e-3 * ramp), left});
                pts.push_back({b + 0.5 * ramp, right});
            } else {
                pts.push_back({b, right});
            }
            t = b;
        }
        pts.push_back({std::max(tEnd, pts.back().first) + ramp, s.value(tEnd)});
        std::string w = "DC " + num(s.value(0.0)) + " PWL(";
        for (std::size_t k = 0; k < pts.size(); ++k)
            w += (k ? " " : "") + num(pts[k].first) + " " + num(pts[k].second);
        return w + ")";
    }

    void element(const Element& e) {
        const ElementSpec& spec = *c_.netlist().find(e.name);
        const std::string n = lower(e.name);
        auto param = [&](const char* key, double def) {
            auto it = spec.params.find(key);
            return it == spec.params.end() ? def : it->second;
        };
        if (e.kind == "resistor") {
            out_ << "R" << n << " " << node(e, 0) << " " << node(e, 1) << " " << num(param("R", 1e3)) << "\n";
        } else if (e.kind == "capacitor") {
            out_ << "C" << n << " " << node(e, 0) << " " << node(e, 1) << " " << num(param("C", 1e-12)) << "\n";
        } else if (e.kind == "voltage_source") {
            out_ << "V" << n << " " << node(e, 0) << " " << node(e, 1) << " " << waveform(e, param("dc", 0)) << "\n";
        } else if (e.kind == "current_source") {
            out_ << "I" << n << " " << node(e, 0) << " " << node(e, 1) << " " << waveform(e, param("dc", 0)) << "\n";
        } else if (e.kind == "memristor") {
            memristor(static_cast<const MemristorElement&>(e), spec);
        } else if (e.kind == "mosfet") {
            const bool pmos = param("type", 0) != 0;
            out_ << "M" << n << " " << node(e, 0) << " " << node(e, 1) << " " << node(e, 2) << " " << node(e, 2)
                 << " mos_" << n << " W=" << num(param("W", 1e-6)) << " L=" << num(param("L", 1e-6)) << "\n";
            // Bulk junctions made negligible: our model has none.
            models_ << ".model mos_" << n << (pmos ? " pmos" : " nmos") << " level=1 vto="
                    << num((pmos ? -1 : 1) * param("Vth", 0.5)) << " kp=" << num(param("KP", 200e-6))
                    << " lambda=" << num(param("lambda", 0)) << " is=1e-30\n";
        } else if (e.kind == "switch") {
            out_ << "S" << n << " " << node(e, 0) << " " << node(e, 1) << " ctl_" << n << " 0 sw_" << n << "\n";
            out_ << "V" << n << "_ctl ctl_" << n << " 0 " << waveform(e, param("dc", 1.0)) << "\n";
            models_ << ".model sw_" << n << " sw vt=" << num(param("threshold", 0.5)) << " vh=0 ron="
                    << num(param("Ron", 1.0)) << " roff=" << num(param("Roff", 1e12)) << "\n";
        } else if (e.kind == "diode") {
            out_ << "D" << n << " " << node(e, 0) << " " << node(e, 1) << " d_" << n << "\n";
            models_ << ".model d_" << n << " d is=" << num(param("Is", 1e-14)) << " n=" << num(param("N", 1.0)) << "\n";
            const double T = param("T", 300.15);
            if (T != 300.15) out_ << ".temp " << num(T - 273.15) << "\n";
        } else if (e.kind == "selector") {
            out_ << "B" << n << " " << node(e, 0) << " " << node(e, 1) << " I = " << num(param("I0", 1e-7)) << "*sinh("
                 << v(e, 0, 1) << "/" << num(param("V0", 0.1)) << ")\n";
        } else if (e.kind == "opamp") {
            // Ideal op-amp as a VCVS of gain 1e9 (relative error ~1e-9).
            out_ << "E" << n << " " << node(e, 2) << " 0 " << node(e, 0) << " " << node(e, 1) << " 1e9\n";
        } else if (e.kind == "tia") {
            out_ << "V" << n << "_s " << node(e, 0) << " 0 DC 0\n";
            out_ << "H" << n << " " << node(e, 1) << " 0 V" << n << "_s " << num(-param("Rf", 10e3)) << "\n";
        } else if (e.kind == "vcvs") {
            out_ << "E" << n << " " << node(e, 0) << " " << node(e, 1) << " " << node(e, 2) << " " << node(e, 3) << " "
                 << num(param("gain", -1)) << "\n";
        } else if (e.kind == "ground") {
            // merged into node 0
        } else {
            throw InputError("elements." + e.name, "no SPICE form for element kind '" + e.kind + "'");
        }
    }

    // Clamp helpers as B-source expressions.
    static std::string clamp(const std::string& x, double lo, double hi) {
        return "min(max(" + x + "," + num(lo) + ")," + num(hi) + ")";
    }

    void memristor(const MemristorElement& m, const ElementSpec& spec) {
        ResolvedDevice dev;
        resolveDevice(*spec.device, dev);
        const ParamValues& p = dev.params;
        const std::string n = lower(m.name);
        const std::string sc = clamp("V(x)", 0.0, 1.0);          // clipped, I-V
        const std::string se = clamp("V(x)", 1e-6, 1.0 - 1e-6);  // guard band, dx/dt
        std::string current, rate;  // i(V(p,n), s), ds/dt
        if (m.modelId() == "linear_ion_drift") {
            const double ron = p.at("Ron"), roff = p.at("Roff"), k = p.at("uv") * ron / (p.at("D") * p.at("D"));
            current = "V(p,n)/(" + num(ron) + "*" + sc + "+" + num(roff) + "*(1-" + sc + "))";
            const std::string w = window(dev.window, se, current);
            rate = num(k) + "*(" + current + ")*(" + w + ")";
        } else if (m.modelId() == "vteam") {
            current = thresholdDriftCurrent(p, sc);
            rate = thresholdDriftRate(p, "V(p,n)", "v_on", "v_off", se);
        } else if (m.modelId() == "team") {
            // TEAM: VTEAM's law with the current as control variable (TCAS-I
            // 60, 2013, eq. 1); the current is the I-V at the clipped state.
            current = thresholdDriftCurrent(p, sc);
            rate = thresholdDriftRate(p, current, "i_on", "i_off", se);
        } else if (m.modelId() == "nonlinear_ion_drift") {
            // Lehtonen & Laiho (CNNA 2010): i = s[(x^n + leak) beta sinh(alpha v)
            // + chi (e^(gamma v) - 1)], dx/dt = a f(x, i) v^m, m odd: v^m = v |v|^(m-1).
            const double lo = p.at("xmin"), span = p.at("xmax") - lo;
            const std::string xc = "(" + num(lo) + "+" + num(span) + "*" + sc + ")";
            const std::string xe = "(" + num(lo) + "+" + num(span) + "*" + se + ")";
            current = num(p.at("s")) + "*((pow(max(" + xc + ",0)," + num(p.at("n")) + ")+" + num(p.at("leak")) + ")*" +
                      num(p.at("beta")) + "*sinh(" + num(p.at("alpha")) + "*V(p,n))+" + num(p.at("chi")) + "*(exp(" +
                      num(p.at("gamma")) + "*V(p,n))-1))";
            const std::string vm = "V(p,n)*pow(abs(V(p,n))," + num(p.at("m") - 1.0) + ")";
            rate = num(p.at("a") / span) + "*(" + window(dev.window, xe, current) + ")*" + vm;
        } else if (m.modelId() == "yakopcic") {
            // Yakopcic et al., TCAD 32 (2013): I = a1|a2 x sinh(bV); dx/dt =
            // eta g(V) f(x), g exact zero inside [-Vn, Vp], f shaping the motion
            // past xp (up) or below 1 - xn (down). up = eta V >= 0.
            const double a1 = p.at("a1"), a2 = p.at("a2"), eta = p.at("eta");
            current = "(" + num(a2) + "+" + num(a1 - a2) + "*u(V(p,n)))*" + sc + "*sinh(" + num(p.at("b")) + "*V(p,n))";
            const std::string g = num(p.at("Ap")) + "*max(exp(V(p,n))-" + num(std::exp(p.at("Vp"))) + ",0)-" +
                                  num(p.at("An")) + "*max(exp(-V(p,n))-" + num(std::exp(p.at("Vn"))) + ",0)";
            const double xp = p.at("xp"), xn = p.at("xn");
            const std::string fUp = "(1-u(" + se + "-" + num(xp) + ")*(1-exp(-" + num(p.at("alphap")) + "*(" + se + "-" +
                                    num(xp) + "))*((" + num(xp) + "-" + se + ")/" + num(1.0 - xp) + "+1)))";
            const std::string fDown = "(1-u(" + num(1.0 - xn) + "-" + se + ")*(1-exp(" + num(p.at("alphan")) + "*(" + se +
                                      "+" + num(xn - 1.0) + "))*" + se + "/" + num(1.0 - xn) + "))";
            // f(up) for eta V > 0; V = 0 has g = 0 so either branch serves.
            const std::string f = eta > 0 ? "(u(V(p,n))*" + fUp + "+(1-u(V(p,n)))*" + fDown + ")"
                                          : "(u(V(p,n))*" + fDown + "+(1-u(V(p,n)))*" + fUp + ")";
            rate = num(eta) + "*(" + g + ")*" + f;
        } else if (m.modelId() == "stanford_pku") {
            // Stanford/PKU (Guan, Yu & Wong 2012; StanfordPku.cpp): I = I0
            // e^(-g/g0) sinh(V/V0); dg/dt = -nu0 e^(-q Ea/kT) sinh(gamma a0 q V /
            // (t_ox kT)), gamma = gamma0 - beta (g/1 nm)^3, zero below the field
            // F_min, T = T0 + |V I| R_th.
            const double lo = p.at("gmin"), span = p.at("gmax") - lo;
            const std::string gc = "(" + num(lo) + "+" + num(span) + "*" + sc + ")";
            const std::string ge = "(" + num(lo) + "/1e-9+" + num(span / 1e-9) + "*" + se + ")";  // in nm
            current = num(p.at("I0")) + "*exp(-" + gc + "/" + num(p.at("g0")) + ")*sinh(V(p,n)/" + num(p.at("V0")) + ")";
            const double q = 1.602176634e-19, kB = 1.380649e-23;
            const std::string gamma = "(" + num(p.at("gamma0")) + "-" + num(p.at("beta")) + "*pow(" + ge + ",3))";
            const std::string kT = "(" + num(kB) + "*(" + num(p.at("T0")) + "+abs(V(p,n)*(" + current + "))*" +
                                   num(p.at("R_th")) + "))";
            const std::string gate = "u(" + gamma + "*abs(V(p,n))/" + num(p.at("t_ox")) + "-" + num(p.at("F_min")) + ")";
            rate = "-" + num(p.at("nu0") / span) + "*" + gate + "*sinh(" + gamma + "*" +
                   num(p.at("a0") * q / p.at("t_ox")) + "*V(p,n)/" + kT + ")*exp(-" + num(q * p.at("Ea")) + "/" + kT + ")";
        } else {
            std::string known;
            for (const auto& id : spiceMemristorModels()) known += (known.empty() ? "" : ", ") + id;
            throw InputError("elements." + m.name + ".device.model",
                             "model '" + m.modelId() + "' has no SPICE form yet (exportable: " + known + ")");
        }
        // Projection: no flow outward from a parked state.
        const std::string flow = "(" + rate + ")*(1-u(V(x)-1)*u(" + rate + "))*(1-u(-V(x))*u(-(" + rate + ")))";
        models_ << ".subckt mem_" << n << " p n x\n"
                << "Bm p n I = " << current << "\n"
                << "Bx 0 x I = " << flow << "\n";
        if (o_.analysis == SpiceExportOptions::Analysis::Transient)
            models_ << "Cx x 0 1\n";
        else  // DC: the state is a parameter, held by a source
            models_ << "Vx x 0 DC " << num(m.fraction(c_.present().y[m.firstExtra])) << "\n";
        models_ << "Rx x 0 1e15\n.ends\n";
        out_ << "V" << n << "_i " << node(m, 0) << " p_" << n << " DC 0\n";
        out_ << "X" << n << " p_" << n << " " << node(m, 1) << " x_" << n << " mem_" << n << "\n";
        if (o_.analysis == SpiceExportOptions::Analysis::Transient)
            ic_ << " v(x_" << n << ")=" << num(m.fraction(c_.present().y[m.firstExtra]));
    }

    // TEAM/VTEAM (TeamFamily.h): R linear or exponential in the normalised state.
    static std::string thresholdDriftCurrent(const ParamValues& p, const std::string& sc) {
        const double ron = p.at("Ron"), roff = p.at("Roff");
        return p.at("ivMode") == 1 ? "V(p,n)/(" + num(ron) + "*exp(" + num(std::log(roff / ron)) + "*" + sc + "))"
                                   : "V(p,n)/(" + num(ron) + "+" + num(roff - ron) + "*" + sc + ")";
    }
    // ds/dt: a power law beyond each threshold of the control variable `u`,
    // exact zero between them, the Kvatinsky window on x at the guard-banded state.
    static std::string thresholdDriftRate(const ParamValues& p, const std::string& u, const char* onKey, const char* offKey,
                                          const std::string& se) {
        const double xon = p.at("x_on"), xoff = p.at("x_off"), range = xoff - xon;
        const std::string xm = "(" + num(xon) + "+" + num(range) + "*" + se + ")";
        std::string fOff = "1", fOn = "1";
        if (p.at("window") != 0) {
            fOff = "exp(-exp((" + xm + "-" + num(p.at("a_off")) + ")/" + num(p.at("w_c")) + "))";
            fOn = "exp(-exp(-(" + xm + "-" + num(p.at("a_on")) + ")/" + num(p.at("w_c")) + "))";
        }
        return "(" + num(p.at("k_off")) + "*pow(max((" + u + ")/" + num(p.at(offKey)) + "-1,0)," + num(p.at("alpha_off")) +
               ")*" + fOff + "+" + num(p.at("k_on")) + "*pow(max((" + u + ")/" + num(p.at(onKey)) + "-1,0)," +
               num(p.at("alpha_on")) + ")*" + fOn + ")/" + num(range);
    }

    static std::string window(const WindowChoice& w, const std::string& x, const std::string& i) {
        auto p = [&](const char* key, double def) {
            auto it = w.params.find(key);
            return it == w.params.end() ? def : it->second;
        };
        if (w.id == "none") return "1";
        if (w.id == "strukov") return x + "*(1-" + x + ")";
        if (w.id == "joglekar") return "1-pow(abs(2*" + x + "-1)," + num(2 * p("p", 1)) + ")";
        if (w.id == "biolek") return "1-pow(abs(" + x + "-(1-u(" + i +")))," + num(2 * p("p", 1)) + ")";
        if (w.id == "prodromakis")
            return num(p("j", 1)) + "*(1-pow((" + x + "-0.5)*(" + x + "-0.5)+0.75," + num(p("p", 1)) + "))";
        throw InputError("window", "window '" + w.id + "' has no SPICE form");
    }

    const Circuit& c_;
    const SpiceExportOptions& o_;
    std::ostringstream out_, models_, ic_;
};

}  // namespace

std::string exportSpice(const Circuit& circuit, const SpiceExportOptions& options) {
    return Writer(circuit, options).run();
}

std::string spiceVector(const Circuit& c, const std::string& probe) {
    if (probe.size() > 3 && probe[1] == '(' && probe.back() == ')') {
        const std::string inner = probe.substr(2, probe.size() - 3);
        if (probe[0] == 'V') return c.nodeIndex(inner) < 0 ? "0" : "v(" + lower(inner) + ")";
        const Element& e = c.element(inner);
        const std::string n = lower(inner);
        if (probe[0] == 'x') return "v(x_" + n + ")";
        if (e.kind == "voltage_source") return "i(v" + n + ")";
        if (e.kind == "memristor") return "i(v" + n + "_i)";
        if (e.kind == "tia") return "i(v" + n + "_s)";
        if (e.kind == "vcvs" || e.kind == "opamp") return "i(e" + n + ")";
        throw InputError("probe '" + probe + "'", "no ngspice vector for the current of a " + e.kind);
    }
    return "v(" + lower(probe) + ")";
}

std::vector<std::string> spiceMemristorModels() { return {"linear_ion_drift", "nonlinear_ion_drift", "stanford_pku", "team", "vteam", "yakopcic"}; }

}  // namespace ms::circuit
