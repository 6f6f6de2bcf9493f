package dev.benchy.faults;

import dev.benchy.app.PromptMaterial;
import dev.benchy.app.TargetBenchmark;
import dev.benchy.app.TargetDefinition;
import dev.benchy.core.plan.BenchmarkPlan;
import dev.benchy.core.plan.LatencyMode;
import dev.benchy.core.report.BenchmarkRun;
import dev.benchy.core.report.JsonReportWriter;
import dev.benchy.core.report.RunReport;
import dev.benchy.core.report.RunStatus;
import dev.benchy.core.run.RunListener;
import dev.benchy.faults.FaultCases.Case;
import dev.benchy.faults.FaultServer.Fault;
import dev.benchy.service.metrics.MetricNames;
import dev.benchy.service.metrics.MetricsPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every server fault of issue 6, end to end through the real client and runner: the report says what failed (which
 * test, what the server did), {@code benchy_run_success} drops to 0 and the counters count, nothing leaks (the
 * server holds no connection open afterwards, no thread is left behind), and the next run succeeds once the server
 * behaves. docs/RELIABILITY.md lists each case with what benchy does.
 */
public class ServerFaultTest {

    static final String KEY = "sk-fault-secret-7f3a9c";

    private static Vertx vertx;
    private static FaultServer server;
    private static TargetBenchmark benchmark;
    private static Path cache;

    static List<Case> faults() {
        return FaultCases.all();
    }

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = new FaultServer();
        cache = Files.createTempDirectory("benchy-faults");
        benchmark = new TargetBenchmark(vertx, new PromptMaterial(cache), Clock.systemUTC(), "test");
        // warm up: event loops, tokenizer and book loaded once, the failure path taken once, so the leak counts
        // start from a steady state
        assertEquals(RunStatus.OK, run(server.baseUrl()).status());
        assertEquals(RunStatus.FAILED, run("http://127.0.0.1:" + closedPort() + "/v1").status());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void aFaultIsRecordedCountedAndRecoveredFrom(Case c) throws Exception {
        Set<Thread> threadsBefore = ownThreads();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MetricsPublisher metrics = new MetricsPublisher(registry, "test");
        server.fault(c.fault());

        RunReport report = run(c.endpoint().url(server, closedPort()));
        metrics.publish(report);

        assertEquals(c.status(), report.status(), () -> "report: " + json(report));
        int failed = report.benchmarks().stream().mapToInt(BenchmarkRun::failedRequests).sum();
        assertEquals(c.failed(), failed, () -> "failed requests; report: " + json(report));
        String expected = c.expectedError(server);
        if (expected == null) {
            assertEquals(null, report.error());
        } else {
            assertNotNull(report.error(), "the report says why");
            assertTrue(report.error().contains(expected), () -> "run error: " + report.error());
            for (BenchmarkRun test : report.benchmarks()) {
                assertFalse(test.errors().isEmpty(), () -> "test " + test.test() + " names its errors");
                test.errors().forEach(e -> assertTrue(e.contains(expected), () -> test.test() + ": " + e));
            }
        }
        assertEquals(c.warning() == null ? List.of() : List.of(c.warning()), report.warnings());
        String text = json(report);
        assertFalse(text.contains(KEY), "the api key is never in a report");
        boolean success = c.succeeds();
        assertEquals(success ? 1.0 : 0.0, registry.get(MetricNames.RUN_SUCCESS).gauge().value());
        assertEquals(success ? 0.0 : 1.0, registry.get(MetricNames.RUN_FAILURES).counter().count());
        assertEquals(c.failed(), registry.get(MetricNames.REQUEST_ERRORS).counters().stream()
                .mapToDouble(Counter::count).sum());
        if (c.reason() != null) {
            assertEquals(c.failed(), registry.get(MetricNames.REQUEST_ERRORS)
                    .tag(MetricNames.REASON, c.reason().id()).counter().count(), "counted by reason");
            report.benchmarks().forEach(test -> assertEquals(Map.of(c.reason().id(), test.failedRequests()),
                    test.errorReasons(), () -> test.test() + " counts its errors by reason"));
        }

        server.fault(Fault.NORMAL);
        RunReport next = run(server.baseUrl());
        metrics.publish(next);
        assertEquals(RunStatus.OK, next.status(), () -> "the next run, once the server behaves: " + json(next));
        assertEquals(1.0, registry.get(MetricNames.RUN_SUCCESS).gauge().value());
        assertEquals(2.0, registry.get(MetricNames.RUNS).counter().count());

        assertEquals(0, server.awaitNoOpenConnections(5_000), "connections the client left open");
        assertEquals(List.of(), newThreads(threadsBefore), "threads left behind");
    }

    private static RunReport run(String url) {
        BenchmarkPlan plan = new BenchmarkPlan(List.of(64), List.of(8), List.of(0), List.of(FaultCases.REQUESTS), 1,
                LatencyMode.NONE, false, false, false, false, false, FaultCases.TIMEOUT, 7L);
        TargetDefinition target = new TargetDefinition("faulty", url, KEY, FaultServer.MODEL, null, "builtin:gpt2",
                "builtin:generated", plan, null, false, false, false);
        return benchmark.run(target, RunListener.SILENT, null);
    }

    private static String json(RunReport report) {
        return new JsonReportWriter().write(report);
    }

    /**
     * Threads alive now, less the pools that grow on first use up to a bound (Vert.x event loops, its blocking pools)
     * and the fault server's own. Threads of earlier tests may end meanwhile; none may be added.
     */
    public static Set<Thread> ownThreads() {
        Set<Thread> threads = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String n = t.getName();
            if (t.isAlive() && !n.startsWith("vert.x-") && !n.startsWith("executor-thread-")
                    && !n.equals("fault-server")) {
                threads.add(t);
            }
        }
        return threads;
    }

    /** The threads started since {@code before} and still alive after up to 5 s of settling. */
    public static List<String> newThreads(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            Set<Thread> added = ownThreads();
            added.removeAll(before);
            if (added.isEmpty() || System.nanoTime() > deadline) {
                return added.stream().map(Thread::getName).sorted().toList();
            }
            Thread.sleep(50);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
