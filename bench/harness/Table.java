package harness;

import java.util.List;

/** A Markdown table built row by row. */
final class Table {

    private final StringBuilder text = new StringBuilder();

    Table(String... head) {
        line(List.of(head));
        text.append("|---".repeat(head.length)).append("|\n");
    }

    Table row(List<String> cells) {
        line(cells);
        return this;
    }

    private void line(List<String> cells) {
        text.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
