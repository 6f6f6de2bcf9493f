package dev.benchy.core.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A report's table reduced to the numbers people chart and compare: for each row of the table, what it measured (a
 * prompt or a generation row, at which depth and concurrency) and the mean of each metric column it has. The rows,
 * their cells and the per-request fill at concurrency 1 are the table's own ({@link ReportTable}, {@link ReportRow});
 * nothing is computed here but, for a baseline, the median of several reports.
 *
 * @param maxConcurrency the highest concurrency of the report (of any of them, for a median)
 * @param rows           the table's rows, in its order
 */
@JsonPropertyOrder({"max_concurrency", "rows"})
public record ReportFigures(@JsonProperty("max_concurrency") int maxConcurrency,
                            @JsonProperty("rows") List<Row> rows) {

    /** What a row measures: prompt processing or generation. */
    public enum Kind {
        PP, TG;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One row.
     *
     * @param test         the row's label without the concurrency suffix ({@code pp2048 @ d4096}, {@code ctx_tg @ d4096})
     * @param kind         prompt processing or generation
     * @param depth        the context depth in tokens
     * @param concurrency  requests in flight
     * @param contextPhase whether it is the context-load phase of a prefix-caching run
     * @param means        the mean of each metric column the row has, by its CSV key ({@code t_s}, {@code ttfr}...),
     *                     in the table's column order
     */
    @JsonPropertyOrder({"test", "kind", "depth", "concurrency", "context_phase", "means"})
    public record Row(@JsonProperty("test") String test, @JsonProperty("kind") Kind kind,
                      @JsonProperty("depth") int depth, @JsonProperty("concurrency") int concurrency,
                      @JsonProperty("context_phase") boolean contextPhase,
                      @JsonProperty("means") Map<String, Double> means) {

        public Row {
            means = Collections.unmodifiableMap(new LinkedHashMap<>(means));
        }

        /** The row's name as a table of several concurrencies prints it, which identifies it within a report. */
        @JsonIgnore
        public String key() {
            return test + " (c" + concurrency + ")";
        }

        /** The mean of a column, or null when the row has none. */
        public Double mean(MetricColumn column) {
            return means.get(column.csvKey());
        }

        Row withMeans(Map<String, Double> other) {
            return new Row(test, kind, depth, concurrency, contextPhase, other);
        }
    }

    public ReportFigures {
        rows = List.copyOf(rows);
    }

    /** The figures of one report. */
    public static ReportFigures of(RunReport report) {
        List<Row> rows = new ArrayList<>();
        for (BenchmarkRun run : report.benchmarks()) {
            if (ReportTable.hasPromptRow(run)) {
                rows.add(row(run, Kind.PP, ReportRow.prompt(run, 1)));
            }
            if (ReportTable.hasGenerationRow(run)) {
                rows.add(row(run, Kind.TG, ReportRow.generation(run, 1)));
            }
        }
        return new ReportFigures(report.maxConcurrency(), rows);
    }

    private static Row row(BenchmarkRun run, Kind kind, ReportRow cells) {
        Map<String, Double> means = new LinkedHashMap<>();
        for (MetricColumn column : MetricColumn.values()) {
            Metric metric = column.of(cells);
            if (metric != null) {
                means.put(column.csvKey(), metric.mean());
            }
        }
        return new Row(cells.test(), kind, run.contextSize(), run.concurrency(), run.contextPrefillPhase(), means);
    }

    /**
     * A baseline of several reports: every row any of them has (in the order first met), each column the median of
     * the means the reports have for it. The median, not the mean, so one bad run does not move the baseline.
     */
    public static ReportFigures median(List<ReportFigures> reports) {
        Map<String, Row> first = new LinkedHashMap<>();
        Map<String, Map<String, List<Double>>> samples = new LinkedHashMap<>();
        int maxConcurrency = 0;
        for (ReportFigures report : reports) {
            maxConcurrency = Math.max(maxConcurrency, report.maxConcurrency());
            for (Row row : report.rows()) {
                first.putIfAbsent(row.key(), row);
                Map<String, List<Double>> columns = samples.computeIfAbsent(row.key(), k -> new LinkedHashMap<>());
                row.means().forEach((column, mean) -> columns.computeIfAbsent(column, k -> new ArrayList<>())
                        .add(mean));
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Row> entry : first.entrySet()) {
            Map<String, Double> medians = new LinkedHashMap<>();
            for (MetricColumn column : MetricColumn.values()) {
                List<Double> values = samples.get(entry.getKey()).get(column.csvKey());
                if (values != null) {
                    medians.put(column.csvKey(), middle(values));
                }
            }
            rows.add(entry.getValue().withMeans(medians));
        }
        return new ReportFigures(maxConcurrency, rows);
    }

    /** The middle value, or the mean of the two middle values of an even count. */
    static double middle(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
