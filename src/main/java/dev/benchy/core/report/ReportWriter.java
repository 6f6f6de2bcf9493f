package dev.benchy.core.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A printer of a {@link RunReport} in one of llama-benchy's output formats, so the CLI ({@code --format}) and the
 * service ({@code ?format=}) pick a writer by name and treat all of them alike.
 */
public interface ReportWriter {

    /** The format's name as {@code --format} takes it: {@code md}, {@code csv} or {@code json}. */
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
