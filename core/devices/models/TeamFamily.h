// TEAM (Kvatinsky et al., TCAS-I 60, 2013) and VTEAM (TCAS-II 62, 2015) share
// everything but the control variable (docs/device-models.md §4): a dead zone
// between two thresholds, a power law beyond them, the Kvatinsky window, and a
// linear or exponential R(x). x is the OFF width in metres: x_on gives R_on,
// x_off gives R_off. Used by Team.cpp and Vteam.cpp only.
#pragma once

#include <cmath>

#include "core/devices/KvatinskyWindow.h"
#include "core/devices/ModelRegistry.h"
#include "core/devices/SafeMath.h"

namespace ms::team {

// ivMode values.
inline constexpr double kLinearIV = 0, kExponentialIV = 1;

class ThresholdDriftModel final : public MemristorModel {
public:
    // thresholdOn/Off are currents (A) for TEAM, voltages (V) for VTEAM.
    ThresholdDriftModel(const ParamValues& p, bool voltageControlled, const char* onKey, const char* offKey)
        : voltageControlled_(voltageControlled), kOn_(p.at("k_on")), kOff_(p.at("k_off")),
          alphaOn_(p.at("alpha_on")), alphaOff_(p.at("alpha_off")), thOn_(p.at(onKey)), thOff_(p.at(offKey)),
          ron_(p.at("Ron")), roff_(p.at("Roff")), xOn_(p.at("x_on")), xOff_(p.at("x_off")), x0_(p.at("x0")),
          exponential_(p.at("ivMode") == kExponentialIV), useWindow_(p.at("window") != 0),
          window_{p.at("a_on"), p.at("a_off"), p.at("w_c")}, lambda_(std::log(roff_ / ron_)) {}

    double current(double v, double x) const override { return v / resistanceAt(x); }
    double voltage(double i, double x) const override { return i * resistanceAt(x); }
    double resistance(double x, double) const override { return resistanceAt(x); }

    // The dead zone is exact: 0 for thOn <= u <= thOff (TCAS-I 2013, eq. 1).
    double stateDerivative(double v, double i, double x) const override {
        const double u = voltageControlled_ ? v : i;
        if (u > thOff_) {
            const double f = useWindow_ ? window_.fOff(x) : 1.0;
            return kOff_ * safe::pow(u / thOff_ - 1.0, alphaOff_) * f;
        }
        if (u < thOn_) {
            const double f = useWindow_ ? window_.fOn(x) : 1.0;
            return kOn_ * safe::pow(u / thOn_ - 1.0, alphaOn_) * f;
        }
        return 0.0;
    }
    double initialState() const override { return x0_; }
    StateInfo stateInfo() const override { return {"x", "m", xOn_, xOff_}; }

private:
    double resistanceAt(double x) const {
        const double s = (x - xOn_) / (xOff_ - xOn_);
        return exponential_ ? ron_ * std::exp(lambda_ * s) : ron_ + (roff_ - ron_) * s;
    }
    bool voltageControlled_;
    double kOn_, kOff_, alphaOn_, alphaOff_, thOn_, thOff_, ron_, roff_, xOn_, xOff_, x0_;
    bool exponential_, useWindow_;
    KvatinskyWindow window_;
    double lambda_;
};

// Parameters common to TEAM and VTEAM; `src` is the source of the defaults.
inline std::vector<ParamSpec> commonParams(const std::string& src, double kOn, double kOff, double alphaOn,
                                           double alphaOff, double useWindow) {
    const std::string kw = "Kvatinsky et al., TCAS-I 60 (2013), Kvatinsky window";
    return {
        {"k_on", "k_on", "m/s", kOn, -1e6, 0, Scale::Linear, "ON rate constant (negative: ON switching shrinks x)", src},
        {"k_off", "k_off", "m/s", kOff, 0, 1e6, Scale::Linear, "OFF rate constant (positive: OFF switching grows x)", src},
        {"alpha_on", "alpha_on", "", alphaOn, 0.1, 30, Scale::Linear, "Power of the ON rate beyond the threshold", src},
        {"alpha_off", "alpha_off", "", alphaOff, 0.1, 30, Scale::Linear, "Power of the OFF rate beyond the threshold", src},
        {"Ron", "R_on", "ohm", 50, 1e-3, 1e9, Scale::Log, "Resistance at x = x_on", src},
        {"Roff", "R_off", "ohm", 1e3, 1e-3, 1e12, Scale::Log, "Resistance at x = x_off", src},
        {"x_on", "x_on", "m", 0, 0, 1e-6, Scale::Linear, "OFF width of the fully ON device (lower state bound)", src},
        {"x_off", "x_off", "m", 3e-9, 1e-11, 1e-6, Scale::Linear, "OFF width of the fully OFF device (upper state bound, D)", src},
        {"x0", "x_0", "m", 0, 0, 1e-6, Scale::Linear, "State at t = 0", src},
        {"ivMode", "I-V", "", kLinearIV, 0, 1, Scale::Linear, "0: linear R(x); 1: exponential R(x) = Ron e^(lambda s)", src, true},
        {"window", "window", "", useWindow, 0, 1, Scale::Linear, "1: Kvatinsky window on; 0: no window (f = 1)", kw, true},
        {"a_on", "a_on", "m", 0, 0, 1e-6, Scale::Linear, "Kvatinsky window: ON motion fades below a_on", kw},
        {"a_off", "a_off", "m", 3e-9, 0, 1e-6, Scale::Linear, "Kvatinsky window: OFF motion fades above a_off", kw},
        {"w_c", "w_c", "m", 0.107e-9, 1e-13, 1e-6, Scale::Log, "Kvatinsky window: width of the fade", kw},
    };
}

// Cross-field rules shared by both; onKey/offKey name the thresholds.
inline std::vector<ParamIssue> checkCommon(const ParamValues& p, const std::string& onKey, const std::string& offKey,
                                           const std::string& unit) {
    std::vector<ParamIssue> out;
    if (p.at("Roff") <= p.at("Ron"))
        out.push_back({"Roff", "must be greater than Ron (" + formatWithUnit(p.at("Ron"), "ohm") + ")"});
    if (p.at("x_off") <= p.at("x_on"))
        out.push_back({"x_off", "must be greater than x_on (" + formatWithUnit(p.at("x_on"), "m") + ")"});
    else if (p.at("x0") < p.at("x_on") || p.at("x0") > p.at("x_off"))
        out.push_back({"x0", "must lie between x_on (" + formatWithUnit(p.at("x_on"), "m") + ") and x_off (" +
                                 formatWithUnit(p.at("x_off"), "m") + ")"});
    if (!(p.at(offKey) > 0)) out.push_back({offKey, "must be positive (got " + formatWithUnit(p.at(offKey), unit) + ")"});
    if (!(p.at(onKey) < 0)) out.push_back({onKey, "must be negative (got " + formatWithUnit(p.at(onKey), unit) + ")"});
    return out;
}

}  // namespace ms::team
