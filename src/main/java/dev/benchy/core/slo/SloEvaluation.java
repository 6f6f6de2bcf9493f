package dev.benchy.core.slo;

import dev.benchy.core.report.BenchmarkRun;
import dev.benchy.core.report.Metric;
import dev.benchy.core.report.RowFlag;
import dev.benchy.core.report.RunReport;
import dev.benchy.core.report.RunStatus;
import dev.benchy.core.report.SloThreshold;
import dev.benchy.core.report.SloVerdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Judges a report against its target's thresholds: report and thresholds in, verdict out, nothing else touched.
 *
 * <ul>
 *   <li>ttfr and e2e_ttft: the row's mean, ms; pp-min and tg-min: the mean speed of one request of the row, t/s.
 *       Each row is held to its scoped limit when a scope matches it, else to the every-row limit; rows of the
 *       context-load phase (prefix caching) and rows without that number (every request failed) are not judged.</li>
 *   <li>error rate: failed requests over requests of the whole run against the every-row limit, and of each row
 *       against a scoped limit.</li>
 *   <li>state: {@code failing} when the run failed or was cancelled, or an error rate broke its limit;
 *       {@code degraded} when any other limit broke; {@code healthy} otherwise.</li>
 * </ul>
 */
public final class SloEvaluation {

    private SloEvaluation() {
    }

    /** The report with its verdict appended ({@link RunReport#slo()}). */
    public static RunReport judge(RunReport report, Slo slo) {
        return report.withSlo(evaluate(report, slo));
    }

    public static SloVerdict evaluate(RunReport report, Slo slo) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(slo, "slo");
        List<SloVerdict.Breach> breaches = new ArrayList<>();
        Double runLimit = slo.limits().get(SloThreshold.ERROR_RATE);
        OptionalDouble runRate = errorRate(report);
        if (runLimit != null && runRate.isPresent()) {
            check(SloThreshold.ERROR_RATE, null, runRate.getAsDouble(), runLimit, breaches);
        }
        for (BenchmarkRun run : report.benchmarks()) {
            for (SloThreshold threshold : SloThreshold.values()) {
                boolean errorRate = threshold == SloThreshold.ERROR_RATE;
                Double limit = errorRate ? slo.scopedLimit(threshold, run) : slo.limitFor(threshold, run);
                Double measured = measured(threshold, run);
                if (limit != null && measured != null && (errorRate || !run.contextPrefillPhase())) {
                    RowFlag.Rows row = threshold == SloThreshold.TG_MIN ? RowFlag.Rows.GENERATION : RowFlag.Rows.PROMPT;
                    check(threshold, run.rowName(row, report.maxConcurrency()), measured, limit, breaches);
                }
            }
        }
        return new SloVerdict(slo.described(), breaches, state(report.status(), breaches));
    }

    /** The share of the run's benchmark requests that failed; empty when it sent none. */
    public static OptionalDouble errorRate(RunReport report) {
        int requests = report.benchmarks().stream().mapToInt(BenchmarkRun::requests).sum();
        int failed = report.benchmarks().stream().mapToInt(BenchmarkRun::failedRequests).sum();
        return requests > 0 ? OptionalDouble.of((double) failed / requests) : OptionalDouble.empty();
    }

    /** The state a run's status and breaches add up to. */
    static SloVerdict.State state(RunStatus status, List<SloVerdict.Breach> breaches) {
        if (status == RunStatus.FAILED || status == RunStatus.CANCELLED
                || breaches.stream().anyMatch(b -> b.threshold() == SloThreshold.ERROR_RATE)) {
            return SloVerdict.State.FAILING;
        }
        return breaches.isEmpty() ? SloVerdict.State.HEALTHY : SloVerdict.State.DEGRADED;
    }

    /** The row's value for a threshold, in its unit, or null when the row has none. */
    static Double measured(SloThreshold threshold, BenchmarkRun run) {
        return switch (threshold) {
            case TTFR -> mean(run.ttfr());
            case E2E_TTFT -> mean(run.e2eTtft());
            case PP_MIN -> mean(run.ppPerRequest());
            case TG_MIN -> mean(run.tgPerRequest());
            case ERROR_RATE -> run.requests() > 0 ? (double) run.failedRequests() / run.requests() : null;
        };
    }

    private static void check(SloThreshold threshold, String row, double measured, double limit,
                              List<SloVerdict.Breach> breaches) {
        if (threshold.breachedBy(measured, limit)) {
            breaches.add(new SloVerdict.Breach(threshold, row, measured, limit));
        }
    }

    private static Double mean(Metric metric) {
        return metric == null ? null : metric.mean();
    }
}
