package dev.benchy.core.measure;

import dev.benchy.core.report.BenchmarkRun;
import dev.benchy.core.report.Metric;
import dev.benchy.core.report.ReportText;
import dev.benchy.core.report.RowFlag;
import dev.benchy.core.report.RowFlag.Kind;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowFlagsTest {

    private static Metric counts(double... values) {
        return Stats.metric(java.util.Arrays.stream(values).boxed().toList());
    }

    @Test
    void aPromptTokenCountMoreThanTwoPercentOffIsFlaggedWithBothCounts() {
        // llama-server with GPT-2 prompts: 11–13 % more tokens than the row names
        RowFlag flag = RowFlags.promptTokensMismatch(counts(2300, 2291, 2280), 2048).orElseThrow();

        assertEquals(Kind.PROMPT_TOKENS_MISMATCH, flag.kind());
        assertEquals("the server counted 2291 prompt tokens where 2048 were meant (+11.9 %): the tokenizer is not"
                + " the server's, or the template differs", flag.detail());
        assertEquals(Map.of("expected", 2048L, "reported", 2291L), flag.figures());
        assertEquals("the server counted 1995.5 prompt tokens where 2048 were meant (-2.6 %): the tokenizer is"
                        + " not the server's, or the template differs",
                RowFlags.promptTokensMismatch(counts(1995, 1996), 2048).orElseThrow().detail());
    }

    @Test
    void aPromptTokenCountWithinTwoPercentOrUnreportedIsNotFlagged() {
        // 2 % of 2048 is 40.96 tokens
        assertTrue(RowFlags.promptTokensMismatch(counts(2088), 2048).isEmpty());
        assertTrue(RowFlags.promptTokensMismatch(counts(2008), 2048).isEmpty());
        assertTrue(RowFlags.promptTokensMismatch(counts(2089), 2048).isPresent());
        assertTrue(RowFlags.promptTokensMismatch(null, 2048).isEmpty(), "no usage: nothing to compare");
        assertTrue(RowFlags.promptTokensMismatch(counts(2300), -1).isEmpty(), "template overhead unknown");
    }

    @Test
    void aCacheHitOfAColdPromptIsFlaggedWithTheRangeOfCachedTokens() {
        RowFlag flag = RowFlags.cacheHit(cached(4096, false, 2048, 4096), false, false).orElseThrow();

        assertEquals("the server reported 2048\u20134096 cached prompt tokens; prefill was not cold.", flag.detail());
        assertEquals(Map.of("cached_min", 2048L, "cached_max", 4096L), flag.figures());
        assertEquals("the server reported 60 cached prompt tokens despite --no-cache; prefill was not cold.",
                RowFlags.cacheHit(cached(0, false, 60, 60), false, true).orElseThrow().detail());
    }

    @Test
    void aCacheHitIsExpectedOnlyInTheInferencePhaseOfPrefixCaching() {
        assertEquals(Optional.empty(), RowFlags.cacheHit(cached(4096, false, 4096), true, false));
        assertTrue(RowFlags.cacheHit(cached(4096, true, 4096), true, false).isPresent(), "the context load");
        assertTrue(RowFlags.cacheHit(cached(0, false, 2000), true, false).isPresent(), "no context to reuse");
        assertTrue(RowFlags.cacheHit(cached(4096, false, 4096), false, false).isPresent());
        BenchmarkRun noHit = new BenchmarkRun(1, 0, 2048, 32, false, null, null, null, null, null, null, null, null,
                null, null, null, "pp2048", null, null, counts(1), false, 1, 0, List.of());
        assertEquals(Optional.empty(), RowFlags.cacheHit(noHit, false, false));
    }

    @Test
    void failedRequestsNameTheirReasonsAndTheFirstDistinctErrorOnOneLine() {
        String longBody = "x".repeat(ReportText.MAX_LINE_LENGTH + 10);
        Map<String, Integer> reasons = new LinkedHashMap<>();
        reasons.put("timeout", 1);
        reasons.put("http_5xx", 2);

        RowFlag flag = RowFlags.failedRequests(3, 6, reasons,
                List.of("HTTP 503:\r\n  overloaded", "HTTP 503: overloaded", longBody)).orElseThrow();

        assertEquals("3 of 6 requests failed (1 timeout, 2 http_5xx): HTTP 503: overloaded (and 1 other error)",
                flag.detail());
        assertEquals(Map.of("failed", 3L, "requests", 6L), flag.figures());
        assertEquals("1 of 1 request failed (1 cut): " + "x".repeat(ReportText.MAX_LINE_LENGTH) + "\u2026",
                RowFlags.failedRequests(1, 1, Map.of("cut", 1), List.of(longBody)).orElseThrow().detail());
        assertEquals(Optional.empty(), RowFlags.failedRequests(0, 6, Map.of(), List.of()));
    }

    @Test
    void partialBatchesAreCountedAboveConcurrencyOne() {
        assertEquals("2 of 5 batches had a failed request and are left out of t/s (total) and peak t/s",
                RowFlags.partialBatches(4, 2, 5).orElseThrow().detail());
        assertEquals("1 of 1 batch had a failed request and is left out of t/s (total) and peak t/s",
                RowFlags.partialBatches(2, 1, 1).orElseThrow().detail());
        assertEquals(Optional.empty(), RowFlags.partialBatches(1, 3, 3), "at c1 the total is the request's rate");
        assertEquals(Optional.empty(), RowFlags.partialBatches(2, 0, 3));
    }

    /** A run with a cache hit of these cached-token counts per request. */
    private static BenchmarkRun cached(int depth, boolean contextPhase, double... cachedTokens) {
        return new BenchmarkRun(1, depth, 2048, 32, contextPhase, null, null, null, null, null, null, null, null,
                null, null, null, "pp2048", null, null, counts(cachedTokens), true, cachedTokens.length, 0, List.of());
    }
}
