package dev.benchy.core.compare;

import dev.benchy.core.report.HtmlAssets;
import dev.benchy.core.report.HtmlPage;

/**
 * A comparison as a self-contained HTML page: the legend and a table of every common row with both means and the
 * change, coloured green where B is better and red where it is worse; then the rows only one side has.
 */
public final class HtmlComparisonWriter implements ComparisonWriter {

    private final HtmlPage page;

    /** With the assets on the classpath, read when the first page is written. */
    public HtmlComparisonWriter() {
        this.page = HtmlPage.bundled();
    }

    public HtmlComparisonWriter(HtmlAssets assets) {
        this.page = HtmlPage.with(assets);
    }

    @Override
    public String format() {
        return "html";
    }

    @Override
    public String mediaType() {
        return "text/html; charset=utf-8";
    }

    @Override
    public String write(Comparison comparison) {
        StringBuilder body = new StringBuilder(4096);
        body.append("<header class=\"doc-head\">\n<div class=\"brand\">benchy</div>\n<h1>Comparison</h1>\n")
                .append("<p class=\"sub\">A: ").append(HtmlPage.escape(ChangeText.side(comparison.a())))
                .append("<br>B: ").append(HtmlPage.escape(ChangeText.side(comparison.b()))).append("</p>\n")
                .append("</header>\n<main>\n<section>\n");
        body.append(table(comparison));
        body.append("</section>\n</main>\n");
        return page.document("benchy: " + comparison.b().label() + " against "
                + comparison.a().label(), body.toString(), null, null);
    }

    /** The comparison's table (or its empty note and the unmatched rows) as an HTML fragment. */
    public static String table(Comparison comparison) {
        StringBuilder out = new StringBuilder(4096);
        if (comparison.values().isEmpty()) {
            out.append("<p class=\"empty\">").append(MarkdownComparisonWriter.NO_COMMON_ROWS).append("</p>\n");
        } else {
            out.append("<div class=\"table-wrap\"><table class=\"compare\">\n<thead><tr><th>test</th><th>metric</th>")
                    .append("<th>A</th><th>B</th><th>change</th><th></th></tr></thead>\n<tbody>\n");
            for (ComparedValue value : comparison.values()) {
                out.append("<tr class=\"").append(value.verdict().id()).append("\"><td>")
                        .append(HtmlPage.escape(comparison.rowName(value))).append("</td><td>")
                        .append(HtmlPage.escape(value.header())).append("</td><td class=\"num\">")
                        .append(ChangeText.value(value.a())).append("</td><td class=\"num\">")
                        .append(ChangeText.value(value.b())).append("</td><td class=\"num change\">")
                        .append(ChangeText.change(value)).append("</td><td class=\"verdict\">")
                        .append(ChangeText.verdict(value)).append("</td></tr>\n");
            }
            out.append("</tbody>\n</table></div>\n");
        }
        if (!comparison.onlyInA().isEmpty()) {
            out.append("<p class=\"unmatched\">Only in A: ")
                    .append(HtmlPage.escape(String.join(", ", comparison.onlyInA()))).append("</p>\n");
        }
        if (!comparison.onlyInB().isEmpty()) {
            out.append("<p class=\"unmatched\">Only in B: ")
                    .append(HtmlPage.escape(String.join(", ", comparison.onlyInB()))).append("</p>\n");
        }
        return out.toString();
    }
}
