// Hidden `memstudio --measure`: the longest GUI event-loop stall while a long
// simulation streams, and the I-V plot's redraw rate with 100,000 points.
// Prints a small table; not a test (timings depend on the machine).
#pragma once

namespace ms::studio {
class MainWindow;
int runMeasurements(MainWindow& window);
}  // namespace ms::studio
