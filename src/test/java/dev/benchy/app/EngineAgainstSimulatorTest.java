package dev.benchy.app;

import dev.benchy.core.plan.BenchmarkPlan;
import dev.benchy.core.plan.LatencyMode;
import dev.benchy.core.plan.TestCase;
import dev.benchy.core.report.BenchmarkRun;
import dev.benchy.core.report.RunReport;
import dev.benchy.core.report.RunStatus;
import dev.benchy.core.run.RunListener;
import dev.benchy.simulator.SimulatorSettings;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole engine — prompts, the real streaming client, measurement — against the built-in simulator with known
 * speeds, in one process: the numbers that come out must be the speeds that went in.
 */
class EngineAgainstSimulatorTest {

    private static Vertx vertx;

    @TempDir
    static Path cache;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static RunReport bench(SimulatorSettings settings, List<Integer> depth, List<Integer> concurrency)
            throws Exception {
        return bench(settings, depth, concurrency, RunListener.SILENT);
    }

    private static RunReport bench(SimulatorSettings settings, List<Integer> depth, List<Integer> concurrency,
                                   RunListener listener) throws Exception {
        return SimulatorBench.run(vertx, cache, settings, new BenchmarkPlan(List.of(512), List.of(48), depth,
                concurrency, 2, LatencyMode.API, false, false, true, true, true, Duration.ofSeconds(30), 11L),
                listener);
    }

    /** The console's progress comes from these: every step before the runs, every request of every batch. */
    @Test
    void tellsItsListenerEachStepAndEachFinishedRequest() throws Exception {
        List<String> steps = new CopyOnWriteArrayList<>();
        AtomicInteger finished = new AtomicInteger();
        RunListener listener = new RunListener() {
            @Override
            public void stepStarting(String step) {
                steps.add(step);
            }

            @Override
            public void runStarting(TestCase testCase, int testIndex, int tests, int run, int runs, String phase) {
                steps.add("run " + testCase.label() + " " + run + "/" + runs);
            }

            @Override
            public void requestFinished() {
                finished.incrementAndGet();
            }
        };

        RunReport report = bench(SimulatorSettings.defaults().withPpSpeed(20_000).withTgSpeed(1000), List.of(0),
                List.of(1, 2), listener);

        assertEquals(RunStatus.OK, report.status(), report.error());
        assertEquals(List.of("loading the tokenizer and the text", "warm-up", "coherence test", "latency (api)",
                "streaming warm-up", "run pp512 tg48 (c1) 1/2", "run pp512 tg48 (c1) 2/2", "run pp512 tg48 (c2) 1/2",
                "run pp512 tg48 (c2) 2/2"), steps);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (finished.get() < 6 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(6, finished.get(), "1 + 1 requests at c1, 2 + 2 at c2");
    }

    private static void assertWithin(double expected, double tolerance, double actual, String what) {
        assertTrue(Math.abs(actual - expected) <= expected * tolerance,
                what + ": " + actual + " is not within " + (tolerance * 100) + " % of " + expected);
    }

    @Test
    void measuresTheConfiguredSpeedsAloneAndUnderConcurrency() throws Exception {
        RunReport report = bench(SimulatorSettings.defaults().withPpSpeed(2000).withTgSpeed(50), List.of(0, 1024),
                List.of(1, 2));

        assertEquals(RunStatus.OK, report.status(), report.error());
        assertEquals(4, report.benchmarks().size());
        for (BenchmarkRun run : report.benchmarks()) {
            assertWithin(50, 0.05, run.tgReqThroughput().mean(), "tg t/s (req) " + run.test());
            assertWithin(2000, 0.10, run.ppReqThroughput().mean(), "pp t/s (req) " + run.test());
            if (run.concurrency() == 2) {
                assertWithin(2 * run.tgReqThroughput().mean(), 0.10, run.tgThroughput().mean(),
                        "tg t/s (total) at c2 " + run.test());
            }
        }
    }

    @Test
    void multiTokenPredictionTriplesGeneration() throws Exception {
        RunReport report = bench(SimulatorSettings.defaults().withTgSpeed(40).withMtp(3), List.of(0), List.of(1));

        assertEquals(RunStatus.OK, report.status(), report.error());
        assertWithin(120, 0.10, report.benchmarks().get(0).tgReqThroughput().mean(), "tg t/s with MTP 3");
    }

    @Test
    void aRoleFirstServerSeparatesTtfrFromTheFirstToken() throws Exception {
        RunReport report = bench(SimulatorSettings.defaults().withPpSpeed(1000).withRoleFirst(true)
                .withReasoningTokens(8), List.of(0), List.of(1));

        assertEquals(RunStatus.OK, report.status(), report.error());
        BenchmarkRun run = report.benchmarks().get(0);
        // the role event comes at once; the first (reasoning) token after ~512 ms of prefill
        assertTrue(run.ttfr().mean() < 100, "ttfr " + run.ttfr().mean());
        assertWithin(512, 0.15, run.e2eTtft().mean(), "e2e_ttft ms");
        // content starts after 8 reasoning tokens at 50 t/s = 160 ms
        assertWithin(run.e2eTtft().mean() + 160, 0.10, run.contentTtft().mean(), "content_ttft ms");
    }
}
