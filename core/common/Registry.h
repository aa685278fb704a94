// A registry of one extensible kind, keyed by a stable string id. Entries are
// registered explicitly (one line each in the kind's registry .cpp) because a
// static library drops self-registering objects at link time.
#pragma once

#include <string>
#include <vector>

namespace ms {

// "a, b, c": how "unknown X" messages list the valid ids.
inline std::string joinedIds(const std::vector<std::string>& ids) {
    std::string out;
    for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
    return out;
}

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
    std::string idList() const { return joinedIds(ids()); }

private:
    std::vector<Info> entries_;
};

}  // namespace ms
