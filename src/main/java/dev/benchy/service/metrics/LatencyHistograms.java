package dev.benchy.service.metrics;

import dev.benchy.core.report.BenchmarkRun;
import dev.benchy.core.report.Histogram;
import dev.benchy.core.report.LatencyDistribution;
import dev.benchy.core.report.RunReport;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

import static dev.benchy.service.metrics.MetricNames.CONCURRENCY;
import static dev.benchy.service.metrics.MetricNames.DEPTH;
import static dev.benchy.service.metrics.MetricNames.INTER_TOKEN_HISTOGRAM;
import static dev.benchy.service.metrics.MetricNames.LE;
import static dev.benchy.service.metrics.MetricNames.MODEL;
import static dev.benchy.service.metrics.MetricNames.PP_LABEL;
import static dev.benchy.service.metrics.MetricNames.REQUEST_LATENCY_HISTOGRAM;
import static dev.benchy.service.metrics.MetricNames.TARGET;
import static dev.benchy.service.metrics.MetricNames.TEST;
import static dev.benchy.service.metrics.MetricNames.TG_LABEL;
import static dev.benchy.service.metrics.MetricNames.TTFR_HISTOGRAM;
import static dev.benchy.service.metrics.MetricNames.TTFT_HISTOGRAM;

/**
 * Every request's ttfr, e2e_ttft, latency and gaps between content events as Prometheus histograms: each report's
 * per-row bucket counts ({@link dev.benchy.core.report.RequestDistributions}) are added to cumulative series, so
 * {@code rate(…_bucket[1h])} and {@code histogram_quantile} work as they do on vLLM's own histograms, whose bucket
 * bounds these share. The labels are the row's, as on the gauges (target, model, test, depth, pp, tg, concurrency).
 *
 * <p>Micrometer's histograms record single observations; a report brings counts per bucket, so this is a collector
 * of the Prometheus registry itself, registered beside Micrometer's meters and written in the same scrape.
 */
final class LatencyHistograms extends Collector implements Collector.Describable {

    private static final List<String> LABELS = List.of(TARGET, MODEL, TEST, DEPTH, PP_LABEL, TG_LABEL, CONCURRENCY);
    /** A histogram's metric name (Micrometer's dotted form, as {@link MetricNames} gives it) and help. */
    private record Family(String name, String help) {
    }

    private static final Map<LatencyDistribution, Family> FAMILIES = new EnumMap<>(Map.of(
            LatencyDistribution.TTFR, new Family(TTFR_HISTOGRAM,
                    "Time to first response of each benchmark request, seconds"),
            LatencyDistribution.E2E_TTFT, new Family(TTFT_HISTOGRAM,
                    "End-to-end time to first token of each benchmark request, seconds"),
            LatencyDistribution.REQUEST_LATENCY, new Family(REQUEST_LATENCY_HISTOGRAM,
                    "Each benchmark request from its start to the end of its response, seconds"),
            LatencyDistribution.INTER_TOKEN_LATENCY, new Family(INTER_TOKEN_HISTOGRAM,
                    "Gaps between consecutive content events of each benchmark request, seconds")));

    /** The cumulative counts of one series: one per bound, then +Inf; and the sum. */
    private static final class Series {
        final long[] counts;
        double sum;

        Series(int buckets) {
            counts = new long[buckets];
        }
    }

    /** Series by distribution, then by label values (sorted, so scrapes list them in a stable order). */
    private final Map<LatencyDistribution, Map<List<String>, Series>> series = new EnumMap<>(LatencyDistribution.class);

    LatencyHistograms() {
        for (LatencyDistribution distribution : LatencyDistribution.values()) {
            series.put(distribution, new ConcurrentSkipListMap<>((a, b) -> String.join("\u0000", a)
                    .compareTo(String.join("\u0000", b))));
        }
    }

    /** The histograms last registered in each registry, so that a new publisher replaces an earlier one's. */
    private static final Map<CollectorRegistry, LatencyHistograms> REGISTERED = new java.util.WeakHashMap<>();

    /**
     * Registers these histograms in {@code registry}, removing those an earlier publisher left there (Quarkus' registry
     * is the JVM-wide one, which outlives a dev-mode reload or a test's restart).
     */
    void registerIn(CollectorRegistry registry) {
        synchronized (REGISTERED) {
            LatencyHistograms earlier = REGISTERED.put(registry, this);
            if (earlier != null) {
                registry.unregister(earlier);
            }
            registry.register(this);
        }
    }

    /** The Prometheus registry behind {@code registry} (itself, or one of a composite's), if there is one. */
    static Optional<CollectorRegistry> prometheus(MeterRegistry registry) {
        if (registry instanceof PrometheusMeterRegistry prometheus) {
            return Optional.of(prometheus.getPrometheusRegistry());
        }
        if (registry instanceof CompositeMeterRegistry composite) {
            return composite.getRegistries().stream().map(LatencyHistograms::prometheus).flatMap(Optional::stream)
                    .findFirst();
        }
        return Optional.empty();
    }

    /** Adds the report's per-row counts. */
    synchronized void add(RunReport report) {
        for (BenchmarkRun run : report.benchmarks()) {
            for (LatencyDistribution distribution : LatencyDistribution.values()) {
                Histogram histogram = distribution.of(run);
                if (histogram == null) {
                    continue;
                }
                long[] cumulative = histogram.cumulative(distribution.bounds());
                Series s = series.get(distribution).computeIfAbsent(labels(report, run, distribution),
                        k -> new Series(cumulative.length));
                for (int i = 0; i < cumulative.length; i++) {
                    s.counts[i] += cumulative[i];
                }
                s.sum += histogram.sum();
            }
        }
    }

    @Override
    public synchronized List<MetricFamilySamples> collect() {
        List<MetricFamilySamples> families = new ArrayList<>();
        for (LatencyDistribution distribution : LatencyDistribution.values()) {
            String name = name(distribution);
            List<MetricFamilySamples.Sample> samples = new ArrayList<>();
            List<String> bucketLabels = new ArrayList<>(LABELS);
            bucketLabels.add(LE);
            series.get(distribution).forEach((values, s) -> {
                for (int i = 0; i < s.counts.length; i++) {
                    List<String> bucketValues = new ArrayList<>(values);
                    bucketValues.add(i < distribution.bounds().size()
                            ? Histogram.le(distribution.bounds().get(i)) : Histogram.INF);
                    samples.add(new MetricFamilySamples.Sample(name + "_bucket", bucketLabels, bucketValues,
                            s.counts[i]));
                }
                samples.add(new MetricFamilySamples.Sample(name + "_count", LABELS, values,
                        s.counts[s.counts.length - 1]));
                samples.add(new MetricFamilySamples.Sample(name + "_sum", LABELS, values, s.sum));
            });
            if (!samples.isEmpty()) {
                families.add(new MetricFamilySamples(name, Type.HISTOGRAM, help(distribution), samples));
            }
        }
        return families;
    }

    /** The names this collector writes, so the registry refuses another collector that would write them too. */
    @Override
    public List<MetricFamilySamples> describe() {
        List<MetricFamilySamples> families = new ArrayList<>();
        for (LatencyDistribution distribution : LatencyDistribution.values()) {
            families.add(new MetricFamilySamples(name(distribution), Type.HISTOGRAM, help(distribution), List.of()));
        }
        return families;
    }

    private static List<String> labels(RunReport report, BenchmarkRun run, LatencyDistribution distribution) {
        return List.of(report.target(), report.model(), run.rowName(distribution.row(), 1),
                Integer.toString(run.contextSize()), Integer.toString(run.promptSize()),
                Integer.toString(run.responseSize()), Integer.toString(run.concurrency()));
    }

    private static String name(LatencyDistribution distribution) {
        return FAMILIES.get(distribution).name().replace('.', '_');
    }

    private static String help(LatencyDistribution distribution) {
        return FAMILIES.get(distribution).help() + " (all runs; vLLM's buckets)";
    }
}
