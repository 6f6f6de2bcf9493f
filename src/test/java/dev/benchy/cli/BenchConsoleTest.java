package dev.benchy.cli;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Items 11 and 12: progress on stderr (test i/N, run j/R, elapsed), nothing but the result on stdout, silence with
 * {@code --quiet}; llama-benchy's header and footer lines with benchy's version.
 */
class BenchConsoleTest {

    private static Vertx vertx;
    private static SimulatorPeer simulator;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        // no prefix cache: the tests repeat the same seeded prompts, and a cache-hit footnote is not their subject
        simulator = SimulatorPeer.start(vertx, SimulatorPeer.fast().withCacheCapacity(0));
    }

    @AfterAll
    static void stop() throws Exception {
        simulator.close();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    @Test
    void progressGoesToStderrAndStdoutIsCleanJson() throws Exception {
        InProcessBench.Result r = InProcessBench.run(vertx, simulator.baseUrl(), "--pp", "32", "--depth", "0", "64",
                "--tg", "2", "--runs", "2", "--format", "json");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.stdout().startsWith("{") && r.stdout().endsWith("}\n"), r.stdout());
        assertEquals(2, r.json().get("benchmarks").size());
        String[] expected = {
                "Running test: pp=32, tg=2, depth=0, concurrency=1\n"
                        + "  [test 1/2 pp32 tg2 (c1)] Run 1/2 (batch size 1)... elapsed 0:0",
                "  [test 1/2 pp32 tg2 (c1)] Run 2/2 (batch size 1)... elapsed 0:0",
                "Running test: pp=32, tg=2, depth=64, concurrency=1\n"
                        + "  [test 2/2 pp32 tg2 @ d64 (c1)] Run 1/2 (batch size 1)... elapsed 0:0",
                "  [test 2/2 pp32 tg2 @ d64 (c1)] Run 2/2 (batch size 1)... elapsed 0:0",
                "Printing results in JSON format:\n\n"};
        int at = 0;
        for (String line : expected) {
            int found = r.stderr().indexOf(line, at);
            assertTrue(found >= at, "'" + line + "' in order in:\n" + r.stderr());
            at = found + line.length();
        }
    }

    @Test
    void quietLeavesStderrEmpty() throws Exception {
        // no latency probe: --quiet keeps warnings, and a latency near the simulator's ttfr would give one
        InProcessBench.Result r = InProcessBench.run(vertx, simulator.baseUrl(), "--pp", "32", "--tg", "2",
                "--runs", "1", "--format", "csv", "--quiet", "--latency-mode", "none");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("", r.stderr());
        assertTrue(r.stdout().startsWith("model,test_name,t_s_mean,"), r.stdout());
    }

    @Test
    void headerAndFooterAsLlamaBenchyPrintsThem() throws Exception {
        InProcessBench.Result r = InProcessBench.run(vertx, simulator.baseUrl(), "--model", "benchy-sim",
                "--pp", "32", "--tg", "2", "--runs", "1", "--concurrency", "1", "2");
        assertEquals(0, r.exit(), r.toString());
        String version = BenchyVersion.current();
        Matcher header = Pattern.compile("\\Abenchy \\(" + Pattern.quote(version) + "\\)\n"
                + "Date: (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d)\n"
                + "Benchmarking model: benchy-sim at " + Pattern.quote(simulator.baseUrl()) + "\n"
                + "Concurrency levels: \\[1, 2]\n").matcher(r.stderr());
        assertTrue(header.find(), r.stderr());
        Matcher footer = Pattern.compile("\\|\n\nbenchy \\(" + Pattern.quote(version) + "\\)\n"
                + "date: " + header.group(1) + " \\| latency mode: api \\(\\d+\\.\\d\\d ms\\)\n\\z")
                .matcher(r.stdout());
        assertTrue(footer.find(), r.stdout());
        assertTrue(Pattern.compile("\\A\\| model +\\| +test \\| +t/s \\(total\\) \\| +t/s \\(req\\) \\|")
                .matcher(r.stdout()).find(), r.stdout());
    }
}
