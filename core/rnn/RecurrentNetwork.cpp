#include "core/rnn/RecurrentNetwork.h"

#include <cmath>

#include "core/common/Errors.h"

namespace ms {
namespace {

Eigen::VectorXd sigmoid(const Eigen::VectorXd& a) {
    return a.unaryExpr([](double v) { return 1.0 / (1.0 + std::exp(-v)); });
}

Eigen::VectorXd withBias(const Eigen::VectorXd& v) {
    Eigen::VectorXd out(v.size() + 1);
    out << v, 1.0;
    return out;
}

Eigen::MatrixXd uniformMatrix(int rows, int cols, double bound, SynapseRng& rng) {
    Eigen::MatrixXd m(rows, cols);
    for (Eigen::Index k = 0; k < m.size(); ++k) m.data()[k] = bound * (2.0 * rng.uniform() - 1.0);
    return m;
}

}  // namespace

int gateCount(CellType cell) {
    switch (cell) {
        case CellType::Elman: return 1;
        case CellType::Lstm: return 4;
        case CellType::Gru: return 3;
    }
    return 1;
}

RecurrentNetwork::RecurrentNetwork(const RnnShape& shape, double initScale, SynapseRng& rng) : shape_(shape) {
    if (shape.inputs < 1) throw InputError("inputs", "must be at least 1");
    if (shape.hidden < 1) throw InputError("hidden", "must be at least 1");
    if (shape.outputs < 1) throw InputError("outputs", "must be at least 1");
    const int H = shape.hidden, I = shape.inputs;
    const int gates = gateCount(shape.cell);
    cell_.w = uniformMatrix(gates * H, I + H + 1, initScale / std::sqrt(double(H)), rng);
    if (shape.cell == CellType::Lstm) cell_.w.col(I + H).segment(H, H).setOnes();  // forget-gate bias
    readout_.w = uniformMatrix(shape.outputs, H + 1, initScale * std::sqrt(6.0 / (H + shape.outputs)), rng);
    readout_.w.col(H).setZero();
    cell_.grad = Eigen::MatrixXd::Zero(cell_.w.rows(), cell_.w.cols());
    readout_.grad = Eigen::MatrixXd::Zero(readout_.w.rows(), readout_.w.cols());
}

RnnPass RecurrentNetwork::forward(const Eigen::MatrixXd& sequence, ForwardContext& ctx) const {
    const int H = shape_.hidden, I = shape_.inputs;
    if (sequence.cols() != I)
        throw InputError("sequence", "has " + std::to_string(sequence.cols()) + " features per step for a network of " +
                                         std::to_string(I) + " inputs");
    RnnPass pass;
    pass.steps.reserve(static_cast<std::size_t>(sequence.rows()));
    Eigen::VectorXd h = Eigen::VectorXd::Zero(H), c = Eigen::VectorXd::Zero(H);
    for (Eigen::Index t = 0; t < sequence.rows(); ++t) {
        RnnStep s;
        s.z.resize(I + H + 1);
        s.z << sequence.row(t).transpose(), h, 1.0;
        const Eigen::VectorXd a = cell_.multiply(s.z, ctx);
        if (shape_.cell == CellType::Elman) {
            // h_t = tanh(W [x_t; h_{t-1}; 1])  (Elman 1990)
            s.gates = a.array().tanh();
            h = s.gates;
        } else if (shape_.cell == CellType::Gru) {
            // z, r = sigma(.); n = tanh(W_n [x_t; r * h_{t-1}; 1]); h_t = (1 - z) n + z h_{t-1}  (Cho et al. 2014)
            s.gates.resize(3 * H);
            s.gates.segment(0, H) = sigmoid(a.segment(0, H));
            s.gates.segment(H, H) = sigmoid(a.segment(H, H));
            s.zReset = s.z;
            s.zReset.segment(I, H) = s.gates.segment(H, H).cwiseProduct(h);
            // The second read: only the n rows of it are used.
            s.gates.segment(2 * H, H) = cell_.multiply(s.zReset, ctx).segment(2 * H, H).array().tanh();
            const auto zg = s.gates.segment(0, H).array();
            h = ((1.0 - zg) * s.gates.segment(2 * H, H).array() + zg * h.array()).matrix();
        } else {
            // i, f, o = sigma(.), g = tanh(.); c_t = f c_{t-1} + i g; h_t = o tanh(c_t)  (Hochreiter & Schmidhuber 1997)
            s.gates.resize(4 * H);
            s.gates.segment(0, H) = sigmoid(a.segment(0, H));
            s.gates.segment(H, H) = sigmoid(a.segment(H, H));
            s.gates.segment(2 * H, H) = a.segment(2 * H, H).array().tanh();
            s.gates.segment(3 * H, H) = sigmoid(a.segment(3 * H, H));
            c = s.gates.segment(H, H).cwiseProduct(c) + s.gates.segment(0, H).cwiseProduct(s.gates.segment(2 * H, H));
            h = s.gates.segment(3 * H, H).cwiseProduct(Eigen::VectorXd(c.array().tanh()));
            s.c = c;
        }
        s.h = h;
        pass.steps.push_back(std::move(s));
    }
    Eigen::VectorXd y = readout_.multiply(withBias(h), ctx);
    if (shape_.readout == ReadoutKind::SoftmaxClasses) {
        const double m = y.maxCoeff();
        y = (y.array() - m).exp();
        y /= y.sum();
    }
    pass.output = std::move(y);
    return pass;
}

double RecurrentNetwork::loss(const RnnPass& pass, int label, const Eigen::VectorXd& target) const {
    if (shape_.readout == ReadoutKind::SoftmaxClasses) return -std::log(std::max(pass.output[label], 1e-300));
    return 0.5 * (pass.output - target).squaredNorm();
}

double RecurrentNetwork::accumulateGradient(const Eigen::MatrixXd& sequence, int label, const Eigen::VectorXd& target,
                                            ForwardContext& ctx) {
    const RnnPass pass = forward(sequence, ctx);
    Eigen::VectorXd dOut;
    if (shape_.readout == ReadoutKind::SoftmaxClasses) {
        dOut = pass.output;  // d(-log p_label)/d(logits) = p - onehot
        dOut[label] -= 1.0;
    } else {
        dOut = pass.output - target;
    }
    backward(pass, dOut);
    return loss(pass, label, target);
}

// Backpropagation through time (Werbos 1990) over the whole sequence.
void RecurrentNetwork::backward(const RnnPass& pass, const Eigen::VectorXd& dOut) {
    const int H = shape_.hidden, I = shape_.inputs;
    const Eigen::Index T = static_cast<Eigen::Index>(pass.steps.size());
    const Eigen::VectorXd hT = T > 0 ? pass.steps.back().h : Eigen::VectorXd::Zero(H);
    readout_.grad.noalias() += dOut * withBias(hT).transpose();
    const Eigen::MatrixXd& V = readout_.effective();
    Eigen::VectorXd dh = V.leftCols(H).transpose() * dOut;
    const Eigen::MatrixXd& W = cell_.effective();
    Eigen::VectorXd dc = Eigen::VectorXd::Zero(H);
    Eigen::VectorXd da(cell_.w.rows());
    for (Eigen::Index t = T - 1; t >= 0; --t) {
        const RnnStep& s = pass.steps[static_cast<std::size_t>(t)];
        if (shape_.cell == CellType::Elman) {
            da = dh.array() * (1.0 - s.gates.array().square());
        } else if (shape_.cell == CellType::Gru) {
            const auto zg = s.gates.segment(0, H).array(), r = s.gates.segment(H, H).array(),
                       n = s.gates.segment(2 * H, H).array();
            const Eigen::ArrayXd hPrev = s.z.segment(I, H).array();
            // The n rows saw zReset; their gradient and the path back through r * h_{t-1}.
            const Eigen::VectorXd daN = (dh.array() * (1.0 - zg) * (1.0 - n.square())).matrix();
            cell_.grad.middleRows(2 * H, H).noalias() += daN * s.zReset.transpose();
            const Eigen::ArrayXd dRh = (W.middleRows(2 * H, H).middleCols(I, H).transpose() * daN).array();
            da.segment(0, H) = (dh.array() * (hPrev - n) * zg * (1.0 - zg)).matrix();
            da.segment(H, H) = (dRh * hPrev * r * (1.0 - r)).matrix();
            // z and r rows saw s.z: their gradient, then dh_{t-1} from all three paths.
            cell_.grad.topRows(2 * H).noalias() += da.head(2 * H) * s.z.transpose();
            dh = (dh.array() * zg + dRh * r).matrix() + W.topRows(2 * H).middleCols(I, H).transpose() * da.head(2 * H);
            continue;
        } else {
            const auto i = s.gates.segment(0, H).array(), f = s.gates.segment(H, H).array(),
                       g = s.gates.segment(2 * H, H).array(), o = s.gates.segment(3 * H, H).array();
            const Eigen::ArrayXd tc = s.c.array().tanh();
            const Eigen::ArrayXd cPrev =
                t > 0 ? Eigen::ArrayXd(pass.steps[static_cast<std::size_t>(t - 1)].c.array()) : Eigen::ArrayXd::Zero(H).eval();
            dc.array() += dh.array() * o * (1.0 - tc.square());
            da.segment(0, H) = (dc.array() * g * i * (1.0 - i)).matrix();
            da.segment(H, H) = (dc.array() * cPrev * f * (1.0 - f)).matrix();
            da.segment(2 * H, H) = (dc.array() * i * (1.0 - g.square())).matrix();
            da.segment(3 * H, H) = (dh.array() * tc * o * (1.0 - o)).matrix();
            dc.array() *= f;
        }
        cell_.grad.noalias() += da * s.z.transpose();
        dh = W.middleCols(I, H).transpose() * da;
    }
}

std::string RecurrentNetwork::describe() const {
    const std::string cell = shape_.cell == CellType::Lstm ? "LSTM" : shape_.cell == CellType::Gru ? "GRU" : "Elman";
    return std::to_string(shape_.inputs) + "-" + cell + "(" + std::to_string(shape_.hidden) + ")-" +
           std::to_string(shape_.outputs) + (shape_.readout == ReadoutKind::SoftmaxClasses ? " softmax" : " linear") +
           ", tiles " + std::to_string(cell_.w.rows()) + "x" + std::to_string(cell_.w.cols()) + " and " +
           std::to_string(readout_.w.rows()) + "x" + std::to_string(readout_.w.cols()) + " (bias as last input)";
}

}  // namespace ms
