package org.ferrel.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the {@code ferrel} command in a separate JVM, as a user would, in a working directory. */
final class Cli {
    /** Exit code, stdout and stderr of one command. */
    record Outcome(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private Cli() {
    }

    static List<String> command(String... args) {
        List<String> c = new ArrayList<>();
        c.add(ProcessHandle.current().info().command().orElse("java"));
        c.add("-Djava.awt.headless=true");
        c.add("--enable-native-access=ALL-UNNAMED"); // as ferrel.jar's manifest: JNA loads libnetcdf for NetCDF-4 output
        c.add("-cp");
        c.add(System.getProperty("java.class.path"));
        c.add("org.ferrel.cli.Ferrel");
        c.addAll(List.of(args));
        return c;
    }

    /** Starts the command without waiting; stdout and stderr go to files in the working directory. */
    static Process start(Path workingDirectory, String... args) throws IOException {
        return new ProcessBuilder(command(args)).directory(workingDirectory.toFile())
                .redirectOutput(workingDirectory.resolve("stdout.txt").toFile())
                .redirectError(workingDirectory.resolve("stderr.txt").toFile()).start();
    }

    static Outcome run(Path workingDirectory, String... args) throws IOException, InterruptedException {
        return runCommand(workingDirectory, command(args));
    }

    static Outcome runCommand(Path workingDirectory, List<String> command) throws IOException, InterruptedException {
        return runCommand(workingDirectory, command, java.util.Map.of());
    }

    /** {@link #runCommand(Path, List)} with extra environment variables. */
    static Outcome runCommand(Path workingDirectory, List<String> command, java.util.Map<String, String> environment)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(workingDirectory, "stdout", ".txt");
        Path err = Files.createTempFile(workingDirectory, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process p = builder.directory(workingDirectory.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("ferrel did not finish in 300 s: " + command);
        }
        Outcome o = new Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                withoutIncubatorNotice(Files.readString(err, StandardCharsets.UTF_8)));
        Files.delete(out);
        Files.delete(err);
        return o;
    }

    /** The line the JVM prints first when bin/ferrel enables the vector API (an incubator module). */
    static final String INCUBATOR_NOTICE = "WARNING: Using incubator modules: jdk.incubator.vector\n";

    /** stderr without the JVM's notice: the tests check what ferrel itself prints. */
    static String withoutIncubatorNotice(String stderr) {
        return stderr.startsWith(INCUBATOR_NOTICE) ? stderr.substring(INCUBATOR_NOTICE.length()) : stderr;
    }

    /** The repository root (for bin/ferrel). */
    static Path root() {
        return Path.of(System.getProperty("ferrel.root", "..")).toAbsolutePath().normalize();
    }
}
