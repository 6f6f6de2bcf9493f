package dev.benchy.service.metrics;

import dev.benchy.core.report.BenchmarkRun;
import dev.benchy.core.report.Histogram;
import dev.benchy.core.report.RequestDistributions;
import dev.benchy.core.report.RowScope;
import dev.benchy.core.report.SloThreshold;
import dev.benchy.core.report.SloVerdict;
import dev.benchy.core.report.RowFlag;
import dev.benchy.core.report.RunReport;
import dev.benchy.core.report.RunStatus;
import dev.benchy.core.run.ModelDetection;
import dev.benchy.core.stream.ErrorReason;
import dev.benchy.service.Exposition;
import dev.benchy.service.TestReports;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsPublisherTest {

    private static final Instant T1 = Instant.parse("2026-11-28T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-28T10:15:00Z");
    private static final Map<String, String> PP512 = Map.of("target", "vllm", "model", "org/model", "test", "pp512",
            "depth", "0", "pp", "512", "tg", "32", "concurrency", "1");
    private static final Map<String, String> TG32 = Map.of("target", "vllm", "test", "tg32", "concurrency", "1");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MetricsPublisher publisher = new MetricsPublisher(registry, "1.2.3");

    private Exposition scrape() {
        return Exposition.parse(registry.scrape());
    }

    private static RunReport ok(Instant finished, double ttfrMs) {
        return TestReports.report("vllm", "vllm-1", RunStatus.OK, finished,
                List.of(TestReports.run(0, 512, 32, 1, 2000, 50, ttfrMs),
                        TestReports.run(4096, 512, 32, 1, 1800, 45, 2500)));
    }

    @Test
    void aCompletedRunBecomesGaugesInBaseUnits() {
        publisher.publish(ok(T1, 250));
        Exposition m = scrape();

        assertEquals(0.25, m.value("benchy_ttfr_seconds", PP512), 1e-12);
        assertEquals(0.002, m.value("benchy_ttfr_seconds_stddev", PP512), 1e-12);
        assertEquals(0.249, m.value("benchy_est_ppt_seconds", PP512), 1e-12);
        assertEquals(0.253, m.value("benchy_e2e_ttft_seconds", PP512), 1e-12);
        assertEquals(2000, m.value("benchy_prompt_tokens_per_second", PP512));
        assertEquals(2000, m.value("benchy_prompt_request_tokens_per_second", PP512));
        assertEquals(50, m.value("benchy_generation_tokens_per_second", TG32));
        assertEquals(50, m.value("benchy_generation_request_tokens_per_second", TG32));
        assertEquals(51, m.value("benchy_generation_peak_tokens_per_second", TG32));
        assertEquals(1800, m.value("benchy_prompt_tokens_per_second", Map.of("test", "pp512 @ d4096")));
        assertEquals(1, m.value("benchy_run_success", Map.of("target", "vllm")));
        assertEquals(T1.getEpochSecond(), m.value("benchy_last_success_timestamp_seconds", Map.of("target", "vllm")));
        assertEquals(10, m.value("benchy_run_duration_seconds", Map.of("target", "vllm")));
        assertEquals(1, m.value("benchy_runs_total", Map.of("target", "vllm")));
        assertEquals(1, m.value("benchy_target_info", Map.of("target", "vllm", "model", "org/model",
                "served_model", "served")));
        assertEquals(1, m.value("benchy_build_info", Map.of("version", "1.2.3")));
        // no tg metric on a pp row, no pp metric on a tg row
        assertTrue(m.find("benchy_ttfr_seconds", Map.of("test", "tg32")).isEmpty());
        assertTrue(m.find("benchy_generation_tokens_per_second", Map.of("test", "pp512")).isEmpty());
    }

    @Test
    void aFailedRunKeepsTheLastValuesButSaysSo() {
        publisher.publish(ok(T1, 250));
        publisher.publish(TestReports.report("vllm", "vllm-2", RunStatus.FAILED, T2, List.of()));
        Exposition m = scrape();

        assertEquals(0, m.value("benchy_run_success", Map.of("target", "vllm")));
        assertEquals(T1.getEpochSecond(), m.value("benchy_last_success_timestamp_seconds", Map.of("target", "vllm")));
        assertEquals(T2.getEpochSecond(), m.value("benchy_last_run_timestamp_seconds", Map.of("target", "vllm")));
        assertEquals(2, m.value("benchy_runs_total", Map.of("target", "vllm")));
        assertEquals(1, m.value("benchy_run_failures_total", Map.of("target", "vllm")));
        assertEquals(0.25, m.value("benchy_ttfr_seconds", PP512), 1e-12);
    }

    @Test
    void seriesOfATestThatNoLongerRunsDisappear() {
        publisher.publish(ok(T1, 250));
        publisher.publish(TestReports.report("vllm", "vllm-2", RunStatus.OK, T2,
                List.of(TestReports.run(0, 512, 32, 1, 2100, 52, 240))));
        Exposition m = scrape();

        assertTrue(m.find("benchy_prompt_tokens_per_second", Map.of("test", "pp512 @ d4096")).isEmpty());
        assertEquals(2100, m.value("benchy_prompt_tokens_per_second", PP512));
        assertEquals(0.24, m.value("benchy_ttfr_seconds", PP512), 1e-12);
    }

    @Test
    void countersExistBeforeTheFirstRunOnePerErrorReason() {
        publisher.declare("vllm", T1);
        Exposition m = scrape();

        assertEquals(0, m.value("benchy_runs_total", Map.of("target", "vllm")));
        assertEquals(Arrays.stream(ErrorReason.values()).map(ErrorReason::id).sorted().toList(),
                m.find("benchy_request_errors_total", Map.of("target", "vllm")).stream()
                        .map(sample -> sample.labels().get("reason")).sorted().toList());
        assertEquals(0, m.value("benchy_request_errors_total", Map.of("target", "vllm", "reason", "timeout")));
    }

    @Test
    void requestErrorsAreCountedByReason() {
        BenchmarkRun clean = TestReports.run(0, 512, 32, 1, 2000, 50, 250);
        publisher.publish(TestReports.report("vllm", "vllm-1", RunStatus.PARTIAL, T1, List.of(
                withErrors(clean, Map.of("http_5xx", 2, "stalled", 1)), withErrors(clean, Map.of("http_5xx", 1)))));
        publisher.publish(TestReports.report("vllm", "vllm-2", RunStatus.PARTIAL, T2, List.of(
                withErrors(clean, Map.of("malformed", 4)))));
        Exposition m = scrape();

        assertEquals(3, m.value("benchy_request_errors_total", Map.of("target", "vllm", "reason", "http_5xx")));
        assertEquals(1, m.value("benchy_request_errors_total", Map.of("target", "vllm", "reason", "stalled")));
        assertEquals(4, m.value("benchy_request_errors_total", Map.of("target", "vllm", "reason", "malformed")));
        assertEquals(0, m.value("benchy_request_errors_total", Map.of("target", "vllm", "reason", "connect")));
    }

    @Test
    void aFlaggedRowIsAGaugeOfOnePerFlagOnTheRowsItSpeaksOf() {
        RowFlag partial = RowFlag.of(RowFlag.Kind.PARTIAL_BATCHES, "1 of 2 batches had a failed request");
        RowFlag mismatch = RowFlag.of(RowFlag.Kind.PROMPT_TOKENS_MISMATCH, "the server counted 580 prompt tokens");
        BenchmarkRun flagged = TestReports.run(0, 512, 32, 1, 2000, 50, 250).withFlags(List.of(partial, mismatch));
        publisher.publish(TestReports.report("vllm", "vllm-1", RunStatus.OK, T1, List.of(flagged)));
        Exposition m = scrape();

        assertEquals(1, m.value("benchy_row_flagged", with(PP512, "flag", "partial_batches")));
        assertEquals(1, m.value("benchy_row_flagged", with(PP512, "flag", "prompt_tokens_mismatch")));
        assertEquals(1, m.value("benchy_row_flagged", with(TG32, "flag", "partial_batches")));
        assertTrue(m.find("benchy_row_flagged", with(TG32, "flag", "prompt_tokens_mismatch")).isEmpty(),
                "a prompt-token count says nothing of the generation row");

        publisher.publish(ok(T2, 240));
        assertTrue(scrape().find("benchy_row_flagged", Map.of("target", "vllm")).isEmpty(),
                "a run without flags clears them");
    }

    @Test
    void percentilesOfTheLastRunSitBesideTheMean() {
        publisher.publish(ok(T1, 250));
        Exposition m = scrape();

        // TestReports' metric: p50 = mean, p90 = p99 = mean + std
        assertEquals(0.25, m.value("benchy_ttfr_seconds_p50", PP512), 1e-12);
        assertEquals(0.252, m.value("benchy_ttfr_seconds_p90", PP512), 1e-12);
        assertEquals(0.252, m.value("benchy_ttfr_seconds_p99", PP512), 1e-12);
        assertEquals(50.5, m.value("benchy_generation_request_tokens_per_second_p99", TG32), 1e-12);
    }

    @Test
    void everyRequestIsCountedForTheErrorRate() {
        publisher.declare("vllm", T1);
        assertEquals(0, scrape().value("benchy_requests_total", Map.of("target", "vllm")));
        publisher.publish(ok(T1, 250));
        publisher.publish(ok(T2, 250));

        assertEquals(4, scrape().value("benchy_requests_total", Map.of("target", "vllm")), "2 runs of 2 tests of 1");
    }

    @Test
    void theLastRunsErrorRatioHoldsUntilTheNextRun() {
        BenchmarkRun clean = TestReports.run(0, 512, 32, 1, 2000, 50, 250);
        publisher.publish(TestReports.report("vllm", "vllm-1", RunStatus.PARTIAL, T1, List.of(
                withErrors(clean, Map.of("http_5xx", 1)), clean)));
        assertEquals(1.0 / 3, scrape().value("benchy_run_error_ratio", Map.of("target", "vllm")), 1e-12,
                "1 of 2 + 1 requests");

        publisher.publish(TestReports.report("vllm", "vllm-2", RunStatus.FAILED, T2, List.of()));
        assertEquals(1, scrape().value("benchy_run_error_ratio", Map.of("target", "vllm")),
                "a run that failed before sending a request counts as all failed");
    }

    /** The exposition's lines of one metric family, in order, without comments. */
    private List<String> lines(String family) {
        return registry.scrape().lines().filter(line -> line.startsWith(family + "_")).toList();
    }

    @Test
    void requestLatenciesAddUpInHistogramsWithVllmsBuckets() {
        BenchmarkRun first = withDistributions(TestReports.run(0, 512, 32, 1, 2000, 50, 250), new RequestDistributions(
                new Histogram(2, 0.75, Map.of("0.25", 1L, "0.5", 1L)), null, null,
                new Histogram(3, 0.06, Map.of("0.025", 3L))));
        BenchmarkRun second = withDistributions(TestReports.run(0, 512, 32, 1, 2000, 50, 300), new RequestDistributions(
                new Histogram(1, 0.3, Map.of("0.5", 1L)), null, null, null));
        publisher.publish(TestReports.report("vllm", "vllm-1", RunStatus.OK, T1, List.of(first)));
        publisher.publish(TestReports.report("vllm", "vllm-2", RunStatus.OK, T2, List.of(second)));

        String row = "target=\"vllm\",model=\"org/model\",test=\"pp512\",depth=\"0\",pp=\"512\",tg=\"32\","
                + "concurrency=\"1\",";
        List<String> expected = new java.util.ArrayList<>();
        String[] le = {"0.001", "0.005", "0.01", "0.02", "0.04", "0.06", "0.08", "0.1", "0.25", "0.5", "0.75", "1.0",
                "2.5", "5.0", "7.5", "10.0", "20.0", "40.0", "80.0", "160.0", "640.0", "2560.0", "+Inf"};
        for (int i = 0; i < le.length; i++) {
            String count = i < 8 ? "0.0" : i == 8 ? "1.0" : "3.0";
            expected.add("benchy_time_to_first_response_seconds_bucket{" + row + "le=\"" + le[i] + "\",} " + count);
        }
        expected.add("benchy_time_to_first_response_seconds_count{" + row + "} 3.0");
        expected.add("benchy_time_to_first_response_seconds_sum{" + row + "} 1.05");
        assertEquals(expected, lines("benchy_time_to_first_response_seconds"));
        assertTrue(registry.scrape().contains("# TYPE benchy_time_to_first_response_seconds histogram\n"));

        String tgRow = row.replace("test=\"pp512\"", "test=\"tg32\"");
        List<String> itl = lines("benchy_inter_token_latency_seconds");
        assertEquals(List.of(
                "benchy_inter_token_latency_seconds_bucket{" + tgRow + "le=\"0.01\",} 0.0",
                "benchy_inter_token_latency_seconds_bucket{" + tgRow + "le=\"0.025\",} 3.0"), itl.subList(0, 2));
        assertEquals(19 + 3, itl.size(), "19 bounds, +Inf, count, sum");
        assertEquals("benchy_inter_token_latency_seconds_bucket{" + tgRow + "le=\"80.0\",} 3.0", itl.get(18));
        assertEquals(List.of(), lines("benchy_time_to_first_token_seconds"), "no observation, no series");
    }

    @Test
    void theSloVerdictIsAStatePerTargetBreachesAndLimits() {
        SloVerdict degraded = new SloVerdict(List.of(new SloVerdict.Limit(SloThreshold.TTFR, 200.0, null),
                new SloVerdict.Limit(SloThreshold.TTFR, 2000.0, new RowScope(4096, null, null, null)),
                new SloVerdict.Limit(SloThreshold.ERROR_RATE, 0.01, null)),
                List.of(new SloVerdict.Breach(SloThreshold.TTFR, "pp512", 250.0, 200.0)), SloVerdict.State.DEGRADED);
        publisher.publish(ok(T1, 250).withSlo(degraded));
        Exposition m = scrape();

        assertEquals(0, m.value("benchy_target_state", Map.of("target", "vllm", "state", "healthy")));
        assertEquals(1, m.value("benchy_target_state", Map.of("target", "vllm", "state", "degraded")));
        assertEquals(0, m.value("benchy_target_state", Map.of("target", "vllm", "state", "failing")));
        assertEquals(1, m.value("benchy_slo_breaches", Map.of("target", "vllm", "threshold", "ttfr")));
        assertEquals(0, m.value("benchy_slo_breaches", Map.of("target", "vllm", "threshold", "error_rate")));
        assertTrue(m.find("benchy_slo_breaches", Map.of("threshold", "tg_min")).isEmpty(), "not configured");
        assertEquals(0.2, m.value("benchy_slo_limit", Map.of("target", "vllm", "threshold", "ttfr", "scope", "")),
                1e-12);
        assertEquals(2.0, m.value("benchy_slo_limit", Map.of("threshold", "ttfr", "scope", "depth=4096")), 1e-12);
        assertEquals(0.01, m.value("benchy_slo_limit", Map.of("threshold", "error_rate")), 1e-12);

        publisher.publish(TestReports.report("vllm", "vllm-2", RunStatus.FAILED, T2, List.of())
                .withSlo(new SloVerdict(degraded.thresholds(), List.of(), SloVerdict.State.FAILING)));
        m = scrape();
        assertEquals(1, m.value("benchy_target_state", Map.of("target", "vllm", "state", "failing")));
        assertEquals(0, m.value("benchy_target_state", Map.of("target", "vllm", "state", "degraded")));
        assertEquals(0, m.value("benchy_slo_breaches", Map.of("target", "vllm", "threshold", "ttfr")));
    }

    @Test
    void aReportThatWasNotJudgedHasNoState() {
        publisher.publish(ok(T1, 250));

        assertTrue(scrape().find("benchy_target_state", Map.of()).isEmpty());
    }

    private static BenchmarkRun withDistributions(BenchmarkRun run, RequestDistributions distributions) {
        return new BenchmarkRun(run.concurrency(), run.contextSize(), run.promptSize(), run.responseSize(),
                run.contextPrefillPhase(), run.ppThroughput(), run.ppReqThroughput(), run.tgThroughput(),
                run.tgReqThroughput(), run.peakThroughput(), run.peakReqThroughput(), run.ttfr(), run.estPpt(),
                run.e2eTtft(), null, null, run.test(), run.contentTtft(), null, null, false, run.requests(),
                run.failedRequests(), run.errors(), run.flags(), run.errorReasons(), distributions);
    }

    private static BenchmarkRun withErrors(BenchmarkRun run, Map<String, Integer> reasons) {
        int failed = reasons.values().stream().mapToInt(Integer::intValue).sum();
        return new BenchmarkRun(run.concurrency(), run.contextSize(), run.promptSize(), run.responseSize(),
                run.contextPrefillPhase(), run.ppThroughput(), run.ppReqThroughput(), run.tgThroughput(),
                run.tgReqThroughput(), run.peakThroughput(), run.peakReqThroughput(), run.ttfr(), run.estPpt(),
                run.e2eTtft(), null, null, run.test(), run.contentTtft(), null, null, false, failed + 1, failed,
                List.of("it failed"), List.of(), reasons);
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> all = new HashMap<>(labels);
        all.put(key, value);
        return all;
    }

    @Test
    void aTargetThatNeverSucceededAgesFromItsBaselineNotNaN() {
        publisher.declare("vllm", T1);
        publisher.publish(TestReports.report("vllm", "vllm-1", RunStatus.FAILED, T2, List.of()));
        Exposition m = scrape();

        assertEquals(T1.getEpochSecond(), m.value("benchy_last_success_timestamp_seconds", Map.of("target", "vllm")));
        assertEquals(0, m.value("benchy_run_success", Map.of("target", "vllm")));
    }

    @Test
    void theModelLabelsStayWhenARunCannotLearnTheModel() {
        publisher.publish(withModel(TestReports.report("vllm", "vllm-0", RunStatus.FAILED, T1, List.of()),
                ModelDetection.UNKNOWN));
        assertEquals(1, scrape().value("benchy_target_info", Map.of("target", "vllm", "model", "unknown")),
                "before any run learned it, the model is unknown");
        publisher.publish(ok(T1, 250));
        publisher.publish(withModel(TestReports.report("vllm", "vllm-2", RunStatus.FAILED, T2, List.of()),
                ModelDetection.UNKNOWN));
        Exposition m = scrape();

        assertEquals(List.of(Map.of("target", "vllm", "model", "org/model", "served_model", "served")),
                m.find("benchy_target_info", Map.of()).stream().map(Exposition.Sample::labels).toList());
        assertEquals(0.25, m.value("benchy_ttfr_seconds", PP512), 1e-12, "the speed gauges keep the same model");
    }

    @Test
    void reportStoreFailuresAreCountedAndUnsavedReportsShown() {
        Exposition before = scrape();
        assertEquals(0, before.value("benchy_report_store_failures_total", Map.of()));
        assertEquals(0, before.value("benchy_reports_unsaved", Map.of()));

        publisher.reportStoreFailed();
        publisher.unsavedReports(2);
        Exposition m = scrape();

        assertEquals(1, m.value("benchy_report_store_failures_total", Map.of()));
        assertEquals(2, m.value("benchy_reports_unsaved", Map.of()));
    }

    private static RunReport withModel(RunReport r, String model) {
        return new RunReport(r.version(), r.timestamp(), r.latencyMode(), r.latencyMs(), model,
                r.prefixCachingEnabled(), r.maxConcurrency(), r.benchmarks(), r.id(), r.target(), model,
                r.baseUrl(), r.tokenizer(), r.status(), r.error(), r.warnings(), r.startedAt(), r.finishedAt(),
                r.durationSeconds(), r.seed());
    }

    @Test
    void aNewPublisherOnTheSameRegistryOwnsItsGauges() {
        publisher.declare("vllm", T1);
        publisher.publish(ok(T1, 250));
        MetricsPublisher restarted = new MetricsPublisher(registry, "1.2.4");
        restarted.declare("vllm", T2);
        restarted.unsavedReports(3);
        restarted.publish(TestReports.report("vllm", "vllm-2", RunStatus.FAILED, T2, List.of()));
        Exposition m = scrape();

        assertEquals(3, m.value("benchy_reports_unsaved", Map.of()), "not the first publisher's 0");
        assertEquals(0, m.value("benchy_run_success", Map.of("target", "vllm")));
        assertEquals(T2.getEpochSecond(), m.value("benchy_last_success_timestamp_seconds", Map.of("target", "vllm")));
    }
}
