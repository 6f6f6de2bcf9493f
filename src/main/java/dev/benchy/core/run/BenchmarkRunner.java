package dev.benchy.core.run;

import dev.benchy.core.NanoClock;
import dev.benchy.core.measure.TestAggregator;
import dev.benchy.core.plan.BenchmarkPlan;
import dev.benchy.core.plan.RowLabel;
import dev.benchy.core.plan.TestCase;
import dev.benchy.core.prompt.Prompt;
import dev.benchy.core.prompt.PromptFactory;
import dev.benchy.core.prompt.Tokenizer;
import dev.benchy.core.report.BenchmarkRun;
import dev.benchy.core.report.RunReport;
import dev.benchy.core.report.RunStatus;
import dev.benchy.core.stream.RequestTrace;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Runs one benchmark suite against one endpoint, in llama-benchy's order (spec §4): template probes (warm-up),
 * coherence test, latency, then for every test shape its runs, each run one batch of {@code c} requests started
 * together. Blocking: call it from a thread that may wait (the CLI's, or the service's run thread); interrupting
 * that thread cancels the run, keeping the tests already completed.
 *
 * <p>Prompts are built and serialised before a batch starts, so nothing but the network sits inside the timed span.
 */
public final class BenchmarkRunner {

    private final ChatEndpoint endpoint;
    private final PromptFactory prompts;
    private final Tokenizer tokenizer;
    private final Clock wallClock;
    private final NanoClock clock;
    private final RunListener listener;
    private final String version;

    public BenchmarkRunner(ChatEndpoint endpoint, PromptFactory prompts, Tokenizer tokenizer, Clock wallClock,
                           NanoClock clock, RunListener listener, String version) {
        this.endpoint = endpoint;
        this.prompts = prompts;
        this.tokenizer = tokenizer;
        this.wallClock = wallClock;
        this.clock = clock;
        this.listener = listener;
        this.version = version;
    }

    public RunReport run(RunSpec spec) {
        Instant started = wallClock.instant();
        long startNanos = clock.nanoTime();
        List<String> warnings = new ArrayList<>();
        Consumer<String> warn = message -> {
            warnings.add(message);
            listener.warning(message);
        };
        List<BenchmarkRun> results = new ArrayList<>();
        double latency = 0;
        RunStatus status;
        String error = null;
        try {
            BenchmarkPlan plan = spec.plan();
            TemplateOverhead overhead = templateOverhead(spec, warn);
            if (plan.coherence()) {
                CoherenceCheck.run(endpoint, spec.servedModel());
                listener.info("Coherence test passed");
            } else {
                listener.info("Skipping coherence test (--skip-coherence specified)");
            }
            latency = LatencyMeter.measure(plan.latencyMode(), endpoint, spec.servedModel(), warn);
            listener.info(String.format(Locale.ROOT, "Average latency (%s): %.2f ms", plan.latencyMode().id(),
                    latency * 1000));
            listener.latencyMeasured(plan.latencyMode().id(), latency);
            if (plan.warmup()) {
                warmStreamingPath(spec);
            }
            runTests(spec, overhead, latency, results, warn);
            String allFailed = allRequestsFailed(results);
            if (allFailed != null) {
                status = RunStatus.FAILED;
                error = allFailed;
            } else {
                status = results.stream().anyMatch(r -> r.failedRequests() > 0) ? RunStatus.PARTIAL : RunStatus.OK;
            }
        } catch (BenchmarkFailure e) {
            status = RunStatus.FAILED;
            error = e.getMessage();
        } catch (CancellationException e) {
            status = RunStatus.CANCELLED;
            error = "cancelled before the run completed";
        }
        Instant finished = wallClock.instant();
        double duration = (clock.nanoTime() - startNanos) / 1e9;
        BenchmarkPlan plan = spec.plan();
        return new RunReport(version, ReportTimes.llamaBenchy(finished), plan.latencyMode().id(), latency * 1000,
                spec.model(), plan.prefixCaching(), plan.maxConcurrency(), results,
                spec.reportId() != null ? spec.reportId() : ReportTimes.reportId(spec.target(), finished), spec.target(), spec.servedModel(), endpoint.baseUrl(),
                tokenizer.name(), status, error, warnings, started.toString(), finished.toString(), duration,
                plan.seed());
    }

    private TemplateOverhead templateOverhead(RunSpec spec, Consumer<String> warn) {
        BenchmarkPlan plan = spec.plan();
        if (!plan.warmup() && !plan.adaptPrompt()) {
            return TemplateOverhead.NONE;
        }
        TemplateOverhead overhead = TemplateOverhead.measure(endpoint, spec.servedModel(), tokenizer, warn);
        listener.info("Warmup (user only) complete. Delta: " + overhead.user() + " tokens (server-side template)");
        listener.info("Warmup (system+empty user) complete. Delta: " + overhead.context() + " tokens");
        return plan.adaptPrompt() ? overhead : TemplateOverhead.NONE;
    }

    /**
     * One small discarded streaming request before the first measured run, so the first run does not pay for the
     * streaming path's first use (class loading, JIT, a fresh connection) on either side. Its outcome is not
     * checked: a server that cannot stream shows up in the measured runs, with their errors.
     */
    private void warmStreamingPath(RunSpec spec) {
        Calls.await(endpoint.stream(ChatRequest.streaming(spec.servedModel(),
                List.of(Message.user(TemplateOverhead.PROBE_TEXT)), STREAM_WARMUP_TOKENS, false).toJson()));
    }

    /** Tokens the streaming warm-up request asks for; its prompt is the warm-up probe text. */
    static final int STREAM_WARMUP_TOKENS = 8;

    private void runTests(RunSpec spec, TemplateOverhead overhead, double latency, List<BenchmarkRun> results,
                          Consumer<String> warn) {
        BenchmarkPlan plan = spec.plan();
        List<TestCase> cases = plan.testCases();
        PostRunCommand postRun = spec.postRunCommand() == null ? null : new PostRunCommand(spec.postRunCommand());
        for (int i = 0; i < cases.size(); i++) {
            TestCase test = cases.get(i);
            listener.info(String.format(Locale.ROOT, "Running test: pp=%d, tg=%d, depth=%d, concurrency=%d",
                    test.pp(), test.tg(), test.depth(), test.concurrency()));
            boolean twoPhase = plan.prefixCaching() && test.depth() > 0;
            int depth = overhead.adaptDepth(test.depth());
            int pp = overhead.adaptPrompt(test.pp(), test.depth());
            List<List<RequestTrace>> contextBatches = new ArrayList<>();
            List<List<RequestTrace>> batches = new ArrayList<>();
            for (int run = 1; run <= plan.runs(); run++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("interrupted");
                }
                List<Prompt> batch = new ArrayList<>(test.concurrency());
                for (int c = 0; c < test.concurrency(); c++) {
                    batch.add(prompts.next(depth, pp, plan.noCache()));
                }
                if (twoPhase) {
                    listener.runStarting(test, i + 1, cases.size(), run, plan.runs(), "context load");
                    contextBatches.add(fire(spec, test, batch, run, "context load"));
                    stopOnFailure(spec, contextBatches, "context load");
                    listener.runStarting(test, i + 1, cases.size(), run, plan.runs(), "inference");
                } else {
                    listener.runStarting(test, i + 1, cases.size(), run, plan.runs(), "standard");
                }
                batches.add(fire(spec, test, batch, run, twoPhase ? "inference" : "standard"));
                stopOnFailure(spec, batches, twoPhase ? "inference" : "standard run");
                if (postRun != null) {
                    String failure = postRun.run();
                    if (failure != null) {
                        warn.accept(failure);
                    }
                }
            }
            warnIfShort(test, batches, warn);
            if (twoPhase) {
                results.add(aggregate(spec, test, contextBatches, depth, latency, true));
                results.add(aggregate(spec, test, batches, pp, latency, false));
            } else {
                results.add(aggregate(spec, test, batches, pp + depth, latency, false));
            }
            warnOfCacheDespiteNoCache(plan, results.get(results.size() - 1), warn);
        }
    }

    /**
     * With {@code --no-cache} a cache hit means the server ignored both the nonce and {@code cache_prompt: false}
     * (or counts cached tokens its own way): the user asked for cold prefills and must hear that they were not.
     */
    private static void warnOfCacheDespiteNoCache(BenchmarkPlan plan, BenchmarkRun run, Consumer<String> warn) {
        if (plan.noCache() && run.cacheHit()) {
            warn.accept(RowLabel.withConcurrency(run.test(), run.concurrency(), plan.maxConcurrency())
                    + ": the server reported cached prompt tokens despite --no-cache; its pp numbers are not a cold"
                    + " prefill");
        }
    }

    private BenchmarkRun aggregate(RunSpec spec, TestCase test, List<List<RequestTrace>> batches, int expected,
                                   double latency, boolean contextPhase) {
        return TestAggregator.aggregate(test, batches, expected, latency, contextPhase, spec.keepTotalSeries(),
                spec.keepRequestSeries(), tokenizer);
    }

    /**
     * Builds every body first, then starts the whole batch together and waits for all of it; then tells the listener.
     * The context-load phase sends the context with a minimal user turn.
     */
    private List<RequestTrace> fire(RunSpec spec, TestCase test, List<Prompt> batch, int run, String phase) {
        boolean contextOnly = "context load".equals(phase);
        List<byte[]> bodies = new ArrayList<>(batch.size());
        for (Prompt prompt : batch) {
            bodies.add(ChatRequest.streaming(spec.servedModel(), messages(prompt, contextOnly),
                    test.tg(), spec.plan().noCache()).toJson());
        }
        List<CompletableFuture<RequestTrace>> inFlight = new ArrayList<>(bodies.size());
        for (byte[] body : bodies) {
            inFlight.add(endpoint.stream(body));
        }
        List<RequestTrace> traces = new ArrayList<>(inFlight.size());
        for (CompletableFuture<RequestTrace> future : inFlight) {
            traces.add(Calls.await(future));
        }
        listener.batchFinished(new FinishedBatch(spec.servedModel(), endpoint.baseUrl(), test, run, phase, traces));
        return traces;
    }

    private static List<Message> messages(Prompt prompt, boolean contextOnly) {
        List<Message> messages = new ArrayList<>(2);
        if (!prompt.context().isEmpty()) {
            messages.add(Message.system(prompt.context()));
        }
        messages.add(Message.user(contextOnly ? TemplateOverhead.MINIMAL_USER_TURN : prompt.prompt()));
        return messages;
    }

    /** A server that stops early is measured on the tokens it sent; the report says so rather than hide it. */
    private static void warnIfShort(TestCase test, List<List<RequestTrace>> batches, Consumer<String> warn) {
        int ok = 0;
        int shortAnswers = 0;
        int fewest = Integer.MAX_VALUE;
        for (List<RequestTrace> batch : batches) {
            for (RequestTrace trace : batch) {
                if (!trace.ok()) {
                    continue;
                }
                ok++;
                int generated = trace.completionTokens();
                if (generated != RequestTrace.ABSENT && generated < test.tg()) {
                    shortAnswers++;
                    fewest = Math.min(fewest, generated);
                }
            }
        }
        if (shortAnswers > 0) {
            warn.accept(String.format(Locale.ROOT, "%s: %d of %d requests generated fewer tokens than the %d asked"
                    + " (as few as %d); tg is measured on the tokens that came", test.label(), shortAnswers, ok,
                    test.tg(), fewest));
        }
    }

    private static void stopOnFailure(RunSpec spec, List<List<RequestTrace>> batches, String phase) {
        if (!spec.exitOnFirstFail()) {
            return;
        }
        for (RequestTrace trace : batches.get(batches.size() - 1)) {
            if (!trace.ok()) {
                throw new BenchmarkFailure("Stopping due to error in " + phase + ": " + trace.error());
            }
        }
    }

    private static String allRequestsFailed(List<BenchmarkRun> results) {
        int requests = 0;
        int failed = 0;
        String first = null;
        for (BenchmarkRun run : results) {
            requests += run.requests();
            failed += run.failedRequests();
            if (first == null && !run.errors().isEmpty()) {
                first = run.errors().get(0);
            }
        }
        return requests > 0 && failed == requests ? "every request failed; first error: " + first : null;
    }
}
