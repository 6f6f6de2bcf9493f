package dev.benchy.core.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-built reports with fixed numbers for the writer tests. The two table reports reuse the numbers of
 * llama-benchy's README example tables, so benchy's Markdown can be compared with them line by line.
 */
final class ReportFixtures {

    static final String MODEL = "openai/gpt-oss-120b";

    private ReportFixtures() {
    }

    /** A metric of two samples {@code mean ± std}, whose population std is {@code std}. */
    static Metric metric(double mean, double std) {
        return new Metric(mean, std, List.of(mean - std, mean + std), mean, mean + 0.8 * std, mean + 0.98 * std);
    }

    /** A run with every field given; the time series are left out (null). */
    static BenchmarkRun run(int concurrency, int depth, boolean contextPhase,
                            Metric pp, Metric ppReq, Metric tg, Metric tgReq, Metric peak, Metric peakReq,
                            Metric ttfr, Metric estPpt, Metric e2eTtft) {
        return new BenchmarkRun(concurrency, depth, 2048, 32, contextPhase,
                pp, ppReq, tg, tgReq, peak, peakReq, ttfr, estPpt, e2eTtft, null, null,
                "pp2048 tg32" + (depth > 0 ? " @ d" + depth : "") + " (c" + concurrency + ")",
                e2eTtft, null, null, false, concurrency * 2, 0, List.of());
    }

    /** A concurrency-1 run: the per-request rates are the same objects as the totals, as llama-benchy stores them. */
    static BenchmarkRun single(int depth, Metric pp, Metric ttfr, Metric estPpt, Metric e2eTtft, Metric tg, Metric peak) {
        return run(1, depth, false, pp, pp, tg, tg, peak, peak, ttfr, estPpt, e2eTtft);
    }

    static RunReport report(int maxConcurrency, boolean prefixCaching, List<BenchmarkRun> runs) {
        return new RunReport("0.1.0", "2026-02-06 15:52:14Z", "generation", 56.78, MODEL, prefixCaching,
                maxConcurrency, runs, "r-1", "spark", MODEL, "http://spark:8888/v1", MODEL, RunStatus.OK, null,
                List.of(), "2026-02-06T15:40:02Z", "2026-02-06T15:52:14Z", 732.0, 7L);
    }

    /**
     * llama-benchy's README table for depths 0 to 32768 at concurrency 1; the deepest prompt additionally hit the
     * server's prefix cache (benchy's footnote).
     */
    static RunReport singleConcurrency() {
        BenchmarkRun deepest = single(32768, metric(6896.57, 4.62), metric(5105.09, 3.38), metric(5048.31, 3.38),
                metric(5153.34, 2.87), metric(65.80, 0.79), metric(68.17, 0.82));
        BenchmarkRun cached = new BenchmarkRun(1, 32768, 2048, 32, false,
                deepest.ppThroughput(), deepest.ppReqThroughput(), deepest.tgThroughput(), deepest.tgReqThroughput(),
                deepest.peakThroughput(), deepest.peakReqThroughput(), deepest.ttfr(), deepest.estPpt(),
                deepest.e2eTtft(), null, null, deepest.test(), deepest.e2eTtft(), metric(34816, 0),
                new Metric(32768, 0, List.of(32768.0, 32768.0), 32768, 32768, 32768), true, 2, 0, List.of(),
                List.of(RowFlag.of(RowFlag.Kind.CACHE_HIT, "the server reported 32768 cached prompt tokens; prefill"
                        + " was not cold.", "cached_min", 32768, "cached_max", 32768)), Map.of());
        return report(1, false, List.of(
                single(0, metric(8521.08, 69.61), metric(297.14, 1.97), metric(240.36, 1.97), metric(340.65, 3.49),
                        metric(73.18, 0.45), metric(75.84, 0.48)),
                single(4096, metric(9450.36, 24.73), metric(706.92, 1.70), metric(650.14, 1.70), metric(750.96, 3.08),
                        metric(72.22, 0.83), metric(74.81, 0.86)),
                single(8192, metric(8481.42, 38.50), metric(1264.15, 5.50), metric(1207.37, 5.50),
                        metric(1307.31, 6.20), metric(71.78, 0.74), metric(74.36, 0.77)),
                single(16384, metric(7954.96, 14.20), metric(2373.83, 4.14), metric(2317.05, 4.14),
                        metric(2418.63, 4.87), metric(70.48, 0.84), metric(73.02, 0.86)),
                cached));
    }

    /**
     * llama-benchy's README table for concurrency 1 and 2 with prefix caching at depth 4096 (context-load rows
     * included), plus the per-request peaks it omits; one request of the last test failed.
     */
    static RunReport multiConcurrency() {
        BenchmarkRun last = run(2, 4096, false, metric(6659.05, 231.76), metric(3623.78, 278.02),
                metric(116.93, 10.24), metric(58.47, 5.12), metric(121.11, 10.61), metric(60.05, 5.30),
                metric(598.81, 42.34), metric(568.40, 42.34), metric(615.33, 22.02));
        BenchmarkRun lastWithFailure = new BenchmarkRun(2, 4096, 2048, 32, false,
                last.ppThroughput(), last.ppReqThroughput(), last.tgThroughput(), last.tgReqThroughput(),
                last.peakThroughput(), last.peakReqThroughput(), last.ttfr(), last.estPpt(), last.e2eTtft(),
                null, null, last.test(), last.e2eTtft(), null, metric(4096, 0), true, 4, 1,
                List.of("HTTP 503: Service Unavailable"),
                List.of(RowFlag.of(RowFlag.Kind.FAILED_REQUESTS, "1 of 4 requests failed (1 http_5xx): HTTP 503:"
                        + " Service Unavailable", "failed", 1, "requests", 4)), Map.of("http_5xx", 1));
        return report(2, true, List.of(
                single(0, metric(7803.68, 63.74), metric(292.86, 2.15), metric(262.46, 2.15), metric(337.08, 2.48),
                        metric(74.83, 0.59), metric(77.54, 0.62)),
                run(2, 0, false, metric(7198.20, 541.69), metric(4872.80, 1298.05), metric(111.27, 3.61),
                        metric(56.20, 1.27), metric(115.25, 3.74), metric(58.31, 1.30),
                        metric(473.18, 85.71), metric(442.77, 85.71), metric(568.97, 40.44)),
                run(1, 4096, true, metric(8816.20, 55.40), metric(8816.20, 55.40), metric(72.92, 0.63),
                        metric(72.92, 0.63), metric(75.56, 0.67), metric(75.56, 0.67),
                        metric(495.02, 2.91), metric(464.62, 2.91), metric(540.31, 1.64)),
                single(4096, metric(5918.71, 1447.23), metric(403.38, 110.24), metric(372.98, 110.24),
                        metric(432.07, 90.02), metric(65.27, 9.85), metric(67.62, 10.21)),
                run(2, 4096, true, metric(7934.38, 1145.70), metric(4665.38, 660.55), metric(111.64, 3.25),
                        metric(56.38, 1.06), metric(115.63, 3.36), metric(57.92, 1.10),
                        metric(928.79, 146.59), metric(898.38, 146.59), metric(1053.95, 165.93)),
                lastWithFailure));
    }

    /**
     * A report exercising every JSON shape: a context-load phase and its inference phase with time series, a test
     * whose requests all failed (null metrics), non-ASCII text, warnings and a partial status. Numbers are exact in
     * binary so the golden file is readable.
     */
    static RunReport full() {
        Metric pp = new Metric(1024.5, 0.5, List.of(1024.0, 1025.0), 1024.5, 1024.9, 1024.99);
        Metric ppReq = new Metric(512.25, 0.25, List.of(512.0, 512.5), 512.25, 512.45, 512.495);
        Metric tg = new Metric(48.0, 2.0, List.of(46.0, 50.0), 48.0, 49.6, 49.96);
        Metric tgReq = new Metric(24.0, 1.0, List.of(23.0, 25.0), 24.0, 24.8, 24.98);
        Metric peak = new Metric(50.0, 0.0, List.of(50.0, 50.0), 50.0, 50.0, 50.0);
        Metric ttfr = new Metric(2001.5, 0.5, List.of(2001.0, 2002.0), 2001.5, 2001.9, 2001.99);
        Metric estPpt = new Metric(2000.25, 0.5, List.of(1999.75, 2000.75), 2000.25, 2000.65, 2000.74);
        Metric e2e = new Metric(2020.0, 0.0, List.of(2020.0, 2020.0), 2020.0, 2020.0, 2020.0);
        Metric cached = new Metric(0.0, 0.0, List.of(0.0, 0.0), 0.0, 0.0, 0.0);
        List<List<double[]>> total = List.of(
                List.of(new double[] {0.0, 1.0}, new double[] {0.5, 2.0}, new double[] {1.25, 2.0}),
                List.of());
        List<List<List<double[]>>> perRequest = List.of(
                List.of(List.of(new double[] {0.0, 1.0}, new double[] {1.0, 1.0}), List.of()));
        BenchmarkRun context = new BenchmarkRun(2, 1024, 256, 4, true, pp, ppReq, tg, tgReq, peak, peak,
                ttfr, estPpt, e2e, total, perRequest, "ctx_pp @ d1024 (c2)", e2e,
                new Metric(1030.0, 0.0, List.of(1030.0, 1030.0), 1030.0, 1030.0, 1030.0), cached, false, 2, 0,
                List.of());
        BenchmarkRun inference = new BenchmarkRun(2, 1024, 256, 4, false, pp, ppReq, null, null, peak, peak,
                ttfr, estPpt, e2e, total, perRequest, "pp256 tg4 @ d1024 (c2)", null,
                new Metric(1286.0, 0.0, List.of(1286.0, 1286.0), 1286.0, 1286.0, 1286.0),
                new Metric(1024.0, 0.0, List.of(1024.0, 1024.0), 1024.0, 1024.0, 1024.0), true, 2, 0, List.of(),
                List.of(RowFlag.of(RowFlag.Kind.PROMPT_TOKENS_MISMATCH, "the server counted 1286 prompt tokens where"
                        + " 1290 were meant (\u22120.3 %)", "expected", 1290, "reported", 1286.0),
                        RowFlag.of(RowFlag.Kind.EST_PPT_CLAMPED, "est_ppt was clamped to 0 for 1 of 2 requests",
                                "clamped", 1, "requests", 2, "latency_ms", 1.25)), Map.of(),
                new RequestDistributions(new Histogram(2, 4.003, Map.of("2.5", 2L)), null,
                        new Histogram(2, 6.5, Map.of("5.0", 2L)),
                        new Histogram(6, 1.5, Map.of("0.2", 2L, "0.3", 3L, "0.4", 1L))));
        BenchmarkRun failed = new BenchmarkRun(2, 0, 256, 4, false, null, null, null, null, null, null,
                null, null, null, null, null, "pp256 tg4 (c2)", null, null, null, false, 2, 2,
                List.of("HTTP 503: \u00abbusy\u00bb", "timeout after 30 s"),
                List.of(RowFlag.of(RowFlag.Kind.FAILED_REQUESTS, "2 of 2 requests failed (1 timeout, 1 http_5xx):"
                                + " HTTP 503: \u00abbusy\u00bb (and 1 other error)", "failed", 2, "requests", 2),
                        RowFlag.of(RowFlag.Kind.PARTIAL_BATCHES, "1 of 1 batch had a failed request and is left out"
                                + " of t/s (total) and peak t/s", "left_out", 1, "batches", 1)),
                reasons("timeout", 1, "http_5xx", 1));
        return new RunReport("0.1.0", "2026-03-01 12:00:00Z", "api", 1.25, "mock-model \u00b5", true, 2,
                List.of(context, inference, failed), "20260301-120000-mock", "simulator", "mock-model",
                "http://127.0.0.1:8001/v1", "gpt2 (fallback)", RunStatus.PARTIAL, null,
                List.of("pp256 tg4 (c2): 2 of 2 requests failed"), "2026-03-01T11:59:30Z", "2026-03-01T12:00:00Z",
                30.5, 42L, new LatencyEstimate(List.of(1.25, 1.0, 1.5, 1.25, 8.0), 1, 1.25, 1.0, 8.0, 0.25),
                new RequestShapeUsed(
                        List.of("model", "messages", "max_tokens", "stream", "stream_options", "chat_template_kwargs"),
                        List.of(new RequestShapeUsed.DroppedField("return_token_ids",
                                "HTTP 400: Unrecognized request argument supplied: return_token_ids")),
                        List.of("chat_template_kwargs"), "api-key", List.of("X-Org"), false, 2, 1),
                new SloVerdict(List.of(new SloVerdict.Limit(SloThreshold.TTFR, 1500.0, null),
                        new SloVerdict.Limit(SloThreshold.ERROR_RATE, 0.5, null),
                        new SloVerdict.Limit(SloThreshold.TG_MIN, 30.0, new RowScope(1024, 2, null, null))),
                        List.of(new SloVerdict.Breach(SloThreshold.TTFR, "pp256 @ d1024 (c2)", 2001.5, 1500.0)),
                        SloVerdict.State.DEGRADED));
    }

    /** Error counts by reason, in the order given. */
    private static Map<String, Integer> reasons(String first, int firstCount, String second, int secondCount) {
        Map<String, Integer> reasons = new LinkedHashMap<>();
        reasons.put(first, firstCount);
        reasons.put(second, secondCount);
        return reasons;
    }
}
