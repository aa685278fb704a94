// Where the main window sits and what it remembers: a size that fits the
// screen it opens on, the geometry and dock layout of the last session, the
// last folder used, and which result tabs this project needs. Memristor
// Studio, GPL-3.0-or-later.
#include <set>

#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QScreen>
#include <QScrollArea>
#include <QTabWidget>
#include <QSettings>
#include <QShowEvent>

#include <nlohmann/json.hpp>

#include "app/studio/MainWindow.h"
#include "core/project/Project.h"
#include "widgets/DocumentModel.h"
#include "widgets/ResultView.h"
#include "widgets/help/ExampleCatalog.h"

namespace ms::studio {

namespace {
// What the studio asks for on a large screen: room for the docks beside four plots.
constexpr QSize kPreferredSize(1500, 920);
constexpr int kLayoutVersion = 1;  // bump when the docks change, so an old layout is not restored onto new docks
}  // namespace

std::unique_ptr<QSettings> MainWindow::settings() const {
    if (!options_.settingsFile.isEmpty())
        return std::make_unique<QSettings>(options_.settingsFile, QSettings::IniFormat);
    return std::make_unique<QSettings>();
}

QSize MainWindow::fittedSize(const QSize& preferred, const QSize& available) {
    if (available.isEmpty()) return preferred;
    return preferred.boundedTo(available);
}

void MainWindow::placeOnScreen() {
    const QScreen* scr = screen() ? screen() : QGuiApplication::primaryScreen();
    const QRect avail = scr ? scr->availableGeometry() : QRect(QPoint(0, 0), kPreferredSize);
    resize(fittedSize(kPreferredSize, avail.size()));
    move(avail.topLeft() + QPoint((avail.width() - width()) / 2, (avail.height() - height()) / 2));
    if (!options_.useSettings) return;
    const auto s = settings();
    lastFolder_ = s->value("lastFolder").toString();
    if (!lastFolder_.isEmpty() && !QFileInfo(lastFolder_).isDir()) lastFolder_.clear();
    const QByteArray geometry = s->value("window/geometry").toByteArray();
    if (!geometry.isEmpty()) restoreGeometry(geometry);  // Qt moves a window from a screen that is gone
    const QByteArray state = s->value("window/state").toByteArray();
    if (!state.isEmpty()) restoreState(state, kLayoutVersion);
    // A layout saved on a larger screen still has to fit this one.
    if (!isMaximized() && !isFullScreen() && scr) {
        const QRect here = scr->availableGeometry();
        resize(fittedSize(size(), here.size()));
    }
}

void MainWindow::showEvent(QShowEvent* event) {
    QMainWindow::showEvent(event);
    if (!framePlaced_) {
        framePlaced_ = true;
        keepFrameOnScreen();
    }
}

void MainWindow::keepFrameOnScreen() {
    // The window manager's frame (title bar, borders) is known only once shown:
    // shrink the window so the frame, not just the contents, fits the screen.
    if (isMaximized() || isFullScreen()) return;
    const QScreen* scr = screen();
    if (!scr) return;
    const QRect avail = scr->availableGeometry();
    const QRect frame = frameGeometry();
    const QSize extra = frame.size() - size();
    const QSize fit = fittedSize(size(), avail.size() - extra);
    if (fit != size()) resize(fit);
    QPoint topLeft = frameGeometry().topLeft();
    topLeft.setX(std::clamp(topLeft.x(), avail.left(), std::max(avail.left(), avail.right() + 1 - frameGeometry().width())));
    topLeft.setY(std::clamp(topLeft.y(), avail.top(), std::max(avail.top(), avail.bottom() + 1 - frameGeometry().height())));
    if (topLeft != frameGeometry().topLeft()) move(topLeft);
}

void MainWindow::saveLayout() {
    if (!options_.useSettings) return;
    const auto s = settings();
    s->setValue("window/geometry", saveGeometry());
    s->setValue("window/state", saveState(kLayoutVersion));
    if (!lastFolder_.isEmpty()) s->setValue("lastFolder", lastFolder_);
}

void MainWindow::rememberFolder(const QString& fileOrFolder) {
    if (fileOrFolder.isEmpty()) return;
    const QFileInfo info(fileOrFolder);
    lastFolder_ = info.isDir() ? info.absoluteFilePath() : info.absolutePath();
    if (options_.useSettings) settings()->setValue("lastFolder", lastFolder_);
}

void MainWindow::addPage(QWidget* content, const QString& title) {
    auto* page = new QScrollArea(tabs_);
    page->setFrameShape(QFrame::NoFrame);
    page->setWidgetResizable(true);
    page->setWidget(content);
    tabs_->addTab(page, title);
}

void MainWindow::showPage(QWidget* content) {
    for (int k = 0; k < tabs_->count(); ++k)
        if (auto* page = qobject_cast<QScrollArea*>(tabs_->widget(k)); page && page->widget() == content) {
            tabs_->setTabVisible(k, true);
            tabs_->setCurrentIndex(k);
        }
}

// A result view's tab shows when the project has an experiment it can show
// (or the user is on it): thirteen tabs do not fit 1280 px, and a tab that
// can only stay empty for this project is noise. The explorers, the model
// comparison and the Studies tab always show.
void MainWindow::updateTabVisibility() {
    std::set<std::string> kinds;
    const auto& tree = doc_->project().tree();
    if (tree.contains("experiments") && tree["experiments"].is_array())
        for (const auto& e : tree["experiments"])
            if (e.is_object() && e.contains("kind") && e["kind"].is_string()) kinds.insert(e["kind"].get<std::string>());
    const auto& entries = gui::resultViewRegistry();
    for (std::size_t v = 0; v < entries.size() && v < views_.size(); ++v) {
        bool used = false;
        for (const QString& kind : entries[v].kinds) used = used || kinds.count(kind.toStdString()) > 0;
        for (int k = 0; k < tabs_->count(); ++k)
            if (auto* page = qobject_cast<QScrollArea*>(tabs_->widget(k)); page && page->widget() == views_[v])
                tabs_->setTabVisible(k, used || tabs_->currentIndex() == k);
    }
}

QWidget* MainWindow::currentPage() const {
    auto* page = qobject_cast<QScrollArea*>(tabs_->currentWidget());
    return page ? page->widget() : tabs_->currentWidget();
}

QString MainWindow::openDialogFolder() const {
    if (!lastFolder_.isEmpty() && QFileInfo(lastFolder_).isDir()) return lastFolder_;
    const QString examples = gui::examplesFolder();
    return examples.isEmpty() ? QDir::homePath() : examples;
}

}  // namespace ms::studio
