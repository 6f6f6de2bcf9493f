package dev.benchy.service;

import dev.benchy.core.report.BenchmarkRun;
import dev.benchy.core.report.Metric;
import dev.benchy.core.report.RunReport;
import dev.benchy.core.report.RunStatus;

import java.time.Instant;
import java.util.List;

/** Small hand-made reports for service tests. */
public final class TestReports {

    private TestReports() {
    }

    public static Metric metric(double mean, double std) {
        return new Metric(mean, std, List.of(mean - std, mean + std), mean, mean + std, mean + std);
    }

    /** A pp + tg test with the given means (ms for times, t/s for rates). */
    public static BenchmarkRun run(int depth, int pp, int tg, int concurrency, double ppRate, double tgRate,
                                   double ttfrMs) {
        return new BenchmarkRun(concurrency, depth, pp, tg, false, metric(ppRate, 1), metric(ppRate, 1),
                metric(tgRate, 0.5), metric(tgRate, 0.5), metric(tgRate + 1, 0.5), metric(tgRate + 1, 0.5),
                metric(ttfrMs, 2), metric(ttfrMs - 1, 2), metric(ttfrMs + 3, 2), null, null,
                "pp" + pp, metric(ttfrMs + 3, 2), null, null, false, concurrency, 0, List.of());
    }

    public static RunReport report(String target, String id, RunStatus status, Instant finished,
                                   List<BenchmarkRun> runs) {
        return new RunReport("test", "2026-11-28 10:00:00Z", "api", 1.5, "org/model", false, 1, runs, id, target,
                "served", "http://127.0.0.1:1/v1", "gpt2 (r50k_base)", status,
                status == RunStatus.OK ? null : "it failed", List.of(), finished.minusSeconds(10).toString(),
                finished.toString(), 10.0, null);
    }
}
