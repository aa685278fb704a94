// Device-driven STDP: every synapse is an instance of a registered memristor
// model, and learning is what the device does under overlapping spike
// waveforms (Linares-Barranco & Serrano-Gotarredona, Nature Precedings 2009;
// Zamarreno-Ramos et al., Front. Neurosci. 5:26, 2011). Each spike drives its
// row (pre) or column (post) with the shape
//   s(tau) = V+ for 0 <= tau < t+;  -V- e^{-(tau - t+)/tau_tail} for t+ <= tau < t_spike,
// and the device sees v = s(t - t_post) - s(t - t_pre). Post after pre gives
// a positive overlap (potentiation for models whose conductance rises with
// positive drive), pre after post a negative one. A threshold selector in
// series (1S1R) passes only the excess |v| - V_sel (sign kept): one spike's
// waveform (|s| <= V+ <= V_sel) never reaches the device, the overlap of one
// spike's pulse with the other's tail does, by an amount that decays with
// the spike-time difference, which gives the STDP window. Only the overlap
// window is integrated. Weight = weight_per_S * G(x), G read at v_read.
#include <algorithm>
#include <cmath>

#include "core/common/Errors.h"
#include "core/snn/Plasticity.h"
#include "core/snn/Projection.h"

namespace ms::snn {
namespace {

class DeviceStdp final : public PlasticityRule {
public:
    DeviceStdp(const ParamValues& p, const DeviceSpec& device)
        : vPlus_(p.at("V_plus")), tPlus_(p.at("t_plus")), vMinus_(p.at("V_minus")), tauTail_(p.at("tau_tail")),
          tSpike_(p.at("t_spike")), vSel_(p.at("V_sel")), vRead_(p.at("v_read")), scale_(p.at("weight_per_S")),
          substeps_(static_cast<int>(p.at("substeps"))), model_(instantiateDevice(device, "plasticity.device")),
          info_(model_->stateInfo()) {
        if (tSpike_ <= tPlus_) throw InputError("plasticity.params.t_spike", "must exceed t_plus");
    }

    void attach(Projection& p) override {
        x_.assign(p.size(), model_->initialState());
        lastPre_.assign(p.size(), -1e300);
        lastPost_.assign(p.post().size(), -1e300);
        for (std::size_t s = 0; s < p.size(); ++s) p.w[s] = weightOf(x_[s]);
        p.wMin = std::min(weightOf(info_.min), weightOf(info_.max));
        p.wMax = std::max(weightOf(info_.min), weightOf(info_.max));
    }
    void onPre(Projection& p, std::uint32_t s, double t) override {
        lastPre_[s] = t;
        const double tPost = lastPost_[p.postOf(s)];
        if (t - tPost < tSpike_) pulseOverlap(p, s, t, tPost);
    }
    void onPost(Projection& p, std::uint32_t j, double t) override {
        lastPost_[j] = t;
        for (std::uint32_t s : p.incoming(j))
            if (t - lastPre_[s] < tSpike_) pulseOverlap(p, s, lastPre_[s], t);
    }
    void resetTraces() override {
        std::fill(lastPre_.begin(), lastPre_.end(), -1e300);
        std::fill(lastPost_.begin(), lastPost_.end(), -1e300);
    }

    // The spike waveform at time tau after the spike (V).
    double shape(double tau) const {
        if (tau < 0 || tau >= tSpike_) return 0.0;
        if (tau < tPlus_) return vPlus_;
        return -vMinus_ * std::exp(-(tau - tPlus_) / tauTail_);
    }

private:
    double weightOf(double x) const { return scale_ / model_->resistance(x, vRead_); }

    // Integrates the device over the overlap of both waveforms (RK4).
    void pulseOverlap(Projection& p, std::uint32_t s, double tPre, double tPost) {
        const double t0 = std::max(tPre, tPost), t1 = std::min(tPre, tPost) + tSpike_;
        if (t1 <= t0) return;
        const double h = (t1 - t0) / substeps_;
        double x = x_[s];
        auto dxdt = [&](double t, double xx) {
            const double vLine = shape(t - tPost) - shape(t - tPre);
            const double v = std::abs(vLine) > vSel_ ? vLine - std::copysign(vSel_, vLine) : 0.0;
            return model_->stateDerivative(v, model_->current(v, xx), xx);
        };
        for (int k = 0; k < substeps_; ++k) {
            const double t = t0 + k * h;
            const double k1 = dxdt(t, x), k2 = dxdt(t + h / 2, x + h / 2 * k1), k3 = dxdt(t + h / 2, x + h / 2 * k2),
                         k4 = dxdt(t + h, x + h * k3);
            x = std::clamp(x + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4), info_.min, info_.max);
        }
        x_[s] = x;
        p.w[s] = weightOf(x);
    }

    double vPlus_, tPlus_, vMinus_, tauTail_, tSpike_, vSel_, vRead_, scale_;
    int substeps_;
    std::unique_ptr<MemristorModel> model_;
    StateInfo info_;
    std::vector<double> x_, lastPre_, lastPost_;
};

}  // namespace

PlasticityInfo deviceStdpRule() {
    const std::string src = "Zamarreno-Ramos et al., Front. Neurosci. 5:26 (2011)";
    PlasticityInfo r;
    r.id = "device_stdp";
    r.name = "Device-driven STDP (overlapping spike waveforms)";
    r.summary = "Pre and post spike waveforms superpose across a registered memristor model";
    r.source = src;
    r.params = {
        {"V_plus", "V_+", "V", 1.0, 0, 10, Scale::Linear, "Amplitude of the spike's positive pulse", src},
        {"t_plus", "t_+", "s", 1e-3, 1e-6, 1, Scale::Log, "Width of the positive pulse", src},
        {"V_minus", "V_-", "V", 0.5, 0, 10, Scale::Linear, "Amplitude of the negative tail", src},
        {"tau_tail", "tau_tail", "s", 20e-3, 1e-6, 10, Scale::Log, "Decay of the negative tail", src},
        {"t_spike", "t_spike", "s", 60e-3, 1e-6, 10, Scale::Log, "Total waveform duration", src},
        {"V_sel", "V_sel", "V", 1.0, 0, 10, Scale::Linear, "Threshold of the series selector (>= V+ so single spikes do not program)", src},
        {"v_read", "V_read", "V", 0.1, 1e-3, 10, Scale::Log, "Read voltage for the conductance", ""},
        {"weight_per_S", "k_w", "1/S", 1.0, 1e-12, 1e12, Scale::Log, "Network weight per siemens of conductance", ""},
        {"substeps", "N", "", 50, 4, 10000, Scale::Log, "RK4 steps per overlap", "", true},
    };
    r.create = [](const ParamValues& p, const DeviceSpec* device, std::uint64_t) -> std::unique_ptr<PlasticityRule> {
        if (!device) throw InputError("plasticity.device", "device_stdp needs a device model");
        return std::make_unique<DeviceStdp>(p, *device);
    };
    return r;
}

}  // namespace ms::snn
