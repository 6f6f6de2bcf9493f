package dev.benchy.service.store;

import dev.benchy.core.report.RunReport;
import dev.benchy.core.report.RunStatus;
import dev.benchy.service.TestReports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
