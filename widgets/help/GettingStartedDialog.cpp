// Memristor Studio, GPL-3.0-or-later.
#include "widgets/help/GettingStartedDialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QListWidget>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace ms::gui {

GettingStartedDialog::GettingStartedDialog(QWidget* parent)
    : QDialog(parent), list_(new QListWidget(this)), text_(new QTextBrowser(this)),
      doIt_(new QPushButton(this)), back_(new QPushButton(tr("< &Back"), this)),
      next_(new QPushButton(tr("&Next >"), this)) {
    setObjectName("gettingStartedDialog");
    setWindowTitle(tr("Getting started"));
    steps_ = {
        {tr("1. Open an example"),
         tr("<p><b>File &rsaquo; Examples…</b> (Ctrl+E) lists the projects that come with the studio, grouped "
            "by topic: devices, synapse circuits, crossbars, ANNs, spiking networks and fitting. Select one to read "
            "what it shows; <b>Open</b> loads it.</p>"
            "<p>A good first one: <b>Synapse circuits &rsaquo; 2M differential synapse</b>. Two memristors in a "
            "differential pair make a weight of either sign; potentiation pulses carry it from negative through "
            "zero to positive.</p>"
            "<p>The <b>Project</b> dock (left) then lists its devices and experiments.</p>"),
         tr("Open the 2M synapse example"), Action::OpenSynapseExample},
        {tr("2. Run it"),
         tr("<p><b>Run &rsaquo; Run experiment</b> (F5) runs the experiment selected in the Project dock; "
            "<b>Run &rsaquo; Run all experiments</b> runs every one in turn. The status bar shows the progress; "
            "<b>Cancel</b> (Esc) stops a run at once.</p>"
            "<p>Runs happen on a worker thread: the plots fill while it runs and the window stays responsive. "
            "The same project runs headless with <code>memstudio-cli run PROJECT.json --out DIR</code> and "
            "gives the same numbers.</p>"),
         tr("Run all experiments"), Action::RunAll},
        {tr("3. Look at the results"),
         tr("<p>The tab for the selected experiment's kind comes to the front (Device explorer, LTP/LTD, "
            "Circuit designer, Crossbar designer, ANN, spiking networks, fitting). Click another experiment in "
            "the Project dock to see its results.</p>"
            "<p>Wheel over a plot to zoom; key figures (peak current, weight range, accuracy, ...) are listed "
            "with their units; the <b>Log</b> dock says what ran and what went wrong. "
            "<b>File &rsaquo; Export plot</b> saves a plot as PNG, SVG or PDF, <b>File &rsaquo; Export data</b> "
            "the series as CSV.</p>"),
         tr("Show the results"), Action::ShowResults},
        {tr("4. Edit a parameter"),
         tr("<p>Select an experiment or a device in the <b>Project</b> dock: its settings appear in "
            "<b>Parameters</b>, each with its symbol, unit, range and a tooltip naming its meaning and source. "
            "Type a value or drag a slider: with <b>Run &rsaquo; Re-run on every edit</b> checked, the "
            "experiment re-runs at once.</p>"
            "<p>Every edit is one step in <b>Undo history</b>: Ctrl+Z undoes it, Ctrl+Shift+Z redoes it. "
            "<b>File &rsaquo; Save as</b> writes your own copy; the format is described in the "
            "<b>Help &rsaquo; User guide</b>.</p>"),
         tr("Show the parameters"), Action::ShowParameters},
    };
    for (const Step& s : steps_) list_->addItem(s.title);
    list_->setMaximumWidth(210);
    text_->setOpenExternalLinks(true);

    connect(list_, &QListWidget::currentRowChanged, this, &GettingStartedDialog::showStep);
    connect(back_, &QPushButton::clicked, this, [this] { showStep(currentStep() - 1); });
    connect(next_, &QPushButton::clicked, this, [this] { showStep(currentStep() + 1); });
    connect(doIt_, &QPushButton::clicked, this, [this] {
        if (currentStep() >= 0) emit actionRequested(steps_[currentStep()].action);
    });

    auto* body = new QHBoxLayout;
    body->addWidget(list_);
    auto* right = new QVBoxLayout;
    right->addWidget(text_, 1);
    right->addWidget(doIt_, 0, Qt::AlignLeft);
    body->addLayout(right, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(back_, QDialogButtonBox::ActionRole);
    buttons->addButton(next_, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(body, 1);
    layout->addWidget(buttons);
    resize(760, 400);
    showStep(0);
}

int GettingStartedDialog::currentStep() const { return list_->currentRow(); }

void GettingStartedDialog::showStep(int index) {
    if (index < 0 || index >= steps_.size()) return;
    if (list_->currentRow() != index) list_->setCurrentRow(index);  // re-enters via currentRowChanged
    const Step& s = steps_[index];
    text_->setHtml(QStringLiteral("<h3>%1</h3>").arg(s.title.toHtmlEscaped()) + s.html);
    doIt_->setText(s.buttonText);
    back_->setEnabled(index > 0);
    next_->setEnabled(index + 1 < steps_.size());
}

}  // namespace ms::gui
