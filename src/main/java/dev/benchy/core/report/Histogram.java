package dev.benchy.core.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How a row's per-request observations (seconds) fall into a fixed set of buckets: the shape of a Prometheus
 * histogram, so the service adds each run's counts to its cumulative series. Only the buckets that hold an
 * observation are kept; a bucket holds the observations above the previous upper bound and at most its own (as
 * Prometheus' {@code le}), the last one, {@value #INF}, those above every bound.
 *
 * @param count   how many observations
 * @param sum     their sum, seconds
 * @param buckets observations per non-empty bucket, keyed by its upper bound as Prometheus writes {@code le}
 *                ({@code "0.25"}, {@code "1.0"}, {@code "+Inf"}), kept in ascending order of the bound
 */
@JsonPropertyOrder({"count", "sum", "buckets"})
public record Histogram(
        @JsonProperty("count") long count,
        @JsonProperty("sum") double sum,
        @JsonProperty("buckets") Map<String, Long> buckets) {

    /** The bucket above every bound. */
    public static final String INF = "+Inf";

    public Histogram {
        Map<String, Long> sorted = new TreeMap<>(Comparator.comparingDouble(Histogram::bound));
        if (buckets != null) {
            buckets.forEach((le, n) -> {
                if (n == null || n < 1) {
                    throw new IllegalArgumentException("a bucket must count 1 observation or more, but " + le
                            + " counted " + n);
                }
                sorted.put(le, n);
            });
        }
        buckets = Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
    }

    /**
     * The histogram of {@code values} over ascending upper {@code bounds}, or null when there are no values.
     *
     * @throws IllegalArgumentException when the bounds are not strictly ascending or a value is not a finite number
     */
    public static Histogram of(List<Double> bounds, List<Double> values) {
        requireAscending(bounds);
        if (values.isEmpty()) {
            return null;
        }
        long[] counts = new long[bounds.size() + 1];
        double sum = 0;
        for (double value : values) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("an observation must be a finite number, but was " + value);
            }
            int bucket = 0;
            while (bucket < bounds.size() && value > bounds.get(bucket)) {
                bucket++;
            }
            counts[bucket]++;
            sum += value;
        }
        Map<String, Long> buckets = new LinkedHashMap<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                buckets.put(i < bounds.size() ? le(bounds.get(i)) : INF, counts[i]);
            }
        }
        return new Histogram(values.size(), sum, buckets);
    }

    /**
     * The cumulative counts over {@code bounds} as Prometheus exposes them: entry i counts the observations at most
     * {@code bounds[i]}, the last entry ({@code +Inf}) all of them.
     *
     * @throws IllegalArgumentException when a bucket of this histogram is not one of the bounds
     */
    public long[] cumulative(List<Double> bounds) {
        requireAscending(bounds);
        Map<String, Long> left = new LinkedHashMap<>(buckets);
        long[] out = new long[bounds.size() + 1];
        long running = 0;
        for (int i = 0; i < bounds.size(); i++) {
            Long n = left.remove(le(bounds.get(i)));
            running += n == null ? 0 : n;
            out[i] = running;
        }
        Long above = left.remove(INF);
        out[bounds.size()] = running + (above == null ? 0 : above);
        if (!left.isEmpty()) {
            throw new IllegalArgumentException("histogram buckets must be among the bounds " + bounds.stream()
                    .map(Histogram::le).toList() + ", but were " + buckets.keySet());
        }
        return out;
    }

    /** An upper bound as Prometheus writes it in {@code le}: {@code 0.001}, {@code 1.0}, {@code 2560.0}. */
    public static String le(double bound) {
        return PythonFloat.repr(bound);
    }

    /** The upper bound a bucket key stands for. */
    private static double bound(String le) {
        if (INF.equals(le)) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            return Double.parseDouble(le);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a bucket must be named by its upper bound or " + INF + ", but was "
                    + le);
        }
    }

    private static void requireAscending(List<Double> bounds) {
        Objects.requireNonNull(bounds, "bounds");
        for (int i = 1; i < bounds.size(); i++) {
            if (!(bounds.get(i) > bounds.get(i - 1))) {
                throw new IllegalArgumentException("bucket bounds must ascend, but were " + bounds);
            }
        }
    }
}
