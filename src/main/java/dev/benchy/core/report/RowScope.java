package dev.benchy.core.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.StringJoiner;

/**
 * Which test rows a threshold is scoped to: those whose every given value matches (a value left out matches
 * anything). Rows of the context-load phase of prefix caching are never in scope.
 */
@JsonPropertyOrder({"depth", "concurrency", "pp", "tg"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RowScope(
        @JsonProperty("depth") Integer depth,
        @JsonProperty("concurrency") Integer concurrency,
        @JsonProperty("pp") Integer pp,
        @JsonProperty("tg") Integer tg) {

    /** Whether the run is one of the rows in scope. */
    public boolean matches(BenchmarkRun run) {
        return !run.contextPrefillPhase() && same(depth, run.contextSize()) && same(concurrency, run.concurrency())
                && same(pp, run.promptSize()) && same(tg, run.responseSize());
    }

    /** The scope as people and metric labels read it: {@code depth=4096,concurrency=2}. */
    public String text() {
        StringJoiner out = new StringJoiner(",");
        add(out, "depth", depth);
        add(out, "concurrency", concurrency);
        add(out, "pp", pp);
        add(out, "tg", tg);
        return out.toString();
    }

    private static boolean same(Integer wanted, int actual) {
        return wanted == null || wanted == actual;
    }

    private static void add(StringJoiner out, String name, Integer value) {
        if (value != null) {
            out.add(name + "=" + value);
        }
    }
}
