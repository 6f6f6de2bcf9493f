package dev.benchy.core.measure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The peak generation rate of a stream: the most tokens that arrived within one second. It shows bursts that a mean
 * over the whole stream hides (batching stalls, speculative decoding, a server that flushes in blocks).
 *
 * <p>Rules, for timestamps in seconds (any order; the input is never modified):
 * <ul>
 *   <li>no timestamps: no peak;</li>
 *   <li>all at one instant: N tokens fall in one window, so N t/s (a whole answer in one chunk gives N);</li>
 *   <li>a stream shorter than the window: {@code (N − 1) / duration}. N tokens span N − 1 intervals; llama-benchy
 *       0.3.6 divides N by the duration, a fencepost error that reports 51.6 for a steady 50 t/s stream;</li>
 *   <li>otherwise: the half-open window {@code (t − W, t]} slides to end at each timestamp, and the peak is the
 *       largest count divided by W. A token exactly W before {@code t} is outside: distances are compared in whole
 *       nanoseconds (the resolution of the stamps), because in floating point {@code t − 1.0} can land a hair below a
 *       token that is exactly one second back, which made a steady 50 t/s stream peak at 51.</li>
 * </ul>
 */
public final class Peak {

    /** The window W, in seconds. */
    public static final double WINDOW_SECONDS = 1.0;
    private static final long WINDOW_NANOS = Math.round(WINDOW_SECONDS * Formulas.NANOS_PER_SECOND);

    private Peak() {
    }

    /** The peak rate in tokens per second, absent when there are no timestamps. */
    public static OptionalDouble of(double[] timestamps) {
        double[] t = sortedCopy(timestamps);
        int n = t.length;
        if (n == 0) {
            return OptionalDouble.empty();
        }
        double duration = t[n - 1] - t[0];
        if (duration > 0 && inWindow(t[0], t[n - 1])) {
            return OptionalDouble.of((n - 1) / duration);
        }
        return OptionalDouble.of(Arrays.stream(trailingCounts(t)).max().orElseThrow() / WINDOW_SECONDS);
    }

    /**
     * One point per timestamp, in time order: {@code [seconds since the first timestamp, tokens in the trailing
     * window / W]}. During the first second the value is a count of tokens so far, not yet a full-window rate,
     * as in llama-benchy. Empty when there are no timestamps.
     */
    public static List<double[]> series(double[] timestamps) {
        double[] t = sortedCopy(timestamps);
        int[] counts = trailingCounts(t);
        List<double[]> points = new ArrayList<>(t.length);
        for (int j = 0; j < t.length; j++) {
            points.add(new double[] {t[j] - t[0], counts[j] / WINDOW_SECONDS});
        }
        return points;
    }

    /** For each timestamp (ascending), how many timestamps lie in the window {@code (t − W, t]}. */
    private static int[] trailingCounts(double[] sorted) {
        int[] counts = new int[sorted.length];
        int left = 0;
        for (int j = 0; j < sorted.length; j++) {
            while (!inWindow(sorted[left], sorted[j])) {
                left++;
            }
            counts[j] = j - left + 1;
        }
        return counts;
    }

    /** Whether {@code earlier} lies in the window ending at {@code t}: less than W before it, to the nanosecond. */
    static boolean inWindow(double earlier, double t) {
        return Math.round((t - earlier) * Formulas.NANOS_PER_SECOND) < WINDOW_NANOS;
    }

    private static double[] sortedCopy(double[] timestamps) {
        double[] copy = Objects.requireNonNull(timestamps, "timestamps").clone();
        Arrays.sort(copy);
        return copy;
    }
}
