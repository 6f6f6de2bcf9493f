package dev.benchy.core.slo;

import dev.benchy.core.report.BenchmarkRun;
import dev.benchy.core.report.Metric;
import dev.benchy.core.report.RowScope;
import dev.benchy.core.report.RunReport;
import dev.benchy.core.report.RunStatus;
import dev.benchy.core.report.SloThreshold;
import dev.benchy.core.report.SloVerdict;
import dev.benchy.core.report.SloVerdict.Breach;
import dev.benchy.core.report.SloVerdict.State;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.benchy.core.report.SloThreshold.E2E_TTFT;
import static dev.benchy.core.report.SloThreshold.ERROR_RATE;
import static dev.benchy.core.report.SloThreshold.PP_MIN;
import static dev.benchy.core.report.SloThreshold.TG_MIN;
import static dev.benchy.core.report.SloThreshold.TTFR;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SloEvaluationTest {

    private static Metric metric(double mean) {
        return new Metric(mean, 0, List.of(mean), mean, mean, mean);
    }

    /** A row: ttfr and e2e_ttft in ms, pp and tg per request in t/s, requests and how many failed. */
    private static BenchmarkRun row(int depth, int concurrency, boolean contextPhase, double ttfr, double e2eTtft,
                                   double pp, double tg, int requests, int failed) {
        return new BenchmarkRun(concurrency, depth, 2048, 32, contextPhase, metric(pp * concurrency), metric(pp),
                metric(tg * concurrency), metric(tg), null, null, metric(ttfr), metric(ttfr - 1), metric(e2eTtft),
                null, null, "pp2048", null, null, null, false, requests, failed, List.of());
    }

    private static BenchmarkRun healthyRow(int depth) {
        return row(depth, 1, false, 300, 320, 2000, 50, 3, 0);
    }

    private static RunReport report(RunStatus status, int maxConcurrency, BenchmarkRun... rows) {
        return new RunReport("test", "2026-11-28 10:00:00Z", "api", 1.0, "m", false, maxConcurrency, List.of(rows),
                "r-1", "t", "m", "http://127.0.0.1:1/v1", "gpt2", status, null, List.of(), "2026-11-28T10:00:00Z",
                "2026-11-28T10:00:10Z", 10.0, null);
    }

    private static Slo slo(Map<SloThreshold, Double> limits) {
        return new Slo(limits, List.of());
    }

    private static SloVerdict evaluate(Slo slo, BenchmarkRun... rows) {
        return SloEvaluation.evaluate(report(RunStatus.OK, 1, rows), slo);
    }

    @Test
    void withinEveryLimitIsHealthy() {
        SloVerdict v = evaluate(slo(Map.of(TTFR, 500.0, E2E_TTFT, 500.0, PP_MIN, 1000.0, TG_MIN, 40.0,
                ERROR_RATE, 0.0)), healthyRow(0));

        assertEquals(State.HEALTHY, v.state());
        assertEquals(List.of(), v.breaches());
        assertEquals(5, v.thresholds().size());
    }

    @Test
    void aValueOnItsLimitMeetsIt() {
        SloVerdict v = evaluate(slo(Map.of(TTFR, 300.0, TG_MIN, 50.0)), healthyRow(0));

        assertEquals(State.HEALTHY, v.state(), v.toString());
    }

    @Test
    void eachLatencyOrSpeedBreachDegradesAndNamesRowValueAndLimit() {
        BenchmarkRun row = healthyRow(4096);
        assertEquals(new SloVerdict(List.of(new SloVerdict.Limit(TTFR, 250.0, null)),
                        List.of(new Breach(TTFR, "pp2048 @ d4096", 300.0, 250.0)), State.DEGRADED),
                evaluate(slo(Map.of(TTFR, 250.0)), row));
        assertEquals(List.of(new Breach(E2E_TTFT, "pp2048 @ d4096", 320.0, 310.0)),
                evaluate(slo(Map.of(E2E_TTFT, 310.0)), row).breaches());
        assertEquals(List.of(new Breach(PP_MIN, "pp2048 @ d4096", 2000.0, 2500.0)),
                evaluate(slo(Map.of(PP_MIN, 2500.0)), row).breaches());
        assertEquals(List.of(new Breach(TG_MIN, "tg32 @ d4096", 50.0, 60.0)),
                evaluate(slo(Map.of(TG_MIN, 60.0)), row).breaches(), "tg is the generation row's");
        for (SloThreshold t : List.of(E2E_TTFT, PP_MIN, TG_MIN)) {
            double limit = t.maximum() ? 1 : 1e6;
            assertEquals(State.DEGRADED, evaluate(slo(Map.of(t, limit)), row).state(), t.id());
        }
    }

    @Test
    void anErrorRateAboveItsLimitIsFailingForTheWholeRun() {
        // 1 of 6 requests failed over the run: 16.7 % > 10 %, though one row alone had 33 %
        SloVerdict v = evaluate(slo(Map.of(ERROR_RATE, 0.1)), row(0, 1, false, 300, 320, 2000, 50, 3, 1),
                healthyRow(4096));

        assertEquals(State.FAILING, v.state());
        assertEquals(List.of(new Breach(ERROR_RATE, null, 1.0 / 6, 0.1)), v.breaches());
        assertEquals(State.HEALTHY, evaluate(slo(Map.of(ERROR_RATE, 0.2)), row(0, 1, false, 300, 320, 2000, 50, 3, 1),
                healthyRow(4096)).state());
    }

    @Test
    void aFailedOrCancelledRunIsFailingWithoutABreach() {
        Slo slo = slo(Map.of(TTFR, 500.0));

        assertEquals(State.FAILING, SloEvaluation.evaluate(report(RunStatus.FAILED, 1), slo).state());
        assertEquals(State.FAILING, SloEvaluation.evaluate(report(RunStatus.CANCELLED, 1, healthyRow(0)), slo).state());
        assertEquals(State.HEALTHY, SloEvaluation.evaluate(report(RunStatus.PARTIAL, 1, healthyRow(0)), slo).state());
        assertEquals(State.FAILING, SloEvaluation.evaluate(report(RunStatus.FAILED, 1), Slo.NONE).state(),
                "a target without thresholds still has a state");
    }

    @Test
    void aScopedLimitReplacesTheEveryRowOneOnItsRowsOnly() {
        Slo slo = new Slo(Map.of(TTFR, 500.0), List.of(
                new Slo.Scoped(new RowScope(4096, null, null, null), Map.of(TTFR, 2000.0)),
                new Slo.Scoped(new RowScope(4096, 2, null, null), Map.of(TTFR, 100.0))));
        SloVerdict v = SloEvaluation.evaluate(report(RunStatus.OK, 2,
                row(0, 1, false, 600, 620, 2000, 50, 1, 0),
                row(4096, 1, false, 1500, 1520, 2000, 50, 1, 0),
                row(4096, 2, false, 2500, 2520, 2000, 50, 2, 0)), slo);

        assertEquals(List.of(new Breach(TTFR, "pp2048 (c1)", 600.0, 500.0),
                new Breach(TTFR, "pp2048 @ d4096 (c2)", 2500.0, 2000.0)), v.breaches(), "first matching scope wins");
        assertEquals(List.of(new SloVerdict.Limit(TTFR, 500.0, null),
                new SloVerdict.Limit(TTFR, 2000.0, new RowScope(4096, null, null, null)),
                new SloVerdict.Limit(TTFR, 100.0, new RowScope(4096, 2, null, null))), v.thresholds());
    }

    @Test
    void aScopedErrorRateIsJudgedPerRow() {
        Slo slo = new Slo(Map.of(), List.of(new Slo.Scoped(new RowScope(null, 2, null, null),
                Map.of(ERROR_RATE, 0.0))));
        SloVerdict v = SloEvaluation.evaluate(report(RunStatus.PARTIAL, 2,
                row(0, 1, false, 300, 320, 2000, 50, 2, 1),
                row(0, 2, false, 300, 320, 2000, 50, 4, 1)), slo);

        assertEquals(List.of(new Breach(ERROR_RATE, "pp2048 (c2)", 0.25, 0.0)), v.breaches());
        assertEquals(State.FAILING, v.state());
    }

    @Test
    void contextLoadRowsAndRowsWithoutTheNumberAreNotJudged() {
        BenchmarkRun context = row(4096, 1, true, 5000, 5000, 100, 10, 1, 0);
        BenchmarkRun noNumbers = new BenchmarkRun(1, 0, 2048, 32, false, null, null, null, null, null, null, null,
                null, null, null, null, "pp2048", null, null, null, false, 3, 3, List.of("HTTP 500"));

        SloVerdict v = evaluate(slo(Map.of(TTFR, 500.0, TG_MIN, 40.0)), context, noNumbers);

        assertEquals(List.of(), v.breaches());
    }

    @Test
    void breachesFollowTheRowsPromptRowThresholdsFirst() {
        SloVerdict v = evaluate(slo(Map.of(TG_MIN, 60.0, TTFR, 100.0, ERROR_RATE, 0.0)),
                row(0, 1, false, 300, 320, 2000, 50, 2, 1), row(4096, 1, false, 300, 320, 2000, 50, 2, 0));

        assertEquals(List.of("error_rate null", "ttfr pp2048", "tg_min tg32", "ttfr pp2048 @ d4096",
                "tg_min tg32 @ d4096"), v.breaches().stream().map(b -> b.threshold().id() + " " + b.row()).toList());
        assertEquals(2, v.breachesOf(TTFR));
    }
}
