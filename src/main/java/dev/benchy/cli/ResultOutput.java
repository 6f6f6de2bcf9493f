package dev.benchy.cli;

import dev.benchy.core.report.CsvReportWriter;
import dev.benchy.core.report.JsonReportWriter;
import dev.benchy.core.report.MarkdownReportWriter;
import dev.benchy.core.report.ReportWriter;
import dev.benchy.core.report.RunReport;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes {@code bench}'s result where llama-benchy would: to the {@code --save-result} file, or to stdout. The
 * Markdown table is followed by llama-benchy's two footer lines; JSON and CSV are the data alone, so
 * {@code --format json > file} is clean JSON.
 */
final class ResultOutput {

    private static final DateTimeFormatter FOOTER_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private ResultOutput() {
    }

    static void write(RunReport report, OutputFormat format, String saveTo, LocalDateTime startedLocal,
                      PrintStream err) {
        String text = writer(format).write(report);
        if (format == OutputFormat.MD) {
            text = text + (text.endsWith("\n") ? "" : "\n") + "\nbenchy (" + report.version() + ")\n"
                    + "date: " + FOOTER_DATE.format(startedLocal) + " | latency mode: " + report.latencyMode()
                    + "\n";
        } else if (!text.endsWith("\n") && !text.endsWith("\r\n")) {
            text = text + (format == OutputFormat.CSV ? "" : "\n");
        }
        String upper = format.id().toUpperCase(Locale.ROOT);
        if (saveTo != null) {
            err.println("Saving results to " + saveTo + " in " + upper + " format...");
            try {
                Files.writeString(Path.of(saveTo), text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write --save-result " + saveTo + ": " + e.getMessage(), e);
            }
        } else {
            err.println("Printing results in " + upper + " format:");
            err.println();
            err.flush();
            System.out.print(text);
            System.out.flush();
        }
    }

    private static ReportWriter writer(OutputFormat format) {
        return switch (format) {
            case MD -> new MarkdownReportWriter();
            case JSON -> new JsonReportWriter();
            case CSV -> new CsvReportWriter();
        };
    }
}
