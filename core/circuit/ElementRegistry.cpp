#include "core/circuit/ElementRegistry.h"

// Each element kind is one file in core/circuit/elements/ defining
// `ElementKindInfo <name>()`, and one line here.
#define MS_ELEMENTS(X)      \
    X(resistorElement)      \
    X(capacitorElement)     \
    X(voltageSourceElement) \
    X(currentSourceElement) \
    X(memristorElement)     \
    X(mosfetElement)        \
    X(switchElement)        \
    X(diodeElement)         \
    X(selectorElement)      \
    X(opampElement)         \
    X(tiaElement)           \
    X(vcvsElement)          \
    X(groundElement)

namespace ms::circuit {

#define MS_DECLARE(fn) ElementKindInfo fn();
MS_ELEMENTS(MS_DECLARE)
#undef MS_DECLARE

const Registry<ElementKindInfo>& elementRegistry() {
    static const Registry<ElementKindInfo> reg = [] {
        Registry<ElementKindInfo> r;
#define MS_ADD(fn) r.add(fn());
        MS_ELEMENTS(MS_ADD)
#undef MS_ADD
        return r;
    }();
    return reg;
}

}  // namespace ms::circuit
