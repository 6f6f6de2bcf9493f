package dev.benchy.core.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A row's per-request latencies as histograms, in seconds, each in the buckets vLLM uses for its own metric of
 * the same quantity ({@link LatencyDistribution}), so the client's and the server's distributions overlay. A
 * histogram is null when no successful request gave that quantity.
 *
 * @param ttfr              time to first response of each successful request
 * @param e2eTtft           end-to-end time to first token of each successful request
 * @param requestLatency    each successful request from its start to the end of its response
 * @param interTokenLatency each gap between two consecutive content events of a successful request
 */
@JsonPropertyOrder({"ttfr_seconds", "e2e_ttft_seconds", "request_latency_seconds", "inter_token_latency_seconds"})
public record RequestDistributions(
        @JsonProperty("ttfr_seconds") Histogram ttfr,
        @JsonProperty("e2e_ttft_seconds") Histogram e2eTtft,
        @JsonProperty("request_latency_seconds") Histogram requestLatency,
        @JsonProperty("inter_token_latency_seconds") Histogram interTokenLatency) {
}
