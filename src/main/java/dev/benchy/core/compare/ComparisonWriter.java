package dev.benchy.core.compare;

import java.util.List;
import java.util.Optional;

/** A printer of a {@link Comparison}, picked by format name as {@code compare --format} and {@code ?format=} name it. */
public interface ComparisonWriter {

    /** Every format, Markdown first (the terminal's). */
    static List<ComparisonWriter> all() {
        return List.of(new MarkdownComparisonWriter(), new JsonComparisonWriter(), new HtmlComparisonWriter());
    }

    /** The writer of {@code md}, {@code json} or {@code html}. */
    static Optional<ComparisonWriter> forFormat(String format) {
        String wanted = format == null ? "" : format.strip();
        return all().stream().filter(w -> w.format().equalsIgnoreCase(wanted)).findFirst();
    }

    /** The format's name. */
    String format();

    /** The HTTP media type of the written text. */
    String mediaType();

    /** The whole comparison in this format. */
    String write(Comparison comparison);
}
