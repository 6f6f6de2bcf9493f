package dev.benchy.core.measure;

import dev.benchy.core.report.Metric;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StatsTest {

    @Test
    void populationStdMatchesLlamaBenchySampleJson() {
        Metric m = Stats.metric(List.of(986.0233386029112, 988.1741643321216));

        assertEquals(987.0987514675164, m.mean(), 0.0);
        assertEquals(1.0754128646051981, m.std(), 0.0);
        assertEquals(List.of(986.0233386029112, 988.1741643321216), m.values());
    }

    @Test
    void percentilesInterpolateLinearlyBetweenClosestRanksAndValuesKeepTheirOrder() {
        Metric m = Stats.metric(List.of(5.0, 1.0, 4.0, 2.0, 3.0, 10.0));

        assertEquals(3.5, m.p50(), 0.0);
        assertEquals(7.5, m.p90(), 0.0);
        assertEquals(9.75, m.p99(), 0.0);
        assertEquals(List.of(5.0, 1.0, 4.0, 2.0, 3.0, 10.0), m.values());
    }

    @Test
    void percentileInterpolatesFromTheNearerNeighbourAsNumpyDoes() {
        Metric m = Stats.metric(List.of(0.1, 0.7, 0.2));

        assertEquals(0.2, m.p50(), 0.0);
        // numpy: 0.7 - 0.5 * (1 - 0.8) = 0.6; the naive 0.2 + 0.5 * 0.8 would give 0.6000000000000001
        assertEquals(0.6, m.p90(), 0.0);
        assertEquals(0.69, m.p99(), 0.0);
    }

    @Test
    void meanAndStdOfManySamplesUseNumpysPairwiseSummation() {
        List<Double> samples = new ArrayList<>();
        double naiveSum = 0;
        for (int i = 0; i < 200; i++) {
            double v = 1000.0 / (i + 3) + i * 0.1;
            samples.add(v);
            naiveSum += v;
        }

        Metric m = Stats.metric(samples);

        // expected values computed by numpy 2.4 (np.mean, np.std, np.percentile) on the same samples
        assertEquals(31.889782837745297, m.mean(), 0.0);
        assertNotEquals(naiveSum / 200, m.mean(), "a left-to-right sum rounds differently here");
        assertEquals(35.386323731815494, m.std(), 0.0);
        assertEquals(22.05093588211868, m.p50(), 0.0);
        assertEquals(45.66588932806323, m.p90(), 0.0);
        assertEquals(200.69899999999953, m.p99(), 0.0);
    }

    @Test
    void multiplierScalesEveryFieldForSecondsToMilliseconds() {
        Metric m = Stats.metric(List.of(0.5, 0.25), 1000);

        assertEquals(375.0, m.mean(), 0.0);
        assertEquals(125.0, m.std(), 0.0);
        assertEquals(List.of(500.0, 250.0), m.values());
        assertEquals(375.0, m.p50(), 0.0);
        assertEquals(475.0, m.p90(), 0.0);
        assertEquals(497.5, m.p99(), 0.0);
    }

    @Test
    void oneSampleHasNoSpread() {
        Metric m = Stats.metric(List.of(42.5));

        assertEquals(42.5, m.mean(), 0.0);
        assertEquals(0.0, m.std(), 0.0);
        assertEquals(42.5, m.p50(), 0.0);
        assertEquals(42.5, m.p99(), 0.0);
    }

    @Test
    void noSamplesGiveNoMetric() {
        assertNull(Stats.metric(List.of()));
        assertNull(Stats.metric(List.of(), 1000));
    }

    @Test
    void rejectsSamplesThatAreNotFinite() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stats.metric(Arrays.asList(1.0, Double.NaN)));

        assertEquals("samples must be finite numbers, but sample 1 was NaN", e.getMessage());
    }

    @Test
    void pairwiseSumAddsOnlyTheRequestedRange() {
        double[] x = {100, 200, 3, 4, 5, 600};

        assertEquals(12.0, Stats.pairwiseSum(x, 2, 3), 0.0);
    }

    @Test
    void pairwiseSumOfABlockCombinesEightAccumulatorsThenTheRest() {
        double[] x = new double[11];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }

        // ((1+2)+(3+4)) + ((5+6)+(7+8)) + 9 + 10 + 11, all exact
        assertEquals(66.0, Stats.pairwiseSum(x, 0, 11), 0.0);
    }
}
