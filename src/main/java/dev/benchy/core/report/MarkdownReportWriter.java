package dev.benchy.core.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The report as llama-benchy's Markdown table, character for character (tabulate's {@code pipe} layout), so people can
 * paste benchy and llama-benchy tables side by side; followed by benchy's footnotes when any apply.
 *
 * <p>Layout: {@link MarkdownTable} with the first column left-aligned. A cell is {@code mean ± std} with two decimals,
 * rounded as Python rounds, or empty.
 */
public final class MarkdownReportWriter implements ReportWriter {

    /** llama-benchy's text when not a single row has numbers. */
    public static final String NO_RESULTS = "No results collected. Check if the model is generating tokens.";

    @Override
    public String format() {
        return "md";
    }

    @Override
    public String mediaType() {
        return "text/markdown; charset=utf-8";
    }

    @Override
    public String write(RunReport report) {
        ReportTable table = ReportTable.of(report);
        StringBuilder out = new StringBuilder();
        if (table.isEmpty()) {
            out.append(NO_RESULTS).append('\n');
        } else {
            appendTable(table, out);
        }
        List<String> notes = ReportFootnotes.of(report);
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(note -> out.append(note).append('\n'));
        }
        return out.toString();
    }

    private static void appendTable(ReportTable table, StringBuilder out) {
        out.append(MarkdownTable.of(headers(table), cells(table), 1));
    }

    /** The table's header line: {@code model}, {@code test}, then its metric columns. */
    static List<String> headers(ReportTable table) {
        List<String> headers = new ArrayList<>(List.of("model", "test"));
        table.columns().forEach(column -> headers.add(column.header(table.maxConcurrency())));
        return headers;
    }

    /** The table's cells, a line per row, as {@link #headers} orders them. */
    static List<List<String>> cells(ReportTable table) {
        List<List<String>> cells = new ArrayList<>();
        for (ReportRow row : table.rows()) {
            List<String> line = new ArrayList<>(List.of(table.model(), row.test()));
            table.columns().forEach(column -> line.add(cell(column.of(row))));
            cells.add(line);
        }
        return cells;
    }

    /** {@code "%.2f ± %.2f"} as Python formats it, or empty for a missing metric. */
    static String cell(Metric metric) {
        if (metric == null) {
            return "";
        }
        return PythonFloat.fixed(metric.mean(), 2) + " \u00b1 " + PythonFloat.fixed(metric.std(), 2);
    }
}
