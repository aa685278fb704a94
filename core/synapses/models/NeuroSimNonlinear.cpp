// NeuroSim's nonlinear LTP/LTD synapse (MLP+NeuroSim V3.0, Cell.cpp RealDevice;
// docs/device-models.md §6a): each write moves the pulse position P along the LTP
// or LTD curve, then adds cycle-to-cycle noise sigma*sqrt(|n|) of the range
// and clips to [Gmin, Gmax]. Device-to-device variation is a Gaussian on NL,
// drawn once per device.
#include <cmath>

#include "core/synapses/NeuroSimCurve.h"
#include "core/synapses/PulseSynapse.h"

namespace ms {
namespace {

class NeuroSimNonlinear final : public PulseSynapse {
public:
    explicit NeuroSimNonlinear(const ParamValues& p)
        : PulseSynapse(p.at("Gmax"), p.at("onOff")), nlLtp_(p.at("NL_LTP")), nlLtd_(p.at("NL_LTD")),
          pLtp_(p.at("levelsLTP")), pLtd_(p.at("levelsLTD")), c2c_(p.at("c2c")), d2d_(p.at("d2dNL")),
          aLtp_(neuroSimAHat(nlLtp_) * pLtp_), aLtd_(neuroSimAHat(nlLtd_) * pLtd_) {}

    int deviceParamCount() const override { return 2; }
    void drawDevice(double* d, SynapseRng& rng) const override {
        if (d2d_ == 0.0) {
            d[0] = aLtp_;
            d[1] = aLtd_;
            return;
        }
        d[0] = neuroSimAHat(std::clamp(nlLtp_ + d2d_ * rng.gauss(), -9.0, 9.0)) * pLtp_;
        d[1] = neuroSimAHat(std::clamp(nlLtd_ + d2d_ * rng.gauss(), -9.0, 9.0)) * pLtd_;
    }
    double applyPulses(double x, const double* d, int n, double width, SynapseRng& rng) const override {
        if (n == 0) return x;
        if (n > 0)
            x = neuroSimCurve(neuroSimPulsePosition(x, d[0], pLtp_) + n * width, d[0], pLtp_);
        else
            x = neuroSimCurve(neuroSimPulsePosition(x, d[1], pLtd_) + n * width, d[1], pLtd_);
        if (c2c_ > 0.0) x += c2c_ * std::sqrt(std::abs(n)) * rng.gauss();
        return std::clamp(x, 0.0, 1.0);
    }
    double nominalStep(double x, int direction) const override {
        if (direction > 0) return neuroSimCurve(neuroSimPulsePosition(x, aLtp_, pLtp_) + 1, aLtp_, pLtp_) - x;
        return neuroSimCurve(neuroSimPulsePosition(x, aLtd_, pLtd_) - 1, aLtd_, pLtd_) - x;
    }
    int levels() const override { return static_cast<int>(std::lround(std::min(pLtp_, pLtd_))); }
    int directionLevels(int direction) const override {
        return static_cast<int>(std::lround(direction > 0 ? pLtp_ : pLtd_));
    }

private:
    double nlLtp_, nlLtd_, pLtp_, pLtd_, c2c_, d2d_, aLtp_, aLtd_;
};

}  // namespace

SynapseModelInfo neuroSimNonlinearSynapse() {
    const std::string src = "MLP+NeuroSim V3.0 manual, Table II (Ag:a-Si, Jo et al. 2010)";
    SynapseModelInfo m;
    m.id = "neurosim_nl";
    m.name = "NeuroSim nonlinear LTP/LTD";
    m.summary = "Exponential conductance-vs-pulse curves labelled by NL, with C2C and D2D variation";
    m.source = "Chen, Peng & Yu, IEEE TCAD 37 (2018) (NeuroSim); MLP+NeuroSim V3.0 manual";
    m.params = {
        {"NL_LTP", "NL_LTP", "", 2.4, -9, 9, Scale::Linear, "Nonlinearity label of potentiation (0 = linear)", src},
        {"NL_LTD", "NL_LTD", "", -4.88, -9, 9, Scale::Linear, "Nonlinearity label of depression (negative: steep near Gmax)", src},
        {"levelsLTP", "P_max,LTP", "", 97, 2, 100000, Scale::Log, "Pulses from Gmin to Gmax (number of LTP levels)", src, true},
        {"levelsLTD", "P_max,LTD", "", 100, 2, 100000, Scale::Log, "Pulses from Gmax to Gmin (number of LTD levels)", src, true},
        {"c2c", "sigma_C2C", "", 0.035, 0, 1, Scale::Linear, "Cycle-to-cycle sigma per write, fraction of Gmax-Gmin (x sqrt|n|)", src},
        {"d2dNL", "sigma_D2D", "", 0.0, 0, 5, Scale::Linear, "Device-to-device sigma added to NL, once per device", "NeuroSim default 0"},
    };
    for (auto& s : conductanceSpecs(3.8462e-8, 12.5, src)) m.params.push_back(s);
    const std::string t = "MLP+NeuroSim V3.0 manual, Table II";
    m.presets = {
        {"ag_asi", "Ag:a-Si", t, {{"NL_LTP", 2.4}, {"NL_LTD", -4.88}, {"levelsLTP", 97}, {"levelsLTD", 100}, {"c2c", 0.035}, {"Gmax", 1.0 / 26e6}, {"onOff", 12.5}}},
        {"taox_hfox", "TaOx/HfOx", t, {{"NL_LTP", 0.04}, {"NL_LTD", -0.63}, {"levelsLTP", 128}, {"levelsLTD", 128}, {"c2c", 0.037}, {"Gmax", 1.0 / 100e3}, {"onOff", 10}}},
        {"pcmo", "PCMO", t, {{"NL_LTP", 3.68}, {"NL_LTD", -6.76}, {"levelsLTP", 50}, {"levelsLTD", 50}, {"c2c", 0.005}, {"Gmax", 1.0 / 23e6}, {"onOff", 6.84}}},
        {"alox_hfo2", "AlOx/HfO2", t, {{"NL_LTP", 1.94}, {"NL_LTD", -0.61}, {"levelsLTP", 40}, {"levelsLTD", 40}, {"c2c", 0.05}, {"Gmax", 1.0 / 16.9e3}, {"onOff", 4.43}}},
        {"epiram", "EpiRAM", t, {{"NL_LTP", 0.5}, {"NL_LTD", -0.5}, {"levelsLTP", 64}, {"levelsLTD", 64}, {"c2c", 0.02}, {"Gmax", 1.0 / 81e3}, {"onOff", 50.2}}},
        {"ideal", "Ideal linear (1000 levels, no variation)", "reference", {{"NL_LTP", 0}, {"NL_LTD", 0}, {"levelsLTP", 1000}, {"levelsLTD", 1000}, {"c2c", 0}}},
    };
    m.create = [](const ParamValues& p) -> std::unique_ptr<PulseSynapse> { return std::make_unique<NeuroSimNonlinear>(p); };
    return m;
}

}  // namespace ms
