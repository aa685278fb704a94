#include "core/snn/SynapseChoice.h"

#include <algorithm>
#include <cmath>

#include "core/snn/Projection.h"

namespace ms::snn {

double SynapseChoice::siemensPerWeight() const {
    switch (type) {
    case Type::Abstract: return 1.0;
    case Type::DeviceStdp: return 1.0 / deviceStdp.weightPerSiemens;
    case Type::StochasticBinary: return 1.0 / stochastic.weightPerSiemens;
    case Type::PulseStdp: return 1.0 / pulse.weightPerSiemens;
    }
    return 1.0;
}

const char* SynapseChoice::id() const {
    switch (type) {
    case Type::Abstract: return "abstract";
    case Type::DeviceStdp: return "device_stdp";
    case Type::StochasticBinary: return "stochastic_binary";
    case Type::PulseStdp: return "pulse_stdp";
    }
    return "?";
}

std::unique_ptr<PlasticityRule> makeSynapseRule(const SynapseChoice& c, const std::string& abstractRule,
                                                std::uint64_t seed) {
    switch (c.type) {
    case SynapseChoice::Type::Abstract: return makePlasticity(abstractRule, {}, nullptr, seed, "stdp");
    case SynapseChoice::Type::DeviceStdp: return makeDeviceStdp(c.deviceStdp, c.device, "synapse", "synapse.device");
    case SynapseChoice::Type::StochasticBinary: {
        const auto& s = c.stochastic;
        return makePlasticity("stochastic_binary",
                              {{"p_plus", s.pPlus}, {"p_minus", s.pMinus}, {"t_ltp", s.tLtp},
                               {"w_min", s.gOff * s.weightPerSiemens}, {"w_max", s.gOn * s.weightPerSiemens}},
                              nullptr, seed, "synapse");
    }
    case SynapseChoice::Type::PulseStdp: return makePulseStdp(c.pulse, seed, "synapse");
    }
    return nullptr;
}

void startDevices(const SynapseChoice& c, Projection& p, std::mt19937_64& rng, const std::function<double()>& fraction) {
    const bool binary = c.type == SynapseChoice::Type::StochasticBinary;
    std::uniform_real_distribution<double> u(0.0, 1.0);
    for (double& w : p.w) {
        const double f = fraction();
        w = binary ? (u(rng) < f ? p.wMax : p.wMin) : p.wMin + f * (p.wMax - p.wMin);
    }
    p.plasticity()->weightsRescaled(p);
}

void emitDeviceStdpWindow(const SynapseChoice& c, FrameSink& sink) {
    if (c.type == SynapseChoice::Type::PulseStdp) {
        std::vector<double> dts;
        const double span = 5.0 * std::max(c.pulse.tauPlus, c.pulse.tauMinus);
        for (int k = 0; k <= 60; ++k)
            if (k != 30) dts.push_back(-span + 2.0 * span * k / 60.0);  // no pairing at dt = 0
        const auto pts = pulseStdpWindow(c.pulse, 0.5, dts, "synapse");
        sink.beginSeries("stdp_window", {{"dt", "s"}, {"dG", "S"}});
        std::vector<double> rows;
        for (const auto& p : pts) rows.insert(rows.end(), {p.dt, p.dG});
        sink.appendRows("stdp_window", rows.data(), pts.size());
        return;
    }
    if (c.type != SynapseChoice::Type::DeviceStdp) return;
    const auto model = instantiateDevice(c.device, "synapse.device");
    const StateInfo info = model->stateInfo();
    const auto& w = c.deviceStdp.waveform;
    const double span = w.tSpike + w.delay;
    std::vector<double> dts;
    for (int k = 0; k <= 60; ++k) dts.push_back(-span + 2.0 * span * k / 60.0);
    // The network clock only places the spikes; the rule integrates the
    // overlap in continuous time, so a coarse clock loses nothing.
    const auto pts = deviceStdpWindow(c.deviceStdp, c.device, 0.5 * (info.min + info.max), dts, span / 3000);
    sink.beginSeries("stdp_window", {{"dt", "s"}, {"dG", "S"}});
    std::vector<double> rows;
    for (const auto& p : pts) rows.insert(rows.end(), {p.dt, p.dG});
    sink.appendRows("stdp_window", rows.data(), pts.size());
}

void emitConductanceHistogram(const SynapseChoice& c, const Projection& p, FrameSink& sink) {
    const double k = c.siemensPerWeight();
    double lo = std::min(p.wMin, p.wMax) * k, hi = std::max(p.wMin, p.wMax) * k;
    if (!(hi > lo) || !std::isfinite(hi)) {
        lo = *std::min_element(p.w.begin(), p.w.end()) * k;
        hi = *std::max_element(p.w.begin(), p.w.end()) * k;
        if (!(hi > lo)) hi = lo + 1e-12;
    }
    const int bins = 24;
    // Logarithmic over one to six decades; a device whose conductance falls
    // to (nearly) zero at one end (Yakopcic's G ~ x) is binned linearly.
    const bool logBins = lo > 0 && hi / lo > 10 && hi / lo < 1e6;
    auto pos = [&](double g) { return logBins ? std::log(g / lo) / std::log(hi / lo) : (g - lo) / (hi - lo); };
    std::vector<double> count(bins, 0.0);
    for (double wv : p.w) count[std::clamp(static_cast<int>(pos(wv * k) * bins), 0, bins - 1)] += 1;
    sink.beginSeries("conductance_histogram", {{"G", "S"}, {"count", ""}});
    std::vector<double> rows;
    for (int b = 0; b < bins; ++b) {
        const double f = (b + 0.5) / bins;
        rows.insert(rows.end(), {logBins ? lo * std::pow(hi / lo, f) : lo + f * (hi - lo), count[b]});
    }
    sink.appendRows("conductance_histogram", rows.data(), bins);
}

}  // namespace ms::snn
