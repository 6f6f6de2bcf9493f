package dev.benchy.core.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;

/** Every writer's output for the fixture reports, compared with the files in {@code src/test/resources/golden/}. */
class GoldenReportTest {

    @Test
    void markdownAtConcurrencyOne() throws IOException {
        Golden.assertMatches("single-concurrency.md", new MarkdownReportWriter().write(ReportFixtures.singleConcurrency()));
    }

    @Test
    void markdownAtSeveralConcurrenciesWithContextPhase() throws IOException {
        Golden.assertMatches("multi-concurrency.md", new MarkdownReportWriter().write(ReportFixtures.multiConcurrency()));
    }

    @Test
    void csvAtConcurrencyOne() throws IOException {
        Golden.assertMatches("single-concurrency.csv", new CsvReportWriter().write(ReportFixtures.singleConcurrency()));
    }

    @Test
    void csvAtSeveralConcurrencies() throws IOException {
        Golden.assertMatches("multi-concurrency.csv", new CsvReportWriter().write(ReportFixtures.multiConcurrency()));
    }

    @Test
    void jsonOfFullReport() throws IOException {
        Golden.assertMatches("full.json", new JsonReportWriter().write(ReportFixtures.full()));
    }
}
