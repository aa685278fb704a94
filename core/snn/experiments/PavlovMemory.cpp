// Pavlov's associative memory on one memristor synapse: see PavlovMemory.h
// for the circuit and the rule, docs/pavlov.md for the device choice.
//
// Series "timeline", one row every recordEvery steps: t (s); bell, food (V,
// the lines' pulses); feedback (V, the feedback reaching the memristor: zero
// between bell pulses); v_device (V, across the memristor, wiring polarity
// applied); x (the device state); G (S, 1/R(x, V_read)); v_m (V, the output
// membrane); spikes (output spikes since the previous row). Values at the
// step's start, before it is taken.
// Series "spikes": t (s), trial of each output spike.
// Series "trials", one row per trial: trial (from 1), stage (index into the
// protocol), phase (0 test, 1 acquisition, 2 extinction, 3 relearning), bell,
// food (0/1), t_start, t_end (s), G_end (S), spikes, responds (bell-alone
// trials 1/0, trials with food -1), bell_alone_fires (0/1: a bell-alone probe
// on a frozen copy of the synapse after the trial makes the output fire).
#include "core/snn/experiments/PavlovMemory.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>

#include "core/common/Errors.h"
#include "core/sim/DeviceTransient.h"
#include "core/snn/NeuronGroup.h"

namespace ms::snn {

namespace {

constexpr const char* kPhaseIds[] = {"test", "acquisition", "extinction", "relearning"};

double conductance(const MemristorModel& m, double x, double vRead) { return 1.0 / m.resistance(x, vRead); }

// Sign of dG/dt under a constant v at state x: the flow's sign times the sign
// of dG/dx (a central difference inside the bounds). 0: the device does not move.
int conductanceTrend(const MemristorModel& m, double v, double x, double vRead) {
    const double f = m.stateDerivative(v, m.current(v, x), x);
    if (!(f != 0.0) || !std::isfinite(f)) return 0;
    const StateInfo s = m.stateInfo();
    const double d = 1e-6 * (s.max - s.min);
    const double lo = std::max(s.min, x - d), hi = std::min(s.max, x + d);
    const double dGdx = conductance(m, hi, vRead) - conductance(m, lo, vRead);
    if (dGdx == 0.0) return 0;
    return (f > 0) == (dGdx > 0) ? 1 : -1;
}

// A state strictly inside the bounds at which to test the device's response.
double testState(const MemristorModel& m) {
    const StateInfo s = m.stateInfo();
    const double x0 = m.initialState();
    return (x0 > s.min && x0 < s.max) ? x0 : 0.5 * (s.min + s.max);
}

long long stepsOf(double duration, double dt) { return std::max(1LL, std::llround(duration / dt)); }

struct LineSteps {
    long long width, period;
    bool on(long long k) const { return k % period < width; }
};

std::string volts(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g V", v);
    return buf;
}

}  // namespace

const char* pavlovPhaseId(PavlovPhase p) { return kPhaseIds[static_cast<int>(p)]; }

bool pavlovPhaseFromId(const std::string& id, PavlovPhase& out) {
    for (int k = 0; k < 4; ++k)
        if (id == kPhaseIds[k]) {
            out = static_cast<PavlovPhase>(k);
            return true;
        }
    return false;
}

std::vector<std::string> pavlovPhaseIds() { return {std::begin(kPhaseIds), std::end(kPhaseIds)}; }

PavlovDeviceCheck checkPavlovDevice(const MemristorModel& m, const PavlovOptions& o) {
    PavlovDeviceCheck c;
    const double x = testState(m), vr = o.readVoltage;
    const double paired = o.bell.amplitude + o.feedbackPaired;
    if (conductanceTrend(m, paired, x, vr) > 0) c.polarity = 1.0;
    else if (conductanceTrend(m, -paired, x, vr) > 0) c.polarity = -1.0;
    else {
        c.field = "feedbackPaired";
        c.problem = "the paired voltage V_bell + V_fb+ = " + volts(paired) +
                    " raises the device's conductance in neither polarity (below its SET threshold?), so pairing "
                    "cannot teach the bell synapse";
        return c;
    }
    const double unpaired = o.bell.amplitude + o.feedbackUnpaired;
    if (conductanceTrend(m, c.polarity * unpaired, x, vr) >= 0) {
        c.field = "feedbackUnpaired";
        c.problem = "the unpaired voltage V_bell + V_fb- = " + volts(unpaired) +
                    " does not lower the device's conductance (it must cross the RESET threshold with the "
                    "opposite sign of the paired voltage), so extinction cannot happen";
        c.polarity = 0.0;
        return c;
    }
    // A bell read alone must leave the synapse as it is: over all bell pulses
    // of the protocol it may move the state by at most 1 % of its range.
    double bellTime = 0.0;
    const double perTrial = std::ceil(o.trialDuration / o.bell.period) * o.bell.width;
    for (const auto& s : o.protocol)
        if (s.bell) bellTime += s.trials * perTrial;
    const double vRead = c.polarity * o.bell.amplitude;
    const double f = m.stateDerivative(vRead, m.current(vRead, x), x);
    const StateInfo info = m.stateInfo();
    if (!std::isfinite(f) || std::fabs(f) * bellTime > 0.01 * (info.max - info.min)) {
        c.field = "bellAmplitude";
        c.problem = "a bell pulse alone (" + volts(o.bell.amplitude) +
                    ") moves the device's state (it is above the device's threshold), so the bell would be learnt "
                    "without food; lower it below the threshold or choose a device with a higher one";
        c.polarity = 0.0;
    }
    return c;
}

PavlovResult runPavlovMemory(const MemristorModel& model, const PavlovOptions& o, FrameSink& sink,
                             const StopToken& stop) {
    const PavlovDeviceCheck check = checkPavlovDevice(model, o);
    if (check.polarity == 0.0) throw InputError(check.field, check.problem);
    const double pol = check.polarity;

    const long long trialSteps = stepsOf(o.trialDuration, o.dt), gapSteps = std::llround(o.interTrial / o.dt);
    const long long fbSteps = stepsOf(o.feedbackWidth, o.dt);
    const LineSteps bellLine{stepsOf(o.bell.width, o.dt), stepsOf(o.bell.period, o.dt)};
    const LineSteps foodLine{stepsOf(o.food.width, o.dt), stepsOf(o.food.period, o.dt)};
    const int every = std::max(1, o.recordEvery);

    auto neuron = makeNeuronGroup(o.neuronModel, 1, o.neuronParams);
    SpikeList spiked;
    const std::string unit = model.stateInfo().unit;

    sink.beginSeries("timeline", {{"t", "s"}, {"bell", "V"}, {"food", "V"}, {"feedback", "V"}, {"v_device", "V"},
                                  {"x", unit}, {"G", "S"}, {"v_m", "V"}, {"spikes", ""}});
    sink.beginSeries("spikes", {{"t", "s"}, {"trial", ""}});
    sink.beginSeries("trials", {{"trial", ""}, {"stage", ""}, {"phase", ""}, {"bell", ""}, {"food", ""},
                                {"t_start", "s"}, {"t_end", "s"}, {"G_end", "S"}, {"spikes", ""}, {"responds", ""},
                                {"bell_alone_fires", ""}});
    sink.log(LogLevel::Info, std::string("Bell memristor wired with polarity ") + (pol > 0 ? "+1" : "-1") +
                                 ": the paired voltage is its SET (conductance-raising) direction");

    // The bell read current the output integrates (A): the bell line's
    // pulse through the memristor into the neuron's virtual ground.
    auto bellCurrent = [&](double x) { return pol * model.current(pol * o.bell.amplitude, x); };

    // A bell-alone trial on a fresh neuron with the synapse frozen at x.
    auto bellAloneFires = [&](double x) {
        auto probe = makeNeuronGroup(o.neuronModel, 1, o.neuronParams);
        SpikeList s;
        const double i = bellCurrent(x);
        for (long long k = 0; k < trialSteps + gapSteps; ++k) {
            probe->Iext[0] = k < trialSteps && bellLine.on(k) ? i : 0.0;
            probe->step(static_cast<double>(k) * o.dt, o.dt, s);
            if (!s.empty()) return true;
        }
        return false;
    };

    PavlovResult result;
    result.polarity = pol;
    double x = model.initialState();
    double variable = std::numeric_limits<double>::quiet_NaN();
    result.gInitial = conductance(model, x, o.readVoltage);
    TransientOptions engine;
    engine.duration = o.dt;
    engine.samples = 1;
    engine.readVoltage = o.readVoltage;
    engine.modelName = o.deviceName;
    engine.stiff = o.deviceStiff;

    int totalTrials = 0;
    for (const auto& s : o.protocol) totalTrials += s.trials;
    long long n = 0;  // global step
    long long feedbackUntil = -1;
    double feedbackValue = 0.0;
    int trialNo = 0, spikesSinceRow = 0;
    std::vector<double> rows;
    for (std::size_t st = 0; st < o.protocol.size(); ++st) {
        const PavlovStage& stage = o.protocol[st];
        for (int k = 1; k <= stage.trials; ++k) {
            if (stop.stopRequested()) throw Cancelled();
            ++trialNo;
            PavlovTrial tr;
            tr.phase = stage.phase;
            tr.stage = static_cast<int>(st);
            tr.indexInStage = k;
            tr.bell = stage.bell;
            tr.food = stage.food;
            tr.tStart = static_cast<double>(n) * o.dt;
            rows.clear();
            for (long long j = 0; j < trialSteps + gapSteps; ++j, ++n) {
                const double t = static_cast<double>(n) * o.dt;
                const bool bellOn = stage.bell && j < trialSteps && bellLine.on(j);
                const bool foodOn = stage.food && j < trialSteps && foodLine.on(j);
                const double vBell = bellOn ? o.bell.amplitude : 0.0, vFood = foodOn ? o.food.amplitude : 0.0;
                const double vFb = n < feedbackUntil ? feedbackValue : 0.0;
                // The 1T1R transistor is open between bell pulses: no voltage on the memristor.
                const double vDev = bellOn ? pol * (vBell + vFb) : 0.0;
                if (n % every == 0)
                    rows.insert(rows.end(), {t, vBell, vFood, bellOn ? vFb : 0.0, vDev, x,
                                             conductance(model, x, o.readVoltage), neuron->membrane(0),
                                             static_cast<double>(spikesSinceRow)});
                if (n % every == 0) spikesSinceRow = 0;

                neuron->Iext[0] = (bellOn ? bellCurrent(x) : 0.0) + o.foodConductance * vFood;
                spiked.clear();
                neuron->step(t, o.dt, spiked);

                // The device over [t, t + dt] at constant vDev; a state at
                // which the flow is zero (inside a threshold model's dead
                // zone) stays put, so the engine is called only when it moves.
                if (vDev != 0.0 && model.stateDerivative(vDev, model.current(vDev, x), x) != 0.0) {
                    engine.initialState = x;
                    engine.initialVariable = variable;
                    const ConstantStimulus drive(vDev, o.dt);
                    NullSink quiet;  // one series per engine run
                    const TransientSummary s = runDeviceTransient(model, drive, DriveMode::Voltage, engine, quiet, stop);
                    x = s.finalState;
                    variable = s.finalVariable;
                }
                if (!spiked.empty()) {
                    ++tr.spikes;
                    ++spikesSinceRow;
                    feedbackUntil = n + 1 + fbSteps;
                    feedbackValue = foodOn ? o.feedbackPaired : o.feedbackUnpaired;
                    const double row[2] = {t, static_cast<double>(trialNo)};
                    sink.appendRows("spikes", row, 1);
                }
            }
            if (!rows.empty()) sink.appendRows("timeline", rows.data(), rows.size() / 9);
            tr.tEnd = static_cast<double>(n) * o.dt;
            tr.gEnd = conductance(model, x, o.readVoltage);
            tr.responds = tr.food ? -1 : (tr.bell ? (tr.spikes > 0 ? 1 : 0) : -1);
            tr.bellAloneFires = bellAloneFires(x);
            const double row[11] = {double(trialNo), double(st), double(static_cast<int>(tr.phase)),
                                    tr.bell ? 1.0 : 0.0, tr.food ? 1.0 : 0.0, tr.tStart, tr.tEnd, tr.gEnd,
                                    double(tr.spikes), double(tr.responds), tr.bellAloneFires ? 1.0 : 0.0};
            sink.appendRows("trials", row, 1);
            result.trials.push_back(tr);
            sink.progress(static_cast<double>(trialNo) / std::max(1, totalTrials));
        }
    }

    // Figures: G at the start and after the first stage of each learning
    // phase; the bell-alone test right after it; trials each phase needed.
    const auto& T = result.trials;
    sink.scalar("G_initial", result.gInitial, "S");
    auto firstStage = [&](PavlovPhase p) {
        for (std::size_t s = 0; s < o.protocol.size(); ++s)
            if (o.protocol[s].phase == p) return static_cast<int>(s);
        return -1;
    };
    auto testRight = [&](int stage, int dir) -> const PavlovTrial* {
        // The nearest test-phase trial in the run of test stages next to `stage`.
        const PavlovTrial* found = nullptr;
        for (const auto& tr : T) {
            const bool inRun = dir > 0 ? tr.stage > stage : tr.stage < stage;
            if (!inRun || tr.phase != PavlovPhase::Test || tr.responds < 0) continue;
            bool adjacent = true;
            for (int s = std::min(tr.stage, stage) + 1; s < std::max(tr.stage, stage); ++s)
                if (o.protocol[static_cast<std::size_t>(s)].phase != PavlovPhase::Test) adjacent = false;
            if (!adjacent) continue;
            if (dir > 0 && !found) found = &tr;
            if (dir < 0) found = &tr;
        }
        return found;
    };
    const int acq = firstStage(PavlovPhase::Acquisition);
    if (acq >= 0)
        if (const PavlovTrial* before = testRight(acq, -1)) sink.scalar("responds_before", before->responds, "");
    for (PavlovPhase p : {PavlovPhase::Acquisition, PavlovPhase::Extinction, PavlovPhase::Relearning}) {
        const int s = firstStage(p);
        if (s < 0) continue;
        const std::string name = pavlovPhaseId(p);
        int count = 0;
        double gEnd = 0.0;
        for (const auto& tr : T) {
            if (tr.stage != s) continue;
            gEnd = tr.gEnd;
            const bool reached = p == PavlovPhase::Extinction ? !tr.bellAloneFires : tr.bellAloneFires;
            if (reached && count == 0) count = tr.indexInStage;
        }
        sink.scalar("G_after_" + name, gEnd, "S");
        const char* trialsKey = p == PavlovPhase::Acquisition  ? "trials_to_acquire"
                                : p == PavlovPhase::Extinction ? "trials_to_extinguish"
                                                               : "trials_to_relearn";
        sink.scalar(trialsKey, count, "");
        if (count == 0)
            sink.log(LogLevel::Warning, "The " + name + " phase ended before the bell alone " +
                                            (p == PavlovPhase::Extinction ? "stopped" : "started") +
                                            " making the output fire; " + trialsKey + " is reported as 0");
        if (const PavlovTrial* after = testRight(s, 1)) sink.scalar("responds_after_" + name, after->responds, "");
    }
    return result;
}

}  // namespace ms::snn
