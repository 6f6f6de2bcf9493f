package dev.benchy.core.report;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Markdown's SLO section, under the table and its footnotes: the target's state and the thresholds in one line,
 * then one line per breach naming the row, the measured value and the limit:
 * <pre>
 * SLO: degraded. Thresholds: ttfr ≤ 500 ms, tg t/s (req) ≥ 40 t/s, ttfr ≤ 2000 ms at depth=4096.
 * - pp2048 @ d4096: ttfr 2612.40 ms, above the limit of 2000 ms
 * </pre>
 */
public final class SloSection {

    private SloSection() {
    }

    /** The section's lines, without line breaks, of a report that was judged ({@link RunReport#slo()} set). */
    public static List<String> lines(RunReport report) {
        SloVerdict verdict = report.slo();
        List<String> lines = new ArrayList<>();
        boolean stopped = report.status() == RunStatus.FAILED || report.status() == RunStatus.CANCELLED;
        String limits = thresholds(verdict.thresholds());
        lines.add("SLO: " + verdict.state().id() + (stopped ? " (the run " + report.status().id() + ")" : "")
                + ". Thresholds: " + (limits.isEmpty() ? "none" : limits) + ".");
        for (SloVerdict.Breach breach : verdict.breaches()) {
            SloThreshold t = breach.threshold();
            lines.add("- " + (breach.row() == null ? "the whole run" : breach.row()) + ": " + t.label() + " "
                    + measured(t, breach.measured()) + ", " + (t.maximum() ? "above" : "below") + " the limit of "
                    + limit(t, breach.limit()));
        }
        return lines;
    }

    /** Limits as the section lists them: {@code ttfr ≤ 500 ms, tg t/s (req) ≥ 40 t/s at depth=4096}. */
    public static String thresholds(List<SloVerdict.Limit> limits) {
        return limits.stream().map(SloSection::limit).collect(Collectors.joining(", "));
    }

    private static String limit(SloVerdict.Limit limit) {
        SloThreshold t = limit.threshold();
        return t.label() + (t.maximum() ? " \u2264 " : " \u2265 ") + limit(t, limit.limit())
                + (limit.scope() == null ? "" : " at " + limit.scope().text());
    }

    /** A limit as written: whole numbers without decimals ({@code 500 ms}, {@code 40 t/s}, {@code 1 %}). */
    private static String limit(SloThreshold t, double value) {
        return t == SloThreshold.ERROR_RATE ? ReportText.number(value * 100) + " %"
                : ReportText.number(value) + " " + t.unit();
    }

    /** A measured value with two decimals, as the table prints them. */
    private static String measured(SloThreshold t, double value) {
        return t == SloThreshold.ERROR_RATE ? PythonFloat.fixed(value * 100, 2) + " %"
                : PythonFloat.fixed(value, 2) + " " + t.unit();
    }
}
