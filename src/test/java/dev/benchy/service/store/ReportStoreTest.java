package dev.benchy.service.store;

import dev.benchy.core.report.RunReport;
import dev.benchy.core.report.RunStatus;
import dev.benchy.service.TestReports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    @TempDir
    Path dir;

    private static RunReport report(String target, int minute) {
        return TestReports.report(target, target + "-" + minute, RunStatus.OK, T0.plusSeconds(60L * minute),
                List.of(TestReports.run(0, 512, 32, 1, 1000, 50, 500)));
    }

    @Test
    void reportsSurviveARestart() {
        ReportStore store = new ReportStore(dir, 10);
        store.open(w -> { });
        RunReport saved = report("a", 1);
        store.save(saved);
        store.save(report("b", 2));

        ReportStore reopened = new ReportStore(dir, 10);
        reopened.open(w -> { });

        assertEquals(List.of("b-2", "a-1"), reopened.list(null, 10).stream().map(ReportSummary::id).toList());
        assertEquals(saved, reopened.get("a-1").orElseThrow());
        assertEquals("a-1", reopened.latest("a").orElseThrow().id());
    }

    @Test
    void keepsTheNewestPerTargetAndDeletesTheRest() throws IOException {
        ReportStore store = new ReportStore(dir, 2);
        store.open(w -> { });
        for (int minute = 1; minute <= 4; minute++) {
            store.save(report("a", minute));
        }
        store.save(report("b", 5));

        assertEquals(List.of("a-4", "a-3"), store.list("a", 10).stream().map(ReportSummary::id).toList());
        assertEquals(1, store.list("b", 10).size());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("a-3.json", "a-4.json", "b-5.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void leavesNoTemporaryFileAndSkipsUnreadableOnes() throws IOException {
        Files.writeString(dir.resolve("broken.json"), "{ not json");
        ReportStore store = new ReportStore(dir, 5);
        List<String> warnings = new ArrayList<>();
        store.open(warnings::add);
        store.save(report("a", 1));

        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("broken.json"), warnings.get(0));
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void listIsNewestFirstAndLimited() {
        ReportStore store = new ReportStore(dir, 10);
        store.open(w -> { });
        store.save(report("a", 3));
        store.save(report("a", 1));
        store.save(report("a", 2));

        assertEquals(List.of("a-3", "a-2"), store.list("a", 2).stream().map(ReportSummary::id).toList());
    }

    @Test
    void unknownOrUnsafeIdsAreNotFound() {
        ReportStore store = new ReportStore(dir, 10);
        store.open(w -> { });

        assertTrue(store.get("../etc/passwd").isEmpty());
        assertTrue(store.get("nope").isEmpty());
        assertTrue(store.writable());
    }

    private static RunReport report(String target, int minute, RunStatus status) {
        return TestReports.report(target, target + "-" + minute, status, T0.plusSeconds(60L * minute), List.of());
    }

    /**
     * A store opened on {@code folder}, which is then replaced by a plain file: a write fails whoever runs it, root
     * included (file permissions would not stop root).
     */
    private static ReportStore brokenStore(Path folder) throws IOException {
        ReportStore store = new ReportStore(folder, 10);
        store.open(w -> { });
        Files.delete(folder);
        Files.writeString(folder, "not a folder");
        return store;
    }

    @Test
    void aReportTheFolderCannotTakeIsServedFromMemoryAndWrittenOnceItCan() throws IOException {
        Path folder = dir.resolve("reports");
        ReportStore store = brokenStore(folder);

        UncheckedIOException first = assertThrows(UncheckedIOException.class, () -> store.save(report("a", 1)));
        assertEquals("Report a-1 of target a could not be written: " + folder + ": exists and is not a directory",
                first.getMessage());
        assertThrows(UncheckedIOException.class, () -> store.save(report("a", 2, RunStatus.FAILED)));

        assertEquals(2, store.unsavedCount());
        assertEquals(List.of("a-2", "a-1"), store.list("a", 10).stream().map(ReportSummary::id).toList());
        assertEquals(report("a", 1), store.get("a-1").orElseThrow(), "served from memory");
        assertEquals("a-2", store.latest("a").orElseThrow().id());
        assertThrows(UncheckedIOException.class, store::writeUnsaved, "still broken");

        Files.delete(folder);
        assertEquals(2, store.writeUnsaved(), "the folder is made again and both are written");
        assertEquals(0, store.unsavedCount());
        ReportStore restarted = new ReportStore(folder, 10);
        restarted.open(w -> { });
        assertEquals(List.of("a-2", "a-1"), restarted.list("a", 10).stream().map(ReportSummary::id).toList());
        assertEquals(report("a", 1), restarted.get("a-1").orElseThrow());
    }

    @Test
    void theNextSaveWritesTheReportsHeldInMemory() throws IOException {
        Path folder = dir.resolve("reports");
        ReportStore store = brokenStore(folder);
        assertThrows(UncheckedIOException.class, () -> store.save(report("a", 1)));
        Files.delete(folder);

        store.save(report("a", 2));

        assertEquals(0, store.unsavedCount());
        assertTrue(Files.exists(folder.resolve("a-1.json")) && Files.exists(folder.resolve("a-2.json")));
    }

    @Test
    void pruningKeepsTheNewestFailuresBeyondKeep() {
        ReportStore store = new ReportStore(dir, 2);
        store.open(w -> { });
        int minute = 0;
        for (int i = 0; i < ReportStore.KEPT_FAILURES + 3; i++) {
            store.save(report("a", ++minute, i % 2 == 0 ? RunStatus.FAILED : RunStatus.PARTIAL));
        }
        for (int i = 0; i < 5; i++) {
            store.save(report("a", ++minute, RunStatus.OK));
        }

        List<ReportSummary> kept = store.list("a", 100);
        assertEquals(2 + ReportStore.KEPT_FAILURES, kept.size());
        assertEquals(List.of("a-28", "a-27"), kept.subList(0, 2).stream().map(ReportSummary::id).toList());
        assertEquals("a-4", kept.get(kept.size() - 1).id(), "the 20 newest failures, a-23 down to a-4");
        assertTrue(kept.subList(2, kept.size()).stream().noneMatch(r -> r.status() == RunStatus.OK));
    }

    @Test
    void aReportWhoseFileWasDeletedByHandIsNoLongerListed() throws IOException {
        ReportStore store = new ReportStore(dir, 10);
        store.open(w -> { });
        store.save(report("a", 1));
        Files.delete(dir.resolve("a-1.json"));

        assertTrue(store.get("a-1").isEmpty());
        assertTrue(store.list("a", 10).isEmpty());
    }

    @Test
    void lastSuccessIsTheNewestOkOrPartialRun() {
        ReportStore store = new ReportStore(dir, 10);
        store.open(w -> { });
        assertTrue(store.lastSuccess("a").isEmpty());
        store.save(report("a", 1, RunStatus.OK));
        store.save(report("a", 2, RunStatus.PARTIAL));
        store.save(report("a", 3, RunStatus.FAILED));

        assertEquals(T0.plusSeconds(120), store.lastSuccess("a").orElseThrow());
    }
}
