// "Submit to cluster…": the studio asks memstudio-cli (next to it, as
// installed or built) to write and submit the study's SLURM job array and
// merge job, so the scripts are the very ones `memstudio-cli study submit
// --slurm` writes. Preview shows them (--dry-run) on any machine; Submit
// needs sbatch, i.e. a cluster's login node.
#pragma once

#include <QDialog>

class QLineEdit;
class QSpinBox;
class QPlainTextEdit;

namespace ms::gui {

class SlurmSubmitDialog : public QDialog {
    Q_OBJECT
public:
    SlurmSubmitDialog(QString projectFile, QString studyId, int points, QWidget* parent = nullptr);
    // The memstudio-cli command line the dialog runs (without --dry-run).
    QStringList arguments() const;
    static QString cliPath();
    QPlainTextEdit* output() const { return output_; }

public slots:
    void preview();
    void submit();

private:
    bool runCli(const QStringList& args);
    QString projectFile_, studyId_;
    QLineEdit *outDir_, *partition_, *time_;
    QSpinBox *cpus_, *shards_, *arrayLimit_;
    QPlainTextEdit* output_;
};

}  // namespace ms::gui
