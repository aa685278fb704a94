// The hook a tile calls for its matrix-vector product in the slow, physical
// path: given the tile's conductances (rows = word lines = inputs, columns =
// bit lines = outputs) and the row voltages, return the column currents.
// The ideal product is I = G^T V. core/crossbar's exact solver (IR drop,
// sneak paths) implements this interface; the ANN engine calls it once per
// tile read with the tile as laid out (G+/G- pairs in adjacent columns, the k
// redundant devices of a weight in k adjacent rows, a reference column), with
// the factorization reused across a batch.
#pragma once

#include <Eigen/Core>

namespace ms {

class CrossbarMvm {
public:
    virtual ~CrossbarMvm() = default;
    virtual Eigen::VectorXd columnCurrents(const Eigen::MatrixXd& conductance, const Eigen::VectorXd& rowVoltages) const = 0;
    // The entry the engine calls: `tileKey` names the tile within one layer,
    // so an implementation may keep per-tile state (a factorization
    // reused while the tile's conductances stay put). Default: stateless.
    virtual Eigen::VectorXd tileColumnCurrents(int tileKey, const Eigen::MatrixXd& conductance,
                                               const Eigen::VectorXd& rowVoltages) const {
        (void)tileKey;
        return columnCurrents(conductance, rowVoltages);
    }
    // True when the result is exactly G^T V (the engine then uses its fast path).
    virtual bool isIdeal() const { return false; }
};

class IdealCrossbarMvm final : public CrossbarMvm {
public:
    Eigen::VectorXd columnCurrents(const Eigen::MatrixXd& g, const Eigen::VectorXd& v) const override {
        return g.transpose() * v;
    }
    bool isIdeal() const override { return true; }
};

// Peripheral compensation: adjusts a tile's digitised outputs (e.g. IR-drop or
// drift correction). Called with the tile position and its partial outputs.
class OutputCompensation {
public:
    virtual ~OutputCompensation() = default;
    virtual void compensate(int tileRow, int tileCol, Eigen::Ref<Eigen::VectorXd> outputs) const = 0;
};

}  // namespace ms
