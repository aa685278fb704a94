// Ground symbol: ties its node to the reference node "0" (the circuit merges
// the two before numbering nodes).
#include "core/circuit/ElementRegistry.h"

namespace ms::circuit {
namespace {

class Ground final : public Element {
public:
    void stamp(Stamp&) const override {}
    std::vector<std::pair<int, int>> dcPaths() const override { return {{0, -1}}; }
    double current(const Eigen::VectorXd&, double, const Eigen::VectorXd&, double) const override { return 0.0; }
};

}  // namespace

ElementKindInfo groundElement() {
    ElementKindInfo k;
    k.id = std::string("ground");
    k.name = std::string("Ground");
    k.summary = std::string("Ties a node to the reference node 0");
    k.prefix = std::string("G");
    k.terminals = {"node"};
    k.create = [](const ElementSpec&, const ParamValues&, const std::string&) -> std::unique_ptr<Element> {
        return std::make_unique<Ground>();
    };
    return k;
}

}  // namespace ms::circuit
