// Device-driven STDP: every synapse is an instance of a registered memristor
// model, and learning is what the device does under overlapping spike
// waveforms (Linares-Barranco & Serrano-Gotarredona, Nature Precedings 2009;
// Zamarreno-Ramos et al., Front. Neurosci. 5:26, 2011). Each spike drives its
// row (pre) or column (post) with a shape s(tau) (DeviceStdp.h: exponential
// tail, rectangular, triangular, Wu & Saxena's half-rectangular
// half-triangular), and the device sees
//   v = a s(t - t_post) - s(t - t_pre - delay)
// (a: the post waveform's gain; delay: the pre waveform's dendritic delay,
// Wu & Saxena, IEEE TNANO 18:149, 2019). Post after pre gives a positive
// overlap (potentiation for models whose conductance rises with positive
// drive), pre after post a negative one. A threshold selector in series
// (1S1R) passes only the excess |v| - V_sel (sign kept); V_sel = 0 is a bare
// 1R synapse, where the device's own threshold must keep single spikes from
// programming. Only the overlap of the latest pre and post waveforms is
// integrated (nearest-neighbour pairs), in RK4 pieces split at the
// waveforms' corners so each piece is smooth. Weight = weight_per_S * G(x),
// G read at v_read.
#include "core/snn/plasticity/DeviceStdp.h"

#include <algorithm>
#include <cmath>

#include "core/common/Errors.h"
#include "core/snn/Network.h"
#include "core/snn/Projection.h"
#include "core/snn/SpikeSources.h"

namespace ms::snn {

const char* spikeShapeId(SpikeShape s) {
    switch (s) {
    case SpikeShape::ExponentialTail: return "exponential_tail";
    case SpikeShape::Rectangular: return "rectangular";
    case SpikeShape::Triangular: return "triangular";
    case SpikeShape::RectTri: return "rect_tri";
    }
    return "?";
}

std::vector<std::string> spikeShapeIds() { return {"exponential_tail", "rectangular", "triangular", "rect_tri"}; }

bool spikeShapeFromId(const std::string& id, SpikeShape& out) {
    for (SpikeShape s : {SpikeShape::ExponentialTail, SpikeShape::Rectangular, SpikeShape::Triangular, SpikeShape::RectTri})
        if (id == spikeShapeId(s)) {
            out = s;
            return true;
        }
    return false;
}

namespace {

// The waveform's formula on the piece that contains tauPiece, evaluated at
// tau: RK4 stages at a piece's end then use that piece's formula, not the
// next one's (the shapes jump at t+).
double waveformOnPiece(const SpikeWaveform& w, double tau, double tauPiece) {
    if (tauPiece < 0 || tauPiece >= w.tSpike) return 0.0;
    if (tauPiece < w.tPlus) return w.shape == SpikeShape::Triangular ? w.vPlus * (1.0 - tau / w.tPlus) : w.vPlus;
    const double u = tau - w.tPlus;
    switch (w.shape) {
    case SpikeShape::ExponentialTail: return -w.vMinus * std::exp(-u / w.tauTail);
    case SpikeShape::Rectangular: return -w.vMinus;
    case SpikeShape::Triangular:
    case SpikeShape::RectTri: return -w.vMinus * (1.0 - u / (w.tSpike - w.tPlus));
    }
    return 0.0;
}

class DeviceStdp final : public PlasticityRule {
public:
    DeviceStdp(const DeviceStdpOptions& o, const DeviceSpec& device, const std::string& path, const std::string& devicePath)
        : o_(o), model_(instantiateDevice(device, devicePath)), info_(model_->stateInfo()) {
        const auto& w = o.waveform;
        if (!(w.tSpike > w.tPlus)) throw InputError(path + ".t_spike", "must exceed t_plus");
        if (o.substeps < 1) throw InputError(path + ".substeps", "must be at least 1");
    }

    void attach(Projection& p) override {
        const double x0 = o_.initialState > -1e299 ? std::clamp(o_.initialState, info_.min, info_.max)
                                                     : model_->initialState();
        x_.assign(p.size(), x0);
        lastPre_.assign(p.size(), -1e300);
        lastPost_.assign(p.post().size(), -1e300);
        for (std::size_t s = 0; s < p.size(); ++s) p.w[s] = weightOf(x_[s]);
        p.wMin = std::min(weightOf(info_.min), weightOf(info_.max));
        p.wMax = std::max(weightOf(info_.min), weightOf(info_.max));
    }
    void onPre(Projection& p, std::uint32_t s, double t) override {
        lastPre_[s] = t;
        pair(p, s, t, lastPost_[p.postOf(s)]);
    }
    void onPost(Projection& p, std::uint32_t j, double t) override {
        lastPost_[j] = t;
        for (std::uint32_t s : p.incoming(j)) pair(p, s, lastPre_[s], t);
    }
    void resetTraces() override {
        std::fill(lastPre_.begin(), lastPre_.end(), -1e300);
        std::fill(lastPost_.begin(), lastPost_.end(), -1e300);
    }
    // Normalisation wrote new weights: each device is set to the state whose
    // conductance gives that weight (an idealised write-verify), clamped to
    // the device's range; G(x) is monotone, so bisection finds it.
    void weightsRescaled(Projection& p) override {
        const bool rising = weightOf(info_.max) > weightOf(info_.min);
        for (std::size_t s = 0; s < p.size(); ++s) {
            double lo = info_.min, hi = info_.max;
            for (int k = 0; k < 60; ++k) {
                const double mid = 0.5 * (lo + hi);
                ((weightOf(mid) < p.w[s]) == rising ? lo : hi) = mid;
            }
            x_[s] = 0.5 * (lo + hi);
            p.w[s] = weightOf(x_[s]);
        }
    }

private:
    double weightOf(double x) const { return o_.weightPerSiemens / model_->resistance(x, o_.vRead); }

    // Integrates the device over the overlap of the pre waveform (from
    // tPre + delay) and the post waveform (from tPost), piece by piece.
    void pair(Projection& p, std::uint32_t s, double tPre, double tPost) {
        const auto& w = o_.waveform;
        const double preStart = tPre + w.delay;
        const double t0 = std::max(preStart, tPost), t1 = std::min(preStart, tPost) + w.tSpike;
        if (!(t1 > t0)) return;
        double cuts[4] = {t0, preStart + w.tPlus, tPost + w.tPlus, t1};
        std::sort(cuts + 1, cuts + 3);
        double x = x_[s];
        for (int k = 0; k < 3; ++k) {
            const double a = std::max(cuts[k], t0), b = std::min(cuts[k + 1], t1);
            if (b > a) x = integratePiece(x, a, b, tPre, tPost);
        }
        x_[s] = x;
        p.w[s] = weightOf(x);
    }

    double integratePiece(double x, double a, double b, double tPre, double tPost) const {
        const auto& w = o_.waveform;
        const double mid = 0.5 * (a + b);
        const double preStart = tPre + w.delay;
        auto dxdt = [&](double t, double xx) {
            const double vLine = w.postGain * waveformOnPiece(w, t - tPost, mid - tPost) -
                                 waveformOnPiece(w, t - preStart, mid - preStart);
            const double v = std::abs(vLine) > o_.vSel ? vLine - std::copysign(o_.vSel, vLine) : 0.0;
            return model_->stateDerivative(v, model_->current(v, xx), xx);
        };
        const double h = (b - a) / o_.substeps;
        for (int k = 0; k < o_.substeps; ++k) {
            const double t = a + k * h;
            const double k1 = dxdt(t, x), k2 = dxdt(t + h / 2, x + h / 2 * k1), k3 = dxdt(t + h / 2, x + h / 2 * k2),
                         k4 = dxdt(t + h, x + h * k3);
            x = std::clamp(x + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4), info_.min, info_.max);
        }
        return x;
    }

    DeviceStdpOptions o_;
    std::unique_ptr<MemristorModel> model_;
    StateInfo info_;
    std::vector<double> x_, lastPre_, lastPost_;
};

}  // namespace

double spikeWaveform(const SpikeWaveform& w, double tau) { return waveformOnPiece(w, tau, tau); }

std::unique_ptr<PlasticityRule> makeDeviceStdp(const DeviceStdpOptions& o, const DeviceSpec& device,
                                               const std::string& paramPath, const std::string& devicePath) {
    return std::make_unique<DeviceStdp>(o, device, paramPath, devicePath);
}

std::vector<StdpWindowPoint> deviceStdpWindow(const DeviceStdpOptions& o, const DeviceSpec& device, double x0,
                                              const std::vector<double>& dts, double clock) {
    DeviceStdpOptions one = o;
    one.initialState = x0;
    one.weightPerSiemens = 1.0;  // the weight is then G in siemens
    std::vector<StdpWindowPoint> out;
    out.reserve(dts.size());
    const double lead = o.waveform.tSpike + std::abs(o.waveform.delay) + 10 * clock;
    for (double dt : dts) {
        // Spike times on the clock's grid, so dt is exactly what the pair sees.
        const double tPre = std::round(lead / clock) * clock;
        const double tPost = tPre + std::round(dt / clock) * clock;
        Network net(clock);
        auto& pre = net.addGroup("pre", std::make_unique<SpikeGeneratorGroup>(1, std::vector<std::pair<std::uint32_t, double>>{{0, tPre}}));
        auto& post = net.addGroup("post", std::make_unique<SpikeGeneratorGroup>(1, std::vector<std::pair<std::uint32_t, double>>{{0, tPost}}));
        auto& p = net.connect(pre, post, SynapseTarget::Excitatory, {{0, 0, 0.0, 0}});
        p.setPlasticity(makeDeviceStdp(one, device));
        const double g0 = p.w[0];
        net.run(std::max(tPre, tPost) + 5 * clock);
        out.push_back({tPost - tPre, p.w[0] - g0});
    }
    return out;
}

PlasticityInfo deviceStdpRule() {
    const std::string src = "Zamarreno-Ramos et al., Front. Neurosci. 5:26 (2011)";
    const std::string wu = "Wu & Saxena, IEEE TNANO 18:149 (2019)";
    PlasticityInfo r;
    r.id = "device_stdp";
    r.name = "Device-driven STDP (overlapping spike waveforms)";
    r.summary = "Pre and post spike waveforms superpose across a registered memristor model";
    r.source = src;
    r.params = {
        {"shape", "shape", "", 0, 0, 3, Scale::Linear,
         "Spike shape: 0 exponential tail, 1 rectangular, 2 triangular, 3 half-rectangular half-triangular", wu, true},
        {"V_plus", "V_+", "V", 1.0, 0, 10, Scale::Linear, "Amplitude of the spike's positive pulse", src},
        {"t_plus", "t_+", "s", 1e-3, 1e-9, 1, Scale::Log, "Width of the positive pulse", src},
        {"V_minus", "V_-", "V", 0.5, 0, 10, Scale::Linear, "Amplitude of the negative tail", src},
        {"tau_tail", "tau_tail", "s", 20e-3, 1e-6, 10, Scale::Log, "Decay of the exponential tail", src},
        {"t_spike", "t_spike", "s", 60e-3, 1e-6, 10, Scale::Log, "Total waveform duration", src},
        {"delay", "d", "s", 0.0, 0, 1, Scale::Linear, "Delay of the pre waveform at the synapse (dendritic)", wu},
        {"post_gain", "a", "", 1.0, 0, 10, Scale::Linear, "Post waveform amplitude relative to the pre waveform", ""},
        {"V_sel", "V_sel", "V", 1.0, 0, 10, Scale::Linear, "Threshold of the series selector (>= V+ so single spikes do not program; 0: none)", src},
        {"v_read", "V_read", "V", 0.1, 1e-3, 10, Scale::Log, "Read voltage for the conductance", ""},
        {"weight_per_S", "k_w", "1/S", 1.0, 1e-12, 1e12, Scale::Log, "Network weight per siemens of conductance", ""},
        {"substeps", "N", "", 200, 1, 10000, Scale::Log, "RK4 steps per piece of the overlap (a device threshold crossed inside a piece costs O(h))", "", true},
    };
    r.create = [](const ParamValues& p, const DeviceSpec* device, std::uint64_t) -> std::unique_ptr<PlasticityRule> {
        if (!device) throw InputError("plasticity.device", "device_stdp needs a device model");
        DeviceStdpOptions o;
        o.waveform.shape = static_cast<SpikeShape>(static_cast<int>(p.at("shape")));
        o.waveform.vPlus = p.at("V_plus");
        o.waveform.tPlus = p.at("t_plus");
        o.waveform.vMinus = p.at("V_minus");
        o.waveform.tauTail = p.at("tau_tail");
        o.waveform.tSpike = p.at("t_spike");
        o.waveform.delay = p.at("delay");
        o.waveform.postGain = p.at("post_gain");
        o.vSel = p.at("V_sel");
        o.vRead = p.at("v_read");
        o.weightPerSiemens = p.at("weight_per_S");
        o.substeps = static_cast<int>(p.at("substeps"));
        return makeDeviceStdp(o, *device);
    };
    return r;
}

}  // namespace ms::snn
