package dev.benchy.core.report;

import dev.benchy.core.stream.ErrorReason;

import java.util.ArrayList;
import java.util.List;

/**
 * The report as llama-benchy's Markdown table, character for character (tabulate's {@code pipe} layout), so people can
 * paste benchy and llama-benchy tables side by side; followed by benchy's footnotes when any apply
 * ({@link ReportFootnotes}: a flagged row carries its footnote numbers after its name).
 *
 * <p>Layout: {@link MarkdownTable} with the first column left-aligned. A cell is {@code mean ± std} with two decimals,
 * rounded as Python rounds, or empty.
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
        out.append(MarkdownTable.of(headers(table), cells(table, notes), 1));
    }

    /** The table's header line: {@code model}, {@code test}, then its metric columns. */
    static List<String> headers(ReportTable table) {
        List<String> headers = new ArrayList<>(List.of("model", "test"));
        table.columns().forEach(column -> headers.add(column.header(table.maxConcurrency())));
        return headers;
    }

    /** The table's cells, a line per row, as {@link #headers} orders them; a flagged row's name carries its markers. */
    static List<List<String>> cells(ReportTable table, ReportFootnotes notes) {
        List<List<String>> cells = new ArrayList<>();
        for (ReportRow row : table.rows()) {
            List<String> line = new ArrayList<>(List.of(table.model(), row.test() + notes.markers(row)));
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
