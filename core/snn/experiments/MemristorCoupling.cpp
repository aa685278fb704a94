// Volos et al. 2015: two neurons, one flux-controlled memristor between their
// membranes. Equations in MemristorCoupling.h.
#include "core/snn/experiments/MemristorCoupling.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "core/common/Errors.h"
#include "core/snn/neurons/ReducedNeurons.h"

namespace ms::snn {

bool isCouplableNeuron(const std::string& modelId) {
    return modelId == "hindmarsh_rose" || modelId == "fitzhugh_nagumo";
}

std::size_t couplableNeuronDimension(const std::string& modelId) { return modelId == "hindmarsh_rose" ? 3 : 2; }

std::vector<double> defaultCoupledStart(const std::string& modelId, const ParamValues& p, int neuron) {
    if (modelId == "hindmarsh_rose") {
        // Neuron 1 starts as the explorer's neuron does; neuron 2 mid-spike, far from it.
        const auto q = HindmarshRoseField::from(p).startingAt(p.at("x_init"));
        if (neuron == 1) return {q[0], q[1], q[2]};
        return {q[0] + 2.1, q[1] + 9.8, q[2] + 0.2};
    }
    if (neuron == 1) return {p.at("v_init"), p.at("w_init")};
    return {p.at("v_init") + 2.2, p.at("w_init") + 1.1};
}

namespace {

template <class Field>
class CoupledPair {
public:
    static constexpr int kD = Field::kDim;
    static constexpr int kN = 2 * kD + 1;  // neuron 1, neuron 2, flux
    using State = std::array<double, kN>;

    CoupledPair(const Field& f, double bias, double k, const MemristorModel& m) : f_(f), bias_(bias), k_(k), m_(m) {}

    State derivative(const State& s) const {
        State d{};
        const double v = s[0] - s[kD];  // voltage across the memristor, neuron 1 to neuron 2
        const double i = m_.current(v, s[kN - 1]);
        f_.derivative(&s[0], bias_ - k_ * i, &d[0]);
        f_.derivative(&s[kD], bias_ + k_ * i, &d[kD]);
        d[kN - 1] = m_.stateDerivative(v, i, s[kN - 1]);  // = x1 - x2 for a flux-controlled device
        return d;
    }
    void rk4(State& s, double h) const {
        const State k1 = derivative(s);
        State t;
        for (int j = 0; j < kN; ++j) t[j] = s[j] + 0.5 * h * k1[j];
        const State k2 = derivative(t);
        for (int j = 0; j < kN; ++j) t[j] = s[j] + 0.5 * h * k2[j];
        const State k3 = derivative(t);
        for (int j = 0; j < kN; ++j) t[j] = s[j] + h * k3[j];
        const State k4 = derivative(t);
        for (int j = 0; j < kN; ++j) s[j] += h / 6.0 * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
    }

private:
    Field f_;
    double bias_, k_;
    const MemristorModel& m_;
};

template <class Field>
CouplingResult run(const Field& field, const CouplingOptions& o, const MemristorModel& memristor,
                   const std::vector<std::string>& names, FrameSink& sink, const StopToken& stop) {
    using Pair = CoupledPair<Field>;
    constexpr int kD = Pair::kD, kN = Pair::kN;
    const Pair pair(field, o.neuronParams.at("I_bias"), o.coupling, memristor);
    const double threshold = o.neuronParams.at("threshold");
    const StateInfo bounds = memristor.stateInfo();

    typename Pair::State s{};
    for (int j = 0; j < kD; ++j) {
        s[j] = o.start1.at(static_cast<std::size_t>(j));
        s[kD + j] = o.start2.at(static_cast<std::size_t>(j));
    }
    s[kN - 1] = std::clamp(memristor.initialState(), bounds.min, bounds.max);

    std::vector<Column> cols = {{"t", ""}};
    for (int n = 1; n <= 2; ++n)
        for (const auto& name : names) cols.push_back({name + std::to_string(n), ""});
    cols.push_back({"phi", bounds.unit});
    cols.push_back({"W", "S"});
    cols.push_back({"e", ""});
    sink.beginSeries("trace", cols);
    sink.beginSeries("spikes", {{"neuron", ""}, {"t", ""}});

    const auto steps = static_cast<long long>(std::llround(o.duration / o.dt));
    const long long every = std::max<long long>(1, steps / static_cast<long long>(std::max<std::size_t>(1, o.samples)));
    const long long halfway = steps / 2;
    std::vector<double> rows, spikes;
    auto sample = [&](double t) {
        rows.push_back(t);
        for (int j = 0; j < 2 * kD; ++j) rows.push_back(s[j]);
        rows.push_back(s[kN - 1]);
        rows.push_back(memristor.current(1.0, s[kN - 1]));  // W: i per volt
        rows.push_back(s[0] - s[kD]);
    };
    auto flush = [&] {
        if (!rows.empty()) sink.appendRows("trace", rows.data(), rows.size() / cols.size());
        if (!spikes.empty()) sink.appendRows("spikes", spikes.data(), spikes.size() / 2);
        rows.clear();
        spikes.clear();
    };

    CouplingResult r;
    double errorSum = 0;
    long long errorCount = 0;
    bool above[2] = {s[0] >= threshold, s[kD] >= threshold};
    sample(0.0);
    for (long long step = 0; step < steps; ++step) {
        const double t = static_cast<double>(step) * o.dt;
        const double before[2] = {s[0], s[kD]};
        pair.rk4(s, o.dt);
        const double phi = s[kN - 1];
        if (phi < bounds.min || phi > bounds.max) {
            s[kN - 1] = std::clamp(phi, bounds.min, bounds.max);
            ++r.clippedSteps;
        }
        for (int n = 0; n < 2; ++n) {
            const double x = s[n * kD];
            if (!std::isfinite(x))
                throw SimulationError("memristor_coupled_neurons: neuron " + std::to_string(n + 1) +
                                      " is not finite at t = " + std::to_string(t) + " (reduce dt)");
            const bool now = x >= threshold;
            if (now && !above[n]) {
                // Linear interpolation of the crossing within the step.
                const double frac = (threshold - before[n]) / (x - before[n]);
                spikes.insert(spikes.end(), {static_cast<double>(n + 1), t + std::clamp(frac, 0.0, 1.0) * o.dt});
                ++(n == 0 ? r.spikes1 : r.spikes2);
            }
            above[n] = now;
        }
        if (step >= halfway) {
            const double e = std::fabs(s[0] - s[kD]);
            errorSum += e;
            ++errorCount;
            r.maxAbsError = std::max(r.maxAbsError, e);
        }
        if ((step + 1) % every == 0) sample(static_cast<double>(step + 1) * o.dt);
        if ((step + 1) % 8192 == 0) {
            if (stop.stopRequested()) throw Cancelled();
            flush();
            sink.progress(static_cast<double>(step + 1) / static_cast<double>(steps));
        }
    }
    flush();
    r.meanAbsError = errorCount ? errorSum / static_cast<double>(errorCount) : 0.0;
    r.synchronised = r.meanAbsError < o.syncTolerance;
    r.finalFlux = s[kN - 1];
    r.finalMemductance = memristor.current(1.0, s[kN - 1]);
    if (r.clippedSteps)
        sink.log(LogLevel::Warning, "the flux reached the device's bound (+-" + formatWithUnit(bounds.max, bounds.unit) +
                                        ") in " + std::to_string(r.clippedSteps) +
                                        " steps and was held there; raise phi_max if the cubic law should hold further");

    sink.scalar("mean_abs_error", r.meanAbsError, "");
    sink.scalar("max_abs_error", r.maxAbsError, "");
    sink.scalar("sync_tolerance", o.syncTolerance, "");
    sink.scalar("synchronised", r.synchronised ? 1.0 : 0.0, "");
    sink.scalar("spikes_1", static_cast<double>(r.spikes1), "");
    sink.scalar("spikes_2", static_cast<double>(r.spikes2), "");
    sink.scalar("final_phi", r.finalFlux, bounds.unit);
    sink.scalar("final_W", r.finalMemductance, "S");
    sink.progress(1.0);
    return r;
}

}  // namespace

CouplingResult runMemristorCoupling(const CouplingOptions& o, const MemristorModel& memristor, FrameSink& sink,
                                    const StopToken& stop) {
    if (o.neuronModel == "hindmarsh_rose")
        return run(HindmarshRoseField::from(o.neuronParams), o, memristor, {"x", "y", "z"}, sink, stop);
    if (o.neuronModel == "fitzhugh_nagumo")
        return run(FitzHughNagumoField::from(o.neuronParams), o, memristor, {"x", "y"}, sink, stop);
    throw InputError("neuron.model", "the memristor coupling takes hindmarsh_rose or fitzhugh_nagumo (got '" +
                                         o.neuronModel + "')");
}

}  // namespace ms::snn
