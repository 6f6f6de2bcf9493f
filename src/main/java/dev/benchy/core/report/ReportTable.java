package dev.benchy.core.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A report as llama-benchy's results table sees it: for each benchmark run in order, its prompt-processing row (when
 * it has a pp rate) and its generation row (when it has a tg or a peak rate). Every printer reads this one view, so
 * the Markdown, the CSV and anything else that shows rows agree on which rows exist and what they hold.
 *
 * <p>llama-benchy 0.3.6 drops the generation row when only the peak rate exists; later upstream versions keep it, and
 * so does benchy (with an empty t/s cell).
 *
 * @param model          the {@code model} column: the report's model name, not the served name (empty if unknown)
 * @param maxConcurrency the suite's highest concurrency, which decides the {@code (c<n>)} suffixes and the columns
 * @param rows           the rows in report order
 */
public record ReportTable(String model, int maxConcurrency, List<ReportRow> rows) {

    public ReportTable {
        rows = List.copyOf(rows);
    }

    /** The rows of a report. A test whose requests all failed has null rates and so no rows. */
    public static ReportTable of(RunReport report) {
        List<ReportRow> rows = new ArrayList<>();
        for (BenchmarkRun run : report.benchmarks()) {
            if (hasPromptRow(run)) {
                rows.add(ReportRow.prompt(run, report.maxConcurrency()));
            }
            if (hasGenerationRow(run)) {
                rows.add(ReportRow.generation(run, report.maxConcurrency()));
            }
        }
        return new ReportTable(Objects.requireNonNullElse(report.model(), ""), report.maxConcurrency(), rows);
    }

    /** Whether a run has a prompt-processing row: it has a pp rate. */
    static boolean hasPromptRow(BenchmarkRun run) {
        return run.ppThroughput() != null;
    }

    /** Whether a run has a generation row: it has a tg or a peak rate. */
    static boolean hasGenerationRow(BenchmarkRun run) {
        return run.tgThroughput() != null || run.peakThroughput() != null;
    }

    /** The metric columns the Markdown table shows at this concurrency, in order. */
    public List<MetricColumn> columns() {
        return Arrays.stream(MetricColumn.values()).filter(column -> column.shownAt(maxConcurrency)).toList();
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
