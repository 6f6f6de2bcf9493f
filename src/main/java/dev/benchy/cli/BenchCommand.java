package dev.benchy.cli;

import dev.benchy.core.NanoClock;
import dev.benchy.core.plan.BenchmarkPlan;
import dev.benchy.core.prompt.BookSource;
import dev.benchy.core.prompt.Corpus;
import dev.benchy.core.prompt.PromptFactory;
import dev.benchy.core.prompt.Tokenizer;
import dev.benchy.core.report.RunReport;
import dev.benchy.core.report.RunStatus;
import dev.benchy.core.run.BenchmarkFailure;
import dev.benchy.core.run.BenchmarkRunner;
import dev.benchy.core.run.ModelDetection;
import dev.benchy.core.run.RunSpec;
import dev.benchy.openai.VertxChatEndpoint;
import dev.benchy.tokenizer.TokenizerLoader;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/** {@code bench}: one llama-benchy run against one endpoint, its result on stdout (or in a file). */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = BenchyVersion.class,
        description = {"Benchmarks one OpenAI-compatible endpoint once, with llama-benchy's flags and output.",
                "Only the result goes to stdout; progress and warnings go to stderr.",
                "Exit codes: 0 done, 1 the benchmark failed (coherence, every request failed, --exit-on-first-fail),"
                        + " 2 bad flags."})
public final class BenchCommand implements Callable<Integer> {

    private static final DateTimeFormatter HEADER_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    @Mixin
    BenchOptions options;

    private final Vertx vertx;

    @Inject
    public BenchCommand(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public Integer call() {
        PrintStream err = System.err;
        BenchmarkPlan plan;
        OutputFormat format;
        try {
            plan = options.plan();
            format = options.outputFormat();
        } catch (IllegalArgumentException e) {
            err.println("benchy bench: " + e.getMessage());
            return 2;
        }
        ConsoleListener console = new ConsoleListener(err, options.quiet, NanoClock.SYSTEM);
        LocalDateTime startedLocal = LocalDateTime.now();
        try (VertxChatEndpoint endpoint = new VertxChatEndpoint(vertx, options.baseUrl, options.apiKey,
                plan.requestTimeout(), plan.maxConcurrency() + 5, NanoClock.SYSTEM)) {
            String model = options.model;
            String served = options.servedModelName;
            if (model == null) {
                ModelDetection.Detected detected = ModelDetection.detect(
                        endpoint.models().get(), endpoint.baseUrl());
                model = detected.model();
                served = served != null ? served : detected.servedModel();
                console.info("Detected model: " + model + " (served as " + served + ")");
            }
            served = served != null ? served : model;
            console.info("benchy (" + BenchyVersion.current() + ")");
            console.info("Date: " + HEADER_DATE.format(startedLocal));
            console.info("Benchmarking model: " + model + " at " + endpoint.baseUrl());
            console.info("Concurrency levels: " + plan.concurrency());

            Tokenizer tokenizer = TokenizerLoader.load(options.tokenizer != null ? options.tokenizer : model,
                    console::warning);
            String book = BookSource.load(options.bookUrl, BookSource.defaultCacheDir(), console::warning);
            Corpus corpus = Corpus.of(book, tokenizer);
            console.info("Total tokens available in text corpus: " + corpus.size());
            PromptFactory prompts = new PromptFactory(corpus, tokenizer,
                    plan.seed() == null ? new SplittableRandom() : new SplittableRandom(plan.seed()));

            BenchmarkRunner runner = new BenchmarkRunner(endpoint, prompts, tokenizer, Clock.systemUTC(),
                    NanoClock.SYSTEM, console, BenchyVersion.current());
            RunReport report = runner.run(new RunSpec(model, model, served, plan, options.exitOnFirstFail(),
                    options.saveTotalSeries, options.saveAllSeries, options.postRunCmd));
            return finish(report, format, startedLocal, err);
        } catch (BenchmarkFailure e) {
            err.println("Error: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("Interrupted");
            return 1;
        } catch (java.util.concurrent.ExecutionException e) {
            err.println("Error: " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
            return 1;
        }
    }

    private int finish(RunReport report, OutputFormat format, LocalDateTime startedLocal, PrintStream err) {
        boolean failed = report.status() == RunStatus.FAILED || report.status() == RunStatus.CANCELLED;
        if (failed) {
            err.println(report.status() == RunStatus.CANCELLED ? "[Interrupted]" : "Error: " + report.error());
            if (options.noResultsOnFail) {
                err.println("[Failed] Results discarded per --no-results-on-fail.");
                return 1;
            }
            if (report.benchmarks().isEmpty()) {
                return 1;
            }
            err.println("[Interrupted/Failed] Saving partial results...");
        }
        ResultOutput.write(report, format, options.saveResult, startedLocal, err);
        return failed ? 1 : 0;
    }
}
