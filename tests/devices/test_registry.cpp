// Registry consistency for every model and the messages users get for bad
// device input (they name the offending key, as project-file errors do).
#include <QtTest>

#include <cmath>

#include "core/common/Errors.h"
#include "core/devices/ModelRegistry.h"

using namespace ms;

namespace {
QString messageOf(const DeviceSpec& spec) {
    try {
        instantiateDevice(spec, "device");
    } catch (const InputError& e) {
        return QString::fromStdString(e.what());
    }
    return "no error";
}
}  // namespace

class RegistryTest : public QObject {
    Q_OBJECT
private slots:
    void everyModelIdIsRegistered() {
        for (const char* id : {"linear_ion_drift", "nonlinear_ion_drift", "simmons_tunnel", "team", "vteam", "yakopcic",
                               "stanford_pku"})
            QVERIFY2(modelRegistry().find(id), id);
    }
    void comparisonTableFacts() {
        auto* team = modelRegistry().find("team");
        auto* vteam = modelRegistry().find("vteam");
        auto* simmons = modelRegistry().find("simmons_tunnel");
        QVERIFY(team->control == ControlMechanism::Current && team->hasThreshold);
        QVERIFY(vteam->control == ControlMechanism::Voltage && vteam->hasThreshold);
        QVERIFY(simmons->stiff && simmons->ivRelation == "tunnelling");
        QVERIFY(modelRegistry().find("nonlinear_ion_drift")->acceptsWindow);
        QVERIFY(modelRegistry().find("yakopcic")->hasThreshold);
        QVERIFY(modelRegistry().find("stanford_pku")->hasThreshold);
    }
    void specsAreConsistent() {
        for (const auto& m : modelRegistry().all()) {
            QVERIFY(!m.name.empty() && !m.summary.empty() && !m.source.empty());
            QVERIFY2(!m.ivRelation.empty() && !m.accuracy.empty(), m.id.c_str());
            QVERIFY(m.create);
            for (const auto& s : m.params) {
                const QByteArray whereBytes = QString("%1.%2").arg(m.id.c_str(), s.key.c_str()).toLocal8Bit();
                const char* where = whereBytes.constData();
                QVERIFY2(!s.key.empty() && !s.symbol.empty() && !s.meaning.empty() && !s.source.empty(), where);
                QVERIFY2(s.min <= s.defaultValue && s.defaultValue <= s.max, where);
                QVERIFY2(s.scale == Scale::Linear || s.min > 0, where);
                QVERIFY2(!s.integer || s.defaultValue == std::round(s.defaultValue), where);
            }
            for (const auto& w : windowRegistry().all())
                for (const auto& s : w.params) QVERIFY(s.min <= s.defaultValue && s.defaultValue <= s.max);
        }
    }
    void defaultsAndEveryPresetResolveAndRun() {
        int digital = 0, analog = 0;
        for (const auto& m : modelRegistry().all()) {
            std::vector<std::string> presets{""};
            for (const auto& p : m.presets) {
                presets.push_back(p.id);
                QVERIFY(!p.name.empty() && !p.description.empty() && !p.source.empty());
                for (const auto& [k, v] : p.values) QVERIFY2(findSpec(m.params, k), qPrintable(QString::fromStdString(m.id + "/" + p.id + ": " + k)));
                digital += p.id.rfind("digital_", 0) == 0;
                analog += p.id.rfind("analog_", 0) == 0;
            }
            for (const auto& preset : presets) {
                // Owned bytes: qPrintable of a temporary dangles (ASan found it).
                const QByteArray whereBytes = QString::fromStdString(m.id + "/" + preset).toLocal8Bit();
                const char* where = whereBytes.constData();
                ResolvedDevice r;
                const auto issues = resolveDevice({m.id, preset, {}, std::nullopt}, r);
                QVERIFY2(issues.empty(), qPrintable(QString(where) + (issues.empty() ? "" : " " + QString::fromStdString(issues[0].key + ": " + issues[0].message))));
                auto dev = instantiateDevice({m.id, preset, {}, std::nullopt});
                const StateInfo s = dev->stateInfo();
                const double x0 = dev->initialState();
                QVERIFY2(s.min < s.max && s.min <= x0 && x0 <= s.max, where);
                QVERIFY2(s.symbol == m.state.symbol && s.unit == m.state.unit, where);
                const double i = dev->current(0.1, x0);
                QVERIFY2(std::isfinite(i) && std::isfinite(dev->stateDerivative(0.1, i, x0)), where);
            }
            // The documented bounds are those of the defaults.
            auto dev = instantiateDevice({m.id, "", {}, std::nullopt});
            QCOMPARE(dev->stateInfo().min, m.state.min);
            QCOMPARE(dev->stateInfo().max, m.state.max);
        }
        QVERIFY(digital >= 1);
        QVERIFY(analog >= 1);
    }
    void unknownModel() {
        ResolvedDevice r;
        const auto issues = resolveDevice({"hp_memristor", "", {}, std::nullopt}, r);
        QCOMPARE(issues.size(), size_t(1));
        QCOMPARE(QString::fromStdString(issues[0].key), QString("model"));
        QVERIFY(messageOf({"hp_memristor", "", {}, std::nullopt}).startsWith("device.model: unknown model 'hp_memristor' (known: linear_ion_drift,"));
    }
    void unknownPreset() {
        // The message lists every preset of the model.
        QStringList known;
        for (const auto& p : modelRegistry().find("team")->presets) known << QString::fromStdString(p.id);
        QVERIFY(!known.isEmpty());
        QCOMPARE(messageOf({"team", "pickett", {}, std::nullopt}),
                 "device.preset: model 'team' has no preset 'pickett' (known: " + known.join(", ") + ")");
    }
    void roffNotAboveRon() {
        QCOMPARE(messageOf({"linear_ion_drift", "", {{"Roff", 100}}, std::nullopt}),
                 QString("device.params.Roff: must be greater than Ron (100 ohm)"));
        QCOMPARE(messageOf({"team", "", {{"Ron", 100}, {"Roff", 50}}, std::nullopt}),
                 QString("device.params.Roff: must be greater than Ron (100 ohm)"));
        QCOMPARE(messageOf({"vteam", "memtorch", {{"Roff", 50}}, std::nullopt}),
                 QString("device.params.Roff: must be greater than Ron (50 ohm)"));
    }
    void outOfRangeAndNaN() {
        QCOMPARE(messageOf({"vteam", "", {{"v_off", 200}}, std::nullopt}),
                 QString("device.params.v_off: must be between 0 V and 100 V (got 200 V)"));
        QCOMPARE(messageOf({"stanford_pku", "", {{"T0", 0}}, std::nullopt}),
                 QString("device.params.T0: must be between 1 K and 1000 K (got 0 K)"));
        QCOMPARE(messageOf({"nonlinear_ion_drift", "", {{"alpha", std::nan("")}}, std::nullopt}),
                 QString("device.params.alpha: must be a finite number"));
        QCOMPARE(messageOf({"yakopcic", "", {{"b", INFINITY}}, std::nullopt}),
                 QString("device.params.b: must be a finite number"));
    }
    void crossFieldRules() {
        QCOMPARE(messageOf({"team", "", {{"i_on", 0}}, std::nullopt}),
                 QString("device.params.i_on: must be negative (got 0 A)"));
        QCOMPARE(messageOf({"team", "", {{"i_on", 8.9e-6}}, std::nullopt}),  // the published positive default
                 QString("device.params.i_on: must be between -1 A and 0 A (got 8.9e-06 A)"));
        QCOMPARE(messageOf({"team", "", {{"x0", 4e-9}}, std::nullopt}),
                 QString("device.params.x0: must lie between x_on (0 m) and x_off (3e-09 m)"));
        QCOMPARE(messageOf({"nonlinear_ion_drift", "", {{"m", 4}}, std::nullopt}),
                 QString("device.params.m: must be odd so the state follows the sign of v (got 4)"));
        QCOMPARE(messageOf({"yakopcic", "", {{"eta", 0}}, std::nullopt}), QString("device.params.eta: must be +1 or -1 (got 0)"));
        QCOMPARE(messageOf({"stanford_pku", "", {{"gmin", 2e-9}}, std::nullopt}),
                 QString("device.params.gmax: must be greater than gmin (2e-09 m)"));
        QCOMPARE(messageOf({"simmons_tunnel", "", {{"w0", 3e-9}}, std::nullopt}),
                 QString("device.params.w0: must lie between wmin (1e-09 m) and wmax (2e-09 m)"));
    }
    // StateInfo says which bounds the engine must keep precise (a window zero
    // at both edges on a [0, 1] state) and carries the device setting
    // terminalLock; nothing else about the model changes with the lock.
    void boundFlagsAndTerminalLock() {
        auto flags = [](const DeviceSpec& spec) {
            const auto m = instantiateDevice(spec);
            return std::make_pair(m->stateInfo().zeroFlowAtBounds, m->stateInfo().terminalLock);
        };
        QCOMPARE(flags({"linear_ion_drift", "", {}, WindowChoice{"joglekar", {}}}), std::make_pair(true, false));
        QCOMPARE(flags({"linear_ion_drift", "", {}, WindowChoice{"prodromakis", {}}}), std::make_pair(true, false));
        QCOMPARE(flags({"linear_ion_drift", "", {}, WindowChoice{"biolek", {}}}), std::make_pair(false, false));
        QCOMPARE(flags({"linear_ion_drift", "", {}, WindowChoice{"none", {}}}), std::make_pair(false, false));
        QCOMPARE(flags({"yakopcic", "", {}, std::nullopt}), std::make_pair(false, false));
        // nonlinear_ion_drift's own limits (xmin, xmax) are where the window is not zero.
        QCOMPARE(flags({"nonlinear_ion_drift", "", {}, WindowChoice{"joglekar", {}}}).first,
                 withDefaults(modelRegistry().find("nonlinear_ion_drift")->params).at("xmin") == 0.0 &&
                     withDefaults(modelRegistry().find("nonlinear_ion_drift")->params).at("xmax") == 1.0);
        DeviceSpec locked{"linear_ion_drift", "", {}, WindowChoice{"joglekar", {}}};
        locked.terminalLock = true;
        QCOMPARE(flags(locked), std::make_pair(true, true));
        const auto a = instantiateDevice(locked);
        locked.terminalLock = false;
        const auto b = instantiateDevice(locked);
        for (double x : {0.0, 0.3, 1.0}) {
            QCOMPARE(a->current(0.7, x), b->current(0.7, x));
            QCOMPARE(a->voltage(1e-4, x), b->voltage(1e-4, x));
            QCOMPARE(a->stateDerivative(0.7, 1e-4, x), b->stateDerivative(0.7, 1e-4, x));
            QCOMPARE(a->resistance(x, 0.1), b->resistance(x, 0.1));
        }
        QCOMPARE(a->initialState(), b->initialState());
    }
    void windowOnlyWhereAccepted() {
        QCOMPARE(messageOf({"team", "", {}, WindowChoice{"joglekar", {}}}),
                 QString("device.window: model 'team' takes no window function"));
        QCOMPARE(messageOf({"nonlinear_ion_drift", "", {}, WindowChoice{"joglekar", {{"p", 1.5}}}}),
                 QString("device.window.params.p: must be a whole number (got 1.5)"));
        QVERIFY(messageOf({"nonlinear_ion_drift", "", {}, WindowChoice{"hann", {}}}).startsWith("device.window.id: unknown window 'hann'"));
    }
    void unknownParameter() {
        // The message lists the model's parameter keys.
        const QString m = messageOf({"yakopcic", "", {{"Vt", 1}}, std::nullopt});
        QVERIFY2(m.startsWith("device.params.Vt: unknown parameter (known: ") && m.contains("Vp"), qPrintable(m));
    }
};

QTEST_GUILESS_MAIN(RegistryTest)
#include "test_registry.moc"
