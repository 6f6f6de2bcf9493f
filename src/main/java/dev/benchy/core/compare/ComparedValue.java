package dev.benchy.core.compare;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.benchy.core.report.MetricColumn;

import java.util.Locale;

/**
 * One metric of one row in both reports: the two means and how B stands against A.
 *
 * @param test        the row's label without the concurrency suffix
 * @param concurrency the row's concurrency
 * @param column      the metric
 * @param header      the metric's name as the table's header shows it
 * @param a           the mean in A
 * @param b           the mean in B
 */
@JsonPropertyOrder({"test", "concurrency", "metric", "header", "a", "b", "change_percent", "verdict"})
public record ComparedValue(@JsonProperty("test") String test, @JsonProperty("concurrency") int concurrency,
                            @JsonIgnore MetricColumn column, @JsonProperty("header") String header,
                            @JsonProperty("a") double a, @JsonProperty("b") double b) {

    /** Whether B is better, worse or the same as A for this metric. */
    public enum Verdict {
        BETTER, WORSE, SAME;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The metric's CSV key ({@code t_s}, {@code ttfr}...). */
    @JsonProperty("metric")
    public String metric() {
        return column.csvKey();
    }

    /** {@code (b - a) / a} in percent; null when A is 0 (no change can be stated). */
    @JsonProperty("change_percent")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public Double changePercent() {
        return a == 0 ? null : (b - a) / a * 100;
    }

    /** Rates are better higher, times better lower. */
    @JsonProperty("verdict")
    public Verdict verdict() {
        if (a == b) {
            return Verdict.SAME;
        }
        return (b > a) == higherIsBetter(column) ? Verdict.BETTER : Verdict.WORSE;
    }

    /** Whether a higher value of the metric is better: true of the rates, false of the times. */
    public static boolean higherIsBetter(MetricColumn column) {
        return switch (column) {
            case TTFR, EST_PPT, E2E_TTFT -> false;
            case THROUGHPUT, REQUEST_THROUGHPUT, PEAK, REQUEST_PEAK -> true;
        };
    }

    /** Whether the metric is a row's speed, which the {@code --fail-below} gate watches: t/s, total and per request. */
    @JsonIgnore
    public boolean isSpeed() {
        return column == MetricColumn.THROUGHPUT || column == MetricColumn.REQUEST_THROUGHPUT;
    }
}
