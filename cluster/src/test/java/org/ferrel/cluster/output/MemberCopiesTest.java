package org.ferrel.cluster.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the statistics read the members' files: a local folder in place, another store copied once per JVM and run. */
class MemberCopiesTest {
    @TempDir
    Path dir;

    @Test
    void aLocalFolderIsReadInPlace() throws IOException {
        Files.writeString(dir.resolve("member-0000.nc"), "a");
        assertEquals(List.of(dir.resolve("member-0000.nc").toAbsolutePath()),
                MemberCopies.of(MemberStore.open(dir.toString()), "run", List.of("member-0000.nc")));
    }

    @Test
    void filesOfAnotherStoreAreCopiedOncePerRunAndTheCopiesOfAnEarlierRunRemoved() throws IOException {
        Files.writeString(dir.resolve("member-0000.nc"), "a");
        Files.writeString(dir.resolve("member-0001.nc"), "b");
        MemberStore hadoop = new HadoopStore(dir.toUri().toString());   // a file: URI through Hadoop's local file system
        List<String> names = List.of("member-0000.nc", "member-0001.nc");
        List<Path> first = MemberCopies.of(hadoop, "run-1", names);
        assertFalse(first.getFirst().startsWith(dir), "copies, not the files: " + first);
        assertArrayEquals("b".getBytes(), Files.readAllBytes(first.get(1)));
        // the store's file changes: a later task of the same run still reads the copy it made (no second copy)
        Files.writeString(dir.resolve("member-0001.nc"), "c");
        assertEquals(first, MemberCopies.of(hadoop, "run-1", names));
        assertArrayEquals("b".getBytes(), Files.readAllBytes(first.get(1)));
        // another run copies again, and the earlier run's copies are gone
        List<Path> second = MemberCopies.of(hadoop, "run-2", names);
        assertNotEquals(first.getFirst().getParent(), second.getFirst().getParent());
        assertArrayEquals("c".getBytes(), Files.readAllBytes(second.get(1)));
        assertFalse(Files.exists(first.getFirst().getParent()), "the earlier run's folder is removed");
        try (var files = Files.list(second.getFirst().getParent())) {
            assertTrue(files.allMatch(p -> names.contains(p.getFileName().toString())), "no partial copy is left");
        }
    }
}
