package dev.benchy.core.report;

import dev.benchy.core.plan.RowLabel;

import java.util.List;

/**
 * One line of the results table, shared by the Markdown and CSV printers: a prompt-processing row ({@code pp2048 @ d4096})
 * or a generation row ({@code tg32 @ d4096}) of one {@link BenchmarkRun}. Cells that do not apply to the row are null,
 * so every printer leaves them empty the same way.
 *
 * @param test              the row name, as {@link RowLabel} builds it
 * @param throughput        t/s (t/s (total) when the suite runs more than one concurrency level), tokens per second
 * @param requestThroughput t/s per request, tokens per second
 * @param peak              peak t/s over a 1 s window, all requests together (generation rows only)
 * @param requestPeak       peak t/s of single requests (generation rows only)
 * @param ttfr              time to first response, ms (prompt rows only)
 * @param estPpt            estimated prompt-processing time, ms (prompt rows only)
 * @param e2eTtft           end-to-end time to first token, ms (prompt rows only)
 * @param flags             the run's flags that speak of this row ({@link RowFlag.Kind}), in the run's order
 */
public record ReportRow(
        String test,
        Metric throughput,
        Metric requestThroughput,
        Metric peak,
        Metric requestPeak,
        Metric ttfr,
        Metric estPpt,
        Metric e2eTtft,
        List<RowFlag> flags) {

    public ReportRow {
        flags = flags == null ? List.of() : List.copyOf(flags);
    }

    /** A row without flags. */
    public ReportRow(String test, Metric throughput, Metric requestThroughput, Metric peak, Metric requestPeak,
                     Metric ttfr, Metric estPpt, Metric e2eTtft) {
        this(test, throughput, requestThroughput, peak, requestPeak, ttfr, estPpt, e2eTtft, List.of());
    }

    /**
     * The prompt-processing row of a run. With one request in flight the per-request rate is the total rate, so a
     * missing {@code pp_req_throughput} is filled from {@code pp_throughput} (llama-benchy stores the same object twice).
     */
    static ReportRow prompt(BenchmarkRun run, int maxConcurrency) {
        String label = RowLabel.pp(run.promptSize(), run.contextSize(), run.contextPrefillPhase());
        return new ReportRow(
                RowLabel.withConcurrency(label, run.concurrency(), maxConcurrency),
                run.ppThroughput(),
                run.ppPerRequest(),
                null,
                null,
                run.ttfr(),
                run.estPpt(),
                run.e2eTtft(),
                run.flags().stream().filter(flag -> flag.kind().marksPromptRow()).toList());
    }

    /** The generation row of a run; its per-request rate is filled from the total rate as for {@link #prompt}. */
    static ReportRow generation(BenchmarkRun run, int maxConcurrency) {
        String label = RowLabel.tg(run.responseSize(), run.contextSize(), run.contextPrefillPhase());
        return new ReportRow(
                RowLabel.withConcurrency(label, run.concurrency(), maxConcurrency),
                run.tgThroughput(),
                run.tgPerRequest(),
                run.peakThroughput(),
                run.peakReqThroughput(),
                null,
                null,
                null,
                run.flags().stream().filter(flag -> flag.kind().marksGenerationRow()).toList());
    }
}
