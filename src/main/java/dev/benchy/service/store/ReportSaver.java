package dev.benchy.service.store;

import dev.benchy.core.report.RunReport;
import dev.benchy.service.metrics.MetricsPublisher;
import org.jboss.logging.Logger;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Saves each finished run's report in the store. When the report folder cannot take it (full disk, read-only or
 * removed folder), the failure is logged with its cause and counted ({@code benchy_report_store_failures_total}),
 * the report stays listed and served from memory ({@code benchy_reports_unsaved}), and it is written as soon as
 * the folder works again: by the next save, or by a retry every {@code retryEvery}.
 */
public final class ReportSaver implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReportSaver.class);

    private final ReportStore store;
    private final MetricsPublisher metrics;
    private final Duration retryEvery;
    private final ScheduledExecutorService timer;

    /** Retries every {@code retryEvery} on a timer of its own. */
    public ReportSaver(ReportStore store, MetricsPublisher metrics, Duration retryEvery) {
        this(store, metrics, retryEvery, true);
    }

    /** @param ticking whether a timer calls {@link #retry()} (tests call it themselves) */
    ReportSaver(ReportStore store, MetricsPublisher metrics, Duration retryEvery, boolean ticking) {
        this.store = store;
        this.metrics = metrics;
        this.retryEvery = retryEvery;
        if (ticking) {
            timer = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "benchy-report-retry");
                thread.setDaemon(true);
                return thread;
            });
            timer.scheduleWithFixedDelay(this::retry, retryEvery.toMillis(), retryEvery.toMillis(),
                    TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    /** Files the report; never throws for a folder that cannot take it (that is logged and counted). */
    public void save(RunReport report) {
        int waiting = store.unsavedCount();
        try {
            store.save(report);
            if (waiting > 0) {
                LOG.infof("Report folder %s works again: %d report(s) held in memory were written", store.dir(),
                        waiting + 1);
            }
        } catch (UncheckedIOException e) {
            metrics.reportStoreFailed();
            LOG.errorf("%s; it is kept in memory (listed and served as usual) and written when the report folder"
                    + " works again (tried every %d s)", e.getMessage(), retryEvery.toSeconds());
        } finally {
            metrics.unsavedReports(store.unsavedCount());
        }
    }

    /** Writes the reports held in memory, if any. */
    void retry() {
        if (store.unsavedCount() == 0) {
            return;
        }
        try {
            int written = store.writeUnsaved();
            LOG.infof("Report folder %s works again: %d report(s) held in memory were written", store.dir(),
                    written);
        } catch (UncheckedIOException e) {
            metrics.reportStoreFailed();
            LOG.debugf("Reports held in memory still cannot be stored: %s", e.getMessage());
        } finally {
            metrics.unsavedReports(store.unsavedCount());
        }
    }

    /** Stops retrying; a last attempt writes what it can. */
    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        retry();
        int left = store.unsavedCount();
        if (left > 0) {
            LOG.errorf("%d report(s) could not be written to %s before shutdown and are lost", left, store.dir());
        }
    }
}
