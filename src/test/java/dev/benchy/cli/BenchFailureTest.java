package dev.benchy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.benchy.simulator.SimulatorSettings;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sun.misc.Signal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Item 7: exit codes and what is written when requests fail (spec §14), against a server that fails chosen
 * benchmark requests with HTTP 500, and Ctrl-C against the simulator: a suite in which every request failed exits
 * 1 (llama-benchy's 0 is a bug); some failures exit 0 with a footnote; {@code --exit-on-first-fail} stops at the
 * first failed batch and keeps the completed tests; {@code --no-results-on-fail} writes nothing; Ctrl-C writes the
 * completed tests and exits 1.
 */
class BenchFailureTest {

    private static Vertx vertx;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    /** Fails the benchmark requests whose index (0-based, in the order they arrive) matches. */
    private static FakeOpenAiServer failing(IntPredicate fails) throws Exception {
        return FakeOpenAiServer.start((request, exchange) -> {
            if (request.streaming() && fails.test(request.index())) {
                FakeOpenAiServer.json(exchange, 500, "{\"error\":\"boom " + request.index() + "\"}");
            } else {
                FakeOpenAiServer.honestly(request, exchange);
            }
        });
    }

    private static InProcessBench.Result bench(FakeOpenAiServer fake, String... flags) throws Exception {
        String[] base = {"--model", "fake-model", "--pp", "20", "40", "--tg", "2", "--runs", "2",
                "--latency-mode", "none"};
        return InProcessBench.run(vertx, fake.baseUrl(), java.util.stream.Stream.concat(
                java.util.Arrays.stream(base), java.util.Arrays.stream(flags)).toArray(String[]::new));
    }

    @Test
    void everyRequestFailedExitsOne() throws Exception {
        try (FakeOpenAiServer fake = failing(i -> true)) {
            InProcessBench.Result r = bench(fake);
            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.stderr().contains("Error: every request failed; first error: HTTP 500"), r.stderr());
            assertTrue(r.stdout().startsWith("Run failed: every request failed; first error: HTTP 500: {\"error\":"
                    + "\"boom 0\"}\n\n"), r.stdout());
            assertFalse(r.stdout().contains("Check if the model is generating tokens"), "it is, the server refused");
            assertTrue(r.stdout().contains("\u26a0 pp20: 2 of 2 requests failed (2 http_5xx): HTTP 500"), r.stdout());
            assertEquals(4, fake.benchmarkRequests().size(), "the suite went on to the end");
        }
    }

    @Test
    void someFailedRequestsExitZeroWithAFootnote() throws Exception {
        try (FakeOpenAiServer fake = failing(i -> i == 1)) {
            InProcessBench.Result r = bench(fake, "--format", "json");
            assertEquals(0, r.exit(), r.toString());
            JsonNode report = r.json();
            assertEquals("partial", report.get("status").asText());
            JsonNode first = report.get("benchmarks").get(0);
            assertEquals(2, first.get("requests").asInt());
            assertEquals(1, first.get("failed_requests").asInt());
            assertEquals(1, first.path("tg_throughput").path("values").size(), () -> "the failed request measures nothing: " + report.toPrettyString() + r.stderr());
        }
    }

    @Test
    void exitOnFirstFailStopsAndKeepsTheCompletedTests() throws Exception {
        try (FakeOpenAiServer fake = failing(i -> i == 2)) {
            InProcessBench.Result r = bench(fake, "--exit-on-first-fail");
            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.stderr().contains("Error: Stopping due to error in standard run: HTTP 500"), r.stderr());
            assertTrue(r.stderr().contains("[Interrupted/Failed] Saving partial results..."), r.stderr());
            assertTrue(r.stdout().contains(" pp20 |"), r.stdout());
            assertFalse(r.stdout().contains("pp40"), "the failing test's runs are not recorded: " + r.stdout());
            assertEquals(3, fake.benchmarkRequests().size(), "nothing is sent after the failed batch");
        }
    }

    @Test
    void exitOnFirstFailNamesTheContextLoadPhase() throws Exception {
        try (FakeOpenAiServer fake = failing(i -> i == 0)) {
            InProcessBench.Result r = bench(fake, "--depth", "64", "--enable-prefix-caching", "--exit-on-first-fail");
            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.stderr().contains("Error: Stopping due to error in context load: HTTP 500"), r.stderr());
            assertEquals("", r.stdout(), "no test completed, nothing to write");
            assertEquals(1, fake.benchmarkRequests().size(), "no inference after a failed context load");
        }
    }

    @Test
    void noResultsOnFailWritesNothing() throws Exception {
        Path result = dir.resolve("r.json");
        try (FakeOpenAiServer fake = failing(i -> i == 2)) {
            InProcessBench.Result r = bench(fake, "--no-results-on-fail", "--save-result", result.toString());
            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.stderr().contains("[Failed] Results discarded per --no-results-on-fail."), r.stderr());
            assertEquals("", r.stdout());
            assertFalse(Files.exists(result));
            assertEquals(3, fake.benchmarkRequests().size(), "--no-results-on-fail implies --exit-on-first-fail");
        }
    }

    /** Ctrl-C, and SIGTERM (what timeout and CI runners send), which means the same. */
    @ParameterizedTest
    @CsvSource({"INT, [Interrupted] Stopping; the completed tests will be saved.",
            "TERM, [Terminated] Stopping on SIGTERM; the completed tests will be saved."})
    void aStopSignalWritesTheCompletedTestsAndExitsOne(String signal, String said) throws Exception {
        // 30 tokens at 100 t/s: each run takes about 0.3 s, so the signal arrives in the middle of the second test
        try (SimulatorPeer simulator = SimulatorPeer.start(vertx,
                SimulatorSettings.defaults().withPpSpeed(20_000).withTgSpeed(100))) {
            InProcessBench.Running running = InProcessBench.start(vertx, simulator.baseUrl(), "--pp", "20", "40",
                    "--tg", "30", "--runs", "3", "--latency-mode", "none", "--no-results-on-fail");
            assertTrue(running.awaitStderr("[test 2/2 pp40 tg30 (c1)] Run 2/3", 30_000), running.stderr());
            Signal.raise(new Signal(signal));
            InProcessBench.Result r = running.await();
            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.stderr().contains(said), r.stderr());
            assertTrue(r.stderr().contains("[Interrupted/Failed] Saving partial results..."), r.stderr());
            assertTrue(r.stdout().contains(" pp20 |") && r.stdout().contains(" tg30 |"), r.stdout());
            assertFalse(r.stdout().contains("pp40"), r.stdout());
            assertFalse(r.stderr().contains("[test 2/2 pp40 tg30 (c1)] Run 3/3"),
                    "the run stopped at once: " + r.stderr());
        }
    }
}
