package dev.benchy.core.measure;

import dev.benchy.core.plan.RowLabel;
import dev.benchy.core.plan.TestCase;
import dev.benchy.core.prompt.Tokenizer;
import dev.benchy.core.report.BenchmarkRun;
import dev.benchy.core.report.Histogram;
import dev.benchy.core.report.LatencyDistribution;
import dev.benchy.core.report.Metric;
import dev.benchy.core.report.RequestDistributions;
import dev.benchy.core.report.RowFlag;
import dev.benchy.core.stream.ErrorReason;
import dev.benchy.core.stream.RequestTrace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;

/**
 * Turns the traces of one test shape (one phase of it) into its {@link BenchmarkRun}: the per-request numbers, the
 * per-batch totals and their statistics, with llama-benchy's column semantics (spec §11.4):
 * <ul>
 *   <li>c == 1: pp and tg are per-request rates (the total and req columns are the same metric);</li>
 *   <li>c &gt; 1: pp_throughput and tg_throughput hold one batch total per run, the req columns every request;</li>
 *   <li>peak_throughput holds one merged-batch peak per run, peak_req_throughput one peak per request;</li>
 *   <li>ttfr, est_ppt, e2e_ttft and content_ttft are milliseconds, one sample per request of every run.</li>
 * </ul>
 * Failed requests are counted (by reason) and their first distinct errors kept, but measure nothing; a batch in
 * which every request failed contributes no sample at all, and one in which some failed gives its requests' own
 * samples but no total and no peak ({@link BatchMeasurement}). The row is flagged ({@link RowFlags}) for failed
 * requests, for batches left out of the totals and for est_ppt clamped to 0. Every successful request's ttfr,
 * e2e_ttft, latency and gaps between content events also go into histograms ({@link RequestDistributions}).
 */
public final class TestAggregator {

    /** How many distinct error messages a run keeps. */
    public static final int MAX_ERRORS = 5;

    private static final double MILLIS_PER_SECOND = 1000.0;

    private TestAggregator() {
    }

    /**
     * Aggregates one test shape.
     *
     * @param testCase             the configured shape (its depth, pp and tg are reported, not the adapted ones)
     * @param batches              the traces, one inner list per run
     * @param expectedPromptTokens E, the prompt tokens this phase processes (pp, or the depth for a context phase)
     * @param latencySeconds       the measured network latency subtracted from ttfr (0 for latency mode none)
     * @param contextPhase         whether this is the context-load phase of prefix caching
     * @param keepTotalSeries      whether to keep each batch's merged throughput series
     * @param keepRequestSeries    whether to keep every request's throughput series
     * @param tokenizer            counts generated text when the server gave neither token ids nor usage; may be null
     */
    public static BenchmarkRun aggregate(TestCase testCase, List<List<RequestTrace>> batches, int expectedPromptTokens,
                                         double latencySeconds, boolean contextPhase, boolean keepTotalSeries,
                                         boolean keepRequestSeries, Tokenizer tokenizer) {
        Objects.requireNonNull(testCase, "testCase");
        Objects.requireNonNull(batches, "batches");
        if (expectedPromptTokens < 1) {
            throw new IllegalArgumentException("expected prompt tokens must be 1 or more, but was "
                    + expectedPromptTokens);
        }
        if (!(latencySeconds >= 0) || Double.isInfinite(latencySeconds)) {
            throw new IllegalArgumentException("latency must be a finite number of seconds, 0 or more, but was "
                    + latencySeconds);
        }
        List<BatchMeasurement> measured = new ArrayList<>();
        for (List<RequestTrace> batch : batches) {
            BatchMeasurement.of(batch, expectedPromptTokens, latencySeconds, tokenizer).ifPresent(measured::add);
        }
        List<RequestMeasurement> requests = measured.stream().flatMap(b -> b.requests().stream()).toList();
        List<RequestTrace> traces = batches.stream().flatMap(List::stream).toList();
        List<RequestTrace> valid = traces.stream().filter(RequestTrace::ok).toList();

        List<BatchMeasurement> complete = measured.stream().filter(BatchMeasurement::complete).toList();
        Metric ppReq = perRequest(requests, RequestMeasurement::ppSpeed);
        Metric tgReq = perRequest(requests, RequestMeasurement::tgSpeed);
        boolean single = testCase.concurrency() == 1;
        Map<String, Integer> reasons = errorReasons(traces);
        List<String> errors = firstErrors(traces);
        List<RowFlag> flags = new ArrayList<>();
        RowFlags.failedRequests(traces.size() - valid.size(), traces.size(), reasons, errors).ifPresent(flags::add);
        int partial = (int) batches.stream().filter(batch -> !batch.stream().allMatch(RequestTrace::ok)).count();
        RowFlags.partialBatches(testCase.concurrency(), partial, batches.size()).ifPresent(flags::add);
        int clamped = (int) requests.stream().filter(RequestMeasurement::estPptClamped).count();
        int timed = (int) requests.stream().filter(r -> r.estPpt().isPresent()).count();
        RowFlags.estPptClamped(clamped, timed, latencySeconds).ifPresent(flags::add);
        return new BenchmarkRun(
                testCase.concurrency(), testCase.depth(), testCase.pp(), testCase.tg(), contextPhase,
                single ? ppReq : perBatch(complete, BatchMeasurement::ppTotal), ppReq,
                single ? tgReq : perBatch(complete, BatchMeasurement::tgTotal), tgReq,
                perBatch(complete, BatchMeasurement::peakTotal),
                perRequest(requests, RequestMeasurement::peak),
                millis(requests, RequestMeasurement::ttfr),
                millis(requests, RequestMeasurement::estPpt),
                millis(requests, RequestMeasurement::e2eTtft),
                keepTotalSeries ? totalSeries(complete) : null,
                keepRequestSeries ? requestSeries(measured) : null,
                RowLabel.pp(testCase.pp(), testCase.depth(), contextPhase),
                millis(requests, RequestMeasurement::contentTtft),
                reported(valid, RequestTrace::promptTokens),
                reported(valid, RequestTrace::cachedTokens),
                valid.stream().anyMatch(t -> servedFromCache(t, expectedPromptTokens)),
                traces.size(),
                traces.size() - valid.size(),
                errors,
                flags,
                reasons,
                distributions(requests));
    }

    /** Each successful request's latencies as histograms, in vLLM's buckets ({@link LatencyDistribution}). */
    static RequestDistributions distributions(List<RequestMeasurement> requests) {
        List<Double> gaps = requests.stream().flatMapToDouble(r -> Arrays.stream(r.eventGaps())).boxed().toList();
        return new RequestDistributions(
                histogram(LatencyDistribution.TTFR, present(requests.stream().map(RequestMeasurement::ttfr))),
                histogram(LatencyDistribution.E2E_TTFT, present(requests.stream().map(RequestMeasurement::e2eTtft))),
                histogram(LatencyDistribution.REQUEST_LATENCY,
                        present(requests.stream().map(RequestMeasurement::latency))),
                histogram(LatencyDistribution.INTER_TOKEN_LATENCY, gaps));
    }

    private static Histogram histogram(LatencyDistribution distribution, List<Double> seconds) {
        return Histogram.of(distribution.bounds(), seconds);
    }

    /** How many requests failed for each reason, in {@link ErrorReason}'s order; empty when none failed. */
    static Map<String, Integer> errorReasons(List<RequestTrace> traces) {
        Map<ErrorReason, Integer> counts = new EnumMap<>(ErrorReason.class);
        for (RequestTrace trace : traces) {
            if (!trace.ok()) {
                counts.merge(trace.reason(), 1, Integer::sum);
            }
        }
        Map<String, Integer> byId = new LinkedHashMap<>();
        counts.forEach((reason, n) -> byId.put(reason.id(), n));
        return byId;
    }

    /**
     * Whether the server says it reused a meaningful part of the prompt: more than {@value #CACHE_HIT_SHARE} of the
     * prompt tokens. A handful of shared leading tokens (a template's BOS, a word two random windows happen to start
     * with) does not make a prefill warm.
     */
    static boolean servedFromCache(RequestTrace trace, int expectedPromptTokens) {
        return trace.cachedTokens() > 0 && trace.cachedTokens() > CACHE_HIT_SHARE * expectedPromptTokens;
    }

    /** The share of prompt tokens served from cache above which a pp measurement is flagged as not cold. */
    static final double CACHE_HIT_SHARE = 0.05;

    /** One throughput series per complete batch: all its tokens merged. */
    static List<List<double[]>> totalSeries(List<BatchMeasurement> batches) {
        return batches.stream().map(b -> Peak.series(b.tokens())).toList();
    }

    /** Per contributing batch, one series per successful request (empty for a request that produced no token). */
    static List<List<List<double[]>>> requestSeries(List<BatchMeasurement> batches) {
        return batches.stream()
                .map(b -> b.requests().stream().map(r -> Peak.series(r.timeline().seconds())).toList())
                .toList();
    }

    /** Up to {@link #MAX_ERRORS} distinct error messages, in the order they were first seen. */
    static List<String> firstErrors(List<RequestTrace> traces) {
        Set<String> errors = new LinkedHashSet<>();
        for (RequestTrace trace : traces) {
            if (!trace.ok() && errors.size() < MAX_ERRORS) {
                errors.add(trace.error());
            }
        }
        return List.copyOf(errors);
    }

    private static Metric perRequest(List<RequestMeasurement> requests,
                                     Function<RequestMeasurement, OptionalDouble> value) {
        return Stats.metric(present(requests.stream().map(value)));
    }

    private static Metric perBatch(List<BatchMeasurement> batches, Function<BatchMeasurement, OptionalDouble> value) {
        return Stats.metric(present(batches.stream().map(value)));
    }

    private static Metric millis(List<RequestMeasurement> requests,
                                 Function<RequestMeasurement, OptionalDouble> value) {
        return Stats.metric(present(requests.stream().map(value)), MILLIS_PER_SECOND);
    }

    /** The metric of a count the server reported (absent counts skipped), or null when no request reported it. */
    private static Metric reported(List<RequestTrace> traces, ToIntFunction<RequestTrace> count) {
        return Stats.metric(traces.stream().mapToInt(count).filter(n -> n >= 0).asDoubleStream().boxed().toList());
    }

    private static List<Double> present(Stream<OptionalDouble> values) {
        return values.filter(OptionalDouble::isPresent).map(OptionalDouble::getAsDouble).toList();
    }
}
