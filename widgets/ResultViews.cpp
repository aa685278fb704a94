// The registry of result views (see ResultView.h): one line per view.
#include "widgets/ResultView.h"

namespace ms::gui {

const std::vector<ResultViewEntry>& resultViewRegistry() {
    static const std::vector<ResultViewEntry> views = {
        // {"id", QObject::tr("Title"), {"kind_a", "kind_b"}, [](DocumentModel* d, QWidget* p) -> ResultView* { return new View(d, p); }},
    };
    return views;
}

}  // namespace ms::gui
