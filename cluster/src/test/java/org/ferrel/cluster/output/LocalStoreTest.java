package org.ferrel.cluster.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attempts of the same task racing in one JVM (a retry, a speculative copy) on the same member's files. */
class LocalStoreTest {
    @TempDir
    Path dir;

    private static final int ATTEMPTS = 8;

    private List<String> allNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private interface Attempt {
        void run(int attempt) throws Exception;
    }

    private static void race(Attempt a) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(ATTEMPTS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < ATTEMPTS; i++) {
                int attempt = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    a.run(attempt);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();   // no attempt fails
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void racingPublishesOfOneMemberLeaveOneCompleteFileAndNoTemporaries() throws Exception {
        Path out = dir.resolve("out");
        MemberStore store = MemberStore.open(out.toString());
        store.checkWritable();
        byte[] bytes = new byte[3 << 20];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        List<Path> copies = new ArrayList<>();
        for (int i = 0; i < ATTEMPTS; i++) {
            copies.add(Files.write(dir.resolve("scratch-" + i + ".nc"), bytes));
        }
        for (int round = 0; round < 5; round++) {
            String name = "member-" + round + ".nc";
            race(i -> store.publish(copies.get(i), name));
            assertArrayEquals(bytes, Files.readAllBytes(out.resolve(name)), name);
        }
        assertEquals(List.of("member-0.nc", "member-1.nc", "member-2.nc", "member-3.nc", "member-4.nc"), allNames(out),
                "one file per member, no temporary left");
    }

    @Test
    void racingRecordWritesAreEachCompleteNeverMixed() throws Exception {
        Path out = dir.resolve("out");
        MemberStore store = MemberStore.open("file://" + out.toAbsolutePath());
        assertTrue(store instanceof LocalStore, "a file: URI is a local folder");
        store.checkWritable();
        for (int round = 0; round < 20; round++) {
            race(i -> store.writeText("member-0000.status", ("status=ok\nattempt=" + i + "\n").repeat(2000)));
            String text = store.readText("member-0000.status");
            String first = text.substring(0, text.indexOf('\n', "status=ok\n".length()) + 1);
            assertEquals(first.repeat(2000), text, "one attempt's record, whole");
        }
        assertEquals(List.of("member-0000.status"), allNames(out));
    }
}
