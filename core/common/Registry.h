// A registry of one extensible kind, keyed by a stable string id. Entries are
// registered explicitly (one line each in the kind's registry .cpp) because a
// static library drops self-registering objects at link time.
#pragma once

#include <string>
#include <vector>

namespace ms {

template <typename Info>
class Registry {
public:
    void add(Info info) { entries_.push_back(std::move(info)); }
    const Info* find(const std::string& id) const {
        for (const auto& e : entries_)
            if (e.id == id) return &e;
        return nullptr;
    }
    const std::vector<Info>& all() const { return entries_; }
    std::vector<std::string> ids() const {
        std::vector<std::string> out;
        for (const auto& e : entries_) out.push_back(e.id);
        return out;
    }

private:
    std::vector<Info> entries_;
};

}  // namespace ms
