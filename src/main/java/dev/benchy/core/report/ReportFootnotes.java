package dev.benchy.core.report;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The Markdown table's footnotes: one per {@link RowFlag}, in report order, so a reader learns what the numbers
 * cannot show (a prefill served from cache, failed requests, batches left out of the totals, a prompt-token count
 * that disagrees with the server...). A flag whose row is in the table is numbered, and the row's test cell carries
 * the number: {@code pp2048 @ d4096 [1]}, footnote {@code [1] pp2048 @ d4096: ...}. A flag of a test without rows
 * (every request failed) is a plain {@code ⚠} line.
 */
public final class ReportFootnotes {

    static final String MARK = "\u26a0 ";

    /** The footnotes, without line breaks; none when no row is flagged. */
    private final List<String> lines;
    /** Each numbered flag's number; flags are told apart by identity, as two runs may raise equal flags. */
    private final Map<RowFlag, Integer> numbers;

    private ReportFootnotes(List<String> lines, Map<RowFlag, Integer> numbers) {
        this.lines = lines;
        this.numbers = numbers;
    }

    /** The footnotes of a report, as its Markdown table shows it. */
    public static List<String> of(RunReport report) {
        return of(report, ReportTable.of(report)).lines();
    }

    static ReportFootnotes of(RunReport report, ReportTable table) {
        Map<RowFlag, Boolean> shown = new IdentityHashMap<>();
        table.rows().forEach(row -> row.flags().forEach(flag -> shown.put(flag, true)));
        List<String> lines = new ArrayList<>();
        Map<RowFlag, Integer> numbers = new IdentityHashMap<>();
        for (BenchmarkRun run : report.benchmarks()) {
            for (RowFlag flag : run.flags()) {
                String note = label(run, flag, report.maxConcurrency()) + ": " + flag.detail();
                if (shown.containsKey(flag)) {
                    numbers.put(flag, numbers.size() + 1);
                    lines.add("[" + numbers.size() + "] " + note);
                } else {
                    lines.add(MARK + note);
                }
            }
        }
        return new ReportFootnotes(List.copyOf(lines), numbers);
    }

    /** The footnotes, without line breaks. */
    List<String> lines() {
        return lines;
    }

    /** The markers of a row's flags, {@code " [1]"} or {@code " [1,3]"}; empty for a row without flags. */
    String markers(ReportRow row) {
        StringJoiner marks = new StringJoiner(",", " [", "]").setEmptyValue("");
        for (RowFlag flag : row.flags()) {
            Integer number = numbers.get(flag);
            if (number != null) {
                marks.add(number.toString());
            }
        }
        return marks.toString();
    }

    /** The row a flag speaks of: the generation row's name for a flag of that row alone, else the prompt row's. */
    private static String label(BenchmarkRun run, RowFlag flag, int maxConcurrency) {
        return run.rowName(flag.kind().marksPromptRow() ? RowFlag.Rows.PROMPT : RowFlag.Rows.GENERATION,
                maxConcurrency);
    }
}
