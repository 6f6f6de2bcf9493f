package dev.benchy.core.plan;

/**
 * The names of table rows, as llama-benchy prints them: {@code pp2048}, {@code tg32 @ d4096},
 * {@code ctx_pp @ d4096}, with {@code " (c2)"} appended when the suite runs more than one concurrency level.
 * One place builds them so the table, the CSV, the JSON {@code test} field and the metric labels agree.
 */
public final class RowLabel {

    private RowLabel() {
    }

    /** The prompt-processing row: {@code pp<P>[ @ d<D>]}, or {@code ctx_pp @ d<D>} for a context-load phase. */
    public static String pp(int pp, int depth, boolean contextPhase) {
        return contextPhase ? "ctx_pp" + depthSuffix(depth) : "pp" + pp + depthSuffix(depth);
    }

    /** The generation row: {@code tg<T>[ @ d<D>]}, or {@code ctx_tg @ d<D>} for a context-load phase. */
    public static String tg(int tg, int depth, boolean contextPhase) {
        return contextPhase ? "ctx_tg" + depthSuffix(depth) : "tg" + tg + depthSuffix(depth);
    }

    /** Appends {@code " (c<c>)"} when the suite's maximum concurrency is above 1. */
    public static String withConcurrency(String label, int concurrency, int maxConcurrency) {
        return maxConcurrency > 1 ? label + " (c" + concurrency + ")" : label;
    }

    private static String depthSuffix(int depth) {
        return depth > 0 ? " @ d" + depth : "";
    }
}
