package dev.benchy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.benchy.simulator.SimulatorSettings;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Item 1: the warm-up probes measure the chat template's overhead from the server's usage.prompt_tokens, and the
 * prompts are shortened by it so the server sees exactly pp (depth 0) or depth + pp tokens; {@code --no-warmup},
 * {@code --adapt-prompt} and {@code --no-adapt-prompt} each change something; {@code usage: null} is not fatal.
 * The simulator adds 7 template tokens per message, so the deltas are 7 (user only) and 14 (system + user).
 */
class BenchWarmupTest {

    private static final int TEMPLATE = 7;
    private static Vertx vertx;
    private static SimulatorPeer simulator;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        simulator = SimulatorPeer.start(vertx, SimulatorPeer.fast().withTemplateTokens(TEMPLATE));
    }

    @AfterAll
    static void stop() throws Exception {
        simulator.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    private static InProcessBench.Result bench(String... flags) throws Exception {
        List<String> all = new ArrayList<>(List.of("--pp", "100", "--depth", "0", "200", "--tg", "4", "--runs", "2",
                "--format", "json"));
        all.addAll(List.of(flags));
        InProcessBench.Result r = InProcessBench.run(vertx, simulator.baseUrl(), all.toArray(String[]::new));
        assertEquals(0, r.exit(), r.toString());
        return r;
    }

    /** The server-side prompt size of each test, as the server reported it (every request the same). */
    private static void assertServerSaw(InProcessBench.Result r, int atDepth0, int atDepth200) {
        JsonNode benchmarks = r.json().get("benchmarks");
        assertEquals(2, benchmarks.size(), r.stdout());
        JsonNode first = benchmarks.get(0).get("prompt_tokens");
        JsonNode second = benchmarks.get(1).get("prompt_tokens");
        assertEquals(atDepth0, first.get("mean").asDouble(), 0.0, first.toString());
        assertEquals(0, first.get("std").asDouble(), 0.0, first.toString());
        assertEquals(atDepth200, second.get("mean").asDouble(), 0.0, second.toString());
        assertEquals(0, second.get("std").asDouble(), 0.0, second.toString());
        // the counts are what the row asked plus the template the probes measured (or nothing was measured): no
        // prompt_tokens_mismatch, also where the plain sizes were sent and the server counted 7 % more (the shared
        // simulator's cache may flag cache hits)
        assertFalse(r.stdout().contains("prompt_tokens_mismatch"), r.stdout());
    }

    @Test
    void adaptsPromptsSoTheServerSeesExactlyPpAndDepthPlusPp() throws Exception {
        InProcessBench.Result r = bench();
        assertTrue(r.stderr().contains("Warmup (user only) complete. Delta: 7 tokens"), r.stderr());
        assertTrue(r.stderr().contains("Warmup (system+empty user) complete. Delta: 14 tokens"), r.stderr());
        assertServerSaw(r, 100, 300);
    }

    @Test
    void noAdaptPromptWarmsUpButSendsThePlainSizes() throws Exception {
        InProcessBench.Result r = bench("--no-adapt-prompt");
        assertTrue(r.stderr().contains("Delta: 7 tokens"), "warm-up still runs: " + r.stderr());
        assertServerSaw(r, 100 + TEMPLATE, 200 + 100 + 2 * TEMPLATE);
    }

    @Test
    void noWarmupSkipsTheProbesAndSoTheAdaptation() throws Exception {
        InProcessBench.Result r = bench("--no-warmup");
        assertFalse(r.stderr().contains("Warmup"), r.stderr());
        assertServerSaw(r, 100 + TEMPLATE, 200 + 100 + 2 * TEMPLATE);
    }

    @Test
    void explicitAdaptPromptWinsOverNoWarmup() throws Exception {
        InProcessBench.Result r = bench("--no-warmup", "--adapt-prompt");
        assertTrue(r.stderr().contains("Delta: 7 tokens"), r.stderr());
        assertServerSaw(r, 100, 300);
    }

    @Test
    void usageNullInTheWarmupIsAWarningNotAFailure() throws Exception {
        try (FakeOpenAiServer fake = FakeOpenAiServer.start((request, exchange) -> {
            if (request.chat() && !request.streaming()) {
                FakeOpenAiServer.complete(exchange, "Paris", null, "null");
            } else {
                FakeOpenAiServer.honestly(request, exchange);
            }
        })) {
            InProcessBench.Result r = InProcessBench.run(vertx, fake.baseUrl(), "--model", "fake-model",
                    "--pp", "50", "--tg", "3", "--runs", "1", "--format", "json");
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.stderr().contains("Warning: Warm-up response carried no usage.prompt_tokens"), r.stderr());
            JsonNode report = r.json();
            assertEquals("ok", report.get("status").asText());
            assertTrue(report.get("warnings").toString().contains("no usage stats found"), report.toString());
            // not adapted, and the template overhead unknown: nothing to check the server's count against
            assertEquals(1, fake.benchmarkRequests().size());
            assertEquals("[]", report.get("benchmarks").get(0).get("flags").toString(), report.toString());
        }
    }
}
