// Error types that cross the core's boundary. Messages are for users: they name
// what is wrong and where.
#pragma once

#include <stdexcept>
#include <string>

namespace ms {

// Bad input (project file, parameter, data file, netlist). `path` locates the
// offending field, e.g. "experiments[1].device.params.Roff" or "digits.csv:12:3".
class InputError : public std::runtime_error {
public:
    InputError(std::string path, const std::string& why)
        : std::runtime_error(path.empty() ? why : path + ": " + why), path_(std::move(path)), why_(why) {}
    const std::string& path() const { return path_; }
    const std::string& why() const { return why_; }

private:
    std::string path_;
    std::string why_;
};

// A run that cannot continue (NaN in a model, Newton failure, singular matrix).
class SimulationError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Raised by engines that notice the stop token; runners treat it as "cancelled".
class Cancelled : public std::runtime_error {
public:
    Cancelled() : std::runtime_error("cancelled") {}
};

}  // namespace ms
