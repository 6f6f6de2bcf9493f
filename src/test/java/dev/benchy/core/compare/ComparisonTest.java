package dev.benchy.core.compare;

import dev.benchy.core.report.Golden;
import dev.benchy.core.report.HtmlAssets;
import dev.benchy.core.report.JsonReportReader;
import dev.benchy.core.report.MetricColumn;
import dev.benchy.core.report.ReportFigures;
import dev.benchy.core.report.RunReport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * llama-benchy's sample report (A) against a later benchy report of the same rows (B): pp at c2 is 12.5 % slower
 * (its times 12.5 % longer), tg at c1 6.25 % faster (its times 3.125 % shorter); B has a deeper test A has not.
 */
class ComparisonTest {

    static final Path LLAMA_BENCHY = Path.of("src/test/resources/schemas/llama-benchy-0.3.6-sample.json");
    static final Path BENCHY = Path.of("src/test/resources/compare/benchy-later.json");

    static RunReport read(Path file) throws IOException {
        return new JsonReportReader().read(Files.readAllBytes(file));
    }

    static Comparison sampleAgainstLater() throws IOException {
        return Comparison.of(ComparisonSide.of("llama-benchy-0.3.6-sample.json", read(LLAMA_BENCHY)),
                ComparisonSide.of("benchy-later.json", read(BENCHY)));
    }

    @Test
    void markdownGolden() throws IOException {
        Golden.assertMatches("compare.md", new MarkdownComparisonWriter().write(sampleAgainstLater()));
    }

    @Test
    void jsonGolden() throws IOException {
        Golden.assertMatches("compare.json", new JsonComparisonWriter().write(sampleAgainstLater()));
    }

    @Test
    void htmlGolden() throws IOException {
        HtmlAssets small = new HtmlAssets("/* benchy.css */", "", "", "");
        Golden.assertMatches("compare.html", new HtmlComparisonWriter(small).write(sampleAgainstLater()));
    }

    @Test
    void everyCommonRowMatchedByTestAndConcurrencyWithTheChange() throws IOException {
        Comparison comparison = sampleAgainstLater();
        ComparedValue ppAtTwo = find(comparison, "pp2048", 2, MetricColumn.THROUGHPUT);
        assertEquals(-12.5, ppAtTwo.changePercent(), 1e-9);
        assertEquals(ComparedValue.Verdict.WORSE, ppAtTwo.verdict());
        ComparedValue ttfrAtTwo = find(comparison, "pp2048", 2, MetricColumn.TTFR);
        assertEquals(12.5, ttfrAtTwo.changePercent(), 1e-9);
        assertEquals(ComparedValue.Verdict.WORSE, ttfrAtTwo.verdict(), "a longer time is worse");
        ComparedValue tgAtOne = find(comparison, "tg32", 1, MetricColumn.THROUGHPUT);
        assertEquals(6.25, tgAtOne.changePercent(), 1e-9);
        assertEquals(ComparedValue.Verdict.BETTER, tgAtOne.verdict());
        assertEquals(ComparedValue.Verdict.BETTER, find(comparison, "pp2048", 1, MetricColumn.TTFR).verdict(),
                "a shorter time is better");
        assertEquals(ComparedValue.Verdict.SAME, find(comparison, "pp2048", 1, MetricColumn.THROUGHPUT).verdict());
        assertEquals(List.of(), comparison.onlyInA());
        assertEquals(List.of("pp2048 @ d4096 (c1)", "tg32 @ d4096 (c1)"), comparison.onlyInB());
    }

    @Test
    void rowsOfOneConcurrencyMatchTheSameConcurrencyOfASuiteOfSeveral() throws IOException {
        RunReport several = read(LLAMA_BENCHY);
        ReportFigures single = new ReportFigures(1, ReportFigures.of(several).rows().stream()
                .filter(r -> r.concurrency() == 1).toList());
        Comparison comparison = Comparison.of(new ComparisonSide("single", "test", single),
                ComparisonSide.of("several", several));
        assertTrue(comparison.values().stream().allMatch(v -> v.concurrency() == 1));
        assertEquals(List.of("pp2048 (c2)", "tg32 (c2)"), comparison.onlyInB());
        assertEquals("pp2048 (c1)", comparison.rowName(comparison.values().get(0)),
                "named as a table of several concurrencies names it");
    }

    @Test
    void slowerByFindsTheSpeedsThatFellBeyondTheLimitOnly() throws IOException {
        Comparison comparison = sampleAgainstLater();
        List<ComparedValue> slower = comparison.slowerBy(10);
        assertEquals(2, slower.size(), "pp2048 (c2): t/s (total) and t/s (req), each -12.5 %");
        assertTrue(slower.stream().allMatch(v -> v.test().equals("pp2048") && v.concurrency() == 2));
        assertEquals(List.of(), comparison.slowerBy(12.5), "exactly at the limit passes");
        assertEquals(List.of(), comparison.slowerBy(20));
    }

    @Test
    void noChangeCanBeStatedAgainstZero() {
        ReportFigures.Row zero = new ReportFigures.Row("pp512", ReportFigures.Kind.PP, 0, 1, false,
                Map.of("t_s", 100.0, "est_ppt", 0.0));
        ReportFigures.Row later = new ReportFigures.Row("pp512", ReportFigures.Kind.PP, 0, 1, false,
                Map.of("t_s", 100.0, "est_ppt", 2.0));
        Comparison comparison = Comparison.of(new ComparisonSide("a", null, new ReportFigures(1, List.of(zero))),
                new ComparisonSide("b", null, new ReportFigures(1, List.of(later))));
        ComparedValue estPpt = find(comparison, "pp512", 1, MetricColumn.EST_PPT);
        assertNull(estPpt.changePercent());
        assertEquals("n/a", ChangeText.change(estPpt));
        assertEquals(ComparedValue.Verdict.WORSE, estPpt.verdict());
    }

    @Test
    void twoReportsWithoutACommonRowSaySo() throws IOException {
        Comparison comparison = Comparison.of(new ComparisonSide("a", null, new ReportFigures(1, List.of())),
                ComparisonSide.of("b", read(BENCHY)));
        String text = new MarkdownComparisonWriter().write(comparison);
        assertTrue(text.contains(MarkdownComparisonWriter.NO_COMMON_ROWS), text);
        assertTrue(text.contains("Only in B: pp2048 (c1)"), text);
    }

    @Test
    void writersArePickedByFormatName() {
        assertEquals(List.of("md", "json", "html"), ComparisonWriter.all().stream().map(ComparisonWriter::format)
                .toList());
        assertTrue(ComparisonWriter.forFormat(" HTML ").orElseThrow() instanceof HtmlComparisonWriter);
        assertTrue(ComparisonWriter.forFormat("csv").isEmpty());
    }

    private static ComparedValue find(Comparison comparison, String test, int concurrency, MetricColumn column) {
        return comparison.values().stream()
                .filter(v -> v.test().equals(test) && v.concurrency() == concurrency && v.column() == column)
                .findFirst().orElseThrow(() -> new AssertionError("no " + test + " c" + concurrency + " " + column));
    }
}
