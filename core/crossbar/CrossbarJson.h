// The project-file form of a crossbar (docs/project-format.md, "Crossbars"):
// an object inline in an experiment ("crossbar": {...}) or the id of an entry
// of the top-level "crossbars" array. Reading it checks everything a solve
// needs, naming the JSON path of the first problem (InputError), and refuses
// an array whose memory estimate exceeds the machine before any map is built.
//
//   { "size": [M, N], "cellType": "1R" | "1T1R" | "1S1R" | "differential",
//     "rWireRow", "rWireCol", "rDriver", "rSense" (ohm), "cWireRow", "cWireCol" (F),
//     "nonlinearity": {"kr", "vRef"}, "selector": {"is", "vs"}, "transistor": {"rOn", "rOff"},
//     "conductance": {"source": "uniform", "g"} | {"source": "random", "gMin", "gMax", "seed", "onFraction"}
//                  | {"source": "csv", "file"} | {"source": "matrix", "values": [[...]]}
//                  | {"source": "weights", "weights": [[...]], "gMin", "gMax"}
//                  | {"source": "device", "vRead"} (default when absent and a device is given),
//     "device": {model, preset, params, window} | "<id in devices>" }
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "core/crossbar/CrossbarSpec.h"

namespace ms {

struct CrossbarDesign {
    CrossbarSpec spec;       // validated; conductance map filled
    std::string path;        // where the crossbar object is ("crossbars[0]", "experiments[2].crossbar")
    bool differential = false;  // column pairs (G+, G-) of a signed weight matrix
    // How the map was made, so that sweeps can rebuild it at other sizes.
    std::string source;      // uniform, random, csv, matrix, weights
    double gMin = 0, gMax = 0, onFraction = -1;
    std::uint64_t seed = 0;
    double deviceReadVoltage = 0.1;  // source "device": V at which the device's conductance is read
    // The per-cell device model (write experiments); null when absent. Parsed
    // by the project layer (it may name an entry of "devices").
    nlohmann::json device;
    std::string devicePath;
};

// `value` is the experiment's "crossbar" field at `path`; `root` is the
// project tree (for ids into "crossbars"). Throws InputError.
CrossbarDesign readCrossbarJson(const nlohmann::json& value, const nlohmann::json& root, const std::string& path);

// The design's map at another size (sweeps): a random source is redrawn with
// its seed, any other source becomes a uniform array at the map's mean conductance.
std::vector<double> conductanceAtSize(const CrossbarDesign& design, std::size_t rows, std::size_t cols);

}  // namespace ms
