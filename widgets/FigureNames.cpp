#include "widgets/FigureNames.h"

#include <cmath>

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>

namespace ms::gui {

namespace {

QString tr(const char* text) { return QCoreApplication::translate("FigureNames", text); }

// Every figure key the kinds in core/ report, by kind.
const QHash<QString, QString>& names() {
    static const QHash<QString, QString> table = {
        // device transient
        {"peak_current", tr("Peak current")}, {"min_current", tr("Minimum current")},
        {"R_min", tr("R min")}, {"R_max", tr("R max")}, {"r_min", tr("R min")}, {"r_max", tr("R max")},
        {"R_ratio", tr("R max / R min")}, {"loop_area", tr("Loop area ∮i dv")},
        {"final_state", tr("Final state")}, {"accepted_steps", tr("Accepted steps")},
        {"rejected_steps", tr("Rejected steps")}, {"newton_iterations", tr("Newton iterations")},
        // pulse LTP/LTD
        {"G_max", tr("G max")}, {"G_min", tr("G min")}, {"g_max", tr("G max")}, {"g_min", tr("G min")},
        {"on_off_ratio", tr("G max / G min")}, {"levels", tr("Distinguishable levels")},
        {"distinguishable_levels", tr("Distinguishable levels")},
        {"NL_LTP", tr("Nonlinearity NL (LTP)")}, {"NL_LTD", tr("Nonlinearity NL (LTD)")},
        {"nl_ltp", tr("Nonlinearity NL (LTP)")}, {"nl_ltd", tr("Nonlinearity NL (LTD)")},
        {"asymmetry", tr("Asymmetry")}, {"G_initial", tr("G initial")}, {"G_final", tr("G final")},
        // crossbar read, write, MVM, sweeps
        {"I_selected", tr("Current of the selected cell")}, {"I_sneak", tr("Sneak-path current")},
        {"I_sense", tr("Sensed current")}, {"V_out", tr("Output voltage")}, {"power", tr("Power")},
        {"elmore_delay", tr("Elmore delay (worst cell)")}, {"read_margin", tr("Read margin")},
        {"read_margin_worst", tr("Read margin (worst case)")}, {"dG_selected", tr("ΔG of the selected cell")},
        {"max_disturb", tr("Largest disturb (any unselected cell)")},
        {"max_half_selected_disturb", tr("Largest disturb of a half-selected cell")},
        {"max_unselected_disturb", tr("Largest disturb of a fully unselected cell")},
        {"energy", tr("Energy")}, {"max_column_error", tr("Column error, max (IR drop)")},
        {"I_total", tr("Total current")}, {"tiles", tr("Tiles")},
        {"max_error_whole", tr("Largest error, whole array")}, {"max_error_tiled", tr("Largest error, tiled")},
        {"max_N", tr("Largest readable array size N")}, {"margin_first", tr("Read margin at the smallest N")},
        {"margin_last", tr("Read margin at the largest N")},
        {"worst_margin_last", tr("Worst-case read margin at the largest N")},
        // synapse cells and circuits
        {"w_initial", tr("Weight initial")}, {"w_max", tr("Weight max")}, {"w_min", tr("Weight min")},
        {"w_final", tr("Weight final")}, {"sign_changes", tr("Sign changes of the weight")},
        {"initial_conductance", tr("Conductance before programming")}, {"pulses_used", tr("Pulses used")},
        {"final_error", tr("Final relative error")}, {"final_conductance", tr("Conductance after programming")},
        {"converged", tr("Converged (1 = yes)")},
        {"dw_max", tr("Largest potentiation Δw")}, {"dt_at_dw_max", tr("Δt of the largest potentiation")},
        {"dw_min", tr("Largest depression Δw")}, {"dt_at_dw_min", tr("Δt of the largest depression")},
        {"tau_ltp", tr("Decay length τ (LTP side)")}, {"tau_ltd", tr("Decay length τ (LTD side)")},
        // ANN training and sweeps
        {"float_accuracy", tr("Float accuracy")},
        {"programming_rms_error", tr("Write error (RMS)")},
        {"programming_max_error", tr("Write error (max)")},
        {"final_accuracy", tr("Final test accuracy")}, {"pulses", tr("Write pulses")},
        {"stuck_devices", tr("Stuck devices")}, {"device_synapse_max_error", tr("Device synapse: largest error")},
        {"device_G_max", tr("Device synapse: G max")}, {"device_on_off", tr("Device synapse: G max / G min")},
        {"best_accuracy", tr("Best accuracy over the sweep")}, {"worst_accuracy", tr("Worst accuracy over the sweep")},
        {"accuracy", tr("Accuracy")}, {"train_accuracy", tr("Training accuracy")},
        {"test_accuracy", tr("Test accuracy")}, {"test_examples", tr("Test examples")},
        // SNN
        {"ann_accuracy", tr("ANN accuracy")}, {"snn_accuracy", tr("SNN accuracy")},
        {"events_per_example", tr("Synaptic events per example")}, {"macs_per_example", tr("ANN MACs per example")},
        {"ann_macs_per_example", tr("ANN MACs per example")}, {"spikes_per_example", tr("Spikes per example")},
        {"energy_ratio_snn_over_ann", tr("Energy ratio SNN / ANN")},
        {"snn_energy_per_example", tr("SNN energy per example")}, {"ann_energy_per_example", tr("ANN energy per example")},
        // ANN vs SNN on one device (ann_vs_snn, the review's Table 6)
        {"cell_read_energy_at_G_max", tr("Energy of one cell read at G max")},
        {"ann_latency_layers", tr("ANN latency (layer passes)")}, {"snn_window_steps", tr("SNN window (steps)")},
        {"snn_decision_steps", tr("SNN steps to decide")}, {"snn_decision_time", tr("SNN time to decide")},
        {"snn_decided_fraction", tr("Digits the SNN decides within the window")},
        {"input_sparsity", tr("Input sparsity (fraction of zero pixels)")},
        {"ann_read_energy", tr("ANN cell-read energy per inference")}, {"ann_neuron_energy", tr("ANN ADC/activation energy per inference")},
        {"snn_read_energy", tr("SNN row-read energy per digit")}, {"snn_neuron_energy", tr("SNN neuron-update energy per digit")},
        {"ratio_crosses_1_at_steps", tr("Window where SNN/ANN energy crosses 1 (steps)")},
        {"ratio_crosses_1_at_rate", tr("Input rate where SNN/ANN energy crosses 1")},
        {"ratio_crosses_1_at_sparsity", tr("Input sparsity where SNN/ANN energy crosses 1")},
        {"stdp_accuracy", tr("STDP SNN accuracy")}, {"stdp_events_per_example", tr("STDP SNN synaptic events per digit")},
        {"stdp_energy_per_example", tr("STDP SNN energy per digit")},
        {"stdp_energy_ratio_over_ann", tr("Energy ratio STDP SNN / ANN")},
        {"simulated_time", tr("Simulated time")}, {"silent_neurons", tr("Silent (unassigned) neurons")},
        {"time_to_final_accuracy", tr("Time to the final accuracy")},
        {"fraction_low", tr("Fraction of weights near 0")}, {"fraction_middle", tr("Fraction of weights in between")},
        {"fraction_high", tr("Fraction of weights near w max")}, {"output_rate", tr("Output firing rate")},
        {"spikes", tr("Spikes")}, {"mean_rate", tr("Mean firing rate")},
        {"first_spike_latency", tr("First-spike latency")}, {"isi_last_over_first", tr("Last ISI / first ISI")},
        {"threshold_current", tr("Threshold current (rheobase)")}, {"max_rate", tr("Largest firing rate")},
        {"rheobase_theory", tr("Rheobase, closed form")},
        // memristor-coupled neurons (Volos et al. 2015)
        {"mean_abs_error", tr("Mean |x1 − x2|, last half")}, {"max_abs_error", tr("Largest |x1 − x2|, last half")},
        {"sync_tolerance", tr("Synchronisation tolerance")}, {"synchronised", tr("Synchronised (1 = yes)")},
        {"spikes_1", tr("Spikes of neuron 1")}, {"spikes_2", tr("Spikes of neuron 2")},
        {"final_phi", tr("Memristor flux at the end")}, {"final_W", tr("Memductance at the end")},
        {"max_relative_error_vs_theory", tr("Largest relative error vs the closed form")},
        // Pavlov's associative memory (1 = the bell alone made the output fire)
        {"responds_before", tr("Bell alone responds, before pairing (1 = yes)")},
        {"responds_after_acquisition", tr("Bell alone responds, after acquisition (1 = yes)")},
        {"responds_after_extinction", tr("Bell alone responds, after extinction (1 = yes)")},
        {"responds_after_relearning", tr("Bell alone responds, after relearning (1 = yes)")},
        {"trials_to_acquire", tr("Pairings until the bell alone fires")},
        {"trials_to_extinguish", tr("Bell-alone trials until it stops firing")},
        {"trials_to_relearn", tr("Pairings until it fires again")},
        {"G_after_acquisition", tr("Bell synapse G after acquisition")},
        {"G_after_extinction", tr("Bell synapse G after extinction")},
        {"G_after_relearning", tr("Bell synapse G after relearning")},
        // fits
        {"r2", tr("Coefficient of determination R²")}, {"rmse", tr("RMS error")}, {"cost", tr("Fit cost")},
        {"evaluations", tr("Model evaluations")},
        // fitted parameters (VTEAM and the pulse-curve model), each also with "_stderr"
        {"Roff", tr("R off")}, {"k_on", tr("k on")}, {"k_off", tr("k off")}, {"v_on", tr("v on (threshold)")},
        {"v_off", tr("v off (threshold)")}, {"Gmax", tr("G max")}, {"Gmax_LTP", tr("G max (LTP branch)")},
        {"Gmax_LTD", tr("G max (LTD branch)")}, {"Gmin_LTP", tr("G min (LTP branch)")},
        {"Gmin_LTD", tr("G min (LTD branch)")}, {"dwMin", tr("Smallest weight step Δw min")},
        {"levelsLTP", tr("Levels (LTP)")}, {"levelsLTD", tr("Levels (LTD)")}, {"onOff", tr("On/off ratio")},
        {"upDown", tr("Up/down asymmetry")},
    };
    return table;
}

struct Parts {
    QString prefix, base, suffix;
};

// "100 Hz:r_max@x (%)" -> prefix "100 Hz: ", base "r_max", suffix " @ x (%)".
Parts split(const QString& key) {
    Parts p;
    QString k = key;
    if (k.endsWith(QLatin1String(" (%)"))) {
        p.suffix = QStringLiteral(" (%)");
        k.chop(4);
    }
    const int colon = k.lastIndexOf(':');
    if (colon > 0 && !k.contains('(')) {
        p.prefix = k.left(colon) + QStringLiteral(": ");
        k = k.mid(colon + 1);
    }
    const int at = k.indexOf('@');
    if (at > 0) {
        p.suffix = QStringLiteral(" @ ") + k.mid(at + 1) + p.suffix;
        k = k.left(at);
    }
    p.base = k;
    return p;
}

// Names made from the key's own parts: probes, fit errors.
QString patternName(const QString& base) {
    static const QRegularExpression probe(R"(^(dc_)?([vi])\((.+)\)$)");
    const auto m = probe.match(base);
    if (m.hasMatch()) {
        const QString what = m.captured(2) == "v" ? tr("Voltage at %1").arg(m.captured(3))
                                                  : tr("Current through %1").arg(m.captured(3));
        return m.captured(1).isEmpty() ? what : what + tr(" (DC operating point)");
    }
    if (base.endsWith(QLatin1String("_stderr"))) {
        const QString param = base.chopped(7);
        return tr("Standard error of %1").arg(names().value(param, param));
    }
    return {};
}

}  // namespace

QString figureName(const QString& key) {
    const Parts p = split(key);
    QString name = names().value(p.base);
    if (name.isEmpty()) name = patternName(p.base);
    if (name.isEmpty()) {
        name = p.base;
        name.replace('_', ' ');
    }
    return p.prefix + name + p.suffix;
}

bool figureNameKnown(const QString& key) {
    const Parts p = split(key);
    return names().contains(p.base) || !patternName(p.base).isEmpty();
}

QString figureNote(const QString& key, double value) {
    (void)key;
    if (std::isinf(value))
        return tr("Beyond what double precision measures (> 1e300): reported as infinity. Typically the state "
                  "sits on a bound where the device carries no current.");
    if (std::isnan(value)) return tr("Not defined for this run.");
    return {};
}

}  // namespace ms::gui
