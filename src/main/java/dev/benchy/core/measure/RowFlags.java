package dev.benchy.core.measure;

import dev.benchy.core.report.BenchmarkRun;
import dev.benchy.core.report.Metric;
import dev.benchy.core.report.ReportText;
import dev.benchy.core.report.RowFlag;
import dev.benchy.core.report.RowFlag.Kind;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * When a row is flagged, and the words and figures of each flag: pure functions of what the test measured, one per
 * {@link Kind}, each empty when its condition does not hold.
 */
public final class RowFlags {

    /**
     * How far the server's prompt-token count may stray from what the row asked for, as a fraction of it, before the
     * row is flagged: more than a chat template's rounding, less than a tokenizer of another model family (GPT-2's
     * count of Llama text is 10–15 % off).
     */
    public static final double PROMPT_TOKEN_TOLERANCE = 0.02;

    private RowFlags() {
    }

    /** Some requests failed: how many, by reason, and the first distinct error (with how many others there were). */
    static Optional<RowFlag> failedRequests(int failed, int requests, Map<String, Integer> reasons,
                                            List<String> errors) {
        if (failed == 0) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder(failed + " of " + requests
                + (requests == 1 ? " request failed" : " requests failed"));
        if (!reasons.isEmpty()) {
            List<String> byReason = new ArrayList<>();
            reasons.forEach((reason, n) -> byReason.add(n + " " + reason));
            text.append(" (").append(String.join(", ", byReason)).append(')');
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String error : errors) {
            if (error != null && !error.isBlank()) {
                distinct.add(ReportText.oneLine(error));
            }
        }
        if (distinct.isEmpty()) {
            text.append('.');
        } else {
            int others = distinct.size() - 1;
            text.append(": ").append(distinct.iterator().next());
            if (others > 0) {
                text.append(" (and ").append(others).append(others == 1 ? " other error)" : " other errors)");
            }
        }
        return Optional.of(RowFlag.of(Kind.FAILED_REQUESTS, text.toString(), "failed", failed, "requests", requests));
    }

    /** Batches with a failed request, left out of the totals and the peak (only at concurrency above 1). */
    static Optional<RowFlag> partialBatches(int concurrency, int leftOut, int batches) {
        if (concurrency < 2 || leftOut == 0) {
            return Optional.empty();
        }
        return Optional.of(RowFlag.of(Kind.PARTIAL_BATCHES, leftOut + " of "
                + ReportText.count(batches, "batch", "batches") + " had a failed request and "
                + (leftOut == 1 ? "is" : "are") + " left out of t/s (total) and peak t/s",
                "left_out", leftOut, "batches", batches));
    }

    /** Requests whose ttfr was not above the latency: est_ppt 0, no pp t/s. */
    static Optional<RowFlag> estPptClamped(int clamped, int requests, double latencySeconds) {
        if (clamped == 0) {
            return Optional.empty();
        }
        double latencyMs = latencySeconds * 1000;
        return Optional.of(RowFlag.of(Kind.EST_PPT_CLAMPED, "est_ppt was clamped to 0 for " + clamped + " of "
                        + ReportText.count(requests, "request") + ": ttfr was not above the latency of "
                        + ReportText.millis(latencyMs) + ", so they give no pp t/s",
                "clamped", clamped, "requests", requests, "latency_ms", latencyMs));
    }

    /**
     * The server counted more than {@value #PROMPT_TOKEN_TOLERANCE} (as a fraction) more or fewer prompt tokens than
     * the row asked for: its label names a prompt size the server did not process. The server's count is the median
     * of what it reported per request.
     *
     * @param reported the server's {@code usage.prompt_tokens} per request, or null when it reported none
     * @param expected the prompt tokens the server should count: the text sent plus the measured template overhead
     */
    public static Optional<RowFlag> promptTokensMismatch(Metric reported, int expected) {
        if (reported == null || expected < 1) {
            return Optional.empty();
        }
        double median = reported.p50();
        double off = (median - expected) / expected;
        if (Math.abs(off) <= PROMPT_TOKEN_TOLERANCE) {
            return Optional.empty();
        }
        return Optional.of(RowFlag.of(Kind.PROMPT_TOKENS_MISMATCH, "the server counted "
                        + ReportText.number(median) + " prompt tokens where " + expected + " were meant ("
                        + String.format(Locale.ROOT, "%+.1f %%", off * 100)
                        + "): the tokenizer is not the server's, or the template differs",
                "expected", expected, "reported", median));
    }

    /**
     * The server served a meaningful part of the prompt from its cache ({@link BenchmarkRun#cacheHit()}), so the pp
     * numbers are not a cold prefill; except in the inference phase of prefix caching, which is meant to find its
     * context cached (its context-load phase is flagged like any other row).
     *
     * @param prefixCaching whether the suite ran with {@code --enable-prefix-caching}
     * @param noCache       whether {@code --no-cache} asked for cold prefills (the server then ignored it)
     */
    public static Optional<RowFlag> cacheHit(BenchmarkRun run, boolean prefixCaching, boolean noCache) {
        boolean warmByDesign = prefixCaching && run.contextSize() > 0 && !run.contextPrefillPhase();
        if (!run.cacheHit() || warmByDesign) {
            return Optional.empty();
        }
        String despite = noCache ? " despite --no-cache" : "";
        Metric cached = run.cachedTokens();
        if (cached == null) {
            return Optional.of(RowFlag.of(Kind.CACHE_HIT, "the server reported cached prompt tokens" + despite
                    + "; prefill was not cold."));
        }
        double least = cached.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double most = cached.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        String count = least == most ? ReportText.number(least)
                : ReportText.number(least) + "\u2013" + ReportText.number(most);
        return Optional.of(RowFlag.of(Kind.CACHE_HIT, "the server reported " + count + " cached prompt tokens"
                + despite + "; prefill was not cold.", "cached_min", least, "cached_max", most));
    }
}
