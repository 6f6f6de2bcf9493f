package dev.benchy.core.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The report as llama-benchy's CSV (Python's {@code csv} module defaults), so spreadsheets and scripts built for
 * llama-benchy read benchy's files unchanged: its header, one line per table row, {@code \r\n} line ends, an empty
 * field for a missing metric, numbers as Python's {@code repr} prints them, and quotes only around fields that hold a
 * comma, a quote or a line break (RFC 4180). The per-request columns are filled at concurrency 1 too. The Markdown
 * footnotes are left out (every line here is a data row), but a last column, after llama-benchy's, names the row's
 * flags ({@link RowFlag.Kind} ids joined by {@value #FLAG_SEPARATOR}, empty when none): the JSON has their details.
 */
public final class CsvReportWriter implements ReportWriter {

    private static final String LINE_END = "\r\n";
    /** The last column, benchy's: the row's flags. */
    public static final String FLAGS_COLUMN = "flags";
    static final String FLAG_SEPARATOR = ";";

    @Override
    public String format() {
        return "csv";
    }

    @Override
    public String mediaType() {
        return "text/csv; charset=utf-8";
    }

    @Override
    public String write(RunReport report) {
        ReportTable table = ReportTable.of(report);
        StringBuilder out = new StringBuilder();
        appendLine(header(), out);
        for (ReportRow row : table.rows()) {
            List<String> fields = new ArrayList<>(List.of(table.model(), row.test()));
            for (MetricColumn column : MetricColumn.values()) {
                Metric metric = column.of(row);
                fields.add(metric == null ? "" : PythonFloat.repr(metric.mean()));
                fields.add(metric == null ? "" : PythonFloat.repr(metric.std()));
            }
            fields.add(String.join(FLAG_SEPARATOR, row.flags().stream().map(flag -> flag.kind().id()).toList()));
            appendLine(fields, out);
        }
        return out.toString();
    }

    /** {@code model,test_name,t_s_mean,t_s_std,...,e2e_ttft_std} (llama-benchy's), then {@code flags}. */
    public static List<String> header() {
        List<String> names = new ArrayList<>(List.of("model", "test_name"));
        for (MetricColumn column : MetricColumn.values()) {
            names.add(column.csvKey() + "_mean");
            names.add(column.csvKey() + "_std");
        }
        names.add(FLAGS_COLUMN);
        return List.copyOf(names);
    }

    private static void appendLine(List<String> fields, StringBuilder out) {
        for (int i = 0; i < fields.size(); i++) {
            out.append(i == 0 ? "" : ",").append(quoted(fields.get(i)));
        }
        out.append(LINE_END);
    }

    private static String quoted(String field) {
        boolean needsQuotes = field.indexOf(',') >= 0 || field.indexOf('"') >= 0
                || field.indexOf('\r') >= 0 || field.indexOf('\n') >= 0;
        return needsQuotes ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }
}
