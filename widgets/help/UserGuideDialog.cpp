// Memristor Studio, GPL-3.0-or-later.
#include "widgets/help/UserGuideDialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QListWidget>
#include <QScrollBar>
#include <QSplitter>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace ms::gui {

namespace {

// A text browser that scales wide images (the README's screenshots) down to
// the page width instead of making the reader scroll sideways.
class GuideBrowser : public QTextBrowser {
public:
    using QTextBrowser::QTextBrowser;
    QVariant loadResource(int type, const QUrl& name) override {
        QVariant v = QTextBrowser::loadResource(type, name);
        if (type != QTextDocument::ImageResource || !v.isValid()) return v;
        QImage image = v.value<QImage>();
        if (image.isNull()) image.loadFromData(v.toByteArray());
        const int maxWidth = std::max(320, viewport()->width() - 40);
        if (!image.isNull() && image.width() > maxWidth)
            return image.scaledToWidth(maxWidth, Qt::SmoothTransformation);
        return image.isNull() ? v : QVariant(image);
    }
};

// The page's first "# " heading, else its file name.
QString pageTitle(const QString& path) {
    QFile f(path);
    if (f.open(QIODevice::ReadOnly | QIODevice::Text))
        for (int k = 0; k < 20 && !f.atEnd(); ++k) {
            const QString line = QString::fromUtf8(f.readLine()).trimmed();
            if (line.startsWith(QLatin1String("# "))) return line.mid(2).trimmed();
        }
    return QFileInfo(path).completeBaseName();
}

}  // namespace

QStringList userGuidePages(const QString& docsFolder) {
    QStringList out;
    if (docsFolder.isEmpty() || !QFileInfo(docsFolder).isDir()) return out;
    const QDir docs(docsFolder);
    for (const QString& readme : {docs.filePath("README.md"), QDir(docsFolder + "/..").filePath("README.md")})
        if (QFileInfo::exists(readme)) {
            out << QFileInfo(readme).absoluteFilePath();
            break;
        }
    for (const QString& md : docs.entryList({QStringLiteral("*.md")}, QDir::Files, QDir::Name))
        if (md != QLatin1String("README.md")) out << docs.absoluteFilePath(md);
    return out;
}

UserGuideDialog::UserGuideDialog(const QString& docsFolder, QWidget* parent)
    : QDialog(parent), pages_(userGuidePages(docsFolder)), list_(new QListWidget(this)),
      browser_(new GuideBrowser(this)) {
    setObjectName("userGuideDialog");
    setWindowTitle(tr("User guide"));
    browser_->setOpenExternalLinks(true);
    for (const QString& p : pages_) {
        auto* item = new QListWidgetItem(pageTitle(p), list_);
        item->setToolTip(p);
    }
    list_->setMinimumWidth(200);
    list_->setWordWrap(true);  // page titles are sentences ("Measured devices: import, fit, ...")
    list_->setSpacing(2);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(list_);
    split->addWidget(browser_);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 4);
    split->setChildrenCollapsible(false);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);
    resize(1000, 680);
    split->setSizes({240, 760});
    connect(list_, &QListWidget::currentRowChanged, this, &UserGuideDialog::showPage);
    if (pages_.isEmpty())
        browser_->setHtml(tr("<p>The documentation was not found%1. It is looked for in "
                             "<code>share/memstudio/docs</code> next to the program's folder and in the source "
                             "tree's <code>docs</code> folder.</p>")
                              .arg(docsFolder.isEmpty() ? QString() : tr(" in %1").arg(docsFolder.toHtmlEscaped())));
    else
        list_->setCurrentRow(0);
}

void UserGuideDialog::showPage(int index) {
    if (index < 0 || index >= pages_.size()) return;
    if (list_->currentRow() != index) list_->setCurrentRow(index);
    // A .md source is rendered as Markdown; its relative links and images resolve from its folder.
    browser_->setSource(QUrl::fromLocalFile(pages_[index]), QTextDocument::MarkdownResource);
    browser_->verticalScrollBar()->setValue(0);
}

}  // namespace ms::gui
