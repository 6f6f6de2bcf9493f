package dev.benchy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Item 3: latency modes. The fake server answers the first probe (the discarded warm-up one) after 400 ms, the next
 * ones after 30 ms, and then holds the rest of the response for 250 ms: the measured latency is the median of the
 * five later probes to the first byte (api: the response head of /models; generation: the first event of a 1-token
 * stream), so about 30 ms, and it is what the report's latency_ms and the footer say.
 */
class BenchLatencyTest {

    private static final long WARMUP_DELAY = 400;
    private static final long DELAY = 30;
    private static final long TAIL = 250;
    private static final Pattern FOOTER = Pattern.compile("latency mode: (\\w+) \\(([0-9.]+) ms\\)");

    private static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    /** Delays the probes of one mode as described above; everything else is answered honestly. */
    private static FakeOpenAiServer slowProbes(AtomicInteger probes) throws Exception {
        return FakeOpenAiServer.start((request, exchange) -> {
            boolean modelsProbe = request.path().endsWith("/models");
            boolean generationProbe = request.streaming() && "hello".equals(request.firstMessage());
            if (!modelsProbe && !generationProbe) {
                FakeOpenAiServer.honestly(request, exchange);
                return;
            }
            TimeUnit.MILLISECONDS.sleep(probes.getAndIncrement() == 0 ? WARMUP_DELAY : DELAY);
            exchange.getResponseHeaders().set("Content-Type", modelsProbe ? "application/json" : "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            if (modelsProbe) {
                out.write('{');
                out.flush();
                TimeUnit.MILLISECONDS.sleep(TAIL);
                out.write("\"data\":[{\"id\":\"fake-model\"}]}".getBytes());
            } else {
                FakeOpenAiServer.event(out, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}");
                TimeUnit.MILLISECONDS.sleep(TAIL);
                FakeOpenAiServer.event(out, "[DONE]");
            }
        });
    }

    private static double measured(String mode, AtomicInteger probes) throws Exception {
        try (FakeOpenAiServer fake = slowProbes(probes)) {
            InProcessBench.Result r = InProcessBench.run(vertx, fake.baseUrl(), "--model", "fake-model",
                    "--pp", "20", "--tg", "2", "--runs", "1", "--latency-mode", mode, "--save-result",
                    java.nio.file.Files.createTempFile("latency", ".json").toString(), "--format", "json");
            assertEquals(0, r.exit(), r.toString());
            Matcher footer = FOOTER.matcher(r.stderr());
            assertTrue(footer.find(), r.stderr());
            assertEquals(mode, footer.group(1));
            assertTrue(r.stderr().contains("Latency (" + mode + "): " + footer.group(2) + " ms, the median of 5 probes"),
                    r.stderr());
            return Double.parseDouble(footer.group(2));
        }
    }

    @Test
    void apiTimesTheFirstByteOfModelsAfterOneDiscardedProbe() throws Exception {
        AtomicInteger probes = new AtomicInteger();
        double ms = measured("api", probes);
        assertEquals(6, probes.get(), "one warm-up probe and five measured");
        assertTrue(ms >= DELAY && ms < DELAY + 100, "api latency " + ms + " ms, expected about " + DELAY);
    }

    @Test
    void generationTimesTheFirstEventOfAOneTokenStream() throws Exception {
        AtomicInteger probes = new AtomicInteger();
        double ms = measured("generation", probes);
        assertEquals(6, probes.get(), "one warm-up probe and five measured");
        assertTrue(ms >= DELAY && ms < DELAY + 100, "generation latency " + ms + " ms, expected about " + DELAY);
    }

    @Test
    void noneSendsNoProbeAndSubtractsNothing() throws Exception {
        AtomicInteger probes = new AtomicInteger();
        try (FakeOpenAiServer fake = slowProbes(probes)) {
            InProcessBench.Result r = InProcessBench.run(vertx, fake.baseUrl(), "--model", "fake-model",
                    "--pp", "20", "--tg", "2", "--runs", "1", "--latency-mode", "none", "--format", "json");
            assertEquals(0, r.exit(), r.toString());
            assertEquals(0, probes.get());
            JsonNode report = r.json();
            assertEquals("none", report.get("latency_mode").asText());
            assertEquals(0.0, report.get("latency_ms").asDouble(), 0.0);
            assertTrue(report.get("latency_estimate").isNull(), "not measured, rather than measured as 0");
            JsonNode run = report.get("benchmarks").get(0);
            assertEquals(run.get("ttfr").get("mean").asDouble(), run.get("est_ppt").get("mean").asDouble(), 1e-9,
                    "est_ppt = ttfr when nothing is subtracted");
            assertTrue(r.stderr().contains("latency mode: none\n"), r.stderr());
        }
    }

    @Test
    void theReportCarriesTheMeasuredValue() throws Exception {
        AtomicInteger probes = new AtomicInteger();
        try (FakeOpenAiServer fake = slowProbes(probes)) {
            InProcessBench.Result r = InProcessBench.run(vertx, fake.baseUrl(), "--model", "fake-model",
                    "--pp", "20", "--tg", "2", "--runs", "1", "--format", "json");
            assertEquals(0, r.exit(), r.toString());
            double reported = r.json().get("latency_ms").asDouble();
            Matcher footer = FOOTER.matcher(r.stderr());
            assertTrue(footer.find(), r.stderr());
            assertEquals(Double.parseDouble(footer.group(2)), reported, 0.005);
            assertTrue(reported >= DELAY && reported < DELAY + 100, "latency_ms " + reported);
            JsonNode estimate = r.json().get("latency_estimate");
            assertEquals(5, estimate.get("values_ms").size(), estimate.toString());
            assertEquals(0, estimate.get("failed_probes").asInt());
            assertEquals(reported, estimate.get("median_ms").asDouble(), 0.0, "latency_ms is the median");
            double spread = estimate.get("spread_ms").asDouble();
            assertTrue(spread >= 0 && spread <= estimate.get("max_ms").asDouble() - estimate.get("min_ms").asDouble(),
                    "the quartiles lie within the range: " + estimate);
        }
    }
}
