#include "core/ann/Network.h"

#include <cmath>

#include "core/common/Errors.h"

namespace ms {
namespace {

Eigen::VectorXd withBias(const Eigen::VectorXd& x) {
    Eigen::VectorXd a(x.size() + 1);
    a.head(x.size()) = x;
    a[x.size()] = 1.0;
    return a;
}

void activate(LayerActivation f, Eigen::VectorXd& z) {
    switch (f) {
        case LayerActivation::Sigmoid: z = (1.0 + (-z.array()).exp()).inverse().matrix(); break;
        case LayerActivation::Tanh: z = z.array().tanh().matrix(); break;
        case LayerActivation::ReLU: z = z.cwiseMax(0.0); break;
        // sigmoid(z) >= 0.5 exactly when z >= 0 (MLP_NeuroSim's round_th at Hthreshold 0.5).
        case LayerActivation::Threshold: z = (z.array() >= 0.0).cast<double>().matrix(); break;
        case LayerActivation::Identity: break;
    }
}

// Derivative expressed through the activation's output a.
Eigen::ArrayXd derivative(LayerActivation f, const Eigen::VectorXd& a) {
    switch (f) {
        case LayerActivation::Sigmoid: return a.array() * (1.0 - a.array());
        case LayerActivation::Tanh: return 1.0 - a.array().square();
        case LayerActivation::ReLU: return (a.array() > 0.0).cast<double>();
        case LayerActivation::Threshold:  // DenseLayer passes the sigmoid's output here (straight through)
        case LayerActivation::Identity: break;
    }
    return Eigen::ArrayXd::Ones(a.size());
}

LayerActivation toLayer(Activation a) {
    switch (a) {
        case Activation::Sigmoid: return LayerActivation::Sigmoid;
        case Activation::Tanh: return LayerActivation::Tanh;
        case Activation::ReLU: return LayerActivation::ReLU;
        case Activation::Threshold: return LayerActivation::Threshold;
    }
    return LayerActivation::ReLU;
}

// He (ReLU) or Xavier (sigmoid/tanh) uniform initialisation, or MLP_NeuroSim's
// seven levels (AnnConfig.h WeightInit); the bias column (when there is one) starts at 0.
Eigen::MatrixXd initWeights(int out, int in, bool bias, LayerActivation f, const WeightInitSpec& init, SynapseRng& rng) {
    const double bound = init.scale * (f == LayerActivation::ReLU ? std::sqrt(6.0 / in) : std::sqrt(6.0 / (in + out)));
    Eigen::MatrixXd w(out, in + (bias ? 1 : 0));
    for (int o = 0; o < out; ++o)
        for (int i = 0; i < w.cols(); ++i) {
            if (i == in) {
                w(o, i) = 0.0;
            } else if (init.kind == WeightInit::NeuroSimThirds) {
                const int k = std::min(6, static_cast<int>(7.0 * rng.uniform()));  // rand() % 7
                w(o, i) = init.range * (k - 3) / 3.0;
            } else {
                w(o, i) = bound * (2.0 * rng.uniform() - 1.0);
            }
        }
    return w;
}

class DenseLayer final : public Layer {
public:
    DenseLayer(int in, int out, bool bias, LayerActivation f, const WeightInitSpec& init, SynapseRng& rng)
        : in_(in), out_(out), bias_(bias), f_(f) {
        slot_.w = initWeights(out, in, bias, f, init, rng);
        slot_.grad = Eigen::MatrixXd::Zero(out, slot_.w.cols());
    }
    Eigen::VectorXd forward(const Eigen::VectorXd& in, ForwardContext& ctx) override {
        x_ = bias_ ? withBias(in) : in;
        gradientInput_ = false;
        a_ = slot_.multiply(x_, ctx);
        if (f_ == LayerActivation::Threshold) {
            s_ = a_;
            activate(LayerActivation::Sigmoid, s_);
        }
        activate(f_, a_);
        return a_;
    }
    Eigen::VectorXd backward(const Eigen::VectorXd& gradOut) override {
        const Eigen::VectorXd dz = (gradOut.array() * (f_ == LayerActivation::Threshold
                                                           ? derivative(LayerActivation::Sigmoid, s_)
                                                           : derivative(f_, a_))).matrix();
        slot_.grad.noalias() += dz * (gradientInput_ ? xg_ : x_).transpose();
        return (slot_.effective().leftCols(in_).transpose() * dz);
    }
    const Eigen::VectorXd* gradientOutput() const override { return f_ == LayerActivation::Threshold ? &s_ : nullptr; }
    void useGradientInput(const Eigen::VectorXd& in) override {
        xg_ = bias_ ? withBias(in) : in;
        gradientInput_ = true;
    }
    WeightSlot* weights() override { return &slot_; }
    std::string describe() const override {
        return "dense " + std::to_string(in_) + "->" + std::to_string(out_) + (bias_ ? "" : " (no bias)") +
               (f_ == LayerActivation::Threshold ? " threshold" : "");
    }
    int outputSize() const override { return out_; }

private:
    int in_, out_;
    bool bias_;
    LayerActivation f_;
    WeightSlot slot_;
    Eigen::VectorXd x_, a_, s_;  // s_: the sigmoid behind a threshold neuron
    Eigen::VectorXd xg_;         // the input the gradient uses, when the previous layer gives one
    bool gradientInput_ = false;
};

// Convolution (1 input channel, stride 1, no padding) by im2col: each output
// position's k x k patch (+1 for the bias) is one input vector to the crossbar.
class ConvLayer final : public Layer {
public:
    ConvLayer(int width, int height, int filters, int k, const WeightInitSpec& init, SynapseRng& rng)
        : w_(width), h_(height), f_(filters), k_(k), ow_(width - k + 1), oh_(height - k + 1) {
        if (ow_ < 1 || oh_ < 1) throw InputError("network.conv.kernel", "kernel larger than the image");
        slot_.w = initWeights(filters, k * k, true, LayerActivation::ReLU, init, rng);
        slot_.grad = Eigen::MatrixXd::Zero(filters, k * k + 1);
    }
    Eigen::VectorXd forward(const Eigen::VectorXd& in, ForwardContext& ctx) override {
        patches_.resize(k_ * k_ + 1, ow_ * oh_);
        for (int y = 0; y < oh_; ++y)
            for (int x = 0; x < ow_; ++x) {
                const int p = y * ow_ + x;
                for (int dy = 0; dy < k_; ++dy)
                    for (int dx = 0; dx < k_; ++dx) patches_(dy * k_ + dx, p) = in[(y + dy) * w_ + x + dx];
                patches_(k_ * k_, p) = 1.0;
            }
        out_.resize(f_ * ow_ * oh_);
        for (int p = 0; p < ow_ * oh_; ++p) {
            const Eigen::VectorXd z = slot_.multiply(patches_.col(p), ctx);
            for (int c = 0; c < f_; ++c) out_[c * ow_ * oh_ + p] = std::max(0.0, z[c]);
        }
        return out_;
    }
    Eigen::VectorXd backward(const Eigen::VectorXd& gradOut) override {
        Eigen::MatrixXd dz(f_, ow_ * oh_);
        for (int c = 0; c < f_; ++c)
            for (int p = 0; p < ow_ * oh_; ++p) dz(c, p) = out_[c * ow_ * oh_ + p] > 0 ? gradOut[c * ow_ * oh_ + p] : 0.0;
        slot_.grad.noalias() += dz * patches_.transpose();
        return {};  // first layer: no input gradient needed
    }
    WeightSlot* weights() override { return &slot_; }
    std::string describe() const override {
        return "conv " + std::to_string(f_) + "x" + std::to_string(k_) + "x" + std::to_string(k_) + " (im2col " +
               std::to_string(k_ * k_ + 1) + "x" + std::to_string(f_) + ")";
    }
    int outputSize() const override { return f_ * ow_ * oh_; }
    int outWidth() const { return ow_; }
    int outHeight() const { return oh_; }

private:
    int w_, h_, f_, k_, ow_, oh_;
    WeightSlot slot_;
    Eigen::MatrixXd patches_;
    Eigen::VectorXd out_;
};

class MaxPoolLayer final : public Layer {
public:
    MaxPoolLayer(int channels, int width, int height) : c_(channels), w_(width), h_(height), pw_(width / 2), ph_(height / 2) {}
    Eigen::VectorXd forward(const Eigen::VectorXd& in, ForwardContext&) override {
        Eigen::VectorXd out(c_ * pw_ * ph_);
        arg_.assign(out.size(), 0);
        for (int c = 0; c < c_; ++c)
            for (int y = 0; y < ph_; ++y)
                for (int x = 0; x < pw_; ++x) {
                    int best = c * w_ * h_ + 2 * y * w_ + 2 * x;
                    for (int dy = 0; dy < 2; ++dy)
                        for (int dx = 0; dx < 2; ++dx) {
                            const int j = c * w_ * h_ + (2 * y + dy) * w_ + 2 * x + dx;
                            if (in[j] > in[best]) best = j;
                        }
                    const int o = c * pw_ * ph_ + y * pw_ + x;
                    out[o] = in[best];
                    arg_[o] = best;
                }
        inSize_ = static_cast<int>(in.size());
        return out;
    }
    Eigen::VectorXd backward(const Eigen::VectorXd& gradOut) override {
        Eigen::VectorXd g = Eigen::VectorXd::Zero(inSize_);
        for (int o = 0; o < gradOut.size(); ++o) g[arg_[o]] += gradOut[o];
        return g;
    }
    std::string describe() const override { return "maxpool 2x2"; }
    int outputSize() const override { return c_ * pw_ * ph_; }

private:
    int c_, w_, h_, pw_, ph_, inSize_ = 0;
    std::vector<int> arg_;
};

}  // namespace

Eigen::VectorXd WeightSlot::multiply(const Eigen::VectorXd& x, ForwardContext& ctx) const {
    if (analog) return analog->multiply(x, ctx.rng);
    if (ctx.hwaNoise > 0.0) {
        // Hardware-aware training: a fresh weight-noise sample per forward pass.
        const double s = ctx.hwaNoise * w.cwiseAbs().maxCoeff();
        Eigen::MatrixXd noisy = w;
        for (Eigen::Index k = 0; k < noisy.size(); ++k) noisy.data()[k] += s * ctx.rng.gauss();
        return noisy * x;
    }
    return w * x;
}

Network::Network(const NetworkSpec& spec, int inputSize, int imageWidth, int imageHeight, const WeightInitSpec& init,
                 SynapseRng& rng)
    : loss_(spec.loss) {
    const auto& sizes = spec.layerSizes;
    if (sizes.size() < 2) throw InputError("network.layerSizes", "needs at least an input and an output size");
    for (std::size_t k = 0; k < sizes.size(); ++k)
        if (sizes[k] < 1) throw InputError("network.layerSizes[" + std::to_string(k) + "]", "must be positive");
    int in = inputSize;
    if (spec.conv.enabled) {
        if (imageWidth * imageHeight != inputSize || imageWidth < 2)
            throw InputError("network.conv", "the convolution needs an image data set");
        if (spec.conv.filters < 1 || spec.conv.kernel < 1) throw InputError("network.conv", "filters and kernel must be positive");
        auto conv = std::make_unique<ConvLayer>(imageWidth, imageHeight, spec.conv.filters, spec.conv.kernel, init, rng);
        const int ow = conv->outWidth(), oh = conv->outHeight();
        layers_.push_back(std::move(conv));
        layers_.push_back(std::make_unique<MaxPoolLayer>(spec.conv.filters, ow, oh));
        in = layers_.back()->outputSize();
    } else if (sizes.front() != inputSize) {
        throw InputError("network.layerSizes[0]", "is " + std::to_string(sizes.front()) + " but the data set has " +
                                                      std::to_string(inputSize) + " features");
    }
    for (std::size_t k = 1; k < sizes.size(); ++k) {
        const bool last = k + 1 == sizes.size();
        const LayerActivation f = last ? (spec.loss == OutputLoss::SoftmaxCrossEntropy ? LayerActivation::Identity
                                                                                       : LayerActivation::Sigmoid)
                                       : toLayer(spec.hidden);
        layers_.push_back(std::make_unique<DenseLayer>(in, sizes[k], spec.bias, f, init, rng));
        in = sizes[k];
    }
    classes_ = sizes.back();
}

Eigen::VectorXd Network::predict(const Eigen::VectorXd& x, ForwardContext& ctx) {
    Eigen::VectorXd a = x;
    for (std::size_t k = 0; k < layers_.size(); ++k) {
        a = layers_[k]->forward(a, ctx);
        if (k > 0)
            if (const Eigen::VectorXd* g = layers_[k - 1]->gradientOutput()) layers_[k]->useGradientInput(*g);
    }
    if (loss_ == OutputLoss::SoftmaxCrossEntropy) {
        a = (a.array() - a.maxCoeff()).exp().matrix();
        a /= a.sum();
    }
    return a;
}

double Network::accumulateGradient(const Eigen::VectorXd& x, int label, ForwardContext& ctx) {
    const Eigen::VectorXd y = predict(x, ctx);
    Eigen::VectorXd target = Eigen::VectorXd::Zero(classes_);
    target[label] = 1.0;
    double loss = 0.0;
    Eigen::VectorXd g;
    if (loss_ == OutputLoss::SoftmaxCrossEntropy) {
        loss = -std::log(std::max(y[label], 1e-300));
        g = y - target;  // d(CE)/d(logits)
    } else {
        loss = (y - target).squaredNorm();
        g = 2.0 * (y - target);  // d(y - y*)^2/dy; the sigmoid derivative is applied in the layer
    }
    for (auto it = layers_.rbegin(); it != layers_.rend(); ++it) g = (*it)->backward(g);
    return loss;
}

std::vector<WeightSlot*> Network::weightSlots() {
    std::vector<WeightSlot*> out;
    for (auto& l : layers_)
        if (auto* s = l->weights()) out.push_back(s);
    return out;
}

std::string Network::describe() const {
    std::string s;
    for (const auto& l : layers_) s += (s.empty() ? "" : ", ") + l->describe();
    return s;
}

}  // namespace ms
