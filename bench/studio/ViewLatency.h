// Interactive latency per view: for each tab's default example, the time
// from a parameter edit to the first frame the view redraws with the new
// run's data, and to the finished run, with the longest event-loop stall in
// between (wall and GUI-thread CPU time). Prints a table.
#pragma once

#include <QStringList>

namespace ms::studio {
class MainWindow;
// `projects`: paths relative to the source tree's projects/ folder.
int measureViewLatency(MainWindow& window, const QStringList& projects);
}  // namespace ms::studio
