// Help > About: version, licence, how to cite, and the literature the models
// come from: the review the studio follows and every source the registries
// (device models, windows, pulse synapses, synapse cells, neurons, plasticity
// rules) cite, so the list grows with the registries. Memristor Studio, GPL-3.0-or-later.
#pragma once

#include <QDialog>

class QTextBrowser;

namespace ms::gui {

// The About page as HTML (the dialog shows it; tests read it).
QString aboutHtml(const QString& version);

// A BibTeX entry for citing this version of the studio.
QString citationBibtex(const QString& version);

class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(const QString& version, QWidget* parent = nullptr);
    QTextBrowser* browser() const { return browser_; }

private:
    QTextBrowser* browser_;
};

}  // namespace ms::gui
