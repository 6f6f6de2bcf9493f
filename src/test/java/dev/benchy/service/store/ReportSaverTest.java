package dev.benchy.service.store;

import dev.benchy.core.report.RunReport;
import dev.benchy.core.report.RunStatus;
import dev.benchy.service.Exposition;
import dev.benchy.service.TestReports;
import dev.benchy.service.metrics.MetricsPublisher;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportSaverTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    @TempDir
    Path dir;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private double metric(String name) {
        return Exposition.parse(registry.scrape()).value(name, Map.of());
    }

    @Test
    void aFailedSaveIsCountedKeptAndRetriedUntilTheFolderWorks() throws IOException {
        Path folder = dir.resolve("reports");
        ReportStore store = new ReportStore(folder, 10);
        store.open(w -> { });
        ReportSaver saver = new ReportSaver(store, new MetricsPublisher(registry, "test"), Duration.ofHours(1),
                false);
        Files.delete(folder);
        Files.writeString(folder, "a file where the folder was");
        RunReport report = TestReports.report("a", "a-1", RunStatus.OK, T0, List.of());

        saver.save(report);

        assertEquals(1, metric("benchy_report_store_failures_total"));
        assertEquals(1, metric("benchy_reports_unsaved"));
        assertEquals(report, store.get("a-1").orElseThrow(), "served from memory");

        saver.retry();
        assertEquals(2, metric("benchy_report_store_failures_total"), "a retry that fails counts too");

        Files.delete(folder);
        saver.retry();
        assertEquals(0, metric("benchy_reports_unsaved"));
        assertEquals(2, metric("benchy_report_store_failures_total"));
        assertTrue(Files.exists(folder.resolve("a-1.json")));
    }

    @Test
    void closingWritesWhatItCan() throws IOException {
        Path folder = dir.resolve("reports");
        ReportStore store = new ReportStore(folder, 10);
        store.open(w -> { });
        ReportSaver saver = new ReportSaver(store, new MetricsPublisher(registry, "test"), Duration.ofHours(1));
        Files.delete(folder);
        Files.writeString(folder, "x");
        saver.save(TestReports.report("a", "a-1", RunStatus.FAILED, T0, List.of()));
        Files.delete(folder);

        saver.close();

        assertTrue(Files.exists(folder.resolve("a-1.json")));
    }
}
