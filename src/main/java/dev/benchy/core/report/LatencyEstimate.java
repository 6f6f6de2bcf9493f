package dev.benchy.core.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * How the latency subtracted from every ttfr was measured: the probes that answered (after the discarded first one),
 * the median of them that is the report's {@code latency_ms}, their range, and their spread between the quartiles
 * (a single slow probe moves neither the median nor the spread), which says how far est_ppt can be trusted. A report
 * whose latency was not measured (mode {@code none}, or every probe failed) has none.
 *
 * @param valuesMs     each answered probe, ms, in the order sent
 * @param failedProbes probes that failed and are left out
 * @param medianMs     the median of the values: the latency used
 * @param minMs        the fastest probe
 * @param maxMs        the slowest probe
 * @param spreadMs     the interquartile range of the values (with five probes, the range of the middle three)
 */
@JsonPropertyOrder({"values_ms", "failed_probes", "median_ms", "min_ms", "max_ms", "spread_ms"})
public record LatencyEstimate(
        @JsonProperty("values_ms") List<Double> valuesMs,
        @JsonProperty("failed_probes") int failedProbes,
        @JsonProperty("median_ms") double medianMs,
        @JsonProperty("min_ms") double minMs,
        @JsonProperty("max_ms") double maxMs,
        @JsonProperty("spread_ms") double spreadMs) {

    public LatencyEstimate {
        valuesMs = valuesMs == null ? List.of() : List.copyOf(valuesMs);
    }
}
