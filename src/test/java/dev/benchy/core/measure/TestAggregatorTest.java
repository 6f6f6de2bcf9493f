package dev.benchy.core.measure;

import dev.benchy.core.plan.TestCase;
import dev.benchy.core.report.BenchmarkRun;
import dev.benchy.core.report.Histogram;
import dev.benchy.core.report.Metric;
import dev.benchy.core.report.RequestDistributions;
import dev.benchy.core.report.RowFlag;
import dev.benchy.core.report.RowFlag.Kind;
import dev.benchy.core.stream.ErrorReason;
import dev.benchy.core.stream.RequestTrace;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestAggregatorTest {

    private static final TestCase SINGLE = new TestCase(0, 100, 4, 1);
    private static final TestCase PAIR = new TestCase(0, 100, 4, 2);
    private static final double LATENCY = 0.125;

    /** Request A of the c = 2 batch: ttfr 0.375, tokens 0.5..1.25 every 0.25 s, no usage. */
    private static RequestTrace pairA() {
        return Traces.startedAt(0).firstResponse(0.375).events(0.5, 0.75, 1.0, 1.25).build();
    }

    /** Request B of the c = 2 batch: starts 0.25, ttfr 0.75, tokens 1.0, 1.5, 2.0. */
    private static RequestTrace pairB() {
        return Traces.startedAt(0.25).firstResponse(1.0).events(1.0, 1.5, 2.0).build();
    }

    private static BenchmarkRun aggregate(TestCase testCase, List<List<RequestTrace>> batches) {
        return TestAggregator.aggregate(testCase, batches, 100, LATENCY, false, false, false, null);
    }

    private static void assertMetric(Metric metric, double mean, double std, Double... values) {
        assertNotNull(metric, "metric");
        assertEquals(mean, metric.mean(), 0.0, "mean");
        assertEquals(std, metric.std(), 0.0, "std");
        assertEquals(List.of(values), metric.values(), "values");
    }

    @Test
    void singleConcurrencyReportsPerRequestRatesInBothColumns() {
        RequestTrace run1 = Traces.startedAt(0).firstResponse(0.625).events(0.75, 1.0, 1.25, 1.5, 1.75).end(1.875)
                .promptTokens(110).completionTokens(5).build();
        RequestTrace run2 = Traces.startedAt(10).firstResponse(10.375).event(10.5, 2).event(10.75, 2)
                .promptTokens(200).build();

        BenchmarkRun r = aggregate(SINGLE, List.of(List.of(run1), List.of(run2)));

        // run 1: 110 server tokens (within 20 %) / (0.625 - 0.125); run 2: 200 is rejected, 100 / 0.25
        assertMetric(r.ppThroughput(), 310.0, 90.0, 220.0, 400.0);
        assertSame(r.ppThroughput(), r.ppReqThroughput());
        // run 1: 4 tokens after the first / 1.0 s; run 2: [0.5, 0.5, 0.625, 0.75] -> 2 / 0.25 s
        assertMetric(r.tgThroughput(), 6.0, 2.0, 4.0, 8.0);
        assertSame(r.tgThroughput(), r.tgReqThroughput());
        // run 1: 4 tokens in (0.75, 1.75]; run 2: shorter than 1 s, (4 - 1) / 0.25
        assertMetric(r.peakThroughput(), 8.0, 4.0, 4.0, 12.0);
        assertMetric(r.peakReqThroughput(), 8.0, 4.0, 4.0, 12.0);
        assertMetric(r.ttfr(), 500.0, 125.0, 625.0, 375.0);
        assertMetric(r.estPpt(), 375.0, 125.0, 500.0, 250.0);
        assertMetric(r.e2eTtft(), 625.0, 125.0, 750.0, 500.0);
        assertMetric(r.contentTtft(), 625.0, 125.0, 750.0, 500.0);
        assertMetric(r.promptTokens(), 155.0, 45.0, 110.0, 200.0);
        assertNull(r.cachedTokens());
        assertFalse(r.cacheHit());
        assertEquals(2, r.requests());
        assertEquals(0, r.failedRequests());
        assertEquals(List.of(), r.errors());
        assertEquals("pp100", r.test());
        assertEquals(1, r.concurrency());
        assertEquals(0, r.contextSize());
        assertEquals(100, r.promptSize());
        assertEquals(4, r.responseSize());
        assertFalse(r.contextPrefillPhase());
        assertNull(r.throughputOverTime());
        assertNull(r.requestsThroughputOverTime());
    }

    @Test
    void concurrencyAboveOneReportsBatchTotalsAndPerRequestRatesApart() {
        BenchmarkRun r = aggregate(PAIR, List.of(List.of(pairA(), pairB())));

        // (100 + 100) prompt tokens / (last first token 1.0 - first start 0)
        assertMetric(r.ppThroughput(), 200.0, 0.0, 200.0);
        // A: 100 / (0.375 - 0.125); B: 100 / (0.75 - 0.125)
        assertMetric(r.ppReqThroughput(), 280.0, 120.0, 400.0, 160.0);
        // (3 + 2) tokens after each first / (last token 2.0 - first token 0.5)
        assertMetric(r.tgThroughput(), 10.0 / 3, 0.0, 10.0 / 3);
        // A: 3 / 0.75; B: 2 / 1.0
        assertMetric(r.tgReqThroughput(), 3.0, 1.0, 4.0, 2.0);
        // merged [0.5, 0.75, 1.0, 1.0, 1.25, 1.5, 2.0]: 5 tokens in (0.25, 1.25] and in (0.5, 1.5]
        assertMetric(r.peakThroughput(), 5.0, 0.0, 5.0);
        // A: (4 - 1) / 0.75; B: 2 tokens in (1.0, 2.0]
        assertMetric(r.peakReqThroughput(), 3.0, 1.0, 4.0, 2.0);
        assertMetric(r.ttfr(), 562.5, 187.5, 375.0, 750.0);
        assertMetric(r.estPpt(), 437.5, 187.5, 250.0, 625.0);
        assertMetric(r.e2eTtft(), 625.0, 125.0, 500.0, 750.0);
        assertEquals("pp100", r.test());
        assertEquals(2, r.concurrency());
        assertNull(r.promptTokens());
    }

    @Test
    void everySuccessfulRequestsLatenciesGoIntoVllmsBuckets() {
        // A: ttfr 0.375, first token 0.5, end 1.25, gaps 3 x 0.25; B (from 0.25): ttfr 0.75, first token 0.75,
        // end 1.75, gaps 2 x 0.5; the failed batch adds nothing
        BenchmarkRun r = aggregate(PAIR, List.of(List.of(pairA(), pairB()),
                List.of(Traces.failed(5, "HTTP 500"), Traces.failed(5, "HTTP 500"))));

        RequestDistributions d = r.distributions();
        assertEquals(new Histogram(2, 1.125, Map.of("0.5", 1L, "0.75", 1L)), d.ttfr());
        assertEquals(new Histogram(2, 1.25, Map.of("0.5", 1L, "0.75", 1L)), d.e2eTtft());
        assertEquals(new Histogram(2, 3.0, Map.of("1.5", 1L, "2.0", 1L)), d.requestLatency());
        assertEquals(new Histogram(5, 1.75, Map.of("0.3", 3L, "0.5", 2L)), d.interTokenLatency());
        assertEquals(List.of("0.3", "0.5"), List.copyOf(d.interTokenLatency().buckets().keySet()), "in bound order");
    }

    @Test
    void withoutASuccessfulRequestEveryDistributionIsEmpty() {
        BenchmarkRun r = aggregate(SINGLE, List.of(List.of(Traces.failed(0, "HTTP 500"))));

        assertEquals(new RequestDistributions(null, null, null, null), r.distributions());
    }

    @Test
    void aBatchInWhichEveryRequestFailedContributesNothing() {
        BenchmarkRun r = aggregate(PAIR, List.of(
                List.of(pairA(), pairB()),
                List.of(Traces.failed(20, "HTTP 500: overloaded"), Traces.failed(20, "HTTP 500: overloaded"))));

        assertMetric(r.ppThroughput(), 200.0, 0.0, 200.0);
        assertMetric(r.peakThroughput(), 5.0, 0.0, 5.0);
        assertEquals(2, r.ttfr().values().size());
        assertEquals(4, r.requests());
        assertEquals(2, r.failedRequests());
        assertEquals(List.of("HTTP 500: overloaded"), r.errors());
        assertEquals(Map.of("http_5xx", 2), r.errorReasons());
        assertEquals(List.of(
                RowFlag.of(Kind.FAILED_REQUESTS, "2 of 4 requests failed (2 http_5xx): HTTP 500: overloaded",
                        "failed", 2, "requests", 4),
                RowFlag.of(Kind.PARTIAL_BATCHES, "1 of 2 batches had a failed request and is left out of t/s (total)"
                        + " and peak t/s", "left_out", 1, "batches", 2)), r.flags());
    }

    @Test
    void aBatchWithSomeFailedRequestsGivesTheirOwnFiguresButNoTotalAndNoPeak() {
        RequestTrace late = Traces.startedAt(10).firstResponse(10.375).events(10.5, 10.75, 11.0, 11.25).build();
        RequestTrace stalled = RequestTrace.failed(Traces.ns(10), Traces.ns(13), 200, ErrorReason.STALLED,
                "timed out after 3 s (stalled after 1 content event)");

        BenchmarkRun r = TestAggregator.aggregate(PAIR, List.of(List.of(pairA(), pairB()), List.of(late, stalled)),
                100, LATENCY, false, true, true, null);

        // the totals and the peak come from the complete batch alone
        assertMetric(r.ppThroughput(), 200.0, 0.0, 200.0);
        assertMetric(r.tgThroughput(), 10.0 / 3, 0.0, 10.0 / 3);
        assertMetric(r.peakThroughput(), 5.0, 0.0, 5.0);
        assertEquals(1, r.throughputOverTime().size());
        // the partial batch's successful request keeps its own figures: 100 / 0.25, 3 / 0.75
        assertMetric(r.ppReqThroughput(), 320.0, 113.13708498984761, 400.0, 160.0, 400.0);
        assertMetric(r.tgReqThroughput(), 10.0 / 3, 0.9428090415820634, 4.0, 2.0, 4.0);
        assertEquals(3, r.ttfr().values().size());
        assertEquals(2, r.requestsThroughputOverTime().size());
        assertEquals(Map.of("stalled", 1), r.errorReasons());
        assertEquals(List.of(Kind.FAILED_REQUESTS, Kind.PARTIAL_BATCHES),
                r.flags().stream().map(RowFlag::kind).toList());
        assertEquals(Map.of("left_out", 1L, "batches", 2L), r.flags().get(1).figures());
    }

    @Test
    void errorReasonsAreCountedInTheOrderOfTheReasons() {
        BenchmarkRun r = aggregate(SINGLE, List.of(
                List.of(RequestTrace.failed(0, 1, 0, ErrorReason.CUT, "connection closed")),
                List.of(RequestTrace.failed(0, 1, 404, ErrorReason.ofStatus(404), "HTTP 404")),
                List.of(RequestTrace.failed(0, 1, 0, ErrorReason.CONNECT, "connection refused")),
                List.of(RequestTrace.failed(0, 1, 0, ErrorReason.CUT, "connection reset"))));

        assertEquals(List.of("connect", "http_4xx", "cut"), List.copyOf(r.errorReasons().keySet()));
        assertEquals(List.of(1, 1, 2), List.copyOf(r.errorReasons().values()));
        assertEquals("4 of 4 requests failed (1 connect, 1 http_4xx, 2 cut): connection closed (and 3 other"
                + " errors)", r.flags().get(0).detail());
        assertEquals(1, r.flags().size(), "at concurrency 1 a failed request leaves no batch partial");
    }

    @Test
    void whenEveryRequestFailedNothingIsMeasuredButTheErrorsAreKept() {
        List<RequestTrace> failures = List.of(
                Traces.failed(0, "e1"), Traces.failed(0, "e2"), Traces.failed(0, "e1"), Traces.failed(0, "e3"),
                Traces.failed(0, "e4"), Traces.failed(0, "e5"), Traces.failed(0, "e6"));

        BenchmarkRun r = TestAggregator.aggregate(PAIR, List.of(failures.subList(0, 4), failures.subList(4, 7)),
                100, LATENCY, false, true, true, null);

        assertNull(r.ppThroughput());
        assertNull(r.ppReqThroughput());
        assertNull(r.tgThroughput());
        assertNull(r.tgReqThroughput());
        assertNull(r.peakThroughput());
        assertNull(r.peakReqThroughput());
        assertNull(r.ttfr());
        assertNull(r.estPpt());
        assertNull(r.e2eTtft());
        assertNull(r.contentTtft());
        assertNull(r.promptTokens());
        assertEquals(7, r.requests());
        assertEquals(7, r.failedRequests());
        assertEquals(List.of("e1", "e2", "e3", "e4", "e5"), r.errors());
        assertEquals(Map.of("http_5xx", 7), r.errorReasons());
        assertEquals(List.of(), r.throughputOverTime());
        assertEquals(List.of(), r.requestsThroughputOverTime());
    }

    @Test
    void contextPhaseIsLabelledAndReportsTheConfiguredSizes() {
        TestCase shape = new TestCase(4096, 2048, 32, 1);
        RequestTrace trace = Traces.startedAt(0).firstResponse(0.5).events(0.5, 1.0).promptTokens(4100).build();

        BenchmarkRun r = TestAggregator.aggregate(shape, List.of(List.of(trace)), 4096, 0.0, true, false, false, null);

        assertEquals("ctx_pp @ d4096", r.test());
        assertTrue(r.contextPrefillPhase());
        assertEquals(4096, r.contextSize());
        assertEquals(2048, r.promptSize());
        assertEquals(32, r.responseSize());
        // the server's 4100 is within 20 % of the 4096 expected
        assertMetric(r.ppThroughput(), 8200.0, 0.0, 8200.0);
    }

    @Test
    void inferenceAfterACachedContextCountsOnlyTheNewTokens() {
        TestCase shape = new TestCase(4096, 2048, 32, 1);
        RequestTrace trace = Traces.startedAt(0).firstResponse(0.25).events(0.25, 0.5).promptTokens(6144)
                .cachedTokens(4096).build();

        BenchmarkRun r = TestAggregator.aggregate(shape, List.of(List.of(trace)), 2048, 0.0, false, false, false, null);

        assertEquals("pp2048 @ d4096", r.test());
        assertFalse(r.contextPrefillPhase());
        // the server's 6144 (depth + pp) is not within 20 % of 2048: the expected count is the numerator
        assertMetric(r.ppThroughput(), 8192.0, 0.0, 8192.0);
        assertMetric(r.promptTokens(), 6144.0, 0.0, 6144.0);
        assertMetric(r.cachedTokens(), 4096.0, 0.0, 4096.0);
        assertTrue(r.cacheHit());
    }

    @Test
    void aFewCachedLeadingTokensAreNoHit() {
        RequestTrace trace = Traces.startedAt(0).events(0.25, 0.5).cachedTokens(1).build();

        BenchmarkRun r = TestAggregator.aggregate(new TestCase(0, 512, 32, 1), List.of(List.of(trace)), 512, 0.0,
                false, false, false, null);

        assertMetric(r.cachedTokens(), 1.0, 0.0, 1.0);
        assertFalse(r.cacheHit());
    }

    @Test
    void cachedTokensOfZeroAreReportedButAreNoHit() {
        RequestTrace trace = Traces.startedAt(0).events(0.25, 0.5).cachedTokens(0).build();

        BenchmarkRun r = aggregate(SINGLE, List.of(List.of(trace)));

        assertMetric(r.cachedTokens(), 0.0, 0.0, 0.0);
        assertFalse(r.cacheHit());
    }

    @Test
    void estPptIsClampedAtZeroAndThenGivesNoPpSpeed() {
        RequestTrace trace = Traces.startedAt(0).firstResponse(0.25).events(0.25, 0.5).build();

        BenchmarkRun r = TestAggregator.aggregate(SINGLE, List.of(List.of(trace)), 100, 0.5, false, false, false,
                null);

        assertMetric(r.ttfr(), 250.0, 0.0, 250.0);
        assertMetric(r.estPpt(), 0.0, 0.0, 0.0);
        assertNull(r.ppThroughput());
        assertNull(r.ppReqThroughput());
        assertMetric(r.tgThroughput(), 4.0, 0.0, 4.0);
        assertEquals(List.of(RowFlag.of(Kind.EST_PPT_CLAMPED, "est_ppt was clamped to 0 for 1 of 1 request: ttfr"
                + " was not above the latency of 500.00 ms, so they give no pp t/s", "clamped", 1, "requests", 1,
                "latency_ms", 500)), r.flags());
    }

    @Test
    void everyClampedEstPptIsCountedAndOnlyThose() {
        RequestTrace clamped = Traces.startedAt(0).firstResponse(0.5).events(0.5, 0.75).build();
        RequestTrace fine = Traces.startedAt(10).firstResponse(10.625).events(10.625, 10.75).build();
        RequestTrace silent = Traces.startedAt(20).firstResponse(20.25).end(20.5).build();

        BenchmarkRun r = TestAggregator.aggregate(SINGLE, List.of(List.of(clamped), List.of(fine), List.of(clamped),
                List.of(silent)), 100, 0.5, false, false, false, null);

        // ttfr 0.5 equals the latency: clamped; the request without a first token has no est_ppt at all
        assertMetric(r.estPpt(), 125.0 / 3, 58.92556509887896, 0.0, 125.0, 0.0);
        assertEquals(Map.of("clamped", 2L, "requests", 3L, "latency_ms", 500L), r.flags().get(0).figures());
    }

    @Test
    void seriesAreKeptPerBatchWhenAsked() {
        BenchmarkRun r = TestAggregator.aggregate(PAIR, List.of(List.of(pairA(), pairB())), 100, LATENCY, false,
                true, true, null);

        List<double[]> merged = r.throughputOverTime().get(0);
        assertEquals(1, r.throughputOverTime().size());
        assertEquals(7, merged.size());
        double[][] expected = {{0, 1}, {0.25, 2}, {0.5, 3}, {0.5, 4}, {0.75, 5}, {1.0, 5}, {1.5, 3}};
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], merged.get(i), 0.0, "point " + i);
        }
        List<List<double[]>> perRequest = r.requestsThroughputOverTime().get(0);
        assertEquals(1, r.requestsThroughputOverTime().size());
        assertEquals(2, perRequest.size());
        assertEquals(4, perRequest.get(0).size());
        assertArrayEquals(new double[] {0.75, 4}, perRequest.get(0).get(3), 0.0);
        assertEquals(3, perRequest.get(1).size());
        assertArrayEquals(new double[] {1.0, 2}, perRequest.get(1).get(2), 0.0);
    }

    @Test
    void seriesLeaveOutFailedRequestsAndFailedBatches() {
        BenchmarkRun r = TestAggregator.aggregate(PAIR, List.of(
                        List.of(Traces.failed(0, "reset"), pairB()),
                        List.of(Traces.failed(5, "reset"), Traces.failed(5, "reset"))),
                100, LATENCY, false, true, true, null);

        assertEquals(List.of(), r.throughputOverTime(), "a batch with a failed request has no total series");
        assertEquals(1, r.requestsThroughputOverTime().size());
        assertEquals(1, r.requestsThroughputOverTime().get(0).size());
        assertEquals(3, r.requestsThroughputOverTime().get(0).get(0).size());
    }

    @Test
    void aRequestThatGeneratedNothingHasTimesButNoRates() {
        RequestTrace empty = Traces.startedAt(0).firstResponse(0.5).end(0.75).build();

        BenchmarkRun r = TestAggregator.aggregate(SINGLE, List.of(List.of(empty)), 100, LATENCY, false, true, true,
                null);

        assertMetric(r.ttfr(), 500.0, 0.0, 500.0);
        assertNull(r.estPpt(), "est_ppt needs a first token");
        assertNull(r.e2eTtft());
        assertNull(r.ppThroughput());
        assertNull(r.tgThroughput());
        assertNull(r.peakThroughput());
        assertNull(r.peakReqThroughput());
        assertEquals(List.of(List.of()), r.throughputOverTime());
        assertEquals(List.of(List.of(List.of())), r.requestsThroughputOverTime());
    }

    @Test
    void aWholeAnswerInOneEventHasAPeakButNoTg() {
        RequestTrace burst = Traces.startedAt(0).firstResponse(3.0).event(3.0, 130).build();

        BenchmarkRun r = aggregate(SINGLE, List.of(List.of(burst)));

        assertNull(r.tgThroughput());
        assertNull(r.tgReqThroughput());
        assertMetric(r.peakThroughput(), 130.0, 0.0, 130.0);
    }

    @Test
    void aFirstBlockOfTokensIsLeftOutOfTg() {
        RequestTrace block = Traces.startedAt(0).firstResponse(0.9).event(1.0, 256).event(2.0, 256).build();

        BenchmarkRun r = aggregate(SINGLE, List.of(List.of(block)));

        assertMetric(r.tgThroughput(), 256.0, 0.0, 256.0);
    }

    @Test
    void theTokenizerCountsGeneratedTextWhenTheServerGaveNoCounts() {
        RequestTrace trace = Traces.startedAt(0).eventsWithoutIds(1.0, 1.5, 2.0).text("one two three four five")
                .build();

        BenchmarkRun withTokenizer = TestAggregator.aggregate(SINGLE, List.of(List.of(trace)), 100, 0.0, false,
                false, false, new Traces.WordTokenizer());
        BenchmarkRun withoutTokenizer = aggregate(SINGLE, List.of(List.of(trace)));

        assertMetric(withTokenizer.tgThroughput(), 4.0, 0.0, 4.0);
        assertMetric(withoutTokenizer.tgThroughput(), 2.0, 0.0, 2.0);
    }

    @Test
    void rejectsAnExpectedPromptCountBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestAggregator.aggregate(SINGLE, List.of(), 0, 0.0, false, false, false, null));

        assertEquals("expected prompt tokens must be 1 or more, but was 0", e.getMessage());
    }

    @Test
    void rejectsANegativeOrUndefinedLatency() {
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> TestAggregator.aggregate(SINGLE, List.of(), 100, -0.5, false, false, false, null));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> TestAggregator.aggregate(SINGLE, List.of(), 100, Double.NaN, false, false, false, null));

        assertEquals("latency must be a finite number of seconds, 0 or more, but was -0.5", negative.getMessage());
        assertEquals("latency must be a finite number of seconds, 0 or more, but was NaN", nan.getMessage());
    }
}
