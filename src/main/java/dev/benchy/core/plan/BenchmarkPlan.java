package dev.benchy.core.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to measure and how: the test matrix (depth x pp x tg x concurrency, in llama-benchy's loop order)
 * and the options that change how each request is built and measured. Immutable and validated.
 */
public record BenchmarkPlan(
        List<Integer> pp,
        List<Integer> tg,
        List<Integer> depth,
        List<Integer> concurrency,
        int runs,
        LatencyMode latencyMode,
        boolean prefixCaching,
        boolean noCache,
        boolean warmup,
        boolean adaptPrompt,
        boolean coherence,
        Duration requestTimeout,
        Long seed) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(600);

    public BenchmarkPlan {
        pp = nonEmpty("pp", pp, 1);
        tg = nonEmpty("tg", tg, 1);
        depth = nonEmpty("depth", depth, 0);
        concurrency = nonEmpty("concurrency", concurrency, 1);
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be 1 or more, but was " + runs);
        }
        Objects.requireNonNull(latencyMode, "latencyMode");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isZero() || requestTimeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, but was " + requestTimeout);
        }
    }

    /** llama-benchy's defaults: pp 2048, tg 32, depth 0, concurrency 1, 3 runs, api latency. */
    public static BenchmarkPlan defaults() {
        return new BenchmarkPlan(List.of(2048), List.of(32), List.of(0), List.of(1), 3, LatencyMode.API,
                false, false, true, true, true, DEFAULT_TIMEOUT, null);
    }

    private static List<Integer> nonEmpty(String name, List<Integer> values, int min) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException(name + " must list at least one value, but was empty");
        }
        for (Integer v : values) {
            if (v == null || v < min) {
                throw new IllegalArgumentException(name + " values must be " + min + " or more, but was " + v);
            }
        }
        return List.copyOf(values);
    }

    /** The test shapes in llama-benchy's order: depth, then pp, then tg, then concurrency. */
    public List<TestCase> testCases() {
        List<TestCase> cases = new ArrayList<>();
        for (int d : depth) {
            for (int p : pp) {
                for (int t : tg) {
                    for (int c : concurrency) {
                        cases.add(new TestCase(d, p, t, c));
                    }
                }
            }
        }
        return List.copyOf(cases);
    }

    public int maxConcurrency() {
        return concurrency.stream().mapToInt(Integer::intValue).max().orElse(1);
    }
}
