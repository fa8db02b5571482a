package org.ferrel.cluster.ensemble;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ferrel.cluster.output.MemberStore;
import org.ferrel.cluster.output.ScratchFolders;
import org.ferrel.io.scenario.ProgressListener;
import org.ferrel.io.scenario.Scenario;
import org.ferrel.io.scenario.ScenarioFile;
import org.ferrel.io.scenario.ScenarioRunner;

/**
 * Runs one member where its task runs (a Spark executor): the member's scenario with io's
 * {@link ScenarioRunner} (one thread, so its bits do not depend on the machine) into a scratch
 * folder, then its output published atomically as {@code member-XXXX.nc}. A member whose output is
 * already complete is not run again. A run that blows up, produces NaN or cannot start (an unstable
 * time step for its parameters) is a failed member with its reason, not a failed task; a task fails
 * (and Spark retries it) only when files cannot be written (an {@link UncheckedIOException} of the
 * run's own scratch files included: a full executor disk is not the member's fault).
 */
public final class MemberRun {
    /** Base scenarios parsed on this JVM, by origin and text: parsed once per executor, not once per member. */
    private static final Map<String, Scenario> SCENARIOS = new ConcurrentHashMap<>();

    private MemberRun() {
    }

    public static MemberResult run(MemberTask task) {
        try {
            return runChecked(task);
        } catch (IOException e) {
            throw new UncheckedIOException(task.member().label() + ": " + e.getMessage(), e);
        }
    }

    private static MemberResult runChecked(MemberTask task) throws IOException {
        Member m = task.member();
        MemberStore store = MemberStore.open(task.store());
        if (store.exists(m.outputName())) {
            String record = MemberResult.recordName(m);
            MemberResult recorded = store.exists(record) ? MemberResult.fromRecord(m, store.readText(record)) : null;
            // complete output is a successful member, whatever a stale record of an earlier attempt says
            return recorded != null && !recorded.failed() ? recorded : new MemberResult(m, false, "", Double.NaN, true);
        }
        Scenario base = SCENARIOS.computeIfAbsent(task.scenarioOrigin() + "\n" + task.scenarioText(),
                k -> ScenarioFile.parse(task.scenarioText(), task.scenarioOrigin()));
        Scenario scenario = MemberScenario.of(base, m, task.perturbation());
        Path scratch = Files.createTempDirectory("ferrel-" + m.label() + "-");
        long start = System.nanoTime();
        try {
            MemberResult result;
            Path output;
            try {
                output = ScenarioRunner.run(scenario, new ScenarioRunner.Options(scratch, false, true, 1, ProgressListener.NONE,
                        line -> { }, task.attributes("ferrel ensemble: " + m.label() + " of the scenario " + base.name())))
                        .output();
                result = new MemberResult(m, false, "", seconds(start), false);
            } catch (UncheckedIOException e) {
                throw e;   // the executor's disk, not the member: a failed task, which Spark retries elsewhere
            } catch (RuntimeException e) {
                output = null;
                result = new MemberResult(m, true, reason(e), seconds(start), false);
            }
            store.writeText(MemberResult.recordName(m), result.toRecord());
            if (output != null) {
                store.publish(output, m.outputName());
            }
            return result;
        } finally {
            ScratchFolders.delete(scratch);
        }
    }

    private static String reason(RuntimeException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return switch (e) {
            case org.ferrel.dycore.model.BlowUpException b -> "blew up: " + message;
            case org.ferrel.io.config.ConfigException c -> "cannot start: " + message;
            default -> e.getClass().getSimpleName() + ": " + message;
        };
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) * 1e-9;
    }
}
