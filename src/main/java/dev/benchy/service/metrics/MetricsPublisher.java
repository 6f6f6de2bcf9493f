package dev.benchy.service.metrics;

import dev.benchy.core.plan.RowLabel;
import dev.benchy.core.report.BenchmarkRun;
import dev.benchy.core.report.Metric;
import dev.benchy.core.report.RunReport;
import dev.benchy.core.report.RowFlag;
import dev.benchy.core.report.RunStatus;
import dev.benchy.core.run.ModelDetection;
import dev.benchy.core.slo.SloEvaluation;
import dev.benchy.core.stream.ErrorReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import static dev.benchy.service.metrics.MetricNames.*;

/**
 * Publishes each completed run as Prometheus gauges: the mean (and standard deviation, median, 90th and 99th
 * percentile) of every measurement of the last completed run, per target and test, and per target the run's outcome
 * and timing; every request's latencies as histograms ({@link LatencyHistograms}); the run's SLO verdict
 * ({@link SloMetrics}). A sink of reports: it never measures anything itself.
 *
 * <p>Gauges read values this class holds strongly, so they never go stale through garbage collection. A run that
 * completes replaces the test series of its target: series of tests the plan no longer has disappear. A failed run
 * leaves the last measured values in place but sets {@code benchy_run_success} to 0 and does not move
 * {@code benchy_last_success_timestamp_seconds}, so dashboards and alerts can tell the numbers are old. The model
 * labels ({@code benchy_target_info}) come from the last run that knew the model: a run whose model detection failed
 * leaves them as they were, so they agree with the speed gauges.
 */
public final class MetricsPublisher {

    private static final String FROM_LAST_RUN = " (from the last completed run)";

    /** One measurement of a pp or tg row: its metric name, its description and where its value comes from. */
    private record Measurement(String name, String help, double scale, Function<BenchmarkRun, Metric> source) {
    }

    private static final Measurement[] PP_ROW = {
            new Measurement(TTFR, "Time to first response, seconds", 1e-3, BenchmarkRun::ttfr),
            new Measurement(EST_PPT, "Estimated prompt processing time (ttfr minus latency), seconds", 1e-3,
                    BenchmarkRun::estPpt),
            new Measurement(E2E_TTFT, "End-to-end time to first token, seconds", 1e-3, BenchmarkRun::e2eTtft),
            new Measurement(PP, "Prompt processing tokens per second (total over concurrent requests)", 1,
                    BenchmarkRun::ppThroughput),
            new Measurement(PP_REQ, "Prompt processing tokens per second per request", 1,
                    BenchmarkRun::ppReqThroughput)};

    private static final Measurement[] TG_ROW = {
            new Measurement(TG, "Token generation tokens per second (total over concurrent requests)", 1,
                    BenchmarkRun::tgThroughput),
            new Measurement(TG_REQ, "Token generation tokens per second per request", 1,
                    BenchmarkRun::tgReqThroughput),
            new Measurement(TG_PEAK, "Peak token generation tokens per second over a 1 s window", 1,
                    BenchmarkRun::peakThroughput)};

    /** A value a gauge reads; held strongly here. */
    private static final class Value {
        private volatile double value = Double.NaN;

        double get() {
            return value;
        }
    }

    /** The meters of one target. */
    private static final class TargetMeters {
        final Value success = new Value();
        final Value lastRun = new Value();
        final Value lastSuccess = new Value();
        final Value duration = new Value();
        final Value errorRatio = new Value();
        final Value info = new Value();
        Counter runs;
        Counter failures;
        Counter requests;
        final Map<String, Counter> requestErrors = new ConcurrentHashMap<>();
        Counter requestRetries;
        Gauge infoGauge;
        Tags infoTags;
        final Map<SeriesKey, Series> series = new HashMap<>();
    }

    private record SeriesKey(String name, Tags tags) {
    }

    private record Series(Gauge gauge, Value value) {
    }

    private final MeterRegistry registry;
    private final Map<String, TargetMeters> targets = new ConcurrentHashMap<>();
    private final Value buildInfo = new Value();
    private final Value unsaved = new Value();
    private final Counter storeFailures;
    private final SloMetrics slo;
    private final LatencyHistograms histograms = new LatencyHistograms();

    public MetricsPublisher(MeterRegistry registry, String version) {
        this.registry = registry;
        this.slo = new SloMetrics(registry);
        LatencyHistograms.prometheus(registry).ifPresent(histograms::registerIn);
        buildInfo.value = 1;
        gauge(BUILD_INFO, "benchy's version; always 1", Tags.of(VERSION, version), buildInfo);
        storeFailures = Counter.builder(REPORT_STORE_FAILURES)
                .description("Attempts to write a report to the report folder that failed").register(registry);
        unsaved.value = 0;
        gauge(REPORTS_UNSAVED, "Reports held in memory only because the report folder could not take them",
                Tags.empty(), unsaved);
    }

    /**
     * Registers a target's counters (at 0) before its first run, so rates and alerts have a start, and sets its
     * last success: when its newest stored successful run ended or, when it has none, when the service started, so
     * that the age of the last success grows from there and an alert can fire for a target that never succeeds.
     */
    public void declare(String target, Instant lastSuccessOrStart) {
        meters(target).lastSuccess.value = lastSuccessOrStart.toEpochMilli() / 1000.0;
    }

    /** A report could not be written to the report folder (it is kept in memory and written later). */
    public void reportStoreFailed() {
        storeFailures.increment();
    }

    /** How many reports are held in memory only, waiting for the report folder to take them. */
    public void unsavedReports(int count) {
        unsaved.value = count;
    }

    public synchronized void publish(RunReport report) {
        TargetMeters m = meters(report.target());
        boolean success = report.status() == RunStatus.OK || report.status() == RunStatus.PARTIAL;
        double finished = epochSeconds(report.finishedAt());
        m.runs.increment();
        if (!success) {
            m.failures.increment();
        }
        for (BenchmarkRun run : report.benchmarks()) {
            run.errorReasons().forEach((reason, count) -> requestErrors(m, report.target(), reason).increment(count));
            m.requests.increment(run.requests());
        }
        if (report.requestShape() != null) {
            m.requestRetries.increment(report.requestShape().retriedRequests());
        }
        histograms.add(report);
        slo.publish(report);
        m.success.value = success ? 1 : 0;
        m.lastRun.value = finished;
        m.duration.value = report.durationSeconds();
        m.errorRatio.value = SloEvaluation.errorRate(report).orElse(success ? Double.NaN : 1);
        if (success) {
            m.lastSuccess.value = finished;
            replaceSeries(report, m);
        }
        boolean modelKnown = !ModelDetection.UNKNOWN.equals(report.model());
        Tags info = Tags.of(TARGET, report.target(), MODEL, report.model(), SERVED_MODEL,
                report.servedModel() == null ? report.model() : report.servedModel());
        // a run that could not learn the model (detection failed) leaves the labels of the last one that did
        if ((modelKnown || m.infoTags == null) && !info.equals(m.infoTags)) {
            if (m.infoGauge != null) {
                registry.remove(m.infoGauge);
            }
            m.info.value = 1;
            m.infoTags = info;
            m.infoGauge = gauge(TARGET_INFO, "The model a target serves; always 1", info, m.info);
        }
    }

    private TargetMeters meters(String target) {
        return targets.computeIfAbsent(target, name -> {
            TargetMeters m = new TargetMeters();
            Tags tags = Tags.of(TARGET, name);
            gauge(RUN_SUCCESS, "1 if the last run completed with results, 0 if it failed", tags, m.success);
            gauge(LAST_RUN, "When the last run ended, Unix seconds", tags, m.lastRun);
            gauge(LAST_SUCCESS, "When the last successful run ended, Unix seconds", tags, m.lastSuccess);
            gauge(RUN_DURATION, "How long the last run took, seconds", tags, m.duration);
            gauge(RUN_ERROR_RATIO, "Share of the last run's benchmark requests that failed (1 for a run that"
                    + " failed before sending one)", tags, m.errorRatio);
            m.runs = Counter.builder(RUNS).description("Benchmark runs completed").tags(tags).register(registry);
            m.failures = Counter.builder(RUN_FAILURES).description("Benchmark runs that failed").tags(tags)
                    .register(registry);
            m.requests = Counter.builder(REQUESTS).description("Benchmark requests sent (the denominator of the"
                    + " error rate)").tags(tags).register(registry);
            for (ErrorReason reason : ErrorReason.values()) {
                requestErrors(m, name, reason.id());
            }
            m.requestRetries = Counter.builder(REQUEST_RETRIES).description("Requests retried on a fresh"
                    + " connection after a reused one closed before any response byte").tags(tags).register(registry);
            return m;
        });
    }

    /** The error counter of one reason; every reason's is registered (at 0) with the target. */
    private Counter requestErrors(TargetMeters m, String target, String reason) {
        return m.requestErrors.computeIfAbsent(reason, r -> Counter.builder(REQUEST_ERRORS)
                .description("Benchmark requests that failed, by reason").tags(TARGET, target, REASON, r)
                .register(registry));
    }

    /**
     * Registers a gauge reading {@code value}. A gauge of the same name and tags left by an earlier publisher on the
     * same registry (Quarkus' registry is the JVM-wide global one, which outlives a dev-mode reload or a test's
     * restart) is removed first: registering would otherwise hand back the old gauge, reading the old value.
     */
    private Gauge gauge(String name, String help, Tags tags, Value value) {
        registry.remove(new Meter.Id(name, tags, null, help, Meter.Type.GAUGE));
        return Gauge.builder(name, value, Value::get).description(help).tags(tags).strongReference(true)
                .register(registry);
    }

    private void replaceSeries(RunReport report, TargetMeters m) {
        Set<SeriesKey> seen = new HashSet<>();
        for (BenchmarkRun run : report.benchmarks()) {
            String ppTest = RowLabel.pp(run.promptSize(), run.contextSize(), run.contextPrefillPhase());
            String tgTest = RowLabel.tg(run.responseSize(), run.contextSize(), run.contextPrefillPhase());
            for (Measurement measurement : PP_ROW) {
                set(m, seen, report, run, ppTest, measurement);
            }
            for (Measurement measurement : TG_ROW) {
                set(m, seen, report, run, tgTest, measurement);
            }
            for (RowFlag flag : run.flags()) {
                if (flag.kind().marksPromptRow()) {
                    flagged(m, seen, rowTags(report, run, ppTest), flag);
                }
                if (flag.kind().marksGenerationRow()) {
                    flagged(m, seen, rowTags(report, run, tgTest), flag);
                }
            }
        }
        m.series.entrySet().removeIf(entry -> {
            if (seen.contains(entry.getKey())) {
                return false;
            }
            registry.remove(entry.getValue().gauge());
            return true;
        });
    }

    private void set(TargetMeters m, Set<SeriesKey> seen, RunReport report, BenchmarkRun run, String test,
                     Measurement measurement) {
        Metric metric = measurement.source().apply(run);
        if (metric == null) {
            return;
        }
        Tags tags = rowTags(report, run, test);
        put(m, seen, measurement.name(), measurement.help(), tags, metric.mean() * measurement.scale());
        put(m, seen, measurement.name() + STDDEV_SUFFIX, "Standard deviation of: " + measurement.help(), tags,
                metric.std() * measurement.scale());
        put(m, seen, measurement.name() + P50_SUFFIX, "Median of: " + measurement.help(), tags,
                metric.p50() * measurement.scale());
        put(m, seen, measurement.name() + P90_SUFFIX, "90th percentile of: " + measurement.help(), tags,
                metric.p90() * measurement.scale());
        put(m, seen, measurement.name() + P99_SUFFIX, "99th percentile of: " + measurement.help(), tags,
                metric.p99() * measurement.scale());
    }

    /** 1 for a row with this flag; the series goes when a run no longer raises it. */
    private void flagged(TargetMeters m, Set<SeriesKey> seen, Tags row, RowFlag flag) {
        put(m, seen, ROW_FLAGGED, "1 when a row's numbers carry this flag (failed requests, partial batches,"
                + " a prompt-token count off by more than 2 %...)", row.and(FLAG, flag.kind().id()), 1);
    }

    private static Tags rowTags(RunReport report, BenchmarkRun run, String test) {
        return Tags.of(TARGET, report.target(), MODEL, report.model(), TEST, test,
                DEPTH, Integer.toString(run.contextSize()), PP_LABEL, Integer.toString(run.promptSize()),
                TG_LABEL, Integer.toString(run.responseSize()), CONCURRENCY, Integer.toString(run.concurrency()));
    }

    private void put(TargetMeters m, Set<SeriesKey> seen, String name, String help, Tags tags, double value) {
        SeriesKey key = new SeriesKey(name, tags);
        seen.add(key);
        Series series = m.series.computeIfAbsent(key, k -> {
            Value holder = new Value();
            return new Series(gauge(name, help + FROM_LAST_RUN, tags, holder), holder);
        });
        series.value().value = value;
    }

    private static double epochSeconds(String instant) {
        try {
            return Instant.parse(instant).toEpochMilli() / 1000.0;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
