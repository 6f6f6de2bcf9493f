package dev.benchy.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report as one self-contained HTML page: what was measured and how (model, server, tokenizer, latency), the
 * results table with the same cells as the Markdown, the warnings and failures, and charts drawn in the page from the
 * report's own data (t/s and latencies against depth, one line per concurrency; each request's ttfr and t/s; the
 * throughput over time when it was recorded). Styles, scripts and data are inline: the file opens offline.
 */
public final class HtmlReportWriter implements ReportWriter {

    private final HtmlPage page;
    private final ObjectWriter json = ReportJson.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

    /** With the assets on the classpath, read when the first page is written. */
    public HtmlReportWriter() {
        this.page = HtmlPage.bundled();
    }

    public HtmlReportWriter(HtmlAssets assets) {
        this.page = HtmlPage.with(assets);
    }

    @Override
    public String format() {
        return "html";
    }

    /** Without a charset parameter: the service's answer adds {@code charset=utf-8} to every report's type. */
    @Override
    public String mediaType() {
        return "text/html";
    }

    @Override
    public String write(RunReport report) {
        String title = "benchy: " + name(report) + (report.timestamp() == null ? "" : " at " + report.timestamp());
        StringBuilder body = new StringBuilder(4096);
        body.append("<header class=\"doc-head\">\n<div class=\"brand\">benchy</div>\n<h1>")
                .append(HtmlPage.escape(name(report))).append(' ').append(status(report.status())).append("</h1>\n")
                .append("<p class=\"sub\">").append(HtmlPage.escape(subtitle(report))).append("</p>\n</header>\n")
                .append("<main>\n");
        appendFacts(report, body);
        appendNotes(report, body);
        appendTable(report, body);
        body.append("<section><h2>Charts</h2>\n<div id=\"charts\" class=\"charts\"></div>\n</section>\n")
                .append("</main>\n<footer>benchy ").append(HtmlPage.escape(report.version()));
        if (report.id() != null) {
            body.append(" &middot; report ").append(HtmlPage.escape(report.id()));
        }
        body.append("</footer>\n");
        return page.document(title, body.toString(), data(report),
                "BenchyCharts.runCharts(document.getElementById('charts'),"
                        + " JSON.parse(document.getElementById('benchy-data').textContent));");
    }

    private static String name(RunReport report) {
        if (report.target() != null) {
            return report.target();
        }
        return report.model() == null || report.model().isEmpty() ? "report" : report.model();
    }

    private static String subtitle(RunReport report) {
        List<String> parts = new ArrayList<>();
        if (report.model() != null && !report.model().isEmpty()) {
            parts.add(report.model());
        }
        if (report.timestamp() != null) {
            parts.add(report.timestamp());
        }
        return String.join(" \u00b7 ", parts);
    }

    /** A status badge; llama-benchy's reports have no status and get none. */
    static String status(RunStatus status) {
        return status == null ? "" : "<span class=\"status status-" + status.id() + "\">" + status.id() + "</span>";
    }

    private static void appendFacts(RunReport report, StringBuilder body) {
        List<String[]> facts = new ArrayList<>();
        fact(facts, "model", report.model());
        fact(facts, "served model", report.servedModel());
        fact(facts, "base URL", report.baseUrl());
        fact(facts, "tokenizer", report.tokenizer());
        fact(facts, "latency", report.latencyMode() + ("none".equals(report.latencyMode()) ? ""
                : String.format(Locale.ROOT, " (%s ms)", PythonFloat.fixed(report.latencyMs(), 2))));
        fact(facts, "prefix caching", report.prefixCachingEnabled() ? "on" : "off");
        fact(facts, "max concurrency", Integer.toString(report.maxConcurrency()));
        fact(facts, "started", report.startedAt());
        fact(facts, "finished", report.finishedAt());
        if (report.durationSeconds() > 0) {
            fact(facts, "duration", PythonFloat.fixed(report.durationSeconds(), 1) + " s");
        }
        fact(facts, "seed", report.seed() == null ? null : report.seed().toString());
        fact(facts, "version", report.version());
        body.append("<section class=\"facts\"><dl>\n");
        for (String[] f : facts) {
            body.append("<div><dt>").append(HtmlPage.escape(f[0])).append("</dt><dd>").append(HtmlPage.escape(f[1]))
                    .append("</dd></div>\n");
        }
        body.append("</dl></section>\n");
    }

    private static void fact(List<String[]> facts, String name, String value) {
        if (value != null && !value.isEmpty()) {
            facts.add(new String[] {name, value});
        }
    }

    /** The run's error, its warnings and the table's footnotes (cache hits, failed requests with their errors). */
    private static void appendNotes(RunReport report, StringBuilder body) {
        if (report.error() != null) {
            body.append("<p class=\"alert alert-error\">").append(HtmlPage.escape(report.error())).append("</p>\n");
        }
        List<String> notes = new ArrayList<>(report.warnings());
        notes.addAll(ReportFootnotes.of(report));
        if (!notes.isEmpty()) {
            body.append("<section><h2>Warnings</h2>\n<ul class=\"warnings\">\n");
            notes.forEach(note -> body.append("<li>").append(HtmlPage.escape(note)).append("</li>\n"));
            body.append("</ul>\n</section>\n");
        }
    }

    /** The results table, cell for cell as the Markdown (the first two columns as text, the others as numbers). */
    private static void appendTable(RunReport report, StringBuilder body) {
        ReportTable table = ReportTable.of(report);
        body.append("<section><h2>Results</h2>\n");
        if (table.isEmpty()) {
            body.append("<p class=\"empty\">").append(HtmlPage.escape(MarkdownReportWriter.NO_RESULTS))
                    .append("</p>\n</section>\n");
            return;
        }
        body.append("<div class=\"table-wrap\"><table class=\"results\">\n<thead><tr>");
        MarkdownReportWriter.headers(table).forEach(h -> body.append("<th>").append(HtmlPage.escape(h)).append("</th>"));
        body.append("</tr></thead>\n<tbody>\n");
        for (List<String> line : MarkdownReportWriter.cells(table, ReportFootnotes.of(report, table))) {
            body.append("<tr>");
            for (int i = 0; i < line.size(); i++) {
                body.append(i < 2 ? "<td>" : "<td class=\"num\">").append(HtmlPage.escape(line.get(i)))
                        .append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</tbody>\n</table></div>\n</section>\n");
    }

    /** The page's data: the report as its JSON holds it, and its table's figures. */
    private String data(RunReport report) {
        try {
            return "{\"report\":" + json.writeValueAsString(report) + ",\"figures\":"
                    + json.writeValueAsString(ReportFigures.of(report)) + "}";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
