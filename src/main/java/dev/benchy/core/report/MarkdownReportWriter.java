package dev.benchy.core.report;

import dev.benchy.core.stream.ErrorReason;

import java.util.ArrayList;
import java.util.List;

/**
 * The report as llama-benchy's Markdown table, character for character (tabulate's {@code pipe} layout), so people can
 * paste benchy and llama-benchy tables side by side; followed by benchy's footnotes when any apply
 * ({@link ReportFootnotes}: a flagged row carries its footnote numbers after its name).
 *
 * <p>Layout: each column is as wide as its longest cell, and at least its header plus two; cells are padded to that
 * width with one space either side; the first column is left-aligned, all others (headers too) right-aligned; the
 * separator row marks alignment with {@code :}. A cell is {@code mean ± std} with two decimals, rounded as Python
 * rounds, or empty. Widths count code points (tabulate without {@code wcwidth}); lines end with {@code \n}.
 *
 * <p>A run that failed or was cancelled says so first ({@code Run failed: <error>}). Without a single row,
 * llama-benchy's "No results collected" hint is only given when it is the likely cause: no request failed, or the
 * only failures were streams without output; otherwise the status, the error and the footnotes say what happened.
 * A report judged against service-level thresholds ends with its SLO section ({@link SloSection}).
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
        ReportFootnotes notes = ReportFootnotes.of(report, table);
        List<String> blocks = new ArrayList<>(3);
        boolean stopped = report.status() == RunStatus.FAILED || report.status() == RunStatus.CANCELLED;
        if (stopped) {
            blocks.add("Run " + report.status().id()
                    + (report.error() == null ? "." : ": " + ReportText.oneLine(report.error())) + "\n");
        }
        if (!table.isEmpty()) {
            StringBuilder out = new StringBuilder();
            appendTable(table, notes, out);
            blocks.add(out.toString());
        } else if (onlySilentFailures(report) && !(stopped && report.benchmarks().isEmpty())) {
            blocks.add(NO_RESULTS + "\n");
        }
        if (!notes.lines().isEmpty()) {
            blocks.add(String.join("\n", notes.lines()) + "\n");
        }
        if (report.slo() != null) {
            blocks.add(String.join("\n", SloSection.lines(report)) + "\n");
        }
        return String.join("\n", blocks);
    }

    /** Whether every failed request, if any, was a stream without output: the server did not generate. */
    private static boolean onlySilentFailures(RunReport report) {
        return report.benchmarks().stream().flatMap(run -> run.errorReasons().keySet().stream())
                .allMatch(ErrorReason.NO_OUTPUT.id()::equals);
    }

    private static void appendTable(ReportTable table, ReportFootnotes notes, StringBuilder out) {
        List<MetricColumn> columns = table.columns();
        List<String> headers = new ArrayList<>(List.of("model", "test"));
        columns.forEach(column -> headers.add(column.header(table.maxConcurrency())));
        List<List<String>> cells = new ArrayList<>();
        for (ReportRow row : table.rows()) {
            List<String> line = new ArrayList<>(List.of(table.model(), row.test() + notes.markers(row)));
            columns.forEach(column -> line.add(cell(column.of(row))));
            cells.add(line);
        }
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = width(headers.get(i)) + 2;
            for (List<String> line : cells) {
                widths[i] = Math.max(widths[i], width(line.get(i)));
            }
        }
        appendLine(headers, widths, out);
        StringBuilder separator = new StringBuilder("|");
        for (int i = 0; i < widths.length; i++) {
            separator.append(i == 0 ? ":" + "-".repeat(widths[i] + 1) : "-".repeat(widths[i] + 1) + ":").append('|');
        }
        out.append(separator).append('\n');
        cells.forEach(line -> appendLine(line, widths, out));
    }

    private static void appendLine(List<String> line, int[] widths, StringBuilder out) {
        out.append('|');
        for (int i = 0; i < widths.length; i++) {
            String text = line.get(i);
            String padding = " ".repeat(widths[i] - width(text));
            out.append(' ').append(i == 0 ? text + padding : padding + text).append(" |");
        }
        out.append('\n');
    }

    /** {@code "%.2f ± %.2f"} as Python formats it, or empty for a missing metric. */
    static String cell(Metric metric) {
        if (metric == null) {
            return "";
        }
        return PythonFloat.fixed(metric.mean(), 2) + " \u00b1 " + PythonFloat.fixed(metric.std(), 2);
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
