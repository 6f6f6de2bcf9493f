package dev.benchy.core.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A run judged against its target's service-level thresholds: the thresholds that applied, each one the run broke,
 * and the target's state. The report's {@code slo} part, the state shown by {@code /api/targets} and the
 * {@code benchy_target_state} gauge.
 *
 * @param thresholds the limits that applied, target-wide ones first, then those scoped to rows
 * @param breaches   every limit the run broke, in the report's row order (a run-wide error rate first)
 * @param state      what the breaches and the run's status add up to ({@link State})
 */
@JsonPropertyOrder({"thresholds", "breaches", "state"})
public record SloVerdict(
        @JsonProperty("thresholds") List<Limit> thresholds,
        @JsonProperty("breaches") List<Breach> breaches,
        @JsonProperty("state") State state) {

    /**
     * A target's state after a run: {@code failing} when the run failed or was cancelled, or its error rate broke a
     * limit; {@code degraded} when any other limit broke; else {@code healthy}.
     */
    public enum State {
        HEALTHY, DEGRADED, FAILING;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static State of(String id) {
            for (State state : values()) {
                if (state.id().equals(id)) {
                    return state;
                }
            }
            throw new IllegalArgumentException("SLO state must be healthy, degraded or failing, but was " + id);
        }
    }

    /**
     * One limit that applied.
     *
     * @param threshold what it limits
     * @param limit     the limit, in the threshold's unit ({@link SloThreshold})
     * @param scope     the rows it was scoped to, or null for every row (the whole run, for the error rate)
     */
    @JsonPropertyOrder({"threshold", "limit", "scope"})
    public record Limit(
            @JsonProperty("threshold") SloThreshold threshold,
            @JsonProperty("limit") double limit,
            @JsonProperty("scope") @JsonInclude(JsonInclude.Include.NON_NULL) RowScope scope) {

        public Limit {
            Objects.requireNonNull(threshold, "threshold");
        }
    }

    /**
     * One limit the run broke.
     *
     * @param threshold what was limited
     * @param row       the table row that broke it ({@code pp2048 @ d4096}), or null for the whole run
     * @param measured  the row's (or run's) value, in the threshold's unit
     * @param limit     the limit it broke
     */
    @JsonPropertyOrder({"threshold", "row", "measured", "limit"})
    public record Breach(
            @JsonProperty("threshold") SloThreshold threshold,
            @JsonProperty("row") String row,
            @JsonProperty("measured") double measured,
            @JsonProperty("limit") double limit) {

        public Breach {
            Objects.requireNonNull(threshold, "threshold");
        }
    }

    public SloVerdict {
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
        breaches = breaches == null ? List.of() : List.copyOf(breaches);
        Objects.requireNonNull(state, "state");
    }

    /** How many breaches of one kind. */
    public long breachesOf(SloThreshold threshold) {
        return breaches.stream().filter(b -> b.threshold() == threshold).count();
    }
}
