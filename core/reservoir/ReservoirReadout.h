// The trained part of a reservoir computer: a linear readout fitted in closed
// form by ridge regression, y = W^T [standardised features] + b (Du et al.
// 2017 and Midya et al. 2019b train only this layer; docs/reservoir.md).
#pragma once

#include <vector>

#include <Eigen/Core>

namespace ms::reservoir {

class RidgeReadout {
public:
    // Fits W = (X^T X + alpha n I)^-1 X^T Y on features standardised by the
    // training set (constant features are dropped to 0) and centred targets,
    // so the bias is not penalised and alpha is per sample.
    void fit(const Eigen::MatrixXd& features, const Eigen::MatrixXd& targets, double alpha);
    Eigen::MatrixXd predict(const Eigen::MatrixXd& features) const;

private:
    Eigen::RowVectorXd mean_, scale_, bias_;
    Eigen::MatrixXd weights_;
};

// One-hot targets (samples x classes) of labels 0..classes-1.
Eigen::MatrixXd oneHot(const std::vector<int>& labels, int classes);

// Share of rows whose largest output is at the label's column.
double accuracy(const Eigen::MatrixXd& outputs, const std::vector<int>& labels);

// Root-mean-square error over the target's standard deviation.
double nrmse(const Eigen::VectorXd& prediction, const Eigen::VectorXd& target);

}  // namespace ms::reservoir
