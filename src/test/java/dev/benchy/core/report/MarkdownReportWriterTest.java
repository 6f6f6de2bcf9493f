package dev.benchy.core.report;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.benchy.core.report.ReportFixtures.metric;
import static dev.benchy.core.report.ReportFixtures.report;
import static dev.benchy.core.report.ReportFixtures.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MarkdownReportWriterTest {

    private final MarkdownReportWriter writer = new MarkdownReportWriter();

    @Test
    void reportWithoutRowsSaysNoResults() {
        RunReport empty = report(1, false, List.of());

        assertEquals("No results collected. Check if the model is generating tokens.\n", writer.write(empty));
    }

    @Test
    void testWhoseRequestsAllFailedSaysNoResultsAndWhy() {
        BenchmarkRun failed = new BenchmarkRun(1, 0, 512, 32, false, null, null, null, null, null, null, null, null,
                null, null, null, "pp512 tg32 (c1)", null, null, null, false, 3, 3, List.of("HTTP 401: unauthorized"));

        assertEquals("No results collected. Check if the model is generating tokens.\n"
                        + "\n"
                        + "\u26a0 pp512: 3 of 3 requests failed: HTTP 401: unauthorized\n",
                writer.write(report(1, false, List.of(failed))));
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
    void cacheHitOfColdPromptIsFootnoted() {
        BenchmarkRun cached = withCache(run(1, 4096, false, metric(1000, 1), null, null, null, null, null,
                null, null, null), List.of(2048.0, 4096.0));

        assertEquals(List.of("\u26a0 pp2048 @ d4096: the server reported 2048\u20134096 cached prompt tokens;"
                + " prefill was not cold."), ReportFootnotes.of(report(1, false, List.of(cached))));
    }

    @Test
    void cacheHitIsExpectedOnlyInTheInferencePhaseOfPrefixCaching() {
        BenchmarkRun inference = withCache(run(1, 4096, false, metric(1000, 1), null, null, null, null, null,
                null, null, null), List.of(4096.0));
        BenchmarkRun context = withCache(run(1, 4096, true, metric(1000, 1), null, null, null, null, null,
                null, null, null), List.of(4096.0));
        BenchmarkRun noDepth = withCache(run(1, 0, false, metric(1000, 1), null, null, null, null, null,
                null, null, null), List.of(2000.0));

        assertEquals(List.of(), ReportFootnotes.of(report(1, true, List.of(inference))));
        assertEquals(List.of("\u26a0 ctx_pp @ d4096: the server reported 4096 cached prompt tokens;"
                + " prefill was not cold."), ReportFootnotes.of(report(1, true, List.of(context))));
        assertEquals(List.of("\u26a0 pp2048: the server reported 2000 cached prompt tokens;"
                + " prefill was not cold."), ReportFootnotes.of(report(1, true, List.of(noDepth))));
    }

    @Test
    void failureFootnoteShowsFirstDistinctErrorOnOneLineAndCountsTheOthers() {
        String longBody = "x".repeat(ReportFootnotes.MAX_ERROR_LENGTH + 10);
        BenchmarkRun run = new BenchmarkRun(2, 0, 512, 32, false, metric(1, 0), null, null, null, null, null, null,
                null, null, null, null, "pp512 tg32 (c2)", null, null, null, false, 6, 3,
                List.of("HTTP 503:\r\n  overloaded", "HTTP 503: overloaded", longBody));
        BenchmarkRun single = new BenchmarkRun(1, 0, 512, 32, false, metric(1, 0), null, null, null, null, null,
                null, null, null, null, null, "pp512 tg32 (c1)", null, null, null, false, 1, 1,
                List.of(longBody));

        assertEquals(List.of("\u26a0 pp512 (c2): 3 of 6 requests failed: HTTP 503: overloaded (and 1 other error)",
                        "\u26a0 pp512 (c1): 1 of 1 request failed: "
                                + "x".repeat(ReportFootnotes.MAX_ERROR_LENGTH) + "\u2026"),
                ReportFootnotes.of(report(2, false, List.of(run, single))));
    }

    @Test
    void footnotesFollowTheTableAfterABlankLine() {
        String markdown = writer.write(ReportFixtures.multiConcurrency());

        assertEquals("| openai/gpt-oss-120b |   tg32 @ d4096 (c2) |    116.93 \u00b1 10.24 |      58.47 \u00b1 5.12 |"
                        + " 121.11 \u00b1 10.61 |     60.05 \u00b1 5.30 |                 |                 |                  |\n"
                        + "\n"
                        + "\u26a0 pp2048 @ d4096 (c2): 1 of 4 requests failed: HTTP 503: Service Unavailable\n",
                markdown.substring(markdown.lastIndexOf("| openai")));
    }

    @Test
    void writesToStreamAsUtf8() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(ReportFixtures.multiConcurrency(), out);

        assertEquals(writer.write(ReportFixtures.multiConcurrency()), out.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("md", "csv", "json"), List.of(writer.format(),
                new CsvReportWriter().format(), new JsonReportWriter().format()));
    }

    private static BenchmarkRun withCache(BenchmarkRun run, List<Double> cachedTokens) {
        Metric cached = new Metric(0, 0, cachedTokens, 0, 0, 0);
        return new BenchmarkRun(run.concurrency(), run.contextSize(), run.promptSize(), run.responseSize(),
                run.contextPrefillPhase(), run.ppThroughput(), run.ppReqThroughput(), run.tgThroughput(),
                run.tgReqThroughput(), run.peakThroughput(), run.peakReqThroughput(), run.ttfr(), run.estPpt(),
                run.e2eTtft(), null, null, run.test(), null, null, cached, true, run.requests(), 0, List.of());
    }
}
