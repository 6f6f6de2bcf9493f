package dev.benchy.service.schedule;

import dev.benchy.core.report.RunStatus;
import dev.benchy.core.report.SloVerdict;

import java.time.Instant;

/**
 * Where one target stands: what it is doing now, when it last ran and how that went, when it runs next.
 *
 * @param activity     idle, queued (waiting for another target's run to finish) or running
 * @param runningId    the report id of the queued or running run, or null
 * @param lastRunAt    when the last run ended, or null before the first
 * @param lastStatus   how the last run ended, or null
 * @param lastReportId the last run's report, or null
 * @param lastError    the last run's error, or null
 * @param nextRunAt    when the next scheduled run is due
 * @param lastSlo      the last run judged against the target's thresholds, or null before the first run
 */
public record TargetState(Activity activity, String runningId, Instant lastRunAt, RunStatus lastStatus,
                          String lastReportId, String lastError, Instant nextRunAt, SloVerdict lastSlo) {

    /** What a target is doing. */
    public enum Activity { IDLE, QUEUED, RUNNING }

    static TargetState initial(Instant nextRunAt) {
        return new TargetState(Activity.IDLE, null, null, null, null, null, nextRunAt, null);
    }

    TargetState queued(String reportId) {
        return new TargetState(Activity.QUEUED, reportId, lastRunAt, lastStatus, lastReportId, lastError, nextRunAt,
                lastSlo);
    }

    TargetState running() {
        return new TargetState(Activity.RUNNING, runningId, lastRunAt, lastStatus, lastReportId, lastError,
                nextRunAt, lastSlo);
    }

    TargetState finished(Instant at, RunStatus status, String reportId, String error, SloVerdict slo) {
        return new TargetState(Activity.IDLE, null, at, status, reportId, error, nextRunAt, slo);
    }

    TargetState nextAt(Instant next) {
        return new TargetState(activity, runningId, lastRunAt, lastStatus, lastReportId, lastError, next, lastSlo);
    }
}
