// Memristor Studio, GPL-3.0-or-later.
#include "widgets/help/ExamplesDialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScreen>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

namespace ms::gui {

namespace {
constexpr int kPathRole = Qt::UserRole;
constexpr int kIndexRole = Qt::UserRole + 1;
}  // namespace

ExamplesDialog::ExamplesDialog(const QString& folder, QWidget* parent)
    : QDialog(parent), examples_(folder.isEmpty() ? QVector<ExampleProject>() : loadExampleCatalog(folder)),
      tree_(new QTreeWidget(this)), details_(new QTextBrowser(this)),
      openButton_(new QPushButton(tr("&Open"), this)) {
    setObjectName("examplesDialog");
    setWindowTitle(tr("Examples"));

    auto* intro = new QLabel(tr("Example projects that come with Memristor Studio, by topic. Opening one replaces "
                                "the current document (you are asked to save changes first)."), this);
    intro->setWordWrap(true);

    tree_->setColumnCount(2);
    tree_->setHeaderLabels({tr("Example"), tr("What it shows")});
    tree_->setRootIsDecorated(true);
    tree_->setUniformRowHeights(true);
    tree_->setIconSize(QSize(20, 20));
    tree_->header()->setStretchLastSection(true);
    QHash<QString, QTreeWidgetItem*> topics;
    for (const QString& topic : exampleTopics()) {
        auto* t = new QTreeWidgetItem(tree_, {topic});
        t->setIcon(0, topicIcon(topic));
        t->setFlags(Qt::ItemIsEnabled);
        QFont bold = t->font(0);
        bold.setBold(true);
        t->setFont(0, bold);
        topics.insert(topic, t);
    }
    for (int k = 0; k < examples_.size(); ++k) {
        const ExampleProject& e = examples_[k];
        auto* item = new QTreeWidgetItem(topics.value(e.topic, topics.value("Other")), {e.name, firstSentence(e.description)});
        item->setData(0, kPathRole, e.path);
        item->setData(0, kIndexRole, k);
        item->setToolTip(0, e.fileName);
        item->setToolTip(1, e.description);
    }
    for (auto* t : std::as_const(topics)) {
        t->setHidden(t->childCount() == 0);
        t->setText(1, t->childCount() == 1 ? tr("1 project") : tr("%1 projects").arg(t->childCount()));
    }
    tree_->expandAll();
    tree_->resizeColumnToContents(0);  // the names are the one-line titles: never cut them

    details_->setOpenExternalLinks(true);
    details_->setMinimumWidth(280);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(tree_);
    split->addWidget(details_);
    split->setStretchFactor(0, 5);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(openButton_, QDialogButtonBox::AcceptRole);
    openButton_->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(openButton_, &QPushButton::clicked, this, &ExamplesDialog::openSelected);
    connect(tree_, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
        if (!item->data(0, kPathRole).toString().isEmpty()) openSelected();
    });
    connect(tree_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) { showDetails(item); });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);
    // Wide enough for the names and most of each summary, never wider than the screen.
    const QRect avail = screen() ? screen()->availableGeometry() : QRect(0, 0, 1280, 720);
    resize(std::min(1240, avail.width() - 40), std::min(640, avail.height() - 60));
    split->setSizes({width() * 7 / 10, width() * 3 / 10});

    if (examples_.isEmpty())
        details_->setHtml(tr("<p>No example projects were found%1.</p><p>They are looked for in "
                             "<code>share/memstudio/projects</code> next to the program's folder and in the "
                             "source tree's <code>projects</code> folder.</p>")
                              .arg(folder.isEmpty() ? QString() : tr(" in %1").arg(folder.toHtmlEscaped())));
    showDetails(nullptr);
}

bool ExamplesDialog::selectExample(const QString& fileName) {
    for (QTreeWidgetItemIterator it(tree_); *it; ++it) {
        const int k = (*it)->data(0, kIndexRole).isValid() ? (*it)->data(0, kIndexRole).toInt() : -1;
        if (k >= 0 && examples_[k].fileName == fileName) {
            tree_->setCurrentItem(*it);
            return true;
        }
    }
    return false;
}

QString ExamplesDialog::selectedPath() const {
    return tree_->currentItem() ? tree_->currentItem()->data(0, kPathRole).toString() : QString();
}

void ExamplesDialog::openSelected() {
    const QString path = selectedPath();
    if (path.isEmpty()) return;
    emit openRequested(path);
    accept();
}

void ExamplesDialog::showDetails(QTreeWidgetItem* item) {
    const QVariant index = item ? item->data(0, kIndexRole) : QVariant();
    openButton_->setEnabled(index.isValid());
    if (!index.isValid()) {
        if (!examples_.isEmpty())
            details_->setHtml(tr("<p>Pick an example on the left to read what it shows.</p>"
                                 "<p>New here? <b>Synapse circuits &rsaquo; 2M differential synapse</b> is a good "
                                 "first one: two memristors make a weight of either sign.</p>"));
        return;
    }
    const ExampleProject& e = examples_[index.toInt()];
    QString html = QStringLiteral("<h3>%1</h3><p style='color:#606060'>%2 &middot; <code>%3</code></p><p>%4</p>")
                       .arg(e.name.toHtmlEscaped(), e.topic.toHtmlEscaped(), e.fileName.toHtmlEscaped(),
                            e.description.toHtmlEscaped());
    if (!e.experiments.isEmpty()) {
        html += tr("<p><b>Experiments</b></p><ul>");
        for (const QString& x : e.experiments) html += QStringLiteral("<li>%1</li>").arg(x.toHtmlEscaped());
        html += QStringLiteral("</ul>");
    }
    details_->setHtml(html);
}

}  // namespace ms::gui
