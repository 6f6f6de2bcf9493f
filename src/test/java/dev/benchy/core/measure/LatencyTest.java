package dev.benchy.core.measure;

import dev.benchy.core.report.BenchmarkRun;
import dev.benchy.core.report.LatencyEstimate;
import dev.benchy.core.report.Metric;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LatencyTest {

    @Test
    void theMedianIsUsedSoOneSpikeCannotMoveIt() {
        // one CPU spike of 450 ms among five probes of about 5 ms: a mean would say 94 ms
        LatencyEstimate estimate = Latency.estimate(new double[] {0.005, 0.0052, 0.45, 0.0049, 0.0051}, 1);

        assertEquals(5.1, estimate.medianMs(), 1e-12);
        assertEquals(4.9, estimate.minMs(), 1e-12);
        assertEquals(450.0, estimate.maxMs(), 0.0);
        // the quartiles are the 2nd and 4th of five: 5.0 and 5.2 ms; the spike is in the range only
        assertEquals(0.2, estimate.spreadMs(), 1e-12);
        assertEquals(1, estimate.failedProbes());
        assertEquals(5, estimate.valuesMs().size());
        assertEquals(0.0051, Latency.seconds(estimate), 1e-15);
    }

    @Test
    void anEvenNumberOfProbesTakesTheMiddleTwo() {
        LatencyEstimate estimate = Latency.estimate(new double[] {0.004, 0.001, 0.003, 0.002}, 1);

        assertEquals(2.5, estimate.medianMs(), 1e-12);
        assertEquals(1.5, estimate.spreadMs(), 1e-12, "3.25 − 1.75, interpolated as numpy does");
        assertEquals(List.of(4.0, 1.0, 3.0, 2.0), estimate.valuesMs(), "in the order sent");
    }

    @Test
    void noAnsweredProbeIsNoEstimateAndNothingSubtracted() {
        assertNull(Latency.estimate(new double[0], 5));
        assertEquals(0.0, Latency.seconds(null), 0.0);
        assertEquals(List.of(), Latency.warnings(null, "api", List.of(row(2048, 100.0)), 1));
    }

    @Test
    void aNegativeProbeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Latency.estimate(new double[] {0.001, -0.001}, 0));
        assertEquals("a latency probe must take a finite time, 0 or more, but took -0.001 s", e.getMessage());
    }

    @Test
    void anEstimateThatIsMostOfTheShortestTtfrIsWarnedOf() {
        LatencyEstimate estimate = new LatencyEstimate(List.of(450.0), 0, 450.0, 450.0, 450.0, 0.0);

        assertEquals(List.of("Latency (generation) of 450.00 ms is 60 % of the shortest median ttfr (750.00 ms,"
                        + " pp512 (c1)): est_ppt and pp t/s of short prompts rest mostly on the latency estimate"),
                Latency.warnings(estimate, "generation", List.of(row(4096, 3000.0), row(512, 750.0)), 2));
        // exactly half is not more than half
        assertEquals(List.of(), Latency.warnings(estimate, "generation", List.of(row(512, 900.0)), 1));
    }

    @Test
    void aSpreadAboveATenthOfTheShortestTtfrIsWarnedOf() {
        LatencyEstimate estimate = new LatencyEstimate(List.of(5.0, 30.0, 40.0, 55.0, 450.0), 0, 40.0, 5.0, 450.0,
                25.0);

        assertEquals(List.of("Latency (api) probes spread 25.00 ms between their quartiles (5.00\u2013450.00 ms in all;"
                        + " the median 40.00 ms is used), 13 % of the shortest median ttfr (200.00 ms, pp512): est_ppt"
                        + " is uncertain by about as much"),
                Latency.warnings(estimate, "api", List.of(row(512, 200.0)), 1));
        // 25 ms is a tenth of 250 ms: not more
        assertEquals(List.of(), Latency.warnings(estimate, "api", List.of(row(512, 250.0)), 1));
    }

    @Test
    void rowsWithoutTtfrAreNoMeasureOfTheEstimate() {
        LatencyEstimate estimate = new LatencyEstimate(List.of(450.0), 0, 450.0, 450.0, 450.0, 0.0);

        assertEquals(List.of(), Latency.warnings(estimate, "api", List.of(row(512, null)), 1));
    }

    /** A concurrency-1 row of this prompt size whose median ttfr is {@code ttfrMs} (null: no ttfr). */
    private static BenchmarkRun row(int pp, Double ttfrMs) {
        Metric ttfr = ttfrMs == null ? null : new Metric(ttfrMs, 0, List.of(ttfrMs), ttfrMs, ttfrMs, ttfrMs);
        return new BenchmarkRun(1, 0, pp, 32, false, null, null, null, null, null, null, ttfr, null, null, null, null,
                "pp" + pp, null, null, null, false, 1, 0, List.of());
    }
}
