package org.ferrel.cluster.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.ferrel.cluster.TestFiles;
import org.ferrel.cluster.ensemble.Ensemble;
import org.ferrel.cluster.ensemble.EnsembleFile;
import org.ferrel.cluster.ensemble.MemberResult;
import org.ferrel.cluster.ensemble.SerialEnsemble;
import org.ferrel.cluster.output.EnsembleStatistics;
import org.ferrel.cluster.output.MemberStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ucar.ma2.Array;
import ucar.nc2.NetcdfFile;

/**
 * The ensemble statistics reduced on Spark's executors ({@link SparkSlabReducer}) against the serial
 * reduction without Spark ({@link SerialEnsemble}): the same file to the bit for any partitioning and
 * batching, with fields on levels put at their level.
 */
class DistributedStatisticsTest {
    @TempDir
    Path dir;

    /** The serial path: members and statistics without Spark. */
    private static List<String> runSerially(Ensemble e, Path out, List<String> log) throws IOException {
        List<MemberResult> results = SerialEnsemble.runMembers(e, out.toString());
        assertTrue(results.stream().noneMatch(MemberResult::failed), results.toString());
        assertEquals(out.resolve(EnsembleStatistics.FILE).toString(), SerialEnsemble.writeStatistics(e, results, out.toString(), log::add));
        return results.stream().map(r -> r.member().outputName()).toList();
    }

    /** The statistics of the members in {@code members} reduced on Spark with the given tasks, written into a new folder. */
    private byte[] onSpark(JavaSparkContext sc, Ensemble e, Path members, List<String> names, int partitions, long batchBytes, String folder)
            throws IOException {
        Path out = dir.resolve(folder);
        MemberStore store = MemberStore.open(out.toString());
        store.checkWritable();
        EnsembleStatistics.write(e.scenario(), names.size(), 0, new SparkSlabReducer(sc, members.toString(), names, partitions),
                store, dir.resolve("scratch-" + folder), batchBytes);
        return Files.readAllBytes(out.resolve(EnsembleStatistics.FILE));
    }

    @Test
    void theStatisticsReducedOnExecutorsAreTheSerialOnesToTheBitForOneTwoAndThreePartitions() throws IOException {
        Ensemble e = EnsembleFile.read(TestFiles.ensemble(dir.resolve("in"), TestFiles.LHS));
        Path serial = dir.resolve("serial");
        List<String> log = new ArrayList<>();
        List<String> names = runSerially(e, serial, log);
        assertEquals(List.of("statistics of 6 members (0 failed) in " + serial.resolve(EnsembleStatistics.FILE)), log);
        byte[] expected = Files.readAllBytes(serial.resolve(EnsembleStatistics.FILE));
        try (JavaSparkContext sc = SparkContexts.open("local[2]", "DistributedStatisticsTest")) {
            for (int partitions = 1; partitions <= 3; partitions++) {
                assertArrayEquals(expected, onSpark(sc, e, serial, names, partitions, EnsembleStatistics.BATCH_BYTES,
                        "p" + partitions), partitions + " partitions");
            }
            // one record per batch (a Spark job each)
            assertArrayEquals(expected, onSpark(sc, e, serial, names, 3, 1, "batched"), "batches of one record");
        }

        // and the whole ensemble on Spark (members and statistics) writes the same statistics
        Path job = dir.resolve("job");
        EnsembleJob.run(e, new EnsembleJob.Options(job.toString(), false, "local[2]", line -> { }));
        assertArrayEquals(expected, Files.readAllBytes(job.resolve(EnsembleStatistics.FILE)), "ferrel ensemble's statistics");
    }

    @Test
    void fieldsOnLevelsHaveEachLevelsStatisticsAtTheirLevel() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("scenario.yaml"), """
                name: tiny-atmosphere
                model: atmosphere
                grid: {resolution: 15}
                levels: 3
                dynamics: {polarFilter: 60}
                terms:
                  heldSuarez: {}
                initial: {case: rest, temperature: 285}
                run: {length: 6 hours}
                output: {interval: 6 hours, variables: [temperature, surface_pressure]}
                """);
        Path file = Files.writeString(in.resolve("ensemble.yaml"), """
                name: levels
                scenario: scenario.yaml
                members: 3
                seed: 2
                sampling:
                  method: latin-hypercube
                  parameters:
                    - {name: heldSuarez.surfaceEquilibriumTemperature, min: 300, max: 320}
                perturbation: {amplitude: 0.5, correlationLength: 2e6}
                """);
        Ensemble e = EnsembleFile.read(file);
        Path serial = dir.resolve("serial");
        List<String> names = runSerially(e, serial, new ArrayList<>());
        byte[] expected = Files.readAllBytes(serial.resolve(EnsembleStatistics.FILE));
        try (JavaSparkContext sc = SparkContexts.open("local[2]", "DistributedStatisticsTest")) {
            assertArrayEquals(expected, onSpark(sc, e, serial, names, 2, EnsembleStatistics.BATCH_BYTES, "spark"));
        }

        try (NetcdfFile stats = NetcdfFile.open(serial.resolve(EnsembleStatistics.FILE).toString())) {
            Array mean = stats.findVariable("temperature_mean").read();   // (time, lev, lat, lon)
            Array max = stats.findVariable("temperature_q95").read();
            Array[] members = new Array[names.size()];
            for (int m = 0; m < members.length; m++) {
                try (NetcdfFile f = NetcdfFile.open(serial.resolve(names.get(m)).toString())) {
                    members[m] = f.findVariable("temperature").read();
                }
            }
            int[] shape = mean.getShape();
            assertEquals(4, shape.length);
            assertEquals(3, shape[1]);
            boolean levelsDiffer = false;
            for (int t = 0; t < shape[0]; t++) {
                for (int k = 0; k < shape[1]; k++) {
                    for (int j = 0; j < shape[2]; j += 5) {
                        for (int i = 0; i < shape[3]; i += 7) {
                            double sum = 0;
                            double[] column = new double[members.length];
                            for (int m = 0; m < members.length; m++) {
                                column[m] = members[m].getDouble(members[m].getIndex().set(t, k, j, i));
                                sum += column[m];
                            }
                            java.util.Arrays.sort(column);
                            double mu = sum / members.length;
                            assertEquals(mu, mean.getDouble(mean.getIndex().set(t, k, j, i)), 1e-12 * mu);
                            // type 7 with 3 members: h = 1.9, between the 2nd and 3rd smallest
                            assertEquals(column[1] + 0.9 * (column[2] - column[1]), max.getDouble(max.getIndex().set(t, k, j, i)),
                                    1e-12 * mu);
                            levelsDiffer |= k > 0 && mu != mean.getDouble(mean.getIndex().set(t, 0, j, i));
                        }
                    }
                }
            }
            assertTrue(levelsDiffer, "the levels' temperatures differ, so a level written at another's place would show");
        }
    }
}
