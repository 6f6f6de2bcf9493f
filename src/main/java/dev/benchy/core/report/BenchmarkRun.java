package dev.benchy.core.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.benchy.core.plan.RowLabel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results of one test shape (one phase of it, with prefix caching): llama-benchy's BenchmarkRun fields in its
 * order, then benchy's additions. Times are milliseconds, rates tokens per second; an absent metric is null.
 *
 * <p>Time series are per batch: {@code throughputOverTime} a list (one per batch) of {@code [seconds since the batch's
 * first token, tokens in the trailing second]} points; {@code requestsThroughputOverTime} a list per batch of one such
 * series per successful request.
 *
 * <p>{@code flags} says what a reader must know about the numbers ({@link RowFlag}); {@code errorReasons} counts the
 * failed requests by {@link dev.benchy.core.stream.ErrorReason} id, in that enum's order; {@code distributions} holds
 * the per-request latencies as histograms in seconds (null in reports written before benchy kept them).
 */
@JsonPropertyOrder({
        "concurrency", "context_size", "prompt_size", "response_size", "is_context_prefill_phase",
        "pp_throughput", "pp_req_throughput", "tg_throughput", "tg_req_throughput",
        "peak_throughput", "peak_req_throughput", "ttfr", "est_ppt", "e2e_ttft",
        "throughput_over_time", "requests_throughput_over_time",
        "test", "content_ttft", "prompt_tokens", "cached_tokens", "cache_hit",
        "requests", "failed_requests", "errors", "flags", "error_reasons", "distributions"})
public record BenchmarkRun(
        @JsonProperty("concurrency") int concurrency,
        @JsonProperty("context_size") int contextSize,
        @JsonProperty("prompt_size") int promptSize,
        @JsonProperty("response_size") int responseSize,
        @JsonProperty("is_context_prefill_phase") boolean contextPrefillPhase,
        @JsonProperty("pp_throughput") Metric ppThroughput,
        @JsonProperty("pp_req_throughput") Metric ppReqThroughput,
        @JsonProperty("tg_throughput") Metric tgThroughput,
        @JsonProperty("tg_req_throughput") Metric tgReqThroughput,
        @JsonProperty("peak_throughput") Metric peakThroughput,
        @JsonProperty("peak_req_throughput") Metric peakReqThroughput,
        @JsonProperty("ttfr") Metric ttfr,
        @JsonProperty("est_ppt") Metric estPpt,
        @JsonProperty("e2e_ttft") Metric e2eTtft,
        @JsonProperty("throughput_over_time") List<List<double[]>> throughputOverTime,
        @JsonProperty("requests_throughput_over_time") List<List<List<double[]>>> requestsThroughputOverTime,
        /* benchy's additions */
        @JsonProperty("test") String test,
        @JsonProperty("content_ttft") Metric contentTtft,
        @JsonProperty("prompt_tokens") Metric promptTokens,
        @JsonProperty("cached_tokens") Metric cachedTokens,
        @JsonProperty("cache_hit") boolean cacheHit,
        @JsonProperty("requests") int requests,
        @JsonProperty("failed_requests") int failedRequests,
        @JsonProperty("errors") List<String> errors,
        @JsonProperty("flags") List<RowFlag> flags,
        @JsonProperty("error_reasons") Map<String, Integer> errorReasons,
        @JsonProperty("distributions") RequestDistributions distributions) {

    public BenchmarkRun {
        errors = errors == null ? List.of() : List.copyOf(errors);
        flags = flags == null ? List.of() : List.copyOf(flags);
        errorReasons = errorReasons == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(errorReasons));
    }

    /** A run without flags and error reasons (llama-benchy's fields and benchy's first additions). */
    public BenchmarkRun(int concurrency, int contextSize, int promptSize, int responseSize, boolean contextPrefillPhase,
                        Metric ppThroughput, Metric ppReqThroughput, Metric tgThroughput, Metric tgReqThroughput,
                        Metric peakThroughput, Metric peakReqThroughput, Metric ttfr, Metric estPpt, Metric e2eTtft,
                        List<List<double[]>> throughputOverTime,
                        List<List<List<double[]>>> requestsThroughputOverTime, String test, Metric contentTtft,
                        Metric promptTokens, Metric cachedTokens, boolean cacheHit, int requests, int failedRequests,
                        List<String> errors) {
        this(concurrency, contextSize, promptSize, responseSize, contextPrefillPhase, ppThroughput, ppReqThroughput,
                tgThroughput, tgReqThroughput, peakThroughput, peakReqThroughput, ttfr, estPpt, e2eTtft,
                throughputOverTime, requestsThroughputOverTime, test, contentTtft, promptTokens, cachedTokens, cacheHit,
                requests, failedRequests, errors, List.of(), Map.of(), null);
    }

    /** A run without latency distributions. */
    public BenchmarkRun(int concurrency, int contextSize, int promptSize, int responseSize, boolean contextPrefillPhase,
                        Metric ppThroughput, Metric ppReqThroughput, Metric tgThroughput, Metric tgReqThroughput,
                        Metric peakThroughput, Metric peakReqThroughput, Metric ttfr, Metric estPpt, Metric e2eTtft,
                        List<List<double[]>> throughputOverTime,
                        List<List<List<double[]>>> requestsThroughputOverTime, String test, Metric contentTtft,
                        Metric promptTokens, Metric cachedTokens, boolean cacheHit, int requests, int failedRequests,
                        List<String> errors, List<RowFlag> flags, Map<String, Integer> errorReasons) {
        this(concurrency, contextSize, promptSize, responseSize, contextPrefillPhase, ppThroughput, ppReqThroughput,
                tgThroughput, tgReqThroughput, peakThroughput, peakReqThroughput, ttfr, estPpt, e2eTtft,
                throughputOverTime, requestsThroughputOverTime, test, contentTtft, promptTokens, cachedTokens, cacheHit,
                requests, failedRequests, errors, flags, errorReasons, null);
    }

    /**
     * pp t/s of one request. With one request in flight the per-request rate is the total rate, so a missing
     * {@code pp_req_throughput} is the {@code pp_throughput} then (llama-benchy stores the same object twice).
     */
    public Metric ppPerRequest() {
        return perRequest(ppReqThroughput, ppThroughput);
    }

    /** tg t/s of one request, filled from the total rate at concurrency 1 as {@link #ppPerRequest()}. */
    public Metric tgPerRequest() {
        return perRequest(tgReqThroughput, tgThroughput);
    }

    private Metric perRequest(Metric perRequest, Metric total) {
        return perRequest == null && concurrency == 1 ? total : perRequest;
    }

    /**
     * The name of one of this run's table rows as the report prints it: {@code pp2048 @ d4096 (c2)} for the prompt
     * row, {@code tg32 @ d4096 (c2)} for the generation row ({@link RowFlag.Rows#BOTH} names the prompt row).
     */
    public String rowName(RowFlag.Rows row, int maxConcurrency) {
        String name = row == RowFlag.Rows.GENERATION
                ? RowLabel.tg(responseSize, contextSize, contextPrefillPhase)
                : RowLabel.pp(promptSize, contextSize, contextPrefillPhase);
        return RowLabel.withConcurrency(name, concurrency, maxConcurrency);
    }

    /** This run with {@code more} flags after its own. */
    public BenchmarkRun withFlags(List<RowFlag> more) {
        List<RowFlag> all = new ArrayList<>(flags);
        all.addAll(more);
        return new BenchmarkRun(concurrency, contextSize, promptSize, responseSize, contextPrefillPhase, ppThroughput,
                ppReqThroughput, tgThroughput, tgReqThroughput, peakThroughput, peakReqThroughput, ttfr, estPpt,
                e2eTtft, throughputOverTime, requestsThroughputOverTime, test, contentTtft, promptTokens, cachedTokens,
                cacheHit, requests, failedRequests, errors, all, errorReasons, distributions);
    }
}
