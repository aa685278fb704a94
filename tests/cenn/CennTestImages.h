// Images for the CeNN tests drawn as text: '#' black (+1), '.' white (-1).
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "core/cenn/Cenn.h"
#include "core/cenn/TemplateLibrary.h"

namespace cenn_test {

inline ms::cenn::Image art(const std::vector<std::string>& rows) {
    ms::cenn::Image img(static_cast<int>(rows.size()), static_cast<int>(rows.front().size()), -1.0);
    for (int r = 0; r < img.rows; ++r)
        for (int c = 0; c < img.cols; ++c) img.at(r, c) = rows[r][c] == '#' ? 1.0 : -1.0;
    return img;
}

// The output drawn back as text ('#' for y > 0), for readable failures.
inline std::string draw(const ms::cenn::Image& y) {
    std::string s;
    for (int r = 0; r < y.rows; ++r) {
        for (int c = 0; c < y.cols; ++c) s += y.at(r, c) > 0 ? '#' : '.';
        s += '\n';
    }
    return s;
}

inline std::string draw(const std::vector<std::string>& rows) {
    std::string s;
    for (const auto& r : rows) s += r + '\n';
    return s;
}

// Runs a library template with its own initial state and boundary.
inline ms::cenn::Result runLibrary(const std::string& id, const ms::cenn::Image& u) {
    const ms::cenn::TemplateInfo* info = ms::cenn::templateLibrary().find(id);
    ms::cenn::Options o;
    o.boundary = info->boundary;
    o.boundaryU = info->boundaryU;
    o.boundaryY = info->boundaryY;
    return ms::cenn::simulate(info->tmpl, u, ms::cenn::initialState(info->initial, u), o);
}

// Pixels whose outputs differ by more than 0.1 between two runs.
inline int differing(const ms::cenn::Image& a, const ms::cenn::Image& b) {
    int n = 0;
    for (std::size_t i = 0; i < a.v.size(); ++i) n += std::fabs(a.v[i] - b.v[i]) > 0.1 ? 1 : 0;
    return n;
}

// Template t run on u from the library entry's initial state, default
// options (fixed boundary at 0), as the bridge tests compare ideal and bridged.
inline ms::cenn::Result runWith(const ms::cenn::TemplateInfo& info, const ms::cenn::Template& t, const ms::cenn::Image& u) {
    return ms::cenn::simulate(t, u, ms::cenn::initialState(info.initial, u), ms::cenn::Options{});
}

}  // namespace cenn_test
