#include "widgets/study/SlurmSubmitDialog.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace ms::gui {

SlurmSubmitDialog::SlurmSubmitDialog(QString projectFile, QString studyId, int points, QWidget* parent)
    : QDialog(parent), projectFile_(std::move(projectFile)), studyId_(std::move(studyId)) {
    setWindowTitle(tr("Submit study '%1' to a SLURM cluster").arg(studyId_));
    auto* v = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("One array task per shard runs its points with memstudio-cli; a merge job that "
                                "depends on the array writes study.csv. %n point(s) in all. The output folder must "
                                "be on a file system every node sees.", "", points),
                             this);
    intro->setWordWrap(true);
    v->addWidget(intro);
    auto* form = new QFormLayout;
    const QFileInfo project(projectFile_);
    outDir_ = new QLineEdit(project.dir().filePath(project.completeBaseName() + QStringLiteral("-") + studyId_), this);
    auto* browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString d = QFileDialog::getExistingDirectory(this, tr("Output folder"), outDir_->text());
        if (!d.isEmpty()) outDir_->setText(d);
    });
    auto* outRow = new QHBoxLayout;
    outRow->addWidget(outDir_, 1);
    outRow->addWidget(browse);
    form->addRow(tr("Output folder"), outRow);
    partition_ = new QLineEdit(this);
    partition_->setPlaceholderText(tr("the cluster's default"));
    form->addRow(tr("Partition"), partition_);
    time_ = new QLineEdit(this);
    time_->setPlaceholderText(tr("the partition's default, e.g. 00:30:00"));
    form->addRow(tr("Time limit per task"), time_);
    cpus_ = new QSpinBox(this);
    cpus_->setRange(1, 256);
    form->addRow(tr("CPUs per task"), cpus_);
    shards_ = new QSpinBox(this);
    shards_->setRange(1, std::max(1, points));
    shards_->setValue(std::min(std::max(1, points), 1000));
    form->addRow(tr("Array tasks (shards)"), shards_);
    arrayLimit_ = new QSpinBox(this);
    arrayLimit_->setRange(0, 100000);
    arrayLimit_->setSpecialValueText(tr("no limit"));
    form->addRow(tr("Tasks at once"), arrayLimit_);
    v->addLayout(form);
    output_ = new QPlainTextEdit(this);
    output_->setReadOnly(true);
    output_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    output_->setMinimumSize(640, 260);
    v->addWidget(output_, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* previewButton = buttons->addButton(tr("Preview scripts"), QDialogButtonBox::ActionRole);
    auto* submitButton = buttons->addButton(tr("Submit"), QDialogButtonBox::ActionRole);
    connect(previewButton, &QPushButton::clicked, this, &SlurmSubmitDialog::preview);
    connect(submitButton, &QPushButton::clicked, this, &SlurmSubmitDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    v->addWidget(buttons);
}

QString SlurmSubmitDialog::cliPath() {
    return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("memstudio-cli"));
}

QStringList SlurmSubmitDialog::arguments() const {
    QStringList a = {QStringLiteral("study"), QStringLiteral("submit"), projectFile_, QStringLiteral("--study"), studyId_,
                     QStringLiteral("--out"), outDir_->text(), QStringLiteral("--slurm"), QStringLiteral("--cpus"),
                     QString::number(cpus_->value()), QStringLiteral("--shards"), QString::number(shards_->value())};
    if (!partition_->text().trimmed().isEmpty()) a << QStringLiteral("--partition") << partition_->text().trimmed();
    if (!time_->text().trimmed().isEmpty()) a << QStringLiteral("--time") << time_->text().trimmed();
    if (arrayLimit_->value() > 0) a << QStringLiteral("--array-limit") << QString::number(arrayLimit_->value());
    return a;
}

bool SlurmSubmitDialog::runCli(const QStringList& args) {
    QProcess p;
    p.start(cliPath(), args);
    if (!p.waitForStarted(10000)) {
        output_->setPlainText(tr("Cannot start %1: %2").arg(cliPath(), p.errorString()));
        return false;
    }
    p.waitForFinished(120000);
    const QString out = QString::fromUtf8(p.readAllStandardOutput()), err = QString::fromUtf8(p.readAllStandardError());
    output_->setPlainText(out + (err.isEmpty() ? QString() : QStringLiteral("\n") + err));
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

void SlurmSubmitDialog::preview() { runCli(arguments() << QStringLiteral("--dry-run")); }

void SlurmSubmitDialog::submit() { runCli(arguments()); }

}  // namespace ms::gui
