package dev.benchy.service.metrics;

import dev.benchy.core.report.RunReport;
import dev.benchy.core.report.SloThreshold;
import dev.benchy.core.report.SloVerdict;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.benchy.service.metrics.MetricNames.SCOPE;
import static dev.benchy.service.metrics.MetricNames.SLO_BREACHES;
import static dev.benchy.service.metrics.MetricNames.SLO_LIMIT;
import static dev.benchy.service.metrics.MetricNames.STATE;
import static dev.benchy.service.metrics.MetricNames.TARGET;
import static dev.benchy.service.metrics.MetricNames.TARGET_STATE;
import static dev.benchy.service.metrics.MetricNames.THRESHOLD;

/**
 * A target's SLO verdict as gauges: {@code benchy_target_state{target,state}} 1 for the state of its last run and 0
 * for the two others, {@code benchy_slo_breaches{target,threshold}} how many rows of the last run broke each
 * configured threshold, and {@code benchy_slo_limit{target,threshold,scope}} each configured limit in base units
 * (seconds, tokens per second, a ratio), so rules and panels can compare with it. Thresholds come from the
 * configuration, so the set of series is fixed per target once its first judged run is published.
 */
final class SloMetrics {

    private final MeterRegistry registry;
    /** Gauge values by target, then by series key; held strongly. */
    private final Map<String, Map<String, AtomicInteger>> counts = new ConcurrentHashMap<>();

    SloMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Publishes the report's verdict; a report that was not judged changes nothing. */
    void publish(RunReport report) {
        SloVerdict verdict = report.slo();
        if (verdict == null) {
            return;
        }
        String target = report.target();
        for (SloVerdict.State state : SloVerdict.State.values()) {
            count(target, TARGET_STATE, "1 for the state of the target's last run (healthy, degraded, failing),"
                    + " 0 for the others", Tags.of(TARGET, target, STATE, state.id()))
                    .set(state == verdict.state() ? 1 : 0);
        }
        for (SloVerdict.Limit limit : verdict.thresholds()) {
            Tags tags = Tags.of(TARGET, target, THRESHOLD, limit.threshold().id(), SCOPE,
                    limit.scope() == null ? "" : limit.scope().text());
            double value = limit.limit() * baseUnit(limit.threshold());
            Gauge.builder(SLO_LIMIT, () -> value).description("A configured service-level limit, base units"
                    + " (seconds, tokens per second, ratio of failed requests)").tags(tags).register(registry);
            count(target, SLO_BREACHES, "Rows of the last run that broke the threshold (1 for the whole run's"
                    + " error rate)", Tags.of(TARGET, target, THRESHOLD, limit.threshold().id()))
                    .set((int) verdict.breachesOf(limit.threshold()));
        }
    }

    private AtomicInteger count(String target, String name, String help, Tags tags) {
        return counts.computeIfAbsent(target, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(name + tags, key -> {
                    AtomicInteger value = new AtomicInteger();
                    Gauge.builder(name, value, AtomicInteger::get).description(help).tags(tags)
                            .strongReference(true).register(registry);
                    return value;
                });
    }

    /** The factor from the report's unit to the metric's base unit: ms to seconds, the rest as is. */
    private static double baseUnit(SloThreshold threshold) {
        return "ms".equals(threshold.unit()) ? 1e-3 : 1;
    }
}
