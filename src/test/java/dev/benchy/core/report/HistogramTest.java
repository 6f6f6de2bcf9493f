package dev.benchy.core.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HistogramTest {

    private static final List<Double> BOUNDS = List.of(0.1, 0.25, 1.0);

    @Test
    void aValueOnABoundCountsInThatBucketAsPrometheusLeSays() {
        Histogram h = Histogram.of(BOUNDS, List.of(0.1, 0.100001, 0.25, 1.0, 1.5, 0.0));

        assertEquals(6, h.count());
        assertEquals(2.950001, h.sum(), 1e-12);
        assertEquals(Map.of("0.1", 2L, "0.25", 2L, "1.0", 1L, "+Inf", 1L), h.buckets());
        assertEquals(List.of("0.1", "0.25", "1.0", "+Inf"), List.copyOf(h.buckets().keySet()));
    }

    @Test
    void onlyBucketsWithObservationsAreKept() {
        assertEquals(Map.of("1.0", 2L), Histogram.of(BOUNDS, List.of(0.5, 0.75)).buckets());
    }

    @Test
    void bucketsAreKeptInTheOrderOfTheirBounds() {
        Histogram h = new Histogram(3, 12.0, Map.of("+Inf", 1L, "10.0", 1L, "0.5", 1L));

        assertEquals(List.of("0.5", "10.0", "+Inf"), List.copyOf(h.buckets().keySet()));
        assertEquals("a bucket must be named by its upper bound or +Inf, but was fast", assertThrows(
                IllegalArgumentException.class, () -> new Histogram(1, 1, Map.of("fast", 1L))).getMessage());
        assertEquals("a bucket must count 1 observation or more, but 0.5 counted 0", assertThrows(
                IllegalArgumentException.class, () -> new Histogram(0, 0, Map.of("0.5", 0L))).getMessage());
    }

    @Test
    void noObservationsNoHistogram() {
        assertNull(Histogram.of(BOUNDS, List.of()));
    }

    @Test
    void cumulativeCountsEndWithEveryObservation() {
        Histogram h = Histogram.of(BOUNDS, List.of(0.05, 0.5, 0.75, 3.0));

        assertArrayEquals(new long[] {1, 1, 3, 4}, h.cumulative(BOUNDS));
    }

    @Test
    void cumulativeOverOtherBoundsIsRefused() {
        Histogram h = Histogram.of(BOUNDS, List.of(0.2));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> h.cumulative(List.of(0.5, 1.0)));
        assertEquals("histogram buckets must be among the bounds [0.5, 1.0], but were [0.25]", e.getMessage());
    }

    @Test
    void boundsMustAscendAndObservationsBeFinite() {
        assertEquals("bucket bounds must ascend, but were [1.0, 0.5]", assertThrows(IllegalArgumentException.class,
                () -> Histogram.of(List.of(1.0, 0.5), List.of(0.1))).getMessage());
        assertEquals("an observation must be a finite number, but was NaN", assertThrows(
                IllegalArgumentException.class, () -> Histogram.of(BOUNDS, List.of(Double.NaN))).getMessage());
    }

    @Test
    void boundsAreWrittenAsPrometheusAndVllmWriteLe() {
        assertEquals("0.001", Histogram.le(0.001));
        assertEquals("1.0", Histogram.le(1.0));
        assertEquals("2560.0", Histogram.le(2560.0));
    }

    @Test
    void theBucketsAreVllms() {
        assertEquals(22, LatencyDistribution.TTFR.bounds().size());
        assertEquals(LatencyDistribution.TTFR.bounds(), LatencyDistribution.E2E_TTFT.bounds());
        assertEquals(List.of(0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0,
                20.0, 40.0, 80.0), LatencyDistribution.INTER_TOKEN_LATENCY.bounds());
        assertEquals(0.3, LatencyDistribution.REQUEST_LATENCY.bounds().get(0));
        assertEquals(7680.0, LatencyDistribution.REQUEST_LATENCY.bounds().get(20));
    }
}
