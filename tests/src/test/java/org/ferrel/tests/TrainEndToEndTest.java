package org.ferrel.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.ferrel.io.netcdf.ArrayFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferrel train} as a user runs it: a tiny hybrid experiment, a killed and resumed run, bad configurations. */
class TrainEndToEndTest {
    static final String CONFIG = """
            name: tiny
            seed: 3
            truth:
              coarse_degrees: 22.5
              time_step: 1200 s
              fine_hyperdiffusion: 1e16
              train_cases: 2
              test_cases: 1
              days: 12 hours
              snapshot_every: 1 hour
            network:
              hidden: [6]
            offline:
              epochs: 3
              batch: 64
              samples_per_snapshot: 32
            online:
              epochs: 4
              rollout_steps: 6
              rollouts_per_batch: 4
              window_stride: 2
              learning_rate: 1e-3
              checkpoint_snapshots: 3
              mass_penalty: 0.1
            evaluation:
              lead_days: [0.25, 0.5]
              stability_days: 1 day
              hyperdiffusion_candidates: [1e15, 1e16]
            """;

    @Test
    void trainsReportsAndResumesToTheSameWeights(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("h.yaml"), CONFIG);
        Cli.Outcome o = Cli.run(dir, "train", "h.yaml", "-o", "a", "--progress", "log", "--threads", "2");
        assertEquals(0, o.exitCode(), o.toString());
        assertEquals(dir.resolve("a/report.json").toString(), dir.resolve(o.stdout().strip()).toString());
        for (String f : new String[] {"report.json", "loss.png", "skill.png", "spectra.png", "weights-offline.nc", "weights-online.nc",
            "truth-train.nc", "truth-test.nc", "online-checkpoint.nc", "hybrid.yaml"}) {
            assertTrue(Files.size(dir.resolve("a").resolve(f)) > 0, f);
        }
        String report = Files.readString(dir.resolve("a/report.json"));
        for (String key : new String[] {"\"hybrid online\"", "\"tuned hyperdiffusion\"", "\"no closure\"", "\"gradient_forward_time_ratio\"",
            "\"rmse_h_m\"", "\"stable_for_days\""}) {
            assertTrue(report.contains(key), key + " in " + report);
        }
        assertTrue(o.stderr().contains("online: 4 of 4, loss"), o.stderr());

        // without --resume an existing run is not overwritten
        Cli.Outcome again = Cli.run(dir, "train", "h.yaml", "-o", "a", "--progress", "none");
        assertEquals(3, again.exitCode(), again.toString());
        assertTrue(again.stderr().contains("--resume"), again.stderr());

        // kill a second run once it saved an online epoch, resume it (another thread count): bitwise the same weights
        Process p = Cli.start(dir, "train", "h.yaml", "-o", "b", "--progress", "none");
        Path checkpoint = dir.resolve("b/online-checkpoint.nc");
        while (p.isAlive() && !Files.exists(checkpoint)) {
            Thread.sleep(10);
        }
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
        Cli.Outcome resumed = Cli.run(dir, "train", "h.yaml", "-o", "b", "--resume", "--progress", "log", "--threads", "3");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        ArrayFile.Content wa = ArrayFile.read(dir.resolve("a/weights-online.nc"));
        ArrayFile.Content wb = ArrayFile.read(dir.resolve("b/weights-online.nc"));
        assertEquals(wa.variables().size(), wb.variables().size());
        for (int i = 0; i < wa.variables().size(); i++) {
            assertArrayEquals(wa.variables().get(i).values(), wb.variables().get(i).values(), 0.0, wa.variables().get(i).name());
        }
        assertEquals("4", wb.attribute("epochs"));
    }

    @Test
    void badConfigurationsExitWithThreeNamingFileLineAndKey(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("h.yaml"), CONFIG.replace("rollout_steps: 6", "rollout_steps: 7"));
        Cli.Outcome o = Cli.run(dir, "train", "h.yaml");
        assertEquals(3, o.exitCode(), o.toString());
        assertEquals(1, o.stderr().strip().lines().count(), o.stderr());
        assertTrue(o.stderr().contains("h.yaml:19") && o.stderr().contains("online.rollout_steps"), o.stderr());
        Files.writeString(dir.resolve("k.yaml"), CONFIG.replace("hidden: [6]", "hiden: [6]"));
        Cli.Outcome k = Cli.run(dir, "train", "k.yaml");
        assertEquals(3, k.exitCode(), k.toString());
        assertTrue(k.stderr().contains("k.yaml:12") && k.stderr().contains("network.hiden"), k.stderr());
        Cli.Outcome missing = Cli.run(dir, "train", "nothing.yaml");
        assertEquals(3, missing.exitCode(), missing.toString());
    }
}
