// libFuzzer target: JSON text -> netlistFromJson -> Circuit (the compile step
// that checks kinds, nodes, parameter ranges and topology). Anything but a
// compiled circuit or an ms::InputError is a bug; a netlist that compiles must
// survive netlistToJson/netlistFromJson unchanged.
#include <cstdint>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "core/circuit/Circuit.h"
#include "core/circuit/NetlistJson.h"
#include "core/common/Errors.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const nlohmann::json j = nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return 0;
    ms::circuit::Netlist netlist;
    try {
        netlist = ms::circuit::netlistFromJson(j, "circuit");
    } catch (const ms::InputError&) {
        return 0;
    }
    try {
        ms::circuit::Circuit circuit(netlist);
        (void)circuit.unknownCount();
    } catch (const ms::InputError&) {
        return 0;  // values are checked here (parsing checks structure only)
    }
    // A circuit that compiles holds only valid (finite) values, so its JSON
    // form must read back to the same netlist.
    const nlohmann::json back = ms::circuit::netlistToJson(netlist);
    try {
        if (ms::circuit::netlistToJson(ms::circuit::netlistFromJson(back, "circuit")) != back) std::abort();
    } catch (const ms::InputError&) {
        std::abort();
    }
    return 0;
}
