package org.ferrel.cluster.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ferrel.cluster.TestFiles;
import org.ferrel.cluster.ensemble.Ensemble;
import org.ferrel.cluster.ensemble.EnsembleFile;
import org.ferrel.cluster.ensemble.MemberResult;
import org.ferrel.cluster.output.EnsembleStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ucar.nc2.NetcdfFile;

class EnsembleJobTest {
    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    private EnsembleJob.Result run(Ensemble e, Path out, String master, boolean resume) throws IOException {
        return EnsembleJob.run(e, new EnsembleJob.Options(out.toString(), resume, master, log::add));
    }

    private static List<Path> memberFiles(Path out) throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(p -> p.getFileName().toString().matches("member-\\d{4}\\.nc")).sorted().toList();
        }
    }

    @Test
    void membersAreBitwiseTheSameOnOneAndTwoThreadsWithAnyPartitioning() throws IOException {
        Path file = TestFiles.ensemble(dir.resolve("in"), TestFiles.LHS);
        Ensemble e = EnsembleFile.read(file);
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        EnsembleJob.Result r1 = run(e, one, "local[1]", false);
        Ensemble threePartitions = EnsembleFile.read(TestFiles.ensemble(dir.resolve("in3"), TestFiles.LHS + "spark: {partitions: 4}\n"));
        run(threePartitions, two, "local[2]", false);
        assertEquals(6, r1.results().size());
        assertEquals(0, r1.failed());
        List<Path> a = memberFiles(one);
        List<Path> b = memberFiles(two);
        assertEquals(6, a.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).getFileName(), b.get(i).getFileName());
            assertArrayEquals(Files.readAllBytes(a.get(i)), Files.readAllBytes(b.get(i)), a.get(i).getFileName() + " differs");
        }
        assertArrayEquals(Files.readAllBytes(one.resolve(EnsembleStatistics.FILE)), Files.readAllBytes(two.resolve(EnsembleStatistics.FILE)),
                "statistics do not depend on the partitioning");
        // members differ from each other (parameters and perturbations)
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.get(0)), Files.readAllBytes(a.get(1))));
        List<String> csv = Files.readAllLines(one.resolve("summary.csv"));
        assertEquals(7, csv.size());
        assertTrue(csv.getFirst().endsWith(",drag.rate"), csv.getFirst());
        assertTrue(csv.get(1).startsWith("0,ok,,"), csv.get(1));
        assertTrue(Files.readString(one.resolve("summary.json")).contains("\"members_ok\": 6"));
    }

    @Test
    void theStatisticsAreTheMeanSpreadAndQuantilesOfTheMembers() throws IOException {
        Ensemble e = EnsembleFile.read(TestFiles.ensemble(dir.resolve("in"), TestFiles.LHS));
        Path out = dir.resolve("out");
        run(e, out, "local[2]", false);
        // progress counts the members' tasks, not the statistics' (Spark's events are all delivered when its context closes)
        assertEquals(List.of("1 of 6 tasks done", "2 of 6 tasks done", "3 of 6 tasks done", "4 of 6 tasks done", "5 of 6 tasks done",
                "6 of 6 tasks done"), log.stream().filter(l -> l.endsWith("tasks done")).toList());
        List<Path> members = memberFiles(out);
        try (NetcdfFile stats = NetcdfFile.open(out.resolve(EnsembleStatistics.FILE).toString())) {
            assertEquals(ucar.ma2.DataType.INT, stats.findGlobalAttribute("ensemble_members_used").getDataType());
            assertEquals(6, stats.findGlobalAttribute("ensemble_members_used").getNumericValue().intValue());
            assertEquals(0, stats.findGlobalAttribute("ensemble_members_failed").getNumericValue().intValue());
            double[] mean = (double[]) stats.findVariable("h_mean").read().get1DJavaArray(double.class);
            double[] spread = (double[]) stats.findVariable("h_spread").read().get1DJavaArray(double.class);
            double[] median = (double[]) stats.findVariable("h_q50").read().get1DJavaArray(double.class);
            double[][] h = new double[members.size()][];
            for (int m = 0; m < h.length; m++) {
                try (NetcdfFile f = NetcdfFile.open(members.get(m).toString())) {
                    h[m] = (double[]) f.findVariable("h").read().get1DJavaArray(double.class);
                }
            }
            assertEquals(h[0].length, mean.length);
            for (int k = 0; k < mean.length; k += 97) {
                double sum = 0;
                double[] column = new double[h.length];
                for (int m = 0; m < h.length; m++) {
                    sum += h[m][k];
                    column[m] = h[m][k];
                }
                double mu = sum / h.length;
                double ss = 0;
                for (double x : column) {
                    ss += (x - mu) * (x - mu);
                }
                java.util.Arrays.sort(column);
                assertEquals(mu, mean[k], 1e-9 * Math.abs(mu));
                assertEquals(Math.sqrt(ss / (h.length - 1)), spread[k], 1e-9 * Math.abs(mu));
                assertEquals(0.5 * (column[2] + column[3]), median[k], 1e-9 * Math.abs(mu));
            }
        }
    }

    @Test
    void aMemberThatCannotRunIsRecordedAndTheStatisticsSayHowManyMembersTheyHold() throws IOException {
        // with the fixed 30-minute step, gravity 40 m/s^2 makes gravity waves too fast: that member cannot run
        Ensemble e = EnsembleFile.read(TestFiles.ensemble(dir.resolve("in"), """
                sampling:
                  method: grid
                  parameters:
                    - {name: gravity, min: 9, max: 40, count: 3}
                """));
        Path out = dir.resolve("out");
        EnsembleJob.Result r = run(e, out, "local[2]", false);
        assertEquals(1, r.failed());
        MemberResult failed = r.results().get(2);
        assertTrue(failed.failed());
        assertTrue(failed.reason().contains("dynamics.timeStep"), failed.reason());
        assertEquals(2, memberFiles(out).size());
        assertFalse(Files.exists(out.resolve("member-0002.nc")));
        String csv = Files.readString(out.resolve("summary.csv"));
        assertTrue(csv.contains("2,failed,\"cannot start: "), csv);
        try (NetcdfFile stats = NetcdfFile.open(out.resolve(EnsembleStatistics.FILE).toString())) {
            assertEquals(2, stats.findGlobalAttribute("ensemble_members_used").getNumericValue().intValue());
            assertEquals(1, stats.findGlobalAttribute("ensemble_members_failed").getNumericValue().intValue());
        }
    }

    /** Relaxation toward an equilibrium depth that is negative near the poles: fast enough, it drains them after some steps. */
    static final String DRAINING_SCENARIO = """
            name: drain
            grid: {resolution: 15}
            dynamics: {timeStep: 30 minutes}
            terms:
              drag: {rate: 1e-6}
              hyperdiffusion: {coefficient: 1e16}
              equilibriumRelaxation:
                basis: {type: zonal, maxDegree: 2}
                timeScale: 10 days
            parameters:
              equilibrium.coefficients: [1000, 0, -6000]
            initial: {case: rest, depth: 5500}
            run: {length: 1 day}
            output: {interval: 12 hours, variables: [h, u]}
            """;

    @Test
    void aMemberThatBlowsUpMidRunIsRecordedWithStepFieldAndPlaceAndCountedInTheStatistics() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("scenario.yaml"), DRAINING_SCENARIO);
        // time scales 6 h, 5.5 days, 10.75 days: the first member passes every set-up check and goes negative at step 10
        Path file = Files.writeString(in.resolve("ensemble.yaml"), """
                name: drain
                scenario: scenario.yaml
                sampling:
                  method: grid
                  parameters:
                    - {name: equilibrium.timeScale, min: 21600, max: 928800, count: 3}
                """);
        Ensemble e = EnsembleFile.read(file);
        Path out = dir.resolve("out");
        EnsembleJob.Result r = run(e, out, "local[2]", false);
        assertEquals(1, r.failed());
        MemberResult failed = r.results().getFirst();
        // the 15-degree grid has 24 longitudes: its polar filter runs Bluestein's FFT (until 2026-12-05 the dense
        // circulant, which rounded the depth here to -145.28346851091382)
        assertEquals("blew up: run blew up at step 10: h[0][0] = -145.51862106552431 (lon 0.00, lat -82.50 deg) is not a positive"
                + " depth", failed.reason());
        assertFalse(Files.exists(out.resolve("member-0000.nc")), "no output of the member that blew up");
        assertEquals(List.of(out.resolve("member-0001.nc"), out.resolve("member-0002.nc")), memberFiles(out));
        assertTrue(Files.readString(out.resolve("member-0000.status")).startsWith("status=failed\n"));
        List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
        assertTrue(csv.get(1).startsWith("0,failed,\"blew up: run blew up at step 10: h[0][0]"), csv.get(1));
        assertTrue(csv.get(2).startsWith("1,ok,,"), csv.get(2));
        String json = Files.readString(out.resolve("summary.json"));
        assertTrue(json.contains("\"members_ok\": 2") && json.contains("step 10"), json);
        try (NetcdfFile stats = NetcdfFile.open(out.resolve(EnsembleStatistics.FILE).toString())) {
            assertEquals(2, stats.findGlobalAttribute("ensemble_members_used").getNumericValue().intValue());
            assertEquals(1, stats.findGlobalAttribute("ensemble_members_failed").getNumericValue().intValue());
        }
        // resumed, the failed member runs again (and fails the same way); the two complete ones are kept
        EnsembleJob.Result again = run(e, out, "local[1]", true);
        assertEquals(2, again.reused());
        assertEquals(failed.reason(), again.results().getFirst().reason());
    }

    @Test
    void whenEveryMemberFailsThereAreNoStatisticsNotEvenStaleOnes() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("scenario.yaml"), DRAINING_SCENARIO);
        Path file = Files.writeString(in.resolve("ensemble.yaml"), """
                name: drain
                scenario: scenario.yaml
                sampling:
                  method: grid
                  parameters:
                    - {name: equilibrium.timeScale, min: 10800, max: 21600, count: 2}
                """);
        Ensemble e = EnsembleFile.read(file);
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("ensemble.yaml"), e.text());
        Files.writeString(out.resolve(EnsembleStatistics.FILE), "of an earlier run");
        EnsembleJob.Result r = run(e, out, "local[1]", true);
        assertEquals(2, r.failed());
        assertEquals("", r.statistics());
        assertFalse(Files.exists(out.resolve(EnsembleStatistics.FILE)), "a stale statistics file is removed");
        assertTrue(log.contains("no member succeeded: no ensemble statistics written"), log.toString());
        assertEquals(3, Files.readAllLines(out.resolve("summary.csv")).size());
    }

    @Test
    void resumeRunsOnlyTheMembersWithoutCompleteOutput() throws IOException {
        Ensemble e = EnsembleFile.read(TestFiles.ensemble(dir.resolve("in"), TestFiles.LHS));
        Path out = dir.resolve("out");
        run(e, out, "local[2]", false);
        byte[] member4 = Files.readAllBytes(out.resolve("member-0004.nc"));
        Files.delete(out.resolve("member-0004.nc"));
        Files.write(out.resolve(".member-0004.nc.0123.tmp"), new byte[] {1, 2, 3});   // a copy cut short
        ClusterSetupException refused = assertThrows(ClusterSetupException.class, () -> run(e, out, "local[2]", false));
        assertTrue(refused.getMessage().endsWith("already holds an ensemble; continue it with --resume, or choose another output"
                + " directory"), refused.getMessage());
        EnsembleJob.Result r = run(e, out, "local[2]", true);
        assertEquals(5, r.reused());
        assertFalse(r.results().get(4).reused(), "member 4 ran again");
        assertArrayEquals(member4, Files.readAllBytes(out.resolve("member-0004.nc")));
        assertFalse(Files.exists(out.resolve(".member-0004.nc.0123.tmp")), "the partial copy is gone");
        assertEquals(6, memberFiles(out).size());
    }

    @Test
    void badSetupsFailBeforeAnyMemberStarts() throws IOException {
        Ensemble e = EnsembleFile.read(TestFiles.ensemble(dir.resolve("in"), TestFiles.LHS));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path out = dir.resolve("out");
        ClusterSetupException unreachable = assertThrows(ClusterSetupException.class,
                () -> run(e, out, "spark://127.0.0.1:" + port, false));
        assertTrue(unreachable.getMessage().startsWith("cannot reach the Spark master at spark://127.0.0.1:" + port + " ("),
                unreachable.getMessage());
        assertFalse(Files.exists(out), "nothing written");

        Path aFile = Files.writeString(dir.resolve("plain-file"), "x");
        ClusterSetupException notWritable = assertThrows(ClusterSetupException.class,
                () -> run(e, aFile.resolve("out"), "local[1]", false));
        assertTrue(notWritable.getMessage().startsWith("cannot write to the output directory " + aFile.resolve("out") + ": "),
                notWritable.getMessage());
    }
}
