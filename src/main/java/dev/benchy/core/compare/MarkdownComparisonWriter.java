package dev.benchy.core.compare;

import dev.benchy.core.report.MarkdownTable;

import java.util.ArrayList;
import java.util.List;

/**
 * A comparison for the terminal: a legend naming A and B, then a Markdown table (tabulate's {@code pipe} layout, as
 * the results table) of every common row's metrics with both means, the change in % and whether B is better or worse;
 * then the rows only one side has.
 */
public final class MarkdownComparisonWriter implements ComparisonWriter {

    /** The text when the two reports have no row in common. */
    public static final String NO_COMMON_ROWS = "The two reports have no row in common.";

    @Override
    public String format() {
        return "md";
    }

    @Override
    public String mediaType() {
        return "text/markdown; charset=utf-8";
    }

    @Override
    public String write(Comparison comparison) {
        StringBuilder out = new StringBuilder();
        out.append("A: ").append(ChangeText.side(comparison.a())).append('\n')
                .append("B: ").append(ChangeText.side(comparison.b())).append("\n\n");
        if (comparison.values().isEmpty()) {
            out.append(NO_COMMON_ROWS).append('\n');
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (ComparedValue value : comparison.values()) {
                rows.add(List.of(comparison.rowName(value), value.header(), ChangeText.value(value.a()),
                        ChangeText.value(value.b()), ChangeText.change(value), ChangeText.verdict(value)));
            }
            out.append(MarkdownTable.of(List.of("test", "metric", "A", "B", "change", ""), rows, 2));
        }
        if (!comparison.onlyInA().isEmpty()) {
            out.append("\nOnly in A: ").append(String.join(", ", comparison.onlyInA())).append('\n');
        }
        if (!comparison.onlyInB().isEmpty()) {
            out.append("\nOnly in B: ").append(String.join(", ", comparison.onlyInB())).append('\n');
        }
        return out.toString();
    }
}
