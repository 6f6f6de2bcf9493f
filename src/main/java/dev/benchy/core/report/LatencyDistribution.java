package dev.benchy.core.report;

import java.util.List;
import java.util.function.Function;

/**
 * The per-request latency distributions a row keeps ({@link RequestDistributions}), each with the bucket bounds
 * vLLM gives its own histogram of that quantity (vLLM 0.11, {@code vllm/v1/metrics/loggers.py}):
 * {@code vllm:time_to_first_token_seconds} for ttfr and e2e_ttft, {@code vllm:e2e_request_latency_seconds} for the
 * request latency, {@code vllm:inter_token_latency_seconds} for the gaps between content events (vLLM observes one
 * gap per streamed output, which may carry several tokens, as the client sees one per event).
 */
public enum LatencyDistribution {

    TTFR(Buckets.TIME_TO_FIRST_TOKEN, RowFlag.Rows.PROMPT, RequestDistributions::ttfr),
    E2E_TTFT(Buckets.TIME_TO_FIRST_TOKEN, RowFlag.Rows.PROMPT, RequestDistributions::e2eTtft),
    REQUEST_LATENCY(Buckets.REQUEST_LATENCY, RowFlag.Rows.PROMPT, RequestDistributions::requestLatency),
    INTER_TOKEN_LATENCY(Buckets.INTER_TOKEN_LATENCY, RowFlag.Rows.GENERATION,
            RequestDistributions::interTokenLatency);

    private final List<Double> bounds;
    private final RowFlag.Rows row;
    private final Function<RequestDistributions, Histogram> histogram;

    LatencyDistribution(List<Double> bounds, RowFlag.Rows row, Function<RequestDistributions, Histogram> histogram) {
        this.bounds = bounds;
        this.row = row;
        this.histogram = histogram;
    }

    /** The upper bounds of the buckets, seconds, ascending (+Inf is implied). */
    public List<Double> bounds() {
        return bounds;
    }

    /** Which of a test's table rows the distribution belongs to (its metric carries that row's name). */
    public RowFlag.Rows row() {
        return row;
    }

    /** This distribution of a run, or null when the run has none. */
    public Histogram of(BenchmarkRun run) {
        return run.distributions() == null ? null : histogram.apply(run.distributions());
    }

    /** vLLM's bucket bounds, seconds. */
    static final class Buckets {

        static final List<Double> TIME_TO_FIRST_TOKEN = List.of(0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1,
                0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0);
        static final List<Double> INTER_TOKEN_LATENCY = List.of(0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4,
                0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0);
        static final List<Double> REQUEST_LATENCY = List.of(0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0,
                20.0, 30.0, 40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0);

        private Buckets() {
        }
    }
}
