package dev.benchy.core.measure;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeakTest {

    @Test
    void noTimestampsHaveNoPeak() {
        assertTrue(Peak.of(new double[0]).isEmpty());
        assertTrue(Peak.series(new double[0]).isEmpty());
    }

    @Test
    void tokensAtOneInstantFallInOneWindow() {
        double[] t = new double[130];
        Arrays.fill(t, 3.0);

        assertEquals(130.0, Peak.of(t).getAsDouble(), 0.0);
    }

    @Test
    void steadyShortStreamHasNoFencepostError() {
        double[] t = new double[32];
        for (int k = 0; k < t.length; k++) {
            t[k] = Formulas.seconds(0, k * 20_000_000L);
        }

        // 31 intervals of 20 ms: 50 t/s, where llama-benchy 0.3.6's 32 / 0.62 reports 51.6
        assertEquals(50.0, Peak.of(t).getAsDouble(), 0.0);
    }

    @Test
    void twoTokensAQuarterSecondApartAreFourPerSecond() {
        assertEquals(4.0, Peak.of(new double[] {2.0, 2.25}).getAsDouble(), 0.0);
    }

    @Test
    void tokensExactlyOneWindowApartAreInDifferentWindows() {
        assertEquals(1.0, Peak.of(new double[] {5.0, 6.0}).getAsDouble(), 0.0);
    }

    @Test
    void slidingWindowFindsTheBurstInALongStream() {
        // 4 t/s for 3 s (0, 0.25, ..., 3.0) plus a burst of 10 tokens at 1.625
        double[] t = new double[13 + 10];
        for (int k = 0; k <= 12; k++) {
            t[k] = k * 0.25;
        }
        Arrays.fill(t, 13, 23, 1.625);

        // a window ending anywhere in [1.625, 2.5] holds 4 steady tokens and the burst
        assertEquals(14.0, Peak.of(t).getAsDouble(), 0.0);
    }

    @Test
    void seriesCountsTokensInTheTrailingWindowOfEachTimestamp() {
        List<double[]> series = Peak.series(new double[] {10.5, 10.0, 11.5, 11.0});

        assertEquals(4, series.size());
        assertArrayEquals(new double[] {0.0, 1.0}, series.get(0), 0.0);
        assertArrayEquals(new double[] {0.5, 2.0}, series.get(1), 0.0);
        assertArrayEquals(new double[] {1.0, 2.0}, series.get(2), 0.0);
        assertArrayEquals(new double[] {1.5, 2.0}, series.get(3), 0.0);
    }

    @Test
    void seriesHasOnePointPerTokenAlsoForTokensSharingAStamp() {
        List<double[]> series = Peak.series(new double[] {1.0, 1.0, 1.5});

        assertArrayEquals(new double[] {0.0, 1.0}, series.get(0), 0.0);
        assertArrayEquals(new double[] {0.0, 2.0}, series.get(1), 0.0);
        assertArrayEquals(new double[] {0.5, 3.0}, series.get(2), 0.0);
    }

    @Test
    void neverReordersItsInput() {
        double[] t = {1.5, 0.0, 1.0, 0.5};

        Peak.of(t);
        Peak.series(t);

        assertArrayEquals(new double[] {1.5, 0.0, 1.0, 0.5}, t, 0.0);
    }
}
