package dev.benchy.core.measure;

import dev.benchy.core.report.Metric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Summarises samples into a {@link Metric} exactly as llama-benchy does with numpy, so that benchy and
 * llama-benchy print the same digits for the same samples: the mean and the POPULATION standard deviation
 * (ddof 0, not llama-bench's sample std) are summed with numpy's pairwise summation, and the percentiles use numpy's
 * default method (linear interpolation between the closest ranks).
 *
 * <p>Note that the population std of three runs is about 18 % smaller than the sample std; it is kept for parity.
 */
public final class Stats {

    /** numpy sums blocks of up to this many elements with eight accumulators, and splits larger ones in two. */
    private static final int PAIRWISE_BLOCK = 128;
    private static final int UNROLL = 8;

    private Stats() {
    }

    /** The metric of the samples, or null when there are none. */
    public static Metric metric(List<Double> samples) {
        return metric(samples, 1.0);
    }

    /**
     * The metric of the samples scaled by {@code multiplier} (1000 turns seconds into milliseconds), or null when
     * there are none. As llama-benchy, the statistics are computed on the raw samples and then multiplied.
     */
    public static Metric metric(List<Double> samples, double multiplier) {
        double[] x = toArray(samples);
        if (x.length == 0) {
            return null;
        }
        List<Double> scaled = new ArrayList<>(x.length);
        for (double v : x) {
            scaled.add(v * multiplier);
        }
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        return new Metric(mean(x) * multiplier, populationStd(x) * multiplier, scaled,
                percentile(sorted, 0.50) * multiplier,
                percentile(sorted, 0.90) * multiplier,
                percentile(sorted, 0.99) * multiplier);
    }

    /** The arithmetic mean, summed as numpy sums. */
    static double mean(double[] x) {
        return pairwiseSum(x, 0, x.length) / x.length;
    }

    /** The population standard deviation (divides by n), computed as {@code numpy.std} computes it. */
    static double populationStd(double[] x) {
        double mean = mean(x);
        double[] squares = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - mean;
            squares[i] = d * d;
        }
        return Math.sqrt(pairwiseSum(squares, 0, squares.length) / x.length);
    }

    /**
     * The {@code q} quantile (0..1) of ascending samples, by numpy's default linear interpolation between the
     * closest ranks: index {@code (n − 1)·q}, interpolated from whichever neighbour is nearer, as numpy does.
     */
    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("percentile samples must hold at least one value, but was empty");
        }
        if (!(q >= 0.0 && q <= 1.0)) {
            throw new IllegalArgumentException("quantile must be between 0 and 1, but was " + q);
        }
        double index = (sorted.length - 1) * q;
        int below = (int) Math.floor(index);
        int above = Math.min(below + 1, sorted.length - 1);
        double gamma = index - below;
        double a = sorted[below];
        double b = sorted[above];
        double diff = b - a;
        return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
    }

    /** numpy's pairwise summation of {@code x[from, from + n)}: exact same rounding as {@code numpy.sum}. */
    static double pairwiseSum(double[] x, int from, int n) {
        if (n < UNROLL) {
            double sum = 0.0;
            for (int i = from; i < from + n; i++) {
                sum += x[i];
            }
            return sum;
        }
        if (n <= PAIRWISE_BLOCK) {
            double[] r = Arrays.copyOfRange(x, from, from + UNROLL);
            int i = UNROLL;
            for (; i < n - (n % UNROLL); i += UNROLL) {
                for (int k = 0; k < UNROLL; k++) {
                    r[k] += x[from + i + k];
                }
            }
            double sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                sum += x[from + i];
            }
            return sum;
        }
        int half = n / 2;
        half -= half % UNROLL;
        return pairwiseSum(x, from, half) + pairwiseSum(x, from + half, n - half);
    }

    private static double[] toArray(List<Double> samples) {
        Objects.requireNonNull(samples, "samples");
        double[] x = new double[samples.size()];
        for (int i = 0; i < x.length; i++) {
            Double v = samples.get(i);
            if (v == null || !Double.isFinite(v)) {
                throw new IllegalArgumentException("samples must be finite numbers, but sample " + i + " was " + v);
            }
            x[i] = v;
        }
        return x;
    }
}
