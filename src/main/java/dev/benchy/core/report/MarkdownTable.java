package dev.benchy.core.report;

import java.util.List;

/**
 * A table in tabulate's {@code pipe} layout, as llama-benchy prints its results: each column as wide as its longest
 * cell and at least its header plus two, cells padded with one space either side, the leading text columns
 * left-aligned and the others (headers too) right-aligned, the separator row marking alignment with {@code :}. Widths
 * count code points (tabulate without {@code wcwidth}); lines end with {@code \n}.
 */
public final class MarkdownTable {

    private MarkdownTable() {
    }

    /**
     * The table's text.
     *
     * @param leftAligned how many leading columns are left-aligned
     */
    public static String of(List<String> headers, List<List<String>> rows, int leftAligned) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = width(headers.get(i)) + 2;
            for (List<String> line : rows) {
                widths[i] = Math.max(widths[i], width(line.get(i)));
            }
        }
        StringBuilder out = new StringBuilder();
        appendLine(headers, widths, leftAligned, out);
        out.append('|');
        for (int i = 0; i < widths.length; i++) {
            out.append(i < leftAligned ? ":" + "-".repeat(widths[i] + 1) : "-".repeat(widths[i] + 1) + ":")
                    .append('|');
        }
        out.append('\n');
        rows.forEach(line -> appendLine(line, widths, leftAligned, out));
        return out.toString();
    }

    private static void appendLine(List<String> line, int[] widths, int leftAligned, StringBuilder out) {
        out.append('|');
        for (int i = 0; i < widths.length; i++) {
            String text = line.get(i);
            String padding = " ".repeat(widths[i] - width(text));
            out.append(' ').append(i < leftAligned ? text + padding : padding + text).append(" |");
        }
        out.append('\n');
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
