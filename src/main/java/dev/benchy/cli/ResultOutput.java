package dev.benchy.cli;

import dev.benchy.core.plan.LatencyMode;
import dev.benchy.core.report.ReportWriter;
import dev.benchy.core.report.RunReport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes {@code bench}'s result where llama-benchy would: to the {@code --save-result} file, or to stdout. A Markdown
 * table on stdout is followed by llama-benchy's two footer lines, as there; JSON and CSV on stdout are the data
 * alone, so {@code --format json > file} is clean JSON, and a saved file holds the result alone: in those cases the
 * footer goes to stderr with the other console lines.
 */
final class ResultOutput {

    private static final DateTimeFormatter FOOTER_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final PrintStream out;
    private final PrintStream err;
    private final boolean quiet;

    /**
     * @param out   where the result goes without {@code --save-result}
     * @param err   console lines ("Printing results in MD format:", the footer when it cannot go with the result)
     * @param quiet no console lines
     */
    ResultOutput(PrintStream out, PrintStream err, boolean quiet) {
        this.out = out;
        this.err = err;
        this.quiet = quiet;
    }

    /**
     * Why {@code --save-result FILE} could not be written, or null when it can: checked before the first request,
     * so a benchmark is never run for a result that has nowhere to go. Tries the folder (a temporary file, removed at
     * once): permissions alone do not tell.
     */
    static String saveProblem(String saveTo) {
        if (saveTo == null) {
            return null;
        }
        Path file = Path.of(saveTo);
        if (Files.isDirectory(file)) {
            return "--save-result: must be a file, but " + saveTo + " is a directory";
        }
        Path folder = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            return "--save-result: must be a file in an existing folder, but " + folder + " does not exist";
        }
        try {
            Files.delete(Files.createTempFile(folder, ".benchy-check", ".tmp"));
            return null;
        } catch (IOException e) {
            return "--save-result: must be a file in a folder benchy can write to, but " + folder + " is not"
                    + " writable (" + reason(e) + ")";
        }
    }

    /**
     * Writes the report. When the {@code --save-result} file cannot be written after all (its folder was removed,
     * the disk is full), the reason goes to stderr and the result to stdout, so a finished benchmark is never lost.
     *
     * @return true when the result went where it was asked to; false when it went to stdout instead
     */
    boolean write(RunReport report, OutputFormat format, String saveTo, LocalDateTime startedLocal) {
        String text = writer(format).write(report);
        if (!text.endsWith("\n")) {
            text = text + (format == OutputFormat.CSV ? "" : "\n");
        }
        String upper = format.id().toUpperCase(Locale.ROOT);
        String footer = footer(report, startedLocal);
        if (saveTo != null) {
            console("Saving results to " + saveTo + " in " + upper + " format...");
            try {
                Files.writeString(Path.of(saveTo), text, StandardCharsets.UTF_8);
                console(footer);
                return true;
            } catch (IOException e) {
                err.println("benchy bench: cannot write --save-result " + saveTo + " (" + reason(e)
                        + "); the results follow on stdout");
                print(text, format, footer);
                return false;
            }
        }
        console("Printing results in " + upper + " format:");
        console("");
        print(text, format, footer);
        return true;
    }

    private void print(String text, OutputFormat format, String footer) {
        err.flush();
        if (format == OutputFormat.MD) {
            out.print(text + footer);
        } else {
            out.print(text);
            console(footer);
        }
        out.flush();
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException missing) {
            Path parent = Path.of(missing.getFile()).toAbsolutePath().getParent();
            return (parent == null ? missing.getFile() : parent) + " does not exist";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * llama-benchy's footer, a blank line then {@code benchy (<version>)} and
     * {@code date: <local start time> | latency mode: <mode>}, with the measured latency after the mode.
     */
    static String footer(RunReport report, LocalDateTime startedLocal) {
        String latency = LatencyMode.NONE.id().equals(report.latencyMode()) ? ""
                : String.format(Locale.ROOT, " (%.2f ms)", report.latencyMs());
        return "\nbenchy (" + report.version() + ")\n"
                + "date: " + FOOTER_DATE.format(startedLocal) + " | latency mode: " + report.latencyMode()
                + latency + "\n";
    }

    private void console(String text) {
        if (!quiet) {
            err.print(text.endsWith("\n") ? text : text + "\n");
        }
    }

    private static ReportWriter writer(OutputFormat format) {
        return ReportWriter.forFormat(format.id()).orElseThrow();
    }
}
