package dev.benchy.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTML report: its page, golden-tested with small stand-in assets (the real ones are 50 KB of someone else's
 * code), and with the real assets: everything inline, nothing fetched, the data intact and unable to break out.
 */
class HtmlReportWriterTest {

    /** Stand-ins for the stylesheets and scripts, so the golden file shows benchy's page and nothing else. */
    static final HtmlAssets SMALL = new HtmlAssets("/* benchy.css */", "/* uPlot.min.css */",
            "/* uPlot.iife.min.js */", "/* charts.js */");

    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"benchy-data\">(.*?)</script>", Pattern.DOTALL);

    @Test
    void pageOfAReportWithFootnotesGolden() throws IOException {
        Golden.assertMatches("multi-concurrency.html", new HtmlReportWriter(SMALL).write(ReportFixtures.multiConcurrency()));
    }

    @Test
    void pageOfAPartialRunWithWarningsGolden() throws IOException {
        Golden.assertMatches("full.html", new HtmlReportWriter(SMALL).write(ReportFixtures.full()));
    }

    @Test
    void selfContainedWithTheRealAssets() {
        String html = new HtmlReportWriter().write(ReportFixtures.multiConcurrency());
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("var uPlot="), "uPlot inline");
        assertTrue(html.contains("BenchyCharts"), "benchy's chart functions inline");
        assertFalse(Pattern.compile("<(script|link|img|iframe)[^>]*(src|href)=", Pattern.CASE_INSENSITIVE)
                .matcher(html).find(), "nothing is loaded from anywhere");
        assertFalse(html.contains("@import"), "no stylesheet imports");
    }

    @Test
    void dataIsTheReportAndItsFiguresAndCannotEndTheScriptEarly() throws IOException {
        RunReport hostile = ReportFixtures.full().withEarlierWarnings(List.of("</script><script>alert(1)</script>"));
        String html = new HtmlReportWriter(SMALL).write(hostile);
        Matcher data = DATA.matcher(html);
        assertTrue(data.find());
        assertFalse(data.group(1).contains("<"), "no tag can start inside the data");
        JsonNode json = new ObjectMapper().readTree(data.group(1));
        assertEquals("</script><script>alert(1)</script>", json.at("/report/warnings/0").asText());
        assertEquals(hostile.id(), json.at("/report/id").asText());
        assertEquals(ReportFigures.of(hostile).rows().size(), json.at("/figures/rows").size());
        assertTrue(html.contains("<li>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</li>"),
                "the warning is shown as text");
    }

    @Test
    void aReportWithoutResultsSaysSoAndHasNoTable() {
        RunReport empty = new RunReport("0.3.6", "2026-02-06 15:52:14Z", "api", 1.0, "m", false, 1, List.of(),
                null, null, null, null, null, null, null, null, null, null, 0, null);
        String html = new HtmlReportWriter(SMALL).write(empty);
        assertTrue(html.contains(MarkdownReportWriter.NO_RESULTS));
        assertFalse(html.contains("<table"));
        assertFalse(html.contains("class=\"status"), "llama-benchy's reports carry no status");
    }

    @Test
    void pickedByItsFormatName() {
        assertTrue(ReportWriter.forFormat("html").orElseThrow() instanceof HtmlReportWriter);
        assertEquals("text/html", new HtmlReportWriter(SMALL).mediaType());
    }
}
