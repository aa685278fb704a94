// The seeded generator every synapse and network draw comes from (RULES: one
// std::mt19937_64 whose seed the caller passes and records).
#pragma once

#include <cstdint>
#include <random>

namespace ms {

class SynapseRng {
public:
    explicit SynapseRng(std::uint64_t seed) : engine_(seed) {}
    double gauss() { return normal_(engine_); }              // N(0, 1)
    double uniform() { return uniform_(engine_); }           // U[0, 1)
    std::mt19937_64& engine() { return engine_; }

private:
    std::mt19937_64 engine_;
    std::normal_distribution<double> normal_{0.0, 1.0};
    std::uniform_real_distribution<double> uniform_{0.0, 1.0};
};

}  // namespace ms
