// Memristor Studio, GPL-3.0-or-later.
#include "widgets/help/AboutDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDate>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

#include "core/circuit/SynapseCell.h"
#include "core/devices/ModelRegistry.h"
#include "core/devices/WindowFunction.h"
#include "core/snn/NeuronGroup.h"
#include "core/snn/Plasticity.h"
#include "core/synapses/PulseSynapse.h"

namespace ms::gui {

namespace {

// "<li><b>name</b>: source</li>" for each entry with a source, in registry order.
template <typename Registry>
QString sourceList(const QString& heading, const Registry& registry) {
    QString items;
    for (const auto& e : registry.all())
        if (!e.source.empty())
            items += QStringLiteral("<li><b>%1</b>: %2</li>")
                         .arg(QString::fromStdString(e.name).toHtmlEscaped(),
                              QString::fromStdString(e.source).toHtmlEscaped());
    return items.isEmpty() ? QString() : QStringLiteral("<p><b>%1</b></p><ul>%2</ul>").arg(heading, items);
}

}  // namespace

QString citationBibtex(const QString& version) {
    return QStringLiteral("@software{memristor_studio,\n"
                          "  title   = {Memristor Studio: memristor devices, circuits, crossbars and neural networks},\n"
                          "  version = {%1},\n"
                          "  license = {GPL-3.0-or-later},\n"
                          "  note    = {Models after Xu, Wang and Yan, Advances in Memristor-Based Neural Networks,\n"
                          "             Front. Nanotechnol. 3:645995 (2021), doi:10.3389/fnano.2021.645995}\n"
                          "}")
        .arg(version);
}

QString aboutHtml(const QString& version) {
    QString html = QObject::tr(
        "<h2>Memristor Studio %1</h2>"
        "<p>A studio for memristor-based neural networks: memristor models from the literature under any drive, "
        "pulse (LTP/LTD) experiments, synapse circuits, crossbars, and the artificial and spiking networks built on "
        "them. The studio and <code>memstudio-cli</code> read the same project files and give the same numbers.</p>"
        "<h3>Licence</h3>"
        "<p>GNU General Public License, version 3 or (at your option) any later version "
        "(<code>GPL-3.0-or-later</code>). You may redistribute and modify it under those terms; it comes with "
        "NO WARRANTY. The full text is in the LICENSE file that comes with it, and at "
        "<a href='https://www.gnu.org/licenses/gpl-3.0.html'>gnu.org/licenses/gpl-3.0</a>.</p>"
        "<h3>How to cite</h3>"
        "<p>If the studio helped your work, cite the version you used, and the papers of the models you used "
        "(listed below and in each parameter's tooltip):</p><pre>%2</pre>"
        "<h3>Literature</h3>"
        "<p>The studio follows the review<br><b>W. Xu, J. Wang and X. Yan, “Advances in Memristor-Based Neural "
        "Networks”, Frontiers in Nanotechnology 3:645995 (2021)</b>, "
        "<a href='https://doi.org/10.3389/fnano.2021.645995'>doi:10.3389/fnano.2021.645995</a>:<br>"
        "its device models, synapse structures, crossbar non-idealities and learning rules. "
        "Each model's own paper:</p>")
                       .arg(version.toHtmlEscaped(), citationBibtex(version).toHtmlEscaped());
    html += sourceList(QObject::tr("Device models"), modelRegistry());
    html += sourceList(QObject::tr("Window functions"), windowRegistry());
    html += sourceList(QObject::tr("Pulse synapse models"), synapseRegistry());
    html += sourceList(QObject::tr("Synapse cells"), circuit::cellRegistry());
    html += sourceList(QObject::tr("Neuron models"), snn::neuronRegistry());
    html += sourceList(QObject::tr("Plasticity rules"), snn::plasticityRegistry());
    html += QObject::tr("<p>Built with Qt %1, QCustomPlot, Eigen and nlohmann/json.</p>").arg(qVersion());
    return html;
}

AboutDialog::AboutDialog(const QString& version, QWidget* parent) : QDialog(parent), browser_(new QTextBrowser(this)) {
    setObjectName("aboutDialog");
    setWindowTitle(tr("About Memristor Studio"));
    browser_->setOpenExternalLinks(true);
    browser_->setHtml(aboutHtml(version));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* copy = buttons->addButton(tr("Copy &citation"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this, [version] { QApplication::clipboard()->setText(citationBibtex(version)); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(browser_, 1);
    layout->addWidget(buttons);
    resize(720, 620);
}

}  // namespace ms::gui
