// The Kvatinsky window of TEAM/VTEAM (Kvatinsky et al., TCAS-I 60, 2013;
// docs/device-models.md §1): x is in metres and is the OFF (undoped) width, so OFF
// switching moves x up toward a_off and ON switching moves it down toward a_on.
//   f_off(x) = exp(-exp((x - a_off)/w_c)),  f_on(x) = exp(-exp(-(x - a_on)/w_c)).
// Both are smooth and never exactly zero inside the film (no trapping).
#pragma once

#include "core/devices/SafeMath.h"

namespace ms {

struct KvatinskyWindow {
    double aOn = 0.0, aOff = 0.0, wc = 1.0;
    double fOff(double x) const { return std::exp(-safe::exp((x - aOff) / wc)); }
    double fOn(double x) const { return std::exp(-safe::exp(-(x - aOn) / wc)); }
};

}  // namespace ms
