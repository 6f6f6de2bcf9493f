package dev.benchy.cli;

import dev.benchy.core.compare.Comparison;
import dev.benchy.core.compare.ComparisonSide;
import dev.benchy.core.compare.ComparisonWriter;
import dev.benchy.core.compare.ComparedValue;
import dev.benchy.core.report.JsonReportReader;
import dev.benchy.core.report.PythonFloat;
import dev.benchy.core.report.RunReport;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code compare A.json B.json}: two JSON reports (benchy's or llama-benchy's) side by side, as llama.cpp's
 * {@code compare-llama-bench} compares two builds; with {@code --fail-below} a gate for CI.
 */
@Dependent
@Unremovable
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = BenchyVersion.class,
        description = {"Compares two JSON reports (benchy's or llama-benchy's): every row both have, matched by test"
                + " and concurrency, with both means and the change from A to B in %.",
                "Exit codes: 0 done, 1 a speed fell by more than --fail-below, 2 bad flags or a file that is not"
                        + " a JSON report."})
public final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "A", description = "The reference report (JSON).")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "The report compared with it (JSON).")
    Path b;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "md",
            description = "Output format: md, json or html (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--fail-below", paramLabel = "PCT",
            description = "Exit 1 when a row's t/s (total or per request) fell by more than PCT % from A to B.")
    Double failBelow;

    private final PrintStream out;
    private final PrintStream err;

    public CompareCommand() {
        this(System.out, System.err);
    }

    /** With the result written to {@code out} and messages to {@code err} (tests run it in-process). */
    CompareCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        ComparisonWriter writer = ComparisonWriter.forFormat(format).orElse(null);
        if (writer == null) {
            return badInput("--format must be one of " + ComparisonWriter.all().stream()
                    .map(ComparisonWriter::format).collect(Collectors.joining(", ")) + ", but was " + format);
        }
        if (failBelow != null && !(failBelow >= 0 && failBelow < 100)) {
            return badInput("--fail-below must be a percentage from 0 to 100 (exclusive), but was " + failBelow);
        }
        RunReport reportA;
        RunReport reportB;
        try {
            reportA = read(a);
            reportB = read(b);
        } catch (IOException e) {
            return badInput(e.getMessage());
        }
        Comparison comparison = Comparison.of(ComparisonSide.of(a.toString(), reportA),
                ComparisonSide.of(b.toString(), reportB));
        out.print(writer.write(comparison));
        out.flush();
        if (failBelow == null) {
            return 0;
        }
        List<ComparedValue> slower = comparison.slowerBy(failBelow);
        for (ComparedValue value : slower) {
            err.println("slower: " + comparison.rowName(value) + " " + value.header() + " "
                    + PythonFloat.fixed(value.changePercent(), 2) + "% (limit -" + PythonFloat.fixed(failBelow, 2)
                    + "%)");
        }
        return slower.isEmpty() ? 0 : 1;
    }

    private static RunReport read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file", e);
        } catch (IOException e) {
            throw new IOException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        try {
            return new JsonReportReader().read(bytes);
        } catch (IOException e) {
            throw new IOException(file + ": must be a JSON report of benchy or llama-benchy, but could not be read ("
                    + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    private int badInput(String message) {
        err.println("benchy compare: " + message);
        return 2;
    }
}
