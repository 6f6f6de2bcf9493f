package dev.benchy.core.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A printer of a {@link RunReport} in one of llama-benchy's output formats, so the CLI ({@code --format}) and the
 * service ({@code ?format=}) pick a writer by name and treat all of them alike.
 */
public interface ReportWriter {

    /** Every format, llama-benchy's JSON first. */
    static List<ReportWriter> all() {
        return List.of(new JsonReportWriter(), new MarkdownReportWriter(), new CsvReportWriter(), new HtmlReportWriter());
    }

    /** The writer of a format named as {@code --format} names it ({@code md}, {@code json}, {@code csv}, {@code html}). */
    static Optional<ReportWriter> forFormat(String format) {
        String wanted = format == null ? "" : format.strip();
        return all().stream().filter(w -> w.format().equalsIgnoreCase(wanted)).findFirst();
    }

    /** The format's name as {@code --format} takes it: {@code md}, {@code csv}, {@code json} or {@code html}. */
    String format();

    /** The HTTP media type of the written text. */
    String mediaType();

    /** The whole report in this format. */
    String write(RunReport report);

    /** The whole report in this format, as UTF-8 bytes. The stream is neither flushed nor closed. */
    default void write(RunReport report, OutputStream out) throws IOException {
        out.write(write(report).getBytes(StandardCharsets.UTF_8));
    }
}
