package dev.benchy.core.report;

import java.util.function.Function;

/**
 * The metric columns of the results table, in llama-benchy's order: the one field list that the Markdown header, the
 * Markdown cells and the CSV header and fields are all derived from, so the printers cannot drift apart.
 */
public enum MetricColumn {
    THROUGHPUT("t/s", "t/s (total)", "t_s", ReportRow::throughput),
    REQUEST_THROUGHPUT(null, "t/s (req)", "t_s_req", ReportRow::requestThroughput),
    PEAK("peak t/s", "peak t/s", "peak_ts", ReportRow::peak),
    REQUEST_PEAK(null, "peak t/s (req)", "peak_ts_req", ReportRow::requestPeak),
    TTFR("ttfr (ms)", "ttfr (ms)", "ttfr", ReportRow::ttfr),
    EST_PPT("est_ppt (ms)", "est_ppt (ms)", "est_ppt", ReportRow::estPpt),
    E2E_TTFT("e2e_ttft (ms)", "e2e_ttft (ms)", "e2e_ttft", ReportRow::e2eTtft);

    private final String singleHeader;
    private final String concurrentHeader;
    private final String csvKey;
    private final Function<ReportRow, Metric> cell;

    MetricColumn(String singleHeader, String concurrentHeader, String csvKey, Function<ReportRow, Metric> cell) {
        this.singleHeader = singleHeader;
        this.concurrentHeader = concurrentHeader;
        this.csvKey = csvKey;
        this.cell = cell;
    }

    /** Whether the Markdown table shows this column; the per-request columns only appear above concurrency 1. */
    public boolean shownAt(int maxConcurrency) {
        return maxConcurrency > 1 || singleHeader != null;
    }

    /** The Markdown header, which names the total rate {@code t/s (total)} once per-request rates sit beside it. */
    public String header(int maxConcurrency) {
        if (!shownAt(maxConcurrency)) {
            throw new IllegalArgumentException(
                    "maxConcurrency must be above 1 for column " + name() + ", but was " + maxConcurrency);
        }
        return maxConcurrency > 1 ? concurrentHeader : singleHeader;
    }

    /** The CSV name stem: the fields are {@code <key>_mean} and {@code <key>_std}. */
    public String csvKey() {
        return csvKey;
    }

    /** This column's metric in the row, null when the row has none. */
    public Metric of(ReportRow row) {
        return cell.apply(row);
    }
}
