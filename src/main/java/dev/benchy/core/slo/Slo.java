package dev.benchy.core.slo;

import dev.benchy.core.report.BenchmarkRun;
import dev.benchy.core.report.RowScope;
import dev.benchy.core.report.SloThreshold;
import dev.benchy.core.report.SloVerdict;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A target's service-level thresholds: limits that hold for every row (the error rate: for the whole run), and
 * limits scoped to some rows (a depth, a concurrency...) that replace them there. Limits are in the report's units
 * ({@link SloThreshold}); {@link SloText} reads them as people write them.
 *
 * @param limits the limits of every row, by threshold
 * @param rows   limits for the rows of a scope, first match first: for each threshold, the first scope that matches a
 *               row and sets it wins over {@code limits}
 */
public record Slo(Map<SloThreshold, Double> limits, List<Scoped> rows) {

    /** No thresholds: a run is only judged by its status. */
    public static final Slo NONE = new Slo(Map.of(), List.of());

    /** Limits for the rows of one scope. */
    public record Scoped(RowScope scope, Map<SloThreshold, Double> limits) {

        public Scoped {
            Objects.requireNonNull(scope, "scope");
            limits = copy(limits);
        }
    }

    public Slo {
        limits = copy(limits);
        rows = rows == null ? List.of() : List.copyOf(rows);
    }

    /** Whether no threshold is set at all. */
    public boolean isEmpty() {
        return limits.isEmpty() && rows.stream().allMatch(r -> r.limits().isEmpty());
    }

    /** The limit a row is held to: the first matching scope's, else the every-row one; null when none. */
    public Double limitFor(SloThreshold threshold, BenchmarkRun run) {
        Double scoped = scopedLimit(threshold, run);
        return scoped != null ? scoped : limits.get(threshold);
    }

    /** The limit of the first scope that matches the row and sets the threshold; null when none does. */
    public Double scopedLimit(SloThreshold threshold, BenchmarkRun run) {
        for (Scoped scoped : rows) {
            Double limit = scoped.limits().get(threshold);
            if (limit != null && scoped.scope().matches(run)) {
                return limit;
            }
        }
        return null;
    }

    /** Every limit, as the report lists them: every-row ones first, then each scope's. */
    public List<SloVerdict.Limit> described() {
        List<SloVerdict.Limit> out = new ArrayList<>();
        limits.forEach((threshold, limit) -> out.add(new SloVerdict.Limit(threshold, limit, null)));
        for (Scoped scoped : rows) {
            scoped.limits().forEach((threshold, limit) -> out.add(new SloVerdict.Limit(threshold, limit,
                    scoped.scope())));
        }
        return out;
    }

    /**
     * These thresholds with {@code over}'s on top: each limit {@code over} sets replaces this one's, and its scoped
     * rows, when it has any, replace this one's (a target's own thresholds over the defaults, {@code --slo} over
     * {@code --slo-file}).
     */
    public Slo with(Slo over) {
        Map<SloThreshold, Double> merged = new EnumMap<>(SloThreshold.class);
        merged.putAll(limits);
        merged.putAll(over.limits());
        return new Slo(merged, over.rows().isEmpty() ? rows : over.rows());
    }

    private static Map<SloThreshold, Double> copy(Map<SloThreshold, Double> limits) {
        Map<SloThreshold, Double> copy = new EnumMap<>(SloThreshold.class);
        if (limits != null) {
            limits.forEach((threshold, limit) -> {
                if (limit == null || !Double.isFinite(limit) || limit < 0) {
                    throw new IllegalArgumentException(threshold.key() + " must be a finite limit of 0 or more,"
                            + " but was " + limit);
                }
                copy.put(Objects.requireNonNull(threshold, "threshold"), limit);
            });
        }
        return Collections.unmodifiableMap(copy);
    }
}
