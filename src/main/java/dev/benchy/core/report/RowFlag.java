package dev.benchy.core.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Something a reader must know about a row's numbers that the numbers cannot show: they rest on fewer requests or
 * batches than the row ran, on a count that disagrees with the server, on a prefill that was not cold... One
 * structured value that every output reads: a footnote marker in the Markdown table, the {@code flags} column of the
 * CSV, the {@code flags} list of the JSON, the {@code benchy_row_flagged} gauge.
 *
 * @param kind    what it is: a small fixed set, so it can be a metric label
 * @param detail  one line for people, without the row's name ("2 of 5 batches had a failed request; ...")
 * @param figures the numbers it rests on, by name, in a fixed order (counts and token counts are whole numbers)
 */
@JsonPropertyOrder({"kind", "detail", "figures"})
public record RowFlag(
        @JsonProperty("kind") Kind kind,
        @JsonProperty("detail") String detail,
        @JsonProperty("figures") Map<String, Number> figures) {

    /** Which of a test's two table rows a flag speaks of. */
    public enum Rows {
        /** The prompt-processing row ({@code pp…}, {@code ctx_pp…}). */
        PROMPT,
        /** The generation row ({@code tg…}, {@code ctx_tg…}). */
        GENERATION,
        /** Both rows. */
        BOTH
    }

    /**
     * The kinds of flag, and which of a test's rows each speaks of. Adding one is one line here (and the code that
     * raises it).
     */
    public enum Kind {
        /** Some requests failed; every number of the test comes from the others. */
        FAILED_REQUESTS("failed_requests", Rows.BOTH),
        /** Batches with a failed request are left out of t/s (total) and peak t/s (concurrency above 1). */
        PARTIAL_BATCHES("partial_batches", Rows.BOTH),
        /** The server counted more than 2 % more or fewer prompt tokens than the row asked for. */
        PROMPT_TOKENS_MISMATCH("prompt_tokens_mismatch", Rows.PROMPT),
        /** ttfr was not above the latency estimate, so est_ppt was clamped to 0 and gave no pp t/s. */
        EST_PPT_CLAMPED("est_ppt_clamped", Rows.PROMPT),
        /** The server served a meaningful part of the prompt from its cache: the prefill was not cold. */
        CACHE_HIT("cache_hit", Rows.PROMPT);

        private final String id;
        private final Rows rows;

        Kind(String id, Rows rows) {
            this.id = id;
            this.rows = rows;
        }

        /** The JSON value, CSV word and metric label value, e.g. {@code partial_batches}. */
        @JsonValue
        public String id() {
            return id;
        }

        /** Whether the flag marks the test's prompt-processing row. */
        public boolean marksPromptRow() {
            return rows != Rows.GENERATION;
        }

        /** Whether the flag marks the test's generation row. */
        public boolean marksGenerationRow() {
            return rows != Rows.PROMPT;
        }

        @JsonCreator
        public static Kind of(String id) {
            for (Kind kind : values()) {
                if (kind.id.equals(id)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("row flag kind must be one of " + Arrays.stream(values())
                    .map(Kind::id).collect(Collectors.joining(", ")) + ", but was " + id);
        }
    }

    public RowFlag {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
        Map<String, Number> copy = new LinkedHashMap<>();
        if (figures != null) {
            figures.forEach((name, value) -> copy.put(Objects.requireNonNull(name, "figure name"), exact(value)));
        }
        figures = Collections.unmodifiableMap(copy);
    }

    /**
     * A flag with its figures given as name, value pairs in order: {@code of(kind, "...", "failed", 2, "requests", 6)}.
     */
    public static RowFlag of(Kind kind, String detail, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("figures must be name, value pairs, but " + namesAndValues.length
                    + " items were given");
        }
        Map<String, Number> figures = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!(namesAndValues[i] instanceof String name) || !(namesAndValues[i + 1] instanceof Number value)) {
                throw new IllegalArgumentException("figures must be name, value pairs, but item " + i + " was "
                        + namesAndValues[i] + ", " + namesAndValues[i + 1]);
            }
            figures.put(name, value);
        }
        return new RowFlag(kind, detail, figures);
    }

    /** A whole number as a Long, anything else as a Double, so a flag reads back from JSON equal to itself. */
    private static Number exact(Number value) {
        Objects.requireNonNull(value, "figure value");
        double d = value.doubleValue();
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("a figure must be a finite number, but was " + value);
        }
        return d == Math.rint(d) && Math.abs(d) < 0x1p53 ? (Number) (long) d : (Number) d;
    }
}
