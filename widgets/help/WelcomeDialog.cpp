// Memristor Studio, GPL-3.0-or-later.
#include "widgets/help/WelcomeDialog.h"

#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "widgets/help/ExampleCatalog.h"

namespace ms::gui {

WelcomeDialog::WelcomeDialog(QWidget* parent)
    : QDialog(parent), examples_(new QPushButton(tr("Browse the &examples…"), this)),
      tour_(new QPushButton(tr("Take the getting-started &tour"), this)) {
    setObjectName("welcomeDialog");
    setWindowTitle(tr("Welcome to Memristor Studio"));

    auto* title = new QLabel(tr("<h2>Welcome to Memristor Studio</h2>"), this);
    auto* text = new QLabel(
        tr("<p>Memristor devices from the literature, the synapse circuits and crossbars built from them, and the "
           "neural networks (ANNs and spiking networks) that learn on them, simulated in one place.</p>"
           "<p>Behind this page the default project, the HP memristor's pinched hysteresis loop, is already running. "
           "Drag a slider in <b>Parameters</b> and it re-runs; <b>Ctrl+Z</b> undoes.</p>"),
        this);
    text->setWordWrap(true);

    auto* grid = new QGridLayout;
    grid->setColumnStretch(1, 1);
    auto addWay = [&](int row, const QString& topic, QPushButton* button, const QString& what) {
        auto* icon = new QLabel(this);
        icon->setPixmap(topicIcon(topic).pixmap(32, 32));
        grid->addWidget(icon, row, 0, Qt::AlignTop);
        auto* box = new QVBoxLayout;
        box->addWidget(button, 0, Qt::AlignLeft);
        auto* label = new QLabel(what, this);
        label->setWordWrap(true);
        box->addWidget(label);
        grid->addLayout(box, row, 1);
    };
    addWay(0, QStringLiteral("Devices"), examples_,
           tr("The example projects, by topic: devices, synapse circuits, crossbars, ANNs, spiking networks and "
              "fitting to measurements (also under <b>File &rsaquo; Examples</b>)."));
    addWay(1, QStringLiteral("Synapse circuits"), tour_,
           tr("Four steps: open an example, run it, look at the results, edit a parameter "
              "(also under <b>Help &rsaquo; Getting started</b>)."));

    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(tr("Start with the HP memristor"), QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(examples_, &QPushButton::clicked, this, [this] {
        emit examplesRequested();
        accept();
    });
    connect(tour_, &QPushButton::clicked, this, [this] {
        emit tourRequested();
        accept();
    });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(text);
    layout->addSpacing(8);
    layout->addLayout(grid);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(520);
    resize(600, 420);
}

}  // namespace ms::gui
