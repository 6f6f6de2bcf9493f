package dev.benchy.core.measure;

import dev.benchy.core.plan.RowLabel;
import dev.benchy.core.report.BenchmarkRun;
import dev.benchy.core.report.LatencyEstimate;
import dev.benchy.core.report.ReportText;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The latency estimate subtracted from every ttfr, and when to distrust it. The median of the probes is used, so one
 * slow probe (a CPU spike, a garbage collection on either side) cannot move it; their range and their interquartile
 * spread (which one outlier cannot move either) are reported. Two warnings compare the estimate with what the tests
 * measured, against the shortest median ttfr of any row (where est_ppt is most sensitive):
 * <ul>
 *   <li>the estimate is more than {@value #LARGE_SHARE} of that ttfr: est_ppt there is mostly ttfr minus a guess;</li>
 *   <li>the spread is more than {@value #LARGE_SPREAD} of that ttfr: est_ppt there is uncertain by as much.</li>
 * </ul>
 */
public final class Latency {

    /** The share of a row's ttfr above which the latency estimate dominates its est_ppt. */
    public static final double LARGE_SHARE = 0.5;
    /** The share of a row's ttfr above which the probes' spread makes its est_ppt uncertain. */
    public static final double LARGE_SPREAD = 0.1;

    private static final double MILLIS_PER_SECOND = 1000.0;

    private Latency() {
    }

    /**
     * The estimate from the probes that answered, in seconds; null when none did.
     *
     * @param probeSeconds the answered probes, in the order sent
     * @param failed       probes that failed
     */
    public static LatencyEstimate estimate(double[] probeSeconds, int failed) {
        if (probeSeconds.length == 0) {
            return null;
        }
        List<Double> millis = new ArrayList<>(probeSeconds.length);
        for (double seconds : probeSeconds) {
            if (!(seconds >= 0) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException("a latency probe must take a finite time, 0 or more, but took "
                        + seconds + " s");
            }
            millis.add(seconds * MILLIS_PER_SECOND);
        }
        double[] sorted = probeSeconds.clone();
        Arrays.sort(sorted);
        double spread = Stats.percentile(sorted, 0.75) - Stats.percentile(sorted, 0.25);
        return new LatencyEstimate(millis, failed, Stats.percentile(sorted, 0.5) * MILLIS_PER_SECOND,
                sorted[0] * MILLIS_PER_SECOND, sorted[sorted.length - 1] * MILLIS_PER_SECOND,
                spread * MILLIS_PER_SECOND);
    }

    /** The seconds to subtract from ttfr: the median, or 0 without an estimate. */
    public static double seconds(LatencyEstimate estimate) {
        return estimate == null ? 0 : estimate.medianMs() / MILLIS_PER_SECOND;
    }

    /**
     * The warnings about {@code estimate} that the measured rows call for (see the class comment); none without an
     * estimate or without a row that has a ttfr.
     */
    public static List<String> warnings(LatencyEstimate estimate, String mode, List<BenchmarkRun> runs,
                                        int maxConcurrency) {
        if (estimate == null) {
            return List.of();
        }
        BenchmarkRun fastest = null;
        for (BenchmarkRun run : runs) {
            if (run.ttfr() != null && (fastest == null || run.ttfr().p50() < fastest.ttfr().p50())) {
                fastest = run;
            }
        }
        if (fastest == null || !(fastest.ttfr().p50() > 0)) {
            return List.of();
        }
        double ttfr = fastest.ttfr().p50();
        String row = RowLabel.withConcurrency(
                RowLabel.pp(fastest.promptSize(), fastest.contextSize(), fastest.contextPrefillPhase()),
                fastest.concurrency(), maxConcurrency);
        String against = "the shortest median ttfr (" + ReportText.millis(ttfr) + ", " + row + ")";
        List<String> warnings = new ArrayList<>(2);
        if (estimate.medianMs() > LARGE_SHARE * ttfr) {
            warnings.add(String.format(Locale.ROOT, "Latency (%s) of %s is %.0f %% of %s: est_ppt and pp t/s of"
                    + " short prompts rest mostly on the latency estimate", mode,
                    ReportText.millis(estimate.medianMs()), 100 * estimate.medianMs() / ttfr, against));
        }
        if (estimate.spreadMs() > LARGE_SPREAD * ttfr) {
            warnings.add(String.format(Locale.ROOT, "Latency (%s) probes spread %s between their quartiles"
                    + " (%.2f\u2013%s in all; the median %s is used), %.0f %% of %s: est_ppt is uncertain by about as"
                    + " much", mode, ReportText.millis(estimate.spreadMs()), estimate.minMs(),
                    ReportText.millis(estimate.maxMs()), ReportText.millis(estimate.medianMs()),
                    100 * estimate.spreadMs() / ttfr, against));
        }
        return warnings;
    }
}
