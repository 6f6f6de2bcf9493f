package dev.benchy.core.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * One measured quantity over its samples: llama-benchy's {@code {mean, std, values}} (population std, as
 * llama-benchy, so numbers compare), plus percentiles.
 */
@JsonPropertyOrder({"mean", "std", "values", "p50", "p90", "p99"})
public record Metric(
        @JsonProperty("mean") double mean,
        @JsonProperty("std") double std,
        @JsonProperty("values") List<Double> values,
        @JsonProperty("p50") double p50,
        @JsonProperty("p90") double p90,
        @JsonProperty("p99") double p99) {

    public Metric {
        values = List.copyOf(values);
    }
}
