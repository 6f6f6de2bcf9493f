package dev.benchy.faults;

import dev.benchy.app.PromptMaterial;
import dev.benchy.app.TargetBenchmark;
import dev.benchy.app.TargetDefinition;
import dev.benchy.core.plan.BenchmarkPlan;
import dev.benchy.core.plan.LatencyMode;
import dev.benchy.core.report.RunReport;
import dev.benchy.core.report.RunStatus;
import dev.benchy.core.run.RunListener;
import dev.benchy.faults.FaultServer.Fault;
import dev.benchy.service.config.ScheduledTarget;
import dev.benchy.service.schedule.RunCoordinator;
import dev.benchy.service.schedule.TargetState;
import dev.benchy.service.store.ReportStore;
import dev.benchy.service.store.ReportSummary;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shutting the service down in the middle of a run (what SIGTERM does: Quarkus' shutdown event closes the
 * {@link RunCoordinator}) records the run as cancelled in the report store, leaves no half-written file, releases
 * the server's connections, and the report is there after a restart.
 */
class GracefulShutdownTest {

    @TempDir
    Path reports;

    private Vertx vertx;
    private FaultServer server;

    @BeforeEach
    void start() throws IOException {
        vertx = Vertx.vertx();
        server = new FaultServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private ReportStore openStore() {
        ReportStore store = new ReportStore(reports, 10);
        store.open(warning -> {
            throw new AssertionError(warning);
        });
        return store;
    }

    private TargetDefinition target(String name, String url) {
        BenchmarkPlan plan = new BenchmarkPlan(List.of(64), List.of(8), List.of(0), List.of(2), 1, LatencyMode.NONE,
                false, false, false, false, false, Duration.ofMinutes(5), 1L);
        return new TargetDefinition(name, url, "EMPTY", FaultServer.MODEL, null, "builtin:gpt2", "builtin:generated",
                plan, null, false, false, false);
    }

    private TargetBenchmark benchmark() {
        return new TargetBenchmark(vertx, new PromptMaterial(reports.resolve("cache")), Clock.systemUTC(), "test");
    }

    @Test
    void closingMidRunRecordsTheRunAsCancelledAndLeavesNoHalfWrittenFile() throws Exception {
        server.fault(Fault.STALL_AFTER_TOKENS);
        ReportStore store = openStore();
        ScheduledTarget target = new ScheduledTarget(target("stalling", server.baseUrl()), Duration.ofHours(1),
                Duration.ofHours(1));
        TargetBenchmark benchmark = benchmark();
        List<String> problems = new CopyOnWriteArrayList<>();
        RunCoordinator coordinator = new RunCoordinator(List.of(target), benchmark::run, store::save,
                (problem, cause) -> problems.add(problem), name -> RunListener.SILENT, Clock.systemUTC(),
                Duration.ofHours(1));
        coordinator.start();

        String id = coordinator.trigger("stalling");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((server.acceptedConnections() < 2
                || coordinator.state("stalling").orElseThrow().activity() != TargetState.Activity.RUNNING)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(2, server.openConnections(), "both requests of the batch are in flight, stalled");

        long closing = System.nanoTime();
        coordinator.close();
        double seconds = (System.nanoTime() - closing) / 1e9;

        assertTrue(seconds < 5, "close() waits for the run to wind down, not for the 5 min timeout: " + seconds);
        assertEquals(List.of(), problems);
        RunReport report = store.get(id).orElseThrow();
        assertEquals(RunStatus.CANCELLED, report.status());
        assertEquals("cancelled before the run completed", report.error());
        try (Stream<Path> files = Files.list(reports)) {
            assertEquals(List.of(id + ".json"), files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("cache")).sorted().toList(), "only the finished report, no .tmp file");
        }
        assertEquals(0, server.awaitNoOpenConnections(5_000), "connections left open");

        ReportStore restarted = openStore();
        assertEquals(List.of(id), restarted.list(null, 10).stream().map(ReportSummary::id).toList());
    }

    /** Shutdown interrupts the run thread; a report it is saving at that moment must still be written whole. */
    @Test
    void aReportSavedByAnInterruptedThreadIsWrittenWhole() throws Exception {
        server.close();
        RunReport failed = benchmark().run(target("gone", server.baseUrl()), RunListener.SILENT, null);
        ReportStore store = openStore();

        Thread.currentThread().interrupt();
        try {
            store.save(failed);
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt is left for the caller to see");
        }

        assertEquals(RunStatus.FAILED, store.get(failed.id()).orElseThrow().status());
        try (Stream<Path> files = Files.list(reports)) {
            assertEquals(List.of(failed.id() + ".json"), files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("cache")).sorted().toList(), "only the report, no .tmp file");
        }
    }
}
