#include "core/circuit/NetlistJson.h"

#include "core/common/Errors.h"
#include "core/devices/ModelRegistry.h"

namespace ms::circuit {
namespace {

using nlohmann::json;

json numbers(const ParamValues& p) {
    json o = json::object();
    for (const auto& [k, v] : p) o[k] = v;
    return o;
}

const json& member(const json& o, const char* key, const std::string& path) {
    if (!o.is_object()) throw InputError(path, "must be an object");
    auto it = o.find(key);
    if (it == o.end()) throw InputError(path + "." + key, "is missing");
    return *it;
}

std::string text(const json& o, const char* key, const std::string& path, bool required = true) {
    if (!o.contains(key)) {
        if (required) throw InputError(path + "." + key, "is missing");
        return {};
    }
    const json& v = o.at(key);
    if (!v.is_string()) throw InputError(path + "." + key, "must be a string");
    return v.get<std::string>();
}

ParamValues readNumbers(const json& o, const char* key, const std::string& path) {
    ParamValues out;
    if (!o.contains(key)) return out;
    const json& p = o.at(key);
    if (!p.is_object()) throw InputError(path + "." + key, "must be an object of numbers");
    for (auto it = p.begin(); it != p.end(); ++it) {
        if (!it.value().is_number())
            throw InputError(path + "." + key + "." + it.key(), "must be a number");
        out[it.key()] = it.value().get<double>();
    }
    return out;
}

}  // namespace

json netlistToJson(const Netlist& n) {
    json els = json::array();
    for (const auto& e : n.elements) {
        json o{{"kind", e.kind}, {"name", e.name}, {"nodes", e.nodes}, {"params", numbers(e.params)}};
        if (e.stimulus) {
            json s{{"id", e.stimulus->id}, {"params", numbers(e.stimulus->params)}};
            if (!e.stimulus->points.empty()) {
                json pts = json::array();
                for (const auto& [t, v] : e.stimulus->points) pts.push_back({t, v});
                s["points"] = pts;
            }
            o["stimulus"] = s;
        }
        if (e.device) {
            json d{{"model", e.device->modelId}, {"params", numbers(e.device->params)}};
            if (!e.device->presetId.empty()) d["preset"] = e.device->presetId;
            if (e.device->window) d["window"] = {{"id", e.device->window->id}, {"params", numbers(e.device->window->params)}};
            if (e.device->terminalLock) d["terminalLock"] = true;
            o["device"] = d;
        }
        els.push_back(o);
    }
    return {{"title", n.title}, {"elements", els}};
}

Netlist netlistFromJson(const json& j, const std::string& path) {
    Netlist n;
    if (!j.is_object()) throw InputError(path, "a circuit must be an object");
    n.title = text(j, "title", path, false);
    const json& els = member(j, "elements", path);
    if (!els.is_array()) throw InputError(path + ".elements", "must be an array");
    for (std::size_t k = 0; k < els.size(); ++k) {
        const std::string at = path + ".elements[" + std::to_string(k) + "]";
        const json& o = els[k];
        if (!o.is_object()) throw InputError(at, "must be an object");
        ElementSpec e;
        e.kind = text(o, "kind", at);
        e.name = text(o, "name", at);
        const json& nodes = member(o, "nodes", at);
        if (!nodes.is_array()) throw InputError(at + ".nodes", "must be an array of node names");
        for (std::size_t m = 0; m < nodes.size(); ++m) {
            if (!nodes[m].is_string()) throw InputError(at + ".nodes[" + std::to_string(m) + "]", "must be a node name");
            e.nodes.push_back(nodes[m].get<std::string>());
        }
        e.params = readNumbers(o, "params", at);
        if (o.contains("stimulus")) {
            const std::string sp = at + ".stimulus";
            const json& s = o.at("stimulus");
            StimulusSpec st;
            st.id = text(s, "id", sp);
            st.params = readNumbers(s, "params", sp);
            if (s.contains("points")) {
                const json& pts = s.at("points");
                if (!pts.is_array()) throw InputError(sp + ".points", "must be an array of [t, value] pairs");
                for (std::size_t m = 0; m < pts.size(); ++m) {
                    const json& p = pts[m];
                    if (!p.is_array() || p.size() != 2 || !p[0].is_number() || !p[1].is_number())
                        throw InputError(sp + ".points[" + std::to_string(m) + "]", "must be a [t, value] pair of numbers");
                    st.points.push_back({p[0].get<double>(), p[1].get<double>()});
                }
            }
            e.stimulus = st;
        }
        if (o.contains("device")) {
            const std::string dp = at + ".device";
            const json& d = o.at("device");
            DeviceSpec dev;
            dev.modelId = text(d, "model", dp);
            dev.presetId = text(d, "preset", dp, false);
            dev.params = readNumbers(d, "params", dp);
            if (d.contains("window")) {
                const json& w = d.at("window");
                dev.window = WindowChoice{text(w, "id", dp + ".window"), readNumbers(w, "params", dp + ".window")};
            }
            // The device setting of a project's devices (kTerminalLockMeaning).
            if (d.contains("terminalLock")) {
                if (!d.at("terminalLock").is_boolean())
                    throw InputError(dp + ".terminalLock", std::string("must be true or false: ") + kTerminalLockMeaning);
                dev.terminalLock = d.at("terminalLock").get<bool>();
            }
            e.device = dev;
        }
        n.elements.push_back(std::move(e));
    }
    return n;
}

}  // namespace ms::circuit
