package dev.benchy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Item 6: {@code --post-run-cmd} runs after every run, between batches (never during one), with its output kept
 * off stdout; its failure is a warning in stderr and in the report, and the suite goes on to exit 0.
 */
class BenchPostRunTest {

    private static Vertx vertx;
    private static SimulatorPeer simulator;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        simulator = SimulatorPeer.start(vertx, SimulatorPeer.fast());
    }

    @AfterAll
    static void stop() throws Exception {
        simulator.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    @Test
    void runsAfterEveryRunWithoutTouchingStdout() throws Exception {
        Path log = dir.resolve("runs.log");
        String command = "echo ran >> '" + log + "'; echo noise";
        // no latency probe: on a loaded machine its warnings (a latency near the simulator's ttfr) would mix in
        InProcessBench.Result r = InProcessBench.run(vertx, simulator.baseUrl(), "--pp", "32", "64", "--tg", "2",
                "--runs", "3", "--post-run-cmd", command, "--format", "json", "--latency-mode", "none");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of("ran", "ran", "ran", "ran", "ran", "ran"), Files.readAllLines(log),
                "once per run: 2 tests x 3 runs");
        assertFalse(r.stdout().contains("noise") || r.stderr().contains("noise"), r.toString());
        assertEquals(0, r.json().get("warnings").size(), r.stdout());
    }

    @Test
    void aFailureIsReportedAndTheSuiteGoesOn() throws Exception {
        InProcessBench.Result r = InProcessBench.run(vertx, simulator.baseUrl(), "--pp", "32", "--tg", "2",
                "--runs", "2", "--post-run-cmd", "echo 'no such cache' >&2; exit 4", "--format", "json");
        assertEquals(0, r.exit(), r.toString());
        String warning = "Post-run command failed (exit 4): no such cache";
        assertEquals(2, r.stderr().split(java.util.regex.Pattern.quote("Warning: " + warning), -1).length - 1,
                "one warning per run: " + r.stderr());
        JsonNode report = r.json();
        assertEquals("ok", report.get("status").asText());
        // both runs measured (ttfr: one value per request; a tg rate needs two reads, which a loaded machine can
        // coalesce into one for a 2-token answer)
        assertEquals(2, report.get("benchmarks").get(0).get("ttfr").get("values").size(), report.toString());
        assertTrue(report.get("warnings").toString().contains(warning), report.toString());
    }
}
