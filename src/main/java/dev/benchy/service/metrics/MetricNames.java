package dev.benchy.service.metrics;

/**
 * Every metric name and label key benchy publishes, in one place (docs/METRICS.md describes them). Names are given
 * in Micrometer's dotted form; the Prometheus registry writes them with underscores, and counters get
 * {@code _total}.
 */
public final class MetricNames {

    private MetricNames() {
    }

    public static final String TTFR = "benchy.ttfr.seconds";
    public static final String EST_PPT = "benchy.est.ppt.seconds";
    public static final String E2E_TTFT = "benchy.e2e.ttft.seconds";
    public static final String PP = "benchy.prompt.tokens.per.second";
    public static final String PP_REQ = "benchy.prompt.request.tokens.per.second";
    public static final String TG = "benchy.generation.tokens.per.second";
    public static final String TG_REQ = "benchy.generation.request.tokens.per.second";
    public static final String TG_PEAK = "benchy.generation.peak.tokens.per.second";
    /** Appended to a measurement's name for its standard deviation over the run's samples. */
    public static final String STDDEV_SUFFIX = ".stddev";

    public static final String RUN_SUCCESS = "benchy.run.success";
    public static final String LAST_RUN = "benchy.last.run.timestamp.seconds";
    public static final String LAST_SUCCESS = "benchy.last.success.timestamp.seconds";
    public static final String RUN_DURATION = "benchy.run.duration.seconds";
    public static final String RUNS = "benchy.runs";
    public static final String RUN_FAILURES = "benchy.run.failures";
    public static final String REQUEST_ERRORS = "benchy.request.errors";
    public static final String ROW_FLAGGED = "benchy.row.flagged";
    public static final String REQUEST_RETRIES = "benchy.request.retries";
    public static final String TARGET_INFO = "benchy.target.info";
    public static final String BUILD_INFO = "benchy.build.info";
    public static final String REPORT_STORE_FAILURES = "benchy.report.store.failures";
    public static final String REPORTS_UNSAVED = "benchy.reports.unsaved";

    public static final String TARGET = "target";
    public static final String MODEL = "model";
    public static final String SERVED_MODEL = "served_model";
    public static final String TEST = "test";
    public static final String DEPTH = "depth";
    public static final String PP_LABEL = "pp";
    public static final String TG_LABEL = "tg";
    public static final String CONCURRENCY = "concurrency";
    /** Why requests failed: an {@code ErrorReason} id, on {@link #REQUEST_ERRORS}. */
    public static final String REASON = "reason";
    /** What a row is flagged for: a {@code RowFlag.Kind} id, on {@link #ROW_FLAGGED}. */
    public static final String FLAG = "flag";
    public static final String VERSION = "version";
}
