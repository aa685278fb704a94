#include "core/ann/AnalogWeights.h"

#include <algorithm>
#include <cmath>

#include "core/common/Errors.h"

namespace ms {

double quantize(double v, int bits, double range) {
    if (bits <= 0) return v;
    // One bit cannot hold an odd level count: it is a comparator at 0 (the sign).
    if (bits == 1) return v < 0 ? -range : range;
    const double step = 2.0 * range / ((1 << bits) - 2);  // odd level count keeps 0 exact (aihwkit 2^b - 2)
    return std::clamp(std::round(v / step) * step, -range, range);
}

double quantizeUnipolar(double v, int bits, double range) {
    if (bits <= 0) return v;
    const double step = range / ((1 << bits) - 1);  // 2^b levels from 0 to full scale
    return std::clamp(std::round(v / step) * step, 0.0, range);
}

AnalogWeights::AnalogWeights(int outputs, int inputs, const AnalogSpec& spec, const PulseSynapse& model, double wMax,
                             SynapseRng& rng)
    : outputs_(outputs), inputs_(inputs), spec_(spec), model_(&model), wMax_(wMax),
      replicas_(std::max(1, spec.devicesPerWeight)) {
    if (outputs < 1 || inputs < 1) throw InputError("network", "layer dimensions must be positive");
    if (!(wMax > 0) || !std::isfinite(wMax)) throw InputError("analog.wMax", "must be a positive number");
    if (!(spec.readGain > 0) || !std::isfinite(spec.readGain)) throw InputError("analog.readGain", "must be a positive number");
    gain_ = spec.readGain;
    if (spec.tileRows < 2 || spec.tileCols < 1) throw InputError("analog.tileRows", "tiles need at least 2 rows and 1 column");
    if (spec.tileRows < replicas_)
        throw InputError("analog.tileRows", "a tile needs at least devicesPerWeight rows (each redundant device has its own row)");
    const double range = model.gMax() - model.gMin();
    scale_ = (differential() ? 1.0 : 2.0) * wMax / range;
    gRef_ = 0.5 * (model.gMax() + model.gMin());
    // One pulse moves x by about 1/levels: w by scale * range / levels (twice with bipolar pairs).
    const double pairFactor = differential() && spec.bipolarPulses ? 2.0 : 1.0;
    dwPulse_ = scale_ * range / model.levels() * pairFactor;
    dwUp_ = spec.levelsPerDirection ? scale_ * range / model.directionLevels(+1) * pairFactor : dwPulse_;
    dwDown_ = spec.levelsPerDirection ? scale_ * range / model.directionLevels(-1) * pairFactor : dwPulse_;
    const std::size_t n = static_cast<std::size_t>(replicas_) * outputs * inputs;
    pos_ = DevicePopulation(model, n, 0.5, rng);
    if (differential()) neg_ = DevicePopulation(model, n, 0.5, rng);
    if (spec.stuckOffProbability > 0 || spec.stuckOnProbability > 0) {
        pos_.injectStuckFaults(spec.stuckOffProbability, spec.stuckOnProbability, rng);
        if (differential()) neg_.injectStuckFaults(spec.stuckOffProbability, spec.stuckOnProbability, rng);
    }
    nuPos_ = drawDriftExponents(n, spec.drift, rng);
    if (differential()) nuNeg_ = drawDriftExponents(n, spec.drift, rng);
    driftPos_.assign(n, 1.0);
    driftNeg_.assign(differential() ? n : 0, 1.0);
    if (spec.fuSegments > 0) widths_ = PulseWidthSchedule(model, spec.fuSegments);
    w_.resize(outputs, inputs);
    for (int o = 0; o < outputs; ++o)
        for (int i = 0; i < inputs; ++i) refreshWeight(o, i);
}

double AnalogWeights::deviceG(int polarity, std::size_t k) const {
    if (polarity == 0) return model_->conductance(pos_.x(k)) * driftPos_[k];
    return differential() ? model_->conductance(neg_.x(k)) * driftNeg_[k] : gRef_;
}

void AnalogWeights::refreshWeight(int o, int i) {
    double sum = 0.0;
    for (int r = 0; r < replicas_; ++r) {
        const std::size_t k = index(r, o, i);
        sum += deviceG(0, k) - deviceG(1, k);
    }
    w_(o, i) = scale_ * sum / replicas_;
    readSigmaValid_ = false;
}

void AnalogWeights::setTime(double t) {
    time_ = t;
    for (std::size_t k = 0; k < driftPos_.size(); ++k) driftPos_[k] = driftFactor(t, nuPos_[k], spec_.drift.t0);
    for (std::size_t k = 0; k < driftNeg_.size(); ++k) driftNeg_[k] = driftFactor(t, nuNeg_[k], spec_.drift.t0);
    for (int o = 0; o < outputs_; ++o)
        for (int i = 0; i < inputs_; ++i) refreshWeight(o, i);
}

void AnalogWeights::initialise(const Eigen::MatrixXd& w) {
    for (int o = 0; o < outputs_; ++o)
        for (int i = 0; i < inputs_; ++i) {
            const double u = std::clamp(w(o, i) / wMax_, -1.0, 1.0);
            for (int r = 0; r < replicas_; ++r) {
                const std::size_t k = index(r, o, i);
                if (differential()) {
                    pos_.setX(k, 0.5 + 0.5 * u);
                    neg_.setX(k, 0.5 - 0.5 * u);
                } else {
                    pos_.setX(k, 0.5 + 0.5 * u);
                }
            }
            refreshWeight(o, i);
        }
}

void AnalogWeights::pulseDevice(int polarity, std::size_t k, int n, SynapseRng& rng) {
    DevicePopulation& pop = polarity == 0 ? pos_ : neg_;
    if (pop.stuck(k) != StuckState::Healthy) return;  // the pulse is spent but does nothing
    const int dir = n > 0 ? 1 : -1;
    // Pulse by pulse, so each pulse's energy sees the conductance it meets and,
    // with Fu 2019 pulses, its segment's width. (For NeuroSim devices n single
    // writes have the same C2C statistics as one n-pulse write: sigma^2 adds.)
    const double e1 = spec_.writeVoltage * spec_.writeVoltage * spec_.pulseWidth;
    for (int p = 0; p < std::abs(n); ++p) {
        const double width = widths_.width(pop.x(k), dir);
        energy_ += e1 * model_->conductance(pop.x(k)) * width;
        pop.pulse(k, dir, width, rng);
    }
    pulses_ += std::abs(n);
}

void AnalogWeights::applyUpdate(const Eigen::MatrixXd& dW, SynapseRng& rng) {
    const double invUp = 1.0 / dwUp_, invDown = 1.0 / dwDown_;
    const int cap = std::max(1, spec_.maxPulsesPerUpdate);
    for (int i = 0; i < inputs_; ++i)
        for (int o = 0; o < outputs_; ++o) {
            const double d = dW(o, i);
            if (d == 0.0) continue;
            const double inv = d > 0 ? invUp : invDown;
            int n = 0;
            switch (spec_.rule) {
                case UpdateRule::Manhattan:
                    n = std::fabs(d) > spec_.manhattanThreshold * (d > 0 ? dwUp_ : dwDown_) ? (d > 0 ? 1 : -1) : 0;
                    break;
                case UpdateRule::Proportional:
                    n = static_cast<int>(std::lround(std::clamp(d * inv, -double(cap), double(cap))));
                    break;
                case UpdateRule::Stochastic: {
                    const double m = std::clamp(d * inv, -double(cap), double(cap));
                    const double f = std::floor(m);
                    n = static_cast<int>(f) + (rng.uniform() < m - f ? 1 : 0);
                    break;
                }
            }
            if (n == 0) continue;
            for (int r = 0; r < replicas_; ++r) {
                const std::size_t k = index(r, o, i);
                pulseDevice(0, k, n, rng);
                if (differential() && spec_.bipolarPulses) pulseDevice(1, k, -n, rng);
            }
            refreshWeight(o, i);
        }
}

ProgrammingReport AnalogWeights::program(const Eigen::MatrixXd& target, SynapseRng& rng) {
    if (target.rows() != outputs_ || target.cols() != inputs_) throw InputError("program", "target weight shape mismatch");
    // Nominal LTP curve from RESET: x after k pulses (open-loop lookup).
    std::vector<double> curve{0.0};
    while (curve.size() < 20000 && curve.back() < 1.0 - 1e-9) {
        const double step = model_->nominalStep(curve.back(), +1);
        if (step <= 1e-12) break;
        curve.push_back(std::min(1.0, curve.back() + step));
    }
    ProgrammingReport rep;
    const long long pulses0 = pulses_;
    const double energy0 = energy_;
    const double tol = spec_.verifyTolerance / model_->levels();
    auto programDevice = [&](int polarity, std::size_t k, double xTarget) {
        DevicePopulation& pop = polarity == 0 ? pos_ : neg_;
        if (pop.stuck(k) != StuckState::Healthy) return;
        pop.setX(k, 0.0);  // RESET to Gmin
        const auto it = std::lower_bound(curve.begin(), curve.end(), xTarget);
        int n = static_cast<int>(it - curve.begin());
        if (n > 0 && it != curve.end() && xTarget - curve[n - 1] < *it - xTarget) --n;
        if (it == curve.end()) n = static_cast<int>(curve.size()) - 1;
        if (n > 0) pulseDevice(polarity, k, n, rng);
        if (!spec_.writeVerify) return;
        int iter = 0;
        for (; iter < spec_.verifyMaxIterations; ++iter) {
            const double err = xTarget - pop.x(k);
            if (std::fabs(err) <= tol) break;
            const int dir = err > 0 ? 1 : -1;
            const double step = std::fabs(model_->nominalStep(pop.x(k), dir));
            const int m = step > 0 ? std::clamp(static_cast<int>(std::fabs(err) / step), 1, 8) : 1;
            pulseDevice(polarity, k, dir * m, rng);
        }
        rep.verifyIterations = std::max(rep.verifyIterations, iter);
    };
    for (int o = 0; o < outputs_; ++o)
        for (int i = 0; i < inputs_; ++i) {
            const double u = std::clamp(target(o, i) / wMax_, -1.0, 1.0);
            for (int r = 0; r < replicas_; ++r) {
                const std::size_t k = index(r, o, i);
                if (differential()) {
                    // One device carries the weight, the other stays at Gmin (fewest pulses).
                    programDevice(0, k, std::max(0.0, u));
                    programDevice(1, k, std::max(0.0, -u));
                } else {
                    programDevice(0, k, 0.5 + 0.5 * u);
                }
            }
            refreshWeight(o, i);
        }
    double sq = 0.0;
    for (int o = 0; o < outputs_; ++o)
        for (int i = 0; i < inputs_; ++i) {
            const double e = std::fabs(w_(o, i) - std::clamp(target(o, i), -wMax_, wMax_)) / wMax_;
            sq += e * e;
            rep.maxError = std::max(rep.maxError, e);
        }
    rep.rmsError = std::sqrt(sq / (static_cast<double>(outputs_) * inputs_));
    rep.pulses = pulses_ - pulses0;
    rep.energy = energy_ - energy0;
    return rep;
}

int AnalogWeights::inputsPerTile() const { return spec_.tileRows / replicas_; }  // k rows per input
int AnalogWeights::tileGridRows() const { return (inputs_ + inputsPerTile() - 1) / inputsPerTile(); }
int AnalogWeights::tileGridCols() const {
    // A differential pair takes two columns; the reference mapping one column per output plus a reference.
    const int perTile = differential() ? std::max(1, spec_.tileCols / 2) : std::max(1, spec_.tileCols - 1);
    return (outputs_ + perTile - 1) / perTile;
}

std::size_t AnalogWeights::stuckDevices() const { return pos_.stuckCount() + (differential() ? neg_.stuckCount() : 0); }

Eigen::MatrixXd AnalogWeights::conductances(int polarity) const {
    Eigen::MatrixXd g(outputs_, inputs_);
    for (int o = 0; o < outputs_; ++o)
        for (int i = 0; i < inputs_; ++i) g(o, i) = deviceG(polarity, index(0, o, i));
    return g;
}

Eigen::VectorXd AnalogWeights::multiply(const Eigen::VectorXd& xIn, SynapseRng& rng) const {
    // DAC with input scaling by max|x| (aihwkit noise management), so any activation range fits.
    Eigen::VectorXd x = xIn;
    const double xMax = x.cwiseAbs().maxCoeff();
    const double inScale = xMax > 0 ? xMax : 1.0;
    // Non-negative inputs (pixels, sigmoid or ReLU outputs) take a unipolar DAC, whose
    // 1-bit case binarises at half scale as NeuroSim's 1-bit inputs do; signed ones a symmetric DAC.
    if (spec_.dacBits > 0) {
        const bool unipolar = x.minCoeff() >= 0.0;
        for (int i = 0; i < x.size(); ++i)
            x[i] = (unipolar ? quantizeUnipolar(x[i] / inScale, spec_.dacBits, 1.0)
                             : quantize(x[i] / inScale, spec_.dacBits, 1.0)) * inScale;
    }
    const bool noisyRead = spec_.readNoise.sigmaRead > 0;
    const bool physical = mvm_ && !mvm_->isIdeal();
    const bool perTile = spec_.adcBits > 0 || spec_.readNoise.sigmaOut > 0 || compensation_ || physical;
    const Eigen::MatrixXd* w = &w_;
    Eigen::MatrixXd noisy;
    if (noisyRead) {
        if (!readSigmaValid_) {
            readSigma_.resize(outputs_, inputs_);
            for (int o = 0; o < outputs_; ++o)
                for (int i = 0; i < inputs_; ++i) {
                    double sq = 0.0;
                    for (int r = 0; r < replicas_; ++r) {
                        const std::size_t k = index(r, o, i);
                        const double gp = deviceG(0, k), gn = differential() ? deviceG(1, k) : 0.0;  // reference column ideal
                        sq += gp * gp + gn * gn;
                    }
                    readSigma_(o, i) = spec_.readNoise.sigmaRead * scale_ * std::sqrt(sq) / replicas_;
                }
            readSigmaValid_ = true;
        }
        noisy = w_;
        for (Eigen::Index k = 0; k < noisy.size(); ++k) noisy.data()[k] += readSigma_.data()[k] * rng.gauss();
        w = &noisy;
    }
    if (!perTile) return gain_ * ((*w) * x);
    // Tile by tile: partial sums per tile digitised by its ADC, then added digitally.
    Eigen::VectorXd y = Eigen::VectorXd::Zero(outputs_);
    const int rowsPer = inputsPerTile();
    const int colsPer = (outputs_ + tileGridCols() - 1) / tileGridCols();
    const double bound = spec_.adcBound * wMax_;
    for (int tr = 0; tr < tileGridRows(); ++tr) {
        const int i0 = tr * rowsPer, ni = std::min(rowsPer, inputs_ - i0);
        for (int tc = 0; tc < tileGridCols(); ++tc) {
            const int o0 = tc * colsPer, no = std::min(colsPer, outputs_ - o0);
            if (no <= 0) continue;
            Eigen::VectorXd part;
            const Eigen::VectorXd xs = x.segment(i0, ni) / inScale;
            if (physical) {
                // Through the crossbar hook, on the tile as laid out: the k redundant devices of a
                // weight sit in k adjacent rows driven by the same input, so their currents add on
                // the bit line (and load its wire k-fold); a differential pair takes two adjacent
                // columns (G+, G-) that share the word lines; the reference mapping puts one column
                // of Gref (= mid-range) at the tile's end. Row voltages are the inputs (V).
                const double vRead = spec_.irDrop.readVoltage;
                const int k = replicas_;
                const int cols = differential() ? 2 * no : no + 1;
                Eigen::MatrixXd g(ni * k, cols);
                Eigen::VectorXd v(ni * k);
                for (int a = 0; a < ni; ++a)
                    for (int r = 0; r < k; ++r) {
                        const int row = a * k + r;
                        v[row] = xs[a] * vRead;
                        for (int b = 0; b < no; ++b) {
                            const std::size_t d = index(r, o0 + b, i0 + a);
                            if (differential()) {
                                g(row, 2 * b) = deviceG(0, d);
                                g(row, 2 * b + 1) = deviceG(1, d);
                            } else {
                                g(row, b) = deviceG(0, d);
                            }
                        }
                        if (!differential()) g(row, no) = gRef_;
                    }
                const Eigen::VectorXd i = mvm_->tileColumnCurrents(tr * tileGridCols() + tc, g, v);
                part.resize(no);
                for (int b = 0; b < no; ++b)
                    part[b] = scale_ * (differential() ? i[2 * b] - i[2 * b + 1] : i[b] - i[no]) / (vRead * k);
                // Read noise, per read as on the fast path: each device's G (1 + sigma xi) adds
                // sigma xi G V to its column; summed over a weight's devices that is one Gaussian
                // per weight (the draws of `noisy`). First order: the cell voltage is taken as
                // the input voltage, which overstates the noise by the small IR-drop fraction.
                if (noisyRead) part += (noisy.block(o0, i0, no, ni) - w_.block(o0, i0, no, ni)) * xs;
            } else {
                part = w->block(o0, i0, no, ni) * xs;
            }
            for (int b = 0; b < no; ++b) {
                double v = part[b];
                if (spec_.readNoise.sigmaOut > 0) v += spec_.readNoise.sigmaOut * wMax_ * rng.gauss();
                part[b] = quantize(v, spec_.adcBits, spec_.adcBits > 0 ? bound : 0.0);
            }
            if (compensation_) compensation_->compensate(tr, tc, part);
            y.segment(o0, no) += part * inScale;
        }
    }
    return gain_ * y;
}

}  // namespace ms
