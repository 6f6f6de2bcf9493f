package dev.benchy.cli;

import dev.benchy.app.PromptMaterial;
import dev.benchy.app.RequestSettings;
import dev.benchy.app.TargetBenchmark;
import dev.benchy.app.TargetDefinition;
import dev.benchy.core.NanoClock;
import dev.benchy.core.plan.BenchmarkPlan;
import dev.benchy.core.progress.ProgressStream;
import dev.benchy.core.prompt.BookSource;
import dev.benchy.core.report.RunReport;
import dev.benchy.core.report.RunStatus;
import dev.benchy.core.run.RunListener;
import dev.benchy.core.report.SloSection;
import dev.benchy.core.slo.Slo;
import dev.benchy.core.slo.SloEvaluation;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code bench}: one llama-benchy run against one endpoint, its result on stdout (or in a file). */
@Dependent
@Unremovable
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = BenchyVersion.class,
        description = {"Benchmarks one OpenAI-compatible endpoint once, with llama-benchy's flags and output.",
                "Only the result goes to stdout; progress and warnings go to stderr.",
                "Exit codes: 0 done, 1 the benchmark failed (coherence, model detection, every request failed,"
                        + " --exit-on-first-fail), was stopped with Ctrl-C or SIGTERM (completed tests are still"
                        + " written) or its --save-result file could not be written (the result goes to stdout),"
                        + " 2 bad flags (a --save-result that cannot be written is found before the first request),"
                        + " 3 done but a --slo/--slo-file threshold was broken."})
public final class BenchCommand implements Callable<Integer> {

    /** The exit code of a run that completed but broke a service-level threshold, for deploy pipelines. */
    static final int SLO_BREACHED = 3;

    private static final DateTimeFormatter HEADER_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    @Mixin
    BenchOptions options;

    private final Vertx vertx;
    private final PrintStream out;
    private final PrintStream err;

    @Inject
    public BenchCommand(Vertx vertx) {
        this(vertx, System.out, System.err);
    }

    /** With the result written to {@code out} and console lines to {@code err} (tests run it in-process). */
    BenchCommand(Vertx vertx, PrintStream out, PrintStream err) {
        this.vertx = vertx;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        BenchmarkPlan plan;
        OutputFormat format;
        RequestSettings requests;
        Slo slo;
        try {
            plan = options.plan();
            format = options.outputFormat();
            requests = options.requests();
            slo = options.slo();
        } catch (IllegalArgumentException e) {
            err.println("benchy bench: " + e.getMessage());
            return 2;
        }
        String saveProblem = ResultOutput.saveProblem(options.saveResult);
        if (saveProblem != null) {
            err.println("benchy bench: " + saveProblem);
            return 2;
        }
        Writer progressOut;
        try {
            progressOut = progressWriter();
        } catch (IOException | InvalidPathException e) {
            err.println("benchy bench: --emit-progress: cannot write " + options.emitProgress + " (" + e.getMessage()
                    + ")");
            return 2;
        }
        ProgressStream progress = progressOut == null ? null
                : new ProgressStream(progressOut, Clock.systemUTC(), NanoClock.SYSTEM);
        if (progress != null) {
            progress.header(BenchyVersion.current());
        }
        ConsoleListener console = new ConsoleListener(err, options.quiet, NanoClock.SYSTEM,
                err == System.err && StderrTerminal.isTerminal());
        LocalDateTime startedLocal = LocalDateTime.now();
        console.info("benchy (" + BenchyVersion.current() + ")");
        console.info("Date: " + HEADER_DATE.format(startedLocal));
        TargetDefinition target = new TargetDefinition(
                options.model != null ? options.model : "bench", options.baseUrl, options.apiKey, options.model,
                options.servedModelName, options.tokenizer, options.bookUrl, plan, options.postRunCmd,
                options.exitOnFirstFail(), options.saveTotalSeries, options.saveAllSeries, requests);
        TargetBenchmark benchmark = new TargetBenchmark(vertx, new PromptMaterial(BookSource.defaultCacheDir()),
                Clock.systemUTC(), BenchyVersion.current());
        RunReport report;
        try (StopSignals stop = StopSignals.interrupting(Thread.currentThread(), err); console) {
            report = benchmark.run(target, progress == null ? console : RunListener.all(console, progress), null);
        }
        // an interruption is handled: clear the flag, or writing the file would fail with ClosedByInterruptException
        Thread.interrupted();
        if (progress != null) {
            progress.complete(report.status());
            closeProgress(progressOut, progress);
        }
        return finish(slo == null ? report : SloEvaluation.judge(report, slo), format, startedLocal,
                "-".equals(options.emitProgress) ? err : out);
    }

    /** The --emit-progress destination: stdout for '-', a file for a path, none without the flag. */
    private Writer progressWriter() throws IOException {
        if (options.emitProgress == null) {
            return null;
        }
        if ("-".equals(options.emitProgress)) {
            return new OutputStreamWriter(out, StandardCharsets.UTF_8);
        }
        return Files.newBufferedWriter(Path.of(options.emitProgress), StandardCharsets.UTF_8);
    }

    private void closeProgress(Writer progressOut, ProgressStream progress) {
        if (!"-".equals(options.emitProgress)) {
            try {
                progressOut.close();
            } catch (IOException e) {
                err.println("Warning: --emit-progress " + options.emitProgress + ": " + e.getMessage());
            }
        }
        if (progress.failure() != null) {
            err.println("Warning: --emit-progress " + options.emitProgress + " stopped: " + progress.failure());
        }
    }

    /**
     * Exit codes and what is written as spec §14: a failed or interrupted run exits 1 and writes the tests it
     * completed, if any ({@code --no-results-on-fail} discards them after a failure, not after Ctrl-C). A run that
     * completed but broke a threshold exits {@value #SLO_BREACHED}, its breaches also on stderr.
     */
    private int finish(RunReport report, OutputFormat format, LocalDateTime startedLocal, PrintStream resultOut) {
        boolean cancelled = report.status() == RunStatus.CANCELLED;
        boolean failed = report.status() == RunStatus.FAILED || cancelled;
        if (failed) {
            err.println(cancelled ? "[Interrupted] " + report.error() : "Error: " + report.error());
            if (options.noResultsOnFail && !cancelled) {
                err.println("[Failed] Results discarded per --no-results-on-fail.");
                return 1;
            }
            if (report.benchmarks().isEmpty()) {
                return 1;
            }
            err.println("[Interrupted/Failed] Saving partial results...");
        }
        boolean saved = new ResultOutput(resultOut, err, options.quiet).write(report, format, options.saveResult,
                startedLocal);
        if (failed || !saved) {
            return 1;
        }
        if (report.slo() != null && !report.slo().breaches().isEmpty()) {
            SloSection.lines(report).forEach(err::println);
            return SLO_BREACHED;
        }
        return 0;
    }
}
