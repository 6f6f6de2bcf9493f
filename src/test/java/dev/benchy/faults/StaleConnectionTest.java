package dev.benchy.faults;

import dev.benchy.app.PromptMaterial;
import dev.benchy.app.TargetBenchmark;
import dev.benchy.app.TargetDefinition;
import dev.benchy.core.NanoClock;
import dev.benchy.core.plan.BenchmarkPlan;
import dev.benchy.core.plan.LatencyMode;
import dev.benchy.core.report.BenchmarkRun;
import dev.benchy.core.report.JsonReportWriter;
import dev.benchy.core.report.RunReport;
import dev.benchy.core.report.RunStatus;
import dev.benchy.core.run.RunListener;
import dev.benchy.core.stream.RequestTrace;
import dev.benchy.faults.FaultServer.Fault;
import dev.benchy.openai.VertxChatEndpoint;
import dev.benchy.service.metrics.MetricNames;
import dev.benchy.service.metrics.MetricsPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server that closes the connection after every streamed response without saying so (llama.cpp's llama-server;
 * {@link Fault#CLOSE_AFTER_STREAM}) loses no request: each one sent on such a stale pooled connection, closed before
 * any byte of its response, is retried once on a fresh connection, counted in the report and the metrics, and its
 * start stamp is the retry's. A response that began is never retried.
 */
class StaleConnectionTest {

    private static final int RUNS = 3;
    private static final byte[] STREAM = ("{\"model\":\"" + FaultServer.MODEL + "\",\"messages\":[],\"max_tokens\":4,"
            + "\"stream\":true}").getBytes(StandardCharsets.UTF_8);

    private static Vertx vertx;
    private static FaultServer server;
    private static TargetBenchmark benchmark;

    @BeforeAll
    static void start() throws Exception {
        // one event loop, so every request shares one pool and every connection is reused: deterministic counts
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        server = new FaultServer();
        benchmark = new TargetBenchmark(vertx, new PromptMaterial(Files.createTempDirectory("benchy-stale")),
                Clock.systemUTC(), "test");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void behave() {
        server.fault(Fault.NORMAL);
    }

    @ParameterizedTest(name = "concurrency {0}")
    @ValueSource(ints = {2, 4})
    void noRequestIsLostToAServerThatClosesAfterEveryStream(int concurrency) {
        server.fault(Fault.CLOSE_AFTER_STREAM);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MetricsPublisher metrics = new MetricsPublisher(registry, "test");
        int retried = 0;
        for (int i = 0; i < 3; i++) {
            int dropped = server.unansweredRequests();
            RunReport report = run(concurrency);
            metrics.publish(report);

            String json = new JsonReportWriter().write(report);
            assertEquals(RunStatus.OK, report.status(), json);
            int requests = report.benchmarks().stream().mapToInt(BenchmarkRun::requests).sum();
            int failed = report.benchmarks().stream().mapToInt(BenchmarkRun::failedRequests).sum();
            assertEquals(concurrency * RUNS, requests, json);
            assertEquals(0, failed, json);
            // every batch follows a streamed response (the warm-up's, the previous batch's), so it meets at least
            // one stale pooled connection
            int lost = server.unansweredRequests() - dropped;
            assertTrue(lost >= RUNS, "the server dropped requests on stale connections: " + lost);
            assertEquals(lost, report.requestShape().retriedRequests(), json);
            retried += report.requestShape().retriedRequests();
        }
        assertEquals(retried, registry.get(MetricNames.REQUEST_RETRIES).counter().count());
    }

    @Test
    void aRetriedRequestIsStampedWhenTheRetryStarts() throws Exception {
        server.fault(Fault.CLOSE_AFTER_STREAM);
        try (VertxChatEndpoint endpoint = new VertxChatEndpoint(vertx, server.baseUrl(), "EMPTY",
                Duration.ofSeconds(5), 1, NanoClock.SYSTEM)) {
            RequestTrace first = endpoint.stream(STREAM).get(5, TimeUnit.SECONDS);
            assertNull(first.error());

            RequestTrace second = endpoint.stream(STREAM).get(5, TimeUnit.SECONDS);

            assertNull(second.error(), "retried on a fresh connection");
            assertEquals(1, endpoint.staleConnectionRetries());
            assertTrue(second.startNanos() > server.lastUnansweredNanos(),
                    "the start stamp is the retry's, taken after the stale connection was given up");
        }
    }

    @Test
    void aResponseThatBeganIsNeverRetried() throws Exception {
        try (VertxChatEndpoint endpoint = new VertxChatEndpoint(vertx, server.baseUrl(), "EMPTY",
                Duration.ofSeconds(5), 1, NanoClock.SYSTEM)) {
            assertNull(endpoint.stream(STREAM).get(5, TimeUnit.SECONDS).error());
            server.fault(Fault.CONNECTION_DROPPED);
            int answered = server.answeredStreams();

            RequestTrace cut = endpoint.stream(STREAM).get(5, TimeUnit.SECONDS);

            assertTrue(cut.error() != null && cut.error().contains("connection closed"), String.valueOf(cut.error()));
            assertEquals(0, endpoint.staleConnectionRetries());
            assertEquals(answered + 1, server.answeredStreams(), "sent once, on the reused connection");
        }
    }

    private static RunReport run(int concurrency) {
        BenchmarkPlan plan = new BenchmarkPlan(List.of(64), List.of(8), List.of(0), List.of(concurrency), RUNS,
                LatencyMode.NONE, false, false, true, false, false, FaultCases.TIMEOUT, 7L);
        TargetDefinition target = new TargetDefinition("stale", server.baseUrl(), "EMPTY", FaultServer.MODEL, null,
                "builtin:gpt2", "builtin:generated", plan, null, false, false, false);
        return benchmark.run(target, RunListener.SILENT, null);
    }
}
