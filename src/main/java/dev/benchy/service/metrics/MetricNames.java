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
    /** Appended to a measurement's name for the median, 90th and 99th percentile of the run's samples. */
    public static final String P50_SUFFIX = ".p50";
    public static final String P90_SUFFIX = ".p90";
    public static final String P99_SUFFIX = ".p99";

    /** Histograms of every request (cumulative over runs), in vLLM's buckets for the same quantity. */
    public static final String TTFR_HISTOGRAM = "benchy.time.to.first.response.seconds";
    public static final String TTFT_HISTOGRAM = "benchy.time.to.first.token.seconds";
    public static final String REQUEST_LATENCY_HISTOGRAM = "benchy.e2e.request.latency.seconds";
    public static final String INTER_TOKEN_HISTOGRAM = "benchy.inter.token.latency.seconds";

    public static final String TARGET_STATE = "benchy.target.state";
    public static final String SLO_BREACHES = "benchy.slo.breaches";
    public static final String SLO_LIMIT = "benchy.slo.limit";

    public static final String RUN_SUCCESS = "benchy.run.success";
    public static final String LAST_RUN = "benchy.last.run.timestamp.seconds";
    public static final String LAST_SUCCESS = "benchy.last.success.timestamp.seconds";
    public static final String RUN_DURATION = "benchy.run.duration.seconds";
    public static final String RUNS = "benchy.runs";
    public static final String RUN_FAILURES = "benchy.run.failures";
    public static final String REQUEST_ERRORS = "benchy.request.errors";
    public static final String REQUESTS = "benchy.requests";
    public static final String RUN_ERROR_RATIO = "benchy.run.error.ratio";
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
    /** A target's state after its last run ({@code healthy}, {@code degraded}, {@code failing}), on {@link #TARGET_STATE}. */
    public static final String STATE = "state";
    /** A service-level threshold kind ({@code ttfr}, {@code tg_min}...), on {@link #SLO_BREACHES} and {@link #SLO_LIMIT}. */
    public static final String THRESHOLD = "threshold";
    /** The rows a limit is scoped to ({@code depth=4096}), empty for every row, on {@link #SLO_LIMIT}. */
    public static final String SCOPE = "scope";
    /** A histogram bucket's upper bound. */
    public static final String LE = "le";
}
