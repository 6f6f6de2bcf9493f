package dev.benchy.core.report;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static dev.benchy.core.report.ReportFixtures.metric;
import static dev.benchy.core.report.ReportFixtures.report;
import static dev.benchy.core.report.ReportFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarkdownReportWriterTest {

    private final MarkdownReportWriter writer = new MarkdownReportWriter();

    @Test
    void reportWithoutRowsSaysNoResults() {
        RunReport empty = report(1, false, List.of());

        assertEquals("No results collected. Check if the model is generating tokens.\n", writer.write(empty));
    }

    @Test
    void aFailedRunSaysItsStatusAndErrorsNotThatTheModelGeneratesNothing() {
        BenchmarkRun failed = allFailed("http_4xx", "HTTP 401: unauthorized");

        assertEquals("Run failed: every request failed; first error: HTTP 401: unauthorized\n"
                        + "\n"
                        + "\u26a0 pp512: 3 of 3 requests failed (3 http_4xx): HTTP 401: unauthorized\n",
                writer.write(stopped(RunStatus.FAILED, "every request failed; first error: HTTP 401: unauthorized",
                        List.of(failed))));
    }

    @Test
    void noResultsIsSaidWhenTheServerSentEventsWithoutOutput() {
        BenchmarkRun silent = allFailed("no_output", "stream ended after 8 events, none with output");

        assertEquals("Run failed: every request failed; first error: stream ended after 8 events, none with output\n"
                        + "\n"
                        + "No results collected. Check if the model is generating tokens.\n"
                        + "\n"
                        + "\u26a0 pp512: 3 of 3 requests failed (3 no_output): stream ended after 8 events, none with"
                        + " output\n",
                writer.write(stopped(RunStatus.FAILED, "every request failed; first error: stream ended after 8"
                        + " events, none with output", List.of(silent))));
    }

    @Test
    void aRunStoppedBeforeAnyTestSaysWhyAndNothingElse() {
        assertEquals("Run failed: Coherence test failed: expected 'Paris', got 'Lyon'\n",
                writer.write(stopped(RunStatus.FAILED, "Coherence test failed: expected 'Paris', got 'Lyon'",
                        List.of())));
        assertEquals("Run cancelled.\n", writer.write(stopped(RunStatus.CANCELLED, null, List.of())));
    }

    @Test
    void aStoppedRunWithResultsSaysSoAboveItsTable() {
        BenchmarkRun measured = run(1, 0, false, metric(1.5, 0.25), null, null, null, null, null, null, null, null);

        assertTrue(writer.write(stopped(RunStatus.CANCELLED, "cancelled before the run completed",
                List.of(measured))).startsWith("Run cancelled: cancelled before the run completed\n\n| model "));
    }

    @Test
    void tableIsPaddedAlignedAndSeparatedAsTabulatePipe() {
        RunReport report = report(1, false, List.of(
                run(1, 0, false, metric(1.5, 0.25), null, metric(12.345, 0.125), null, null, null,
                        metric(1234.5, 0), null, null)));
        String expected = ""
                + "| model               |   test |          t/s |   peak t/s |      ttfr (ms) |   est_ppt (ms) |   e2e_ttft (ms) |\n"
                + "|:--------------------|-------:|-------------:|-----------:|---------------:|---------------:|----------------:|\n"
                + "| openai/gpt-oss-120b | pp2048 |  1.50 \u00b1 0.25 |            | 1234.50 \u00b1 0.00 |                |                 |\n"
                + "| openai/gpt-oss-120b |   tg32 | 12.35 \u00b1 0.12 |            |                |                |                 |\n";

        assertEquals(expected, writer.write(report));
    }

    @Test
    void generationRowWithOnlyPeakHasEmptyRateCell() {
        RunReport report = report(1, false,
                List.of(run(1, 0, false, null, null, null, null, metric(51.6, 0.01), null, null, null, null)));

        assertEquals(""
                + "| model               |   test |   t/s |     peak t/s |   ttfr (ms) |   est_ppt (ms) |   e2e_ttft (ms) |\n"
                + "|:--------------------|-------:|------:|-------------:|------------:|---------------:|----------------:|\n"
                + "| openai/gpt-oss-120b |   tg32 |       | 51.60 \u00b1 0.01 |             |                |                 |\n",
                writer.write(report));
    }

    @Test
    void concurrentTableHasTotalAndPerRequestColumns() {
        RunReport report = report(2, false, List.of(
                run(2, 0, false, null, null, metric(100, 1), metric(50, 0.5), metric(104, 2), null, null, null, null)));

        assertEquals(""
                + "| model               |      test |   t/s (total) |    t/s (req) |      peak t/s |   peak t/s (req) |   ttfr (ms) |   est_ppt (ms) |   e2e_ttft (ms) |\n"
                + "|:--------------------|----------:|--------------:|-------------:|--------------:|-----------------:|------------:|---------------:|----------------:|\n"
                + "| openai/gpt-oss-120b | tg32 (c2) | 100.00 \u00b1 1.00 | 50.00 \u00b1 0.50 | 104.00 \u00b1 2.00 |                  |             |                |                 |\n",
                writer.write(report));
    }

    @Test
    void flaggedRowsCarryTheNumberOfEachOfTheirFootnotes() {
        RowFlag failed = RowFlag.of(RowFlag.Kind.FAILED_REQUESTS, "1 of 4 requests failed (1 http_5xx): HTTP 503",
                "failed", 1, "requests", 4);
        RowFlag partial = RowFlag.of(RowFlag.Kind.PARTIAL_BATCHES, "1 of 2 batches had a failed request and is left"
                + " out of t/s (total) and peak t/s", "left_out", 1, "batches", 2);
        RowFlag mismatch = RowFlag.of(RowFlag.Kind.PROMPT_TOKENS_MISMATCH, "the server counted 2300 prompt tokens"
                + " where 2048 were meant (+12.3 %)", "expected", 2048, "reported", 2300);
        BenchmarkRun clean = run(2, 0, false, metric(10, 1), metric(5, 1), metric(20, 1), metric(10, 1), null, null,
                metric(100, 1), null, null);
        BenchmarkRun flagged = run(2, 4096, false, metric(10, 1), metric(5, 1), metric(20, 1), metric(10, 1), null,
                null, metric(100, 1), null, null).withFlags(List.of(failed, partial, mismatch));

        String markdown = writer.write(report(2, false, List.of(clean, flagged)));

        assertEquals(List.of("pp2048 (c2)", "tg32 (c2)", "pp2048 @ d4096 (c2) [1,2,3]", "tg32 @ d4096 (c2) [1,2]"),
                markdown.lines().skip(2).limit(4).map(line -> line.split("\\|")[2].strip()).toList());
        assertTrue(markdown.endsWith("|\n"
                + "\n"
                + "[1] pp2048 @ d4096 (c2): 1 of 4 requests failed (1 http_5xx): HTTP 503\n"
                + "[2] pp2048 @ d4096 (c2): 1 of 2 batches had a failed request and is left out of t/s (total) and"
                + " peak t/s\n"
                + "[3] pp2048 @ d4096 (c2): the server counted 2300 prompt tokens where 2048 were meant (+12.3 %)\n"),
                markdown);
    }

    @Test
    void aFlagWithoutARowInTheTableIsAPlainWarningLine() {
        RowFlag clamped = RowFlag.of(RowFlag.Kind.EST_PPT_CLAMPED, "est_ppt was clamped to 0 for 2 of 2 requests",
                "clamped", 2, "requests", 2);
        RowFlag tgFlag = RowFlag.of(RowFlag.Kind.FAILED_REQUESTS, "1 of 2 requests failed.", "failed", 1,
                "requests", 2);
        BenchmarkRun onlyGeneration = run(1, 0, false, null, null, metric(20, 1), null, null, null, null, null, null)
                .withFlags(List.of(clamped, tgFlag));

        assertEquals(List.of("\u26a0 pp2048: est_ppt was clamped to 0 for 2 of 2 requests",
                "[1] pp2048: 1 of 2 requests failed."), ReportFootnotes.of(report(1, false, List.of(onlyGeneration))));
        assertTrue(writer.write(report(1, false, List.of(onlyGeneration))).contains("| tg32 [1] |"));
    }

    @Test
    void footnotesFollowTheTableAfterABlankLine() {
        String markdown = writer.write(ReportFixtures.multiConcurrency());

        assertEquals("| openai/gpt-oss-120b |   tg32 @ d4096 (c2) [1] |    116.93 \u00b1 10.24 |      58.47 \u00b1 5.12 |"
                        + " 121.11 \u00b1 10.61 |     60.05 \u00b1 5.30 |                 |                 |                  |\n"
                        + "\n"
                        + "[1] pp2048 @ d4096 (c2): 1 of 4 requests failed (1 http_5xx): HTTP 503: Service Unavailable\n",
                markdown.substring(markdown.lastIndexOf("| openai")));
    }

    @Test
    void aJudgedReportEndsWithItsSloSection() {
        SloVerdict verdict = new SloVerdict(List.of(new SloVerdict.Limit(SloThreshold.TTFR, 500.0, null),
                new SloVerdict.Limit(SloThreshold.TG_MIN, 60.0, null),
                new SloVerdict.Limit(SloThreshold.ERROR_RATE, 0.01, null),
                new SloVerdict.Limit(SloThreshold.TTFR, 2000.0, new RowScope(4096, null, null, null))),
                List.of(new SloVerdict.Breach(SloThreshold.ERROR_RATE, null, 0.0625, 0.01),
                        new SloVerdict.Breach(SloThreshold.TTFR, "pp2048 (c2)", 473.18, 450.0),
                        new SloVerdict.Breach(SloThreshold.TG_MIN, "tg32 @ d4096 (c2)", 58.47, 60.0)),
                SloVerdict.State.FAILING);

        String markdown = writer.write(ReportFixtures.multiConcurrency().withSlo(verdict));

        assertTrue(markdown.endsWith("Service Unavailable\n"
                + "\n"
                + "SLO: failing. Thresholds: ttfr \u2264 500 ms, tg t/s (req) \u2265 60 t/s, error rate \u2264 1 %,"
                + " ttfr \u2264 2000 ms at depth=4096.\n"
                + "- the whole run: error rate 6.25 %, above the limit of 1 %\n"
                + "- pp2048 (c2): ttfr 473.18 ms, above the limit of 450 ms\n"
                + "- tg32 @ d4096 (c2): tg t/s (req) 58.47 t/s, below the limit of 60 t/s\n"), markdown);
        assertFalse(writer.write(ReportFixtures.multiConcurrency()).contains("SLO"), "not judged, no section");
    }

    @Test
    void aFailedRunSaysSoInItsSloLine() {
        RunReport failed = stopped(RunStatus.FAILED, "every request failed", List.of())
                .withSlo(new SloVerdict(List.of(), List.of(), SloVerdict.State.FAILING));

        assertTrue(writer.write(failed).endsWith("\nSLO: failing (the run failed). Thresholds: none.\n"),
                writer.write(failed));
    }

    /** A concurrency-1 test of pp512 whose 3 requests all failed for one reason with one error. */
    private static BenchmarkRun allFailed(String reason, String error) {
        return new BenchmarkRun(1, 0, 512, 32, false, null, null, null, null, null, null, null, null, null, null,
                null, "pp512", null, null, null, false, 3, 3, List.of(error),
                List.of(RowFlag.of(RowFlag.Kind.FAILED_REQUESTS, "3 of 3 requests failed (3 " + reason + "): " + error,
                        "failed", 3, "requests", 3)), Map.of(reason, 3));
    }

    private static RunReport stopped(RunStatus status, String error, List<BenchmarkRun> runs) {
        RunReport base = report(1, false, runs);
        return new RunReport(base.version(), base.timestamp(), base.latencyMode(), base.latencyMs(), base.model(),
                false, 1, runs, base.id(), base.target(), base.servedModel(), base.baseUrl(), base.tokenizer(), status,
                error, List.of(), base.startedAt(), base.finishedAt(), base.durationSeconds(), base.seed());
    }

    @Test
    void writesToStreamAsUtf8() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(ReportFixtures.multiConcurrency(), out);

        assertEquals(writer.write(ReportFixtures.multiConcurrency()), out.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("md", "csv", "json"), List.of(writer.format(),
                new CsvReportWriter().format(), new JsonReportWriter().format()));
    }
}
