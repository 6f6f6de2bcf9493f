package dev.benchy.core.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The results of one test shape (one phase of it, with prefix caching): llama-benchy's BenchmarkRun fields in its
 * order, then benchy's additions. Times are milliseconds, rates tokens per second; an absent metric is null.
 *
 * <p>Time series are per batch: {@code throughputOverTime} a list (one per batch) of {@code [seconds since the batch's
 * first token, tokens in the trailing second]} points; {@code requestsThroughputOverTime} a list per batch of one such
 * series per successful request.
 */
@JsonPropertyOrder({
        "concurrency", "context_size", "prompt_size", "response_size", "is_context_prefill_phase",
        "pp_throughput", "pp_req_throughput", "tg_throughput", "tg_req_throughput",
        "peak_throughput", "peak_req_throughput", "ttfr", "est_ppt", "e2e_ttft",
        "throughput_over_time", "requests_throughput_over_time",
        "test", "content_ttft", "prompt_tokens", "cached_tokens", "cache_hit",
        "requests", "failed_requests", "errors"})
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
        @JsonProperty("errors") List<String> errors) {

    public BenchmarkRun {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
