// Help > User guide: the project's own docs (README.md and docs/*.md) rendered
// from Markdown, so the guide is always the documentation of this build.
// Memristor Studio, GPL-3.0-or-later.
#pragma once

#include <QDialog>
#include <QStringList>

class QListWidget;
class QTextBrowser;

namespace ms::gui {

// The guide's pages in `docsFolder`: README.md (from the folder or its parent)
// first, then every *.md of the folder by name. Absolute paths.
QStringList userGuidePages(const QString& docsFolder);

class UserGuideDialog : public QDialog {
    Q_OBJECT
public:
    // `docsFolder`: the shipped docs (core/data/DataPaths.h); "" or missing: says so.
    explicit UserGuideDialog(const QString& docsFolder, QWidget* parent = nullptr);

    QStringList pages() const { return pages_; }
    QTextBrowser* browser() const { return browser_; }
    void showPage(int index);

private:
    QStringList pages_;
    QListWidget* list_;
    QTextBrowser* browser_;
};

}  // namespace ms::gui
