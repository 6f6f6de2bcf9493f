package dev.benchy.core.run;

import dev.benchy.core.NanoClock;
import dev.benchy.core.measure.Latency;
import dev.benchy.core.measure.RowFlags;
import dev.benchy.core.measure.TestAggregator;
import dev.benchy.core.plan.BenchmarkPlan;
import dev.benchy.core.plan.LatencyMode;
import dev.benchy.core.plan.RowLabel;
import dev.benchy.core.plan.TestCase;
import dev.benchy.core.prompt.Prompt;
import dev.benchy.core.prompt.PromptFactory;
import dev.benchy.core.prompt.Tokenizer;
import dev.benchy.core.report.BenchmarkRun;
import dev.benchy.core.report.LatencyEstimate;
import dev.benchy.core.report.RowFlag;
import dev.benchy.core.report.RunReport;
import dev.benchy.core.report.RunStatus;
import dev.benchy.core.request.LearnedShape;
import dev.benchy.core.stream.RequestTrace;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
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
    private final LearnedShape shape;

    /** @param shape the target's request shape, learned further while the run goes */
    public BenchmarkRunner(ChatEndpoint endpoint, PromptFactory prompts, Tokenizer tokenizer, Clock wallClock,
                           NanoClock clock, RunListener listener, String version, LearnedShape shape) {
        this.endpoint = endpoint;
        this.shape = shape;
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
        RequestSender requests = new RequestSender(endpoint, shape, warn);
        List<BenchmarkRun> results = new ArrayList<>();
        LatencyEstimate latencyEstimate = null;
        RunStatus status;
        String error = null;
        try {
            BenchmarkPlan plan = spec.plan();
            TemplateOverhead template = templateOverhead(spec, requests, warn);
            if (plan.coherence()) {
                listener.stepStarting("coherence test");
                CoherenceCheck.run(requests, spec.servedModel());
                listener.info("Coherence test passed");
            } else {
                listener.info("Skipping coherence test (--skip-coherence specified)");
            }
            if (plan.latencyMode() != LatencyMode.NONE) {
                listener.stepStarting("latency (" + plan.latencyMode().id() + ")");
            }
            latencyEstimate = LatencyMeter.measure(plan.latencyMode(), requests, spec.servedModel(), warn);
            listener.info(latencyLine(plan, latencyEstimate));
            listener.latencyMeasured(plan.latencyMode().id(), Latency.seconds(latencyEstimate));
            if (plan.warmup()) {
                warmStreamingPath(spec, requests);
            }
            runTests(spec, requests, template, Latency.seconds(latencyEstimate), results, warn);
            Latency.warnings(latencyEstimate, plan.latencyMode().id(), results, plan.maxConcurrency())
                    .forEach(warn);
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
        return new RunReport(version, ReportTimes.llamaBenchy(finished), plan.latencyMode().id(),
                Latency.seconds(latencyEstimate) * 1000,
                spec.model(), plan.prefixCaching(), plan.maxConcurrency(), results,
                spec.reportId() != null ? spec.reportId() : ReportTimes.reportId(spec.target(), finished), spec.target(), spec.servedModel(), endpoint.baseUrl(),
                tokenizer.name(), status, error, warnings, started.toString(), finished.toString(), duration,
                plan.seed(), latencyEstimate, requests.used(spec.servedModel(), plan.noCache()), null);
    }

    /** "Latency (api): 0.42 ms, the median of 5 probes (0.40–0.61 ms)", or 0 when not measured. */
    private static String latencyLine(BenchmarkPlan plan, LatencyEstimate estimate) {
        if (estimate == null) {
            return String.format(Locale.ROOT, "Latency (%s): 0.00 ms (not measured)", plan.latencyMode().id());
        }
        return String.format(Locale.ROOT, "Latency (%s): %.2f ms, the median of %d probes (%.2f\u2013%.2f ms)",
                plan.latencyMode().id(), estimate.medianMs(), estimate.valuesMs().size(), estimate.minMs(),
                estimate.maxMs());
    }

    /** The chat template's overhead as the probes measured it, whether or not prompts are adapted to it. */
    private TemplateOverhead templateOverhead(RunSpec spec, RequestSender requests, Consumer<String> warn) {
        BenchmarkPlan plan = spec.plan();
        if (!plan.warmup() && !plan.adaptPrompt()) {
            return TemplateOverhead.NONE;
        }
        listener.stepStarting("warm-up");
        TemplateOverhead overhead = TemplateOverhead.measure(requests, spec.servedModel(), tokenizer, warn);
        listener.info("Warmup (user only) complete. Delta: " + overhead.user() + " tokens (server-side template)");
        listener.info("Warmup (system+empty user) complete. Delta: " + overhead.context() + " tokens");
        return overhead;
    }

    /**
     * One small discarded streaming request before the first measured run, so the first run does not pay for the
     * streaming path's first use (class loading, JIT, a fresh connection) on either side. Its outcome is not
     * checked: a server that cannot stream shows up in the measured runs, with their errors.
     */
    private void warmStreamingPath(RunSpec spec, RequestSender requests) {
        listener.stepStarting("streaming warm-up");
        requests.stream(ChatRequest.streamedProbe(spec.servedModel(),
                List.of(Message.user(TemplateOverhead.PROBE_TEXT)), STREAM_WARMUP_TOKENS));
    }

    /** Tokens the streaming warm-up request asks for; its prompt is the warm-up probe text. */
    static final int STREAM_WARMUP_TOKENS = 8;

    private void runTests(RunSpec spec, RequestSender requests, TemplateOverhead template, double latency,
                          List<BenchmarkRun> results, Consumer<String> warn) {
        BenchmarkPlan plan = spec.plan();
        TemplateOverhead overhead = plan.adaptPrompt() ? template : TemplateOverhead.NONE;
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
                    contextBatches.add(fire(spec, requests, test, batch, run, "context load"));
                    stopOnFailure(spec, contextBatches, "context load");
                    listener.runStarting(test, i + 1, cases.size(), run, plan.runs(), "inference");
                } else {
                    listener.runStarting(test, i + 1, cases.size(), run, plan.runs(), "standard");
                }
                batches.add(fire(spec, requests, test, batch, run, twoPhase ? "inference" : "standard"));
                stopOnFailure(spec, batches, twoPhase ? "inference" : "standard run");
                if (postRun != null) {
                    String failure = postRun.run();
                    if (failure != null) {
                        warn.accept(failure);
                    }
                }
            }
            warnIfShort(test, batches, warn);
            int whole = template.serverCount(depth, pp);
            if (twoPhase) {
                int context = template.serverCount(depth, tokenizer.count(TemplateOverhead.MINIMAL_USER_TURN));
                results.add(aggregate(spec, test, contextBatches, depth, context, latency, true));
                results.add(aggregate(spec, test, batches, pp, whole, latency, false));
            } else {
                results.add(aggregate(spec, test, batches, pp + depth, whole, latency, false));
            }
        }
    }

    /**
     * One phase of a test, with every flag its row gets, each also told to the listener.
     *
     * @param expected       the prompt tokens of the pp numerator (what the phase processes anew)
     * @param serverExpected the prompt tokens the server should count for the whole prompt, or ABSENT when the
     *                       template overhead is unknown
     */
    private BenchmarkRun aggregate(RunSpec spec, TestCase test, List<List<RequestTrace>> batches, int expected,
                                   int serverExpected, double latency, boolean contextPhase) {
        BenchmarkPlan plan = spec.plan();
        BenchmarkRun run = TestAggregator.aggregate(test, batches, expected, latency, contextPhase,
                spec.keepTotalSeries(), spec.keepRequestSeries(), tokenizer);
        List<RowFlag> more = new ArrayList<>(2);
        RowFlags.promptTokensMismatch(run.promptTokens(), serverExpected).ifPresent(more::add);
        RowFlags.cacheHit(run, plan.prefixCaching(), plan.noCache()).ifPresent(more::add);
        BenchmarkRun flagged = run.withFlags(more);
        String label = RowLabel.withConcurrency(flagged.test(), flagged.concurrency(), plan.maxConcurrency());
        flagged.flags().forEach(flag -> listener.warning(label + ": " + flag.detail()));
        return flagged;
    }

    /**
     * Starts the whole batch together (every body built first), waits for all of it, then tells the listener. The
     * context-load phase sends the context with a minimal user turn.
     */
    private List<RequestTrace> fire(RunSpec spec, RequestSender requests, TestCase test, List<Prompt> batch, int run,
                                    String phase) {
        boolean contextOnly = "context load".equals(phase);
        List<ChatRequest> together = new ArrayList<>(batch.size());
        for (Prompt prompt : batch) {
            together.add(ChatRequest.measured(spec.servedModel(), messages(prompt, contextOnly), test.tg(),
                    spec.plan().noCache()));
        }
        List<RequestTrace> traces = requests.streamTogether(together, listener::requestFinished);
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
