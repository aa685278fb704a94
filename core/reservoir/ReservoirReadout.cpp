#include "core/reservoir/ReservoirReadout.h"

#include <cmath>

#include <Eigen/Cholesky>

namespace ms::reservoir {

void RidgeReadout::fit(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, double alpha) {
    const auto n = static_cast<double>(x.rows());
    mean_ = x.colwise().mean();
    const Eigen::MatrixXd centred = x.rowwise() - mean_;
    scale_ = (centred.colwise().squaredNorm() / n).cwiseSqrt();
    // A feature that never changes (a device the task never drives) carries nothing.
    for (Eigen::Index j = 0; j < scale_.size(); ++j) scale_(j) = scale_(j) > 1e-12 ? 1.0 / scale_(j) : 0.0;
    const Eigen::MatrixXd z = centred * scale_.asDiagonal();
    bias_ = y.colwise().mean();
    Eigen::MatrixXd gram = z.transpose() * z;
    gram.diagonal().array() += alpha * n + 1e-12 * n;
    weights_ = gram.ldlt().solve(z.transpose() * (y.rowwise() - bias_));
}

Eigen::MatrixXd RidgeReadout::predict(const Eigen::MatrixXd& x) const {
    const Eigen::MatrixXd z = (x.rowwise() - mean_) * scale_.asDiagonal();
    return (z * weights_).rowwise() + bias_;
}

Eigen::MatrixXd oneHot(const std::vector<int>& labels, int classes) {
    Eigen::MatrixXd y = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(labels.size()), classes);
    for (std::size_t k = 0; k < labels.size(); ++k) y(static_cast<Eigen::Index>(k), labels[k]) = 1.0;
    return y;
}

double accuracy(const Eigen::MatrixXd& outputs, const std::vector<int>& labels) {
    if (labels.empty()) return 0.0;
    int right = 0;
    for (Eigen::Index r = 0; r < outputs.rows(); ++r) {
        Eigen::Index best = 0;
        outputs.row(r).maxCoeff(&best);
        right += best == labels[static_cast<std::size_t>(r)];
    }
    return static_cast<double>(right) / static_cast<double>(labels.size());
}

double nrmse(const Eigen::VectorXd& prediction, const Eigen::VectorXd& target) {
    const double mse = (prediction - target).squaredNorm() / static_cast<double>(target.size());
    const double var = (target.array() - target.mean()).square().mean();
    return var > 0 ? std::sqrt(mse / var) : std::sqrt(mse);
}

}  // namespace ms::reservoir
