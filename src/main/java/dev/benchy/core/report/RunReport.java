package dev.benchy.core.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The report of one benchmark run against one model: llama-benchy 0.3.6's report fields in its order (so its
 * schema and consumers keep working), then benchy's additions. The single model every writer and sink reads.
 *
 * <p>{@code latencyEstimate} is how {@code latency_ms} was measured; null when it was not (mode none, or no probe
 * answered), where llama-benchy's {@code latency_ms} must still be a number and is 0. {@code slo} is the run judged
 * against its target's thresholds ({@link SloVerdict}); null when it was not judged ({@code bench} without
 * {@code --slo}).
 */
@JsonPropertyOrder({
        "version", "timestamp", "latency_mode", "latency_ms", "model", "prefix_caching_enabled", "max_concurrency",
        "benchmarks",
        "id", "target", "served_model", "base_url", "tokenizer", "status", "error", "warnings",
        "started_at", "finished_at", "duration_seconds", "seed", "latency_estimate", "request_shape", "slo"})
public record RunReport(
        @JsonProperty("version") String version,
        @JsonProperty("timestamp") String timestamp,
        @JsonProperty("latency_mode") String latencyMode,
        @JsonProperty("latency_ms") double latencyMs,
        @JsonProperty("model") String model,
        @JsonProperty("prefix_caching_enabled") boolean prefixCachingEnabled,
        @JsonProperty("max_concurrency") int maxConcurrency,
        @JsonProperty("benchmarks") List<BenchmarkRun> benchmarks,
        /* benchy's additions */
        @JsonProperty("id") String id,
        @JsonProperty("target") String target,
        @JsonProperty("served_model") String servedModel,
        @JsonProperty("base_url") String baseUrl,
        @JsonProperty("tokenizer") String tokenizer,
        @JsonProperty("status") RunStatus status,
        @JsonProperty("error") String error,
        @JsonProperty("warnings") List<String> warnings,
        @JsonProperty("started_at") String startedAt,
        @JsonProperty("finished_at") String finishedAt,
        @JsonProperty("duration_seconds") double durationSeconds,
        @JsonProperty("seed") Long seed,
        @JsonProperty("latency_estimate") LatencyEstimate latencyEstimate,
        @JsonProperty("request_shape") RequestShapeUsed requestShape,
        @JsonProperty("slo") SloVerdict slo) {

    public RunReport {
        benchmarks = benchmarks == null ? List.of() : List.copyOf(benchmarks);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A report without a latency estimate (latency not measured). */
    public RunReport(String version, String timestamp, String latencyMode, double latencyMs, String model,
                     boolean prefixCachingEnabled, int maxConcurrency, List<BenchmarkRun> benchmarks, String id,
                     String target, String servedModel, String baseUrl, String tokenizer, RunStatus status,
                     String error, List<String> warnings, String startedAt, String finishedAt, double durationSeconds,
                     Long seed) {
        this(version, timestamp, latencyMode, latencyMs, model, prefixCachingEnabled, maxConcurrency, benchmarks, id,
                target, servedModel, baseUrl, tokenizer, status, error, warnings, startedAt, finishedAt,
                durationSeconds, seed, null, null, null);
    }

    /** A report not judged against service-level thresholds. */
    public RunReport(String version, String timestamp, String latencyMode, double latencyMs, String model,
                     boolean prefixCachingEnabled, int maxConcurrency, List<BenchmarkRun> benchmarks, String id,
                     String target, String servedModel, String baseUrl, String tokenizer, RunStatus status,
                     String error, List<String> warnings, String startedAt, String finishedAt, double durationSeconds,
                     Long seed, LatencyEstimate latencyEstimate) {
        this(version, timestamp, latencyMode, latencyMs, model, prefixCachingEnabled, maxConcurrency, benchmarks, id,
                target, servedModel, baseUrl, tokenizer, status, error, warnings, startedAt, finishedAt,
                durationSeconds, seed, latencyEstimate, null, null);
    }

    /** This report with {@code earlier} warnings before its own (e.g. from loading the tokenizer and book). */
    public RunReport withEarlierWarnings(List<String> earlier) {
        List<String> all = new java.util.ArrayList<>(earlier);
        all.addAll(warnings);
        return new RunReport(version, timestamp, latencyMode, latencyMs, model, prefixCachingEnabled,
                maxConcurrency, benchmarks, id, target, servedModel, baseUrl, tokenizer, status, error, all,
                startedAt, finishedAt, durationSeconds, seed, latencyEstimate, requestShape, slo);
    }

    /** This report with another error text (the status stays). */
    public RunReport withError(String newError) {
        return new RunReport(version, timestamp, latencyMode, latencyMs, model, prefixCachingEnabled,
                maxConcurrency, benchmarks, id, target, servedModel, baseUrl, tokenizer, status, newError, warnings,
                startedAt, finishedAt, durationSeconds, seed, latencyEstimate, requestShape, slo);
    }

    /** This report judged against its target's service-level thresholds. */
    public RunReport withSlo(SloVerdict verdict) {
        return new RunReport(version, timestamp, latencyMode, latencyMs, model, prefixCachingEnabled,
                maxConcurrency, benchmarks, id, target, servedModel, baseUrl, tokenizer, status, error, warnings,
                startedAt, finishedAt, durationSeconds, seed, latencyEstimate, requestShape, verdict);
    }
}
