// bench_studio: the longest GUI event-loop stall while a long simulation
// streams, the I-V plot's redraw rate with 100,000 points and the cancel
// latency, measured on the real main window. Prints a table; not a test
// (timings depend on the machine).
#pragma once

namespace ms::studio {
class MainWindow;
int runMeasurements(MainWindow& window);
}  // namespace ms::studio
