package dev.benchy.core.compare;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.benchy.core.plan.RowLabel;
import dev.benchy.core.report.MetricColumn;
import dev.benchy.core.report.ReportFigures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two reports side by side, as llama.cpp's {@code compare-llama-bench} shows two builds: every row both have (matched
 * by its test label and concurrency), each metric column of the table with both means and the change from A to B.
 * Rows only one side has are listed by name.
 *
 * @param a       the reference (the older report, or a baseline)
 * @param b       the report compared with it
 * @param values  the compared metrics, row by row in A's order, columns in the table's order
 * @param onlyInA rows A has and B has not
 * @param onlyInB rows B has and A has not
 */
@JsonPropertyOrder({"a", "b", "rows", "only_in_a", "only_in_b"})
public record Comparison(@JsonProperty("a") ComparisonSide a, @JsonProperty("b") ComparisonSide b,
                         @JsonProperty("rows") List<ComparedValue> values,
                         @JsonProperty("only_in_a") List<String> onlyInA,
                         @JsonProperty("only_in_b") List<String> onlyInB) {

    public Comparison {
        values = List.copyOf(values);
        onlyInA = List.copyOf(onlyInA);
        onlyInB = List.copyOf(onlyInB);
    }

    /** Compares B with A. */
    public static Comparison of(ComparisonSide a, ComparisonSide b) {
        int maxConcurrency = Math.max(a.figures().maxConcurrency(), b.figures().maxConcurrency());
        List<MetricColumn> columns = Arrays.stream(MetricColumn.values())
                .filter(column -> column.shownAt(maxConcurrency)).toList();
        Map<String, ReportFigures.Row> inB = new LinkedHashMap<>();
        b.figures().rows().forEach(row -> inB.putIfAbsent(row.key(), row));
        List<ComparedValue> values = new ArrayList<>();
        List<String> onlyInA = new ArrayList<>();
        for (ReportFigures.Row rowA : a.figures().rows()) {
            ReportFigures.Row rowB = inB.remove(rowA.key());
            if (rowB == null) {
                onlyInA.add(name(rowA, maxConcurrency));
                continue;
            }
            for (MetricColumn column : columns) {
                Double meanA = rowA.mean(column);
                Double meanB = rowB.mean(column);
                if (meanA != null && meanB != null) {
                    values.add(new ComparedValue(rowA.test(), rowA.concurrency(), column,
                            column.header(maxConcurrency), meanA, meanB));
                }
            }
        }
        List<String> onlyInB = inB.values().stream().map(row -> name(row, maxConcurrency)).toList();
        return new Comparison(a, b, values, onlyInA, onlyInB);
    }

    /** The highest concurrency of either side, which decides the row names' {@code (c<n>)} suffix. */
    public int maxConcurrency() {
        return Math.max(a.figures().maxConcurrency(), b.figures().maxConcurrency());
    }

    /** A compared row's name as the table prints it: its label, with {@code (c<n>)} when either side runs several. */
    public String rowName(ComparedValue value) {
        return RowLabel.withConcurrency(value.test(), value.concurrency(), maxConcurrency());
    }

    /**
     * The speeds (t/s, total and per request) that fell by more than {@code percent} from A to B: what
     * {@code compare --fail-below} fails on. A fall of exactly {@code percent} passes, whatever the last bits of
     * the floating-point division say ({@link #SAME_WITHIN} of a percent).
     */
    public List<ComparedValue> slowerBy(double percent) {
        return values.stream()
                .filter(ComparedValue::isSpeed)
                .filter(v -> v.changePercent() != null && v.changePercent() < -percent - SAME_WITHIN)
                .toList();
    }

    /** Two changes closer than this many percent are the same change. */
    static final double SAME_WITHIN = 1e-9;

    private static String name(ReportFigures.Row row, int maxConcurrency) {
        return RowLabel.withConcurrency(row.test(), row.concurrency(), maxConcurrency);
    }
}
