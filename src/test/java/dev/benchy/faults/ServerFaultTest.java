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
import dev.benchy.faults.FaultServer.Fault;
import dev.benchy.service.metrics.MetricNames;
import dev.benchy.service.metrics.MetricsPublisher;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

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
class ServerFaultTest {

    static final String KEY = "sk-fault-secret-7f3a9c";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final int REQUESTS = 2;

    private static Vertx vertx;
    private static FaultServer server;
    private static TargetBenchmark benchmark;
    private static Path cache;

    /**
     * One fault and what benchy must make of it.
     *
     * @param url     the base URL to use (most: the fault server's)
     * @param status  the run's status
     * @param error   a fragment that every failed request's error (or the run's error) must contain; {port} is the
     *                fault server's
     * @param failed  requests that failed, of {@value #REQUESTS}
     */
    record Case(String name, Fault fault, Function<FaultServer, String> url, RunStatus status, String error,
                int failed, String warning) {

        Case(String name, Fault fault, Function<FaultServer, String> url, RunStatus status, String error,
             int failed) {
            this(name, fault, url, status, error, failed, null);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> faults() throws IOException {
        int closed = closedPort();
        Function<FaultServer, String> own = FaultServer::baseUrl;
        return Stream.of(
                new Case("connection refused", Fault.NORMAL, s -> "http://127.0.0.1:" + closed + "/v1",
                        RunStatus.FAILED, "connection refused: 127.0.0.1:" + closed, REQUESTS),
                new Case("unresolvable host", Fault.NORMAL, s -> "http://benchy-no-such-host.invalid:8000/v1",
                        RunStatus.FAILED, "unknown host: benchy-no-such-host.invalid", REQUESTS),
                new Case("TLS to a plain-HTTP port", Fault.NORMAL, s -> "https://127.0.0.1:" + s.port() + "/v1",
                        RunStatus.FAILED, "TLS with 127.0.0.1:{port} failed", REQUESTS),
                new Case("401 (echoing the key)", Fault.STATUS_401, own, RunStatus.FAILED,
                        "HTTP 401: {\"error\":{\"message\":\"Invalid API key: ***\"}}", REQUESTS),
                new Case("404", Fault.STATUS_404, own, RunStatus.FAILED, "HTTP 404: {\"error\":{\"message\":\"The model does not exist\"}}", REQUESTS),
                new Case("429 with Retry-After", Fault.STATUS_429, own, RunStatus.FAILED, "HTTP 429: {\"error\":{\"message\":\"Rate limit reached, retry in 30 s\"}}", REQUESTS),
                new Case("500", Fault.STATUS_500, own, RunStatus.FAILED, "HTTP 500: {\"error\":{\"message\":\"CUDA out of memory\"}}", REQUESTS),
                new Case("503", Fault.STATUS_503, own, RunStatus.FAILED, "HTTP 503: {\"error\":{\"message\":\"model is loading\"}}", REQUESTS),
                new Case("HTML instead of SSE", Fault.HTML_PAGE, own, RunStatus.FAILED,
                        "HTTP 200 with text/html instead of an event stream: <html><head><title>502 Bad Gateway", REQUESTS),
                new Case("headers never come", Fault.NO_HEADERS, own, RunStatus.FAILED,
                        "timed out after 3 s (stalled before the response head)", REQUESTS),
                new Case("stream stalls after tokens", Fault.STALL_AFTER_TOKENS, own, RunStatus.FAILED,
                        "timed out after 3 s (stalled after 3 content events)", REQUESTS),
                new Case("stream cut without [DONE]", Fault.CUT_WITHOUT_DONE, own, RunStatus.FAILED,
                        "stream ended without [DONE] after 3 events", REQUESTS),
                new Case("connection dropped mid-stream", Fault.CONNECTION_DROPPED, own, RunStatus.FAILED,
                        "connection closed by 127.0.0.1:{port} (after 3 content events)", REQUESTS),
                new Case("one malformed JSON event", Fault.MALFORMED_EVENT, own, RunStatus.OK, null, 0),
                new Case("every event malformed JSON", Fault.ALL_MALFORMED, own, RunStatus.FAILED,
                        "malformed JSON", REQUESTS),
                new Case("usage: null", Fault.USAGE_NULL, own, RunStatus.OK, null, 0),
                new Case("choices stay empty", Fault.EMPTY_CHOICES, own, RunStatus.FAILED, "stream ended after 8 events, none with output",
                        REQUESTS),
                new Case("invalid UTF-8", Fault.INVALID_UTF8, own, RunStatus.FAILED,
                        "stream ended after 2 events (and 8 malformed), none with output", REQUESTS),
                new Case("a 20 MB single event", Fault.HUGE_EVENT, own, RunStatus.OK, null, 0),
                new Case("never ends, at a trickle", Fault.TRICKLE, own, RunStatus.FAILED, "timed out after 3 s",
                        REQUESTS),
                new Case("fewer tokens than asked", Fault.FEWER_TOKENS, own, RunStatus.OK, null, 0,
                        "pp64 tg8 (c2): 2 of 2 requests generated fewer tokens than the 8 asked (as few as 3); tg is"
                                + " measured on the tokens that came"));
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
        List<String> threadsBefore = ownThreads();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MetricsPublisher metrics = new MetricsPublisher(registry, "test");
        server.fault(c.fault());

        RunReport report = run(c.url().apply(server));
        metrics.publish(report);

        assertEquals(c.status(), report.status(), () -> "report: " + json(report));
        int failed = report.benchmarks().stream().mapToInt(BenchmarkRun::failedRequests).sum();
        assertEquals(c.failed(), failed, () -> "failed requests; report: " + json(report));
        String expected = c.error() == null ? null : c.error().replace("{port}", Integer.toString(server.port()));
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
        boolean success = c.status() == RunStatus.OK || c.status() == RunStatus.PARTIAL;
        assertEquals(success ? 1.0 : 0.0, registry.get(MetricNames.RUN_SUCCESS).gauge().value());
        assertEquals(success ? 0.0 : 1.0, registry.get(MetricNames.RUN_FAILURES).counter().count());
        assertEquals(c.failed(), registry.get(MetricNames.REQUEST_ERRORS).counter().count());

        server.fault(Fault.NORMAL);
        RunReport next = run(server.baseUrl());
        metrics.publish(next);
        assertEquals(RunStatus.OK, next.status(), () -> "the next run, once the server behaves: " + json(next));
        assertEquals(1.0, registry.get(MetricNames.RUN_SUCCESS).gauge().value());
        assertEquals(2.0, registry.get(MetricNames.RUNS).counter().count());

        assertEquals(0, server.awaitNoOpenConnections(5_000), "connections the client left open");
        List<String> threadsAfter = settledOwnThreads(threadsBefore.size());
        assertEquals(threadsBefore.size(), threadsAfter.size(), () -> "threads left behind: before " + threadsBefore
                + ", after " + threadsAfter);
    }

    private static RunReport run(String url) {
        BenchmarkPlan plan = new BenchmarkPlan(List.of(64), List.of(8), List.of(0), List.of(REQUESTS), 1,
                LatencyMode.NONE, false, false, false, false, false, TIMEOUT, 7L);
        TargetDefinition target = new TargetDefinition("faulty", url, KEY, FaultServer.MODEL, null, "builtin:gpt2",
                "builtin:generated", plan, null, false, false, false);
        return benchmark.run(target, RunListener.SILENT, null);
    }

    private static String json(RunReport report) {
        return new JsonReportWriter().write(report);
    }

    /**
     * Threads of the JVM minus the fixed-size pools that grow on first use up to their bound (Vert.x event loops
     * and its blocking pool) and the fault server's own: what remains must come back to the same number.
     */
    private static List<String> ownThreads() {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String n = t.getName();
            if (t.isAlive() && !n.startsWith("vert.x-eventloop-thread-") && !n.startsWith("vert.x-worker-thread-")
                    && !n.startsWith("vert.x-internal-blocking-") && !n.equals("fault-server")) {
                names.add(n);
            }
        }
        return names;
    }

    private static List<String> settledOwnThreads(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<String> now = ownThreads();
        while (now.size() != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            now = ownThreads();
        }
        return now;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
