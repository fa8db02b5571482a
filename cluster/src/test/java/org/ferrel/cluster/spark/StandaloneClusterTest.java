package org.ferrel.cluster.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ferrel.cluster.TestFiles;
import org.ferrel.cluster.ensemble.Ensemble;
import org.ferrel.cluster.ensemble.EnsembleFile;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ensemble on a real standalone Spark cluster on this machine: a master and two workers, each a
 * separate JVM started from the Spark jars of the build, bound to 127.0.0.1. One worker is killed
 * with SIGKILL (with its executor) while members run; Spark reruns its tasks on the other, and every
 * member's output must exist exactly once and be bitwise the output of the same member run locally.
 */
@Tag("validation")
class StandaloneClusterTest {
    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)   // the processes' logs stay when it fails
    Path dir;

    private final List<Process> processes = new ArrayList<>();

    @Test
    void killingAWorkerMidwayLosesAndDuplicatesNoMemberOutput() throws Exception {
        String body = TestFiles.LHS.replace("members: 6", "members: 12") + "spark: {partitions: 12}\n";
        Ensemble e = EnsembleFile.read(TestFiles.ensemble(dir.resolve("in"), body));
        Path local = dir.resolve("local");
        EnsembleJob.run(e, new EnsembleJob.Options(local.toString(), false, "local[2]", line -> { }));

        Path sparkHome = fakeSparkHome();
        int masterPort = freePort();
        String master = "spark://127.0.0.1:" + masterPort;
        try {
            start(sparkHome, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                    Integer.toString(masterPort), "--webui-port", Integer.toString(freePort()));
            waitForPort(masterPort);
            Process doomed = start(sparkHome, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1",
                    "--memory", "1g", "--webui-port", Integer.toString(freePort()), "--work-dir", dir.resolve("w1").toString(), master);
            start(sparkHome, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1", "--memory", "1g",
                    "--webui-port", Integer.toString(freePort()), "--work-dir", dir.resolve("w2").toString(), master);

            System.setProperty("spark.executor.extraClassPath", System.getProperty("java.class.path"));
            System.setProperty("spark.executor.extraJavaOptions", jvmOptions());
            System.setProperty("spark.executor.memory", "512m");
            Path out = dir.resolve("cluster");
            List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<EnsembleJob.Result> job = CompletableFuture.supplyAsync(() -> {
                try {
                    return EnsembleJob.run(e, new EnsembleJob.Options(out.toString(), false, master, log::add));
                } catch (IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (members(out).size() < 3 && System.nanoTime() < deadline && !job.isDone()) {
                Thread.sleep(100);
            }
            assertTrue(members(out).size() >= 3 && members(out).size() < 12, "killed mid-way: " + members(out).size() + " of 12 done");
            doomed.descendants().forEach(ProcessHandle::destroyForcibly);
            doomed.destroyForcibly();
            EnsembleJob.Result result = job.get(150, TimeUnit.SECONDS);

            assertEquals(0, result.failed());
            assertTrue(log.stream().anyMatch(l -> l.startsWith("a task failed")), "a task was lost and retried: " + log);
            List<Path> a = members(local);
            List<Path> b = members(out);
            assertEquals(12, b.size(), "every member exactly once");
            try (Stream<Path> files = Files.list(out)) {
                assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList(),
                        "no temporary files left");
            }
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.get(i).getFileName(), b.get(i).getFileName());
                assertArrayEquals(Files.readAllBytes(a.get(i)), Files.readAllBytes(b.get(i)), b.get(i) + " differs from the local run");
            }
        } finally {
            System.clearProperty("spark.executor.extraClassPath");
            System.clearProperty("spark.executor.extraJavaOptions");
            System.clearProperty("spark.executor.memory");
            for (Process p : processes) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            for (Process p : processes) {
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static List<Path> members(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(p -> p.getFileName().toString().matches("member-\\d{4}\\.nc")).sorted().toList();
        }
    }

    /** A SPARK_HOME whose jars/ links to the jars of this class path: what a worker puts on its executors' class path. */
    private Path fakeSparkHome() throws IOException {
        Path home = dir.resolve("spark-home");
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(p) && !Files.exists(jars.resolve(p.getFileName()))) {
                Files.createSymbolicLink(jars.resolve(p.getFileName()), p.toAbsolutePath());
            }
        }
        return home;
    }

    private static String jvmOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-modules")
                        || a.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
                        || a.startsWith("-Dio.netty"))
                .collect(Collectors.joining(" "));
    }

    private Process start(Path sparkHome, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions().split(" ")));
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(sparkHome.resolve("jars") + File.separator + "*");
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve(mainClass.substring(mainClass.lastIndexOf('.') + 1) + processes.size() + ".log").toFile());
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void waitForPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the Spark master did not open port " + port);
    }
}
