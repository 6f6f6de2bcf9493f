package dev.benchy.app;

import dev.benchy.core.NanoClock;
import dev.benchy.core.plan.BenchmarkPlan;
import dev.benchy.core.prompt.PromptFactory;
import dev.benchy.core.report.RunReport;
import dev.benchy.core.report.RunStatus;
import dev.benchy.core.request.LearnedShape;
import dev.benchy.core.request.RequestShape;
import dev.benchy.core.run.BenchmarkFailure;
import dev.benchy.core.run.BenchmarkRunner;
import dev.benchy.core.run.ModelDetection;
import dev.benchy.core.run.ReportTimes;
import dev.benchy.core.run.RunListener;
import dev.benchy.core.run.RunSpec;
import dev.benchy.openai.VertxChatEndpoint;
import dev.benchy.tokenizer.ServerTokenizer;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * Benchmarks one target once: connects, detects the model when none is named, loads the tokenizer and book, runs
 * the suite. Whatever goes wrong becomes a report with status {@code failed} and the reason; the api key never
 * appears in it. Shared by {@code bench} and the service so both measure the same way.
 *
 * <p>It keeps each target's learned request shape (the optional fields its server refused) from one run to the
 * next, for as long as it lives: the service's life, or one {@code bench} command.
 */
public final class TargetBenchmark {

    private final Vertx vertx;
    private final PromptMaterial material;
    private final Clock wallClock;
    private final String version;
    private final Map<String, LearnedShape> shapes = new ConcurrentHashMap<>();

    public TargetBenchmark(Vertx vertx, PromptMaterial material, Clock wallClock, String version) {
        this.vertx = vertx;
        this.material = material;
        this.wallClock = wallClock;
        this.version = version;
    }

    /**
     * Runs the target's plan. Blocking; interrupting the calling thread cancels the run.
     *
     * @param reportId the id the report gets, or null to derive one
     */
    public RunReport run(TargetDefinition target, RunListener listener, String reportId) {
        Instant started = wallClock.instant();
        BenchmarkPlan plan = target.plan();
        try (VertxChatEndpoint endpoint = new VertxChatEndpoint(vertx, target.baseUrl(),
                target.requests().access(target.apiKey()), plan.requestTimeout(), plan.maxConcurrency() + 5,
                NanoClock.SYSTEM)) {
            String model = target.model();
            String served = target.servedModel();
            if (model == null) {
                listener.stepStarting("model detection");
                ModelDetection.Detected detected = detect(endpoint);
                model = detected.model();
                served = served != null ? served : detected.servedModel();
                listener.info("Detected model: " + model + " (served as " + served + ")");
            }
            served = served != null ? served : model;
            listener.info("Benchmarking model: " + model + " at " + endpoint.baseUrl());
            listener.info("Concurrency levels: " + plan.concurrency());
            listener.stepStarting("loading the tokenizer and the text");
            PromptMaterial.Loaded loaded = material.load(target.tokenizer() != null ? target.tokenizer() : model,
                    target.tokenizer() != null, new ServerTokenizer.Target(target.baseUrl(), target.apiKey(), served,
                            plan.requestTimeout()), target.bookUrl());
            loaded.notes().forEach(listener::info);
            loaded.warnings().forEach(listener::warning);
            listener.info("Tokenizer: " + loaded.tokenizer().name());
            listener.info("Total tokens available in text corpus: " + loaded.corpus().size());
            PromptFactory prompts = new PromptFactory(loaded.corpus(), loaded.tokenizer(),
                    plan.seed() == null ? new SplittableRandom() : new SplittableRandom(plan.seed()));
            BenchmarkRunner runner = new BenchmarkRunner(endpoint, prompts, loaded.tokenizer(), wallClock,
                    NanoClock.SYSTEM, listener, version, shape(target));
            RunReport report = runner.run(new RunSpec(target.name(), model, served, plan, target.exitOnFirstFail(),
                    target.keepTotalSeries(), target.keepRequestSeries(), target.postRunCommand(), reportId));
            return loaded.warnings().isEmpty() ? report : report.withEarlierWarnings(loaded.warnings());
        } catch (BenchmarkFailure e) {
            return failed(target, reportId, started, e.getMessage());
        } catch (RuntimeException e) {
            return failed(target, reportId, started, "unexpected error: " + e);
        }
    }

    /** The target's shape as learned so far; a target whose settings changed starts over. */
    private LearnedShape shape(TargetDefinition target) {
        RequestShape configured = target.requests().shape();
        return shapes.compute(target.name(), (name, known) ->
                known != null && known.configured().equals(configured) ? known : new LearnedShape(configured));
    }

    /** The model the server serves: an Azure deployment URL names it, else {@code /models} lists it. */
    private static ModelDetection.Detected detect(VertxChatEndpoint endpoint) {
        if (endpoint.deployment() != null) {
            return new ModelDetection.Detected(endpoint.deployment(), endpoint.deployment());
        }
        try {
            return ModelDetection.detect(endpoint.models().get(), endpoint.baseUrl());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchmarkFailure("interrupted while detecting the model");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new BenchmarkFailure("Model detection failed: " + cause.getMessage());
        }
    }

    private RunReport failed(TargetDefinition target, String reportId, Instant started, String error) {
        Instant finished = wallClock.instant();
        BenchmarkPlan plan = target.plan();
        String model = target.model() != null ? target.model() : ModelDetection.UNKNOWN;
        return new RunReport(version, ReportTimes.llamaBenchy(finished), plan.latencyMode().id(), 0, model,
                plan.prefixCaching(), plan.maxConcurrency(), List.of(),
                reportId != null ? reportId : ReportTimes.reportId(target.name(), finished), target.name(),
                target.servedModel() != null ? target.servedModel() : model, target.baseUrl(), null,
                RunStatus.FAILED, error, List.of(), started.toString(), finished.toString(),
                (finished.toEpochMilli() - started.toEpochMilli()) / 1000.0, plan.seed());
    }
}
