package dev.benchy.core.measure;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void steadyLongStreamPeaksAtItsRateNotOneAbove() {
        // tg128 at 50 t/s from nanosecond stamps on a large clock: in floating point, t − 1.0 lands a hair below the
        // token exactly one second back, and a closed window counted 51
        double[] t = new double[128];
        long origin = 7_654_321_000_000_000L;
        for (int k = 0; k < t.length; k++) {
            t[k] = Formulas.seconds(origin, origin + 3_000_000_000L + k * 20_000_000L);
        }

        assertEquals(50.0, Peak.of(t).getAsDouble(), 0.0);
        assertEquals(50.0, Peak.series(t).stream().mapToDouble(point -> point[1]).max().orElseThrow(), 0.0);
    }

    @Test
    void theWindowIsHalfOpenToTheNanosecond() {
        assertTrue(Peak.inWindow(1.000000001, 2.0), "999 999 999 ns back is inside");
        assertFalse(Peak.inWindow(1.0, 2.0), "exactly 1 s back is outside");
        assertFalse(Peak.inWindow(0.02, 1.02), "also where 1.02 − 1.0 is not 0.02 in floating point");
        assertTrue(Peak.inWindow(2.0, 2.0));
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
