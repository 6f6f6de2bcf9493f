package dev.benchy.core.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The kinds of service-level threshold a target can set: a small fixed set, so it can be a metric label. Limits and
 * measured values are in the report's units: milliseconds for times (as the table), tokens per second for rates, a
 * fraction (0.01 = 1 %) for the error rate.
 */
public enum SloThreshold {
    /** The highest mean time to first response of a row, ms. */
    TTFR("ttfr", "ttfr", true, "ms"),
    /** The highest mean end-to-end time to first token of a row, ms. */
    E2E_TTFT("e2e_ttft", "e2e_ttft", true, "ms"),
    /** The lowest mean prompt-processing speed of one request of a row, t/s. */
    PP_MIN("pp_min", "pp t/s (req)", false, "t/s"),
    /** The lowest mean generation speed of one request of a row, t/s. */
    TG_MIN("tg_min", "tg t/s (req)", false, "t/s"),
    /** The highest share of failed requests, of the whole run (or of a row, when scoped to rows). */
    ERROR_RATE("error_rate", "error rate", true, "");

    private final String id;
    private final String label;
    private final boolean maximum;
    private final String unit;

    SloThreshold(String id, String label, boolean maximum, String unit) {
        this.id = id;
        this.label = label;
        this.maximum = maximum;
        this.unit = unit;
    }

    /** The JSON value and metric label value, e.g. {@code tg_min}. */
    @JsonValue
    public String id() {
        return id;
    }

    /** The configuration key and {@code --slo} name, e.g. {@code tg-min}. */
    public String key() {
        return id.replace('_', '-');
    }

    /** How the report's prose names what is measured, e.g. {@code tg t/s (req)}. */
    public String label() {
        return label;
    }

    /** Whether the limit is a maximum (ttfr, e2e_ttft, error rate) rather than a minimum (t/s). */
    public boolean maximum() {
        return maximum;
    }

    /** The unit of limits and measured values as the report prints them: {@code ms}, {@code t/s}, or none. */
    public String unit() {
        return unit;
    }

    /** Whether {@code measured} is on the wrong side of {@code limit} (a value equal to the limit meets it). */
    public boolean breachedBy(double measured, double limit) {
        return maximum ? measured > limit : measured < limit;
    }

    @JsonCreator
    public static SloThreshold of(String id) {
        for (SloThreshold threshold : values()) {
            if (threshold.id.equals(id)) {
                return threshold;
            }
        }
        throw new IllegalArgumentException("SLO threshold must be one of " + Arrays.stream(values())
                .map(SloThreshold::id).collect(Collectors.joining(", ")) + ", but was " + id);
    }
}
