package dev.benchy.service.metrics;

import dev.benchy.app.SimulatorBench;
import dev.benchy.core.plan.BenchmarkPlan;
import dev.benchy.core.plan.LatencyMode;
import dev.benchy.core.report.RunReport;
import dev.benchy.core.report.RunStatus;
import dev.benchy.simulator.SimulatorSettings;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A run against the simulator with known speeds, through the real client and measurement, into the published
 * histograms: 300 prompt tokens at 800 t/s is a prefill of 0.375 s, inside vLLM's (0.25, 0.5] ttft bucket; 4 tokens
 * one every 0.175 s give 3 gaps inside (0.15, 0.2]; the whole request, about 0.9 s, lies inside (0.8, 1.0]. Each
 * value sits in the middle of its bucket, so the machine's own delays cannot move it.
 */
class HistogramsAgainstSimulatorTest {

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

    private static RunReport bench() throws Exception {
        return SimulatorBench.run(vertx, cache, SimulatorSettings.defaults().withPpSpeed(800).withTgSpeed(1 / 0.175),
                new BenchmarkPlan(List.of(300), List.of(4), List.of(0), List.of(1), 2, LatencyMode.NONE, false, false,
                        true, true, false, Duration.ofSeconds(30), 5L));
    }

    /** The bucket lines of one histogram family, as {@code le -> count}, in exposition order. */
    private static Map<String, String> buckets(String scrape, String family) {
        return scrape.lines().filter(line -> line.startsWith(family + "_bucket{"))
                .collect(Collectors.toMap(line -> line.replaceAll(".*le=\"([^\"]+)\".*", "$1"),
                        line -> line.substring(line.lastIndexOf(' ') + 1), (a, b) -> a, java.util.LinkedHashMap::new));
    }

    /** The expected cumulative counts: 0 up to the bucket below {@code from}, then {@code n}. */
    private static Map<String, String> steps(List<String> le, String from, int n) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        boolean reached = false;
        for (String bound : le) {
            reached |= bound.equals(from);
            out.put(bound, reached ? n + ".0" : "0.0");
        }
        return out;
    }

    @Test
    void aRunWithKnownLatenciesLandsInTheExpectedBuckets() throws Exception {
        RunReport report = bench();
        assertEquals(RunStatus.OK, report.status(), report.error());

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new MetricsPublisher(registry, "test").publish(report);
        String scrape = registry.scrape();

        List<String> ttft = List.of("0.001", "0.005", "0.01", "0.02", "0.04", "0.06", "0.08", "0.1", "0.25", "0.5",
                "0.75", "1.0", "2.5", "5.0", "7.5", "10.0", "20.0", "40.0", "80.0", "160.0", "640.0", "2560.0", "+Inf");
        List<String> itl = List.of("0.01", "0.025", "0.05", "0.075", "0.1", "0.15", "0.2", "0.3", "0.4", "0.5",
                "0.75", "1.0", "2.5", "5.0", "7.5", "10.0", "20.0", "40.0", "80.0", "+Inf");
        List<String> e2e = List.of("0.3", "0.5", "0.8", "1.0", "1.5", "2.0", "2.5", "5.0", "10.0", "15.0", "20.0",
                "30.0", "40.0", "50.0", "60.0", "120.0", "240.0", "480.0", "960.0", "1920.0", "7680.0", "+Inf");
        assertEquals(steps(ttft, "0.5", 2), buckets(scrape, "benchy_time_to_first_response_seconds"), scrape);
        assertEquals(steps(ttft, "0.5", 2), buckets(scrape, "benchy_time_to_first_token_seconds"));
        assertEquals(steps(itl, "0.2", 6), buckets(scrape, "benchy_inter_token_latency_seconds"));
        assertEquals(steps(e2e, "1.0", 2), buckets(scrape, "benchy_e2e_request_latency_seconds"));
    }
}
