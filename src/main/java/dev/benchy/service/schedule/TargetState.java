package dev.benchy.service.schedule;

import dev.benchy.core.report.RunReport;
import dev.benchy.core.report.RunStatus;
import dev.benchy.core.run.ModelDetection;
import dev.benchy.core.report.SloVerdict;

import java.time.Instant;

/**
 * Where one target stands: what it is doing now, how its last run went, which model it was last seen serving, when
 * it runs next.
 *
 * @param activity  idle, queued (waiting for another target's run to finish) or running
 * @param current   the queued or running run, or null when idle
 * @param last      the last finished run, or null before the first
 * @param model     the model the last run that learned it named (configured or detected), or null before that
 * @param nextRunAt when the next scheduled run is due
 */
public record TargetState(Activity activity, CurrentRun current, LastRun last, SeenModel model, Instant nextRunAt) {

    /** What a target is doing. */
    public enum Activity { IDLE, QUEUED, RUNNING }

    /**
     * A run that has not finished yet.
     *
     * @param id        the id its report will have
     * @param queuedAt  when it was asked for
     * @param startedAt when it started, or null while queued
     * @param step      the batch it is at, or null before the first
     */
    public record CurrentRun(String id, Instant queuedAt, Instant startedAt, Step step) {
    }

    /**
     * Which batch a running run is at.
     *
     * @param test     1-based index of the test shape
     * @param tests    number of test shapes
     * @param testName the test's label, e.g. {@code pp2048 tg32 @ d4096 (c2)}
     * @param run      1-based run of the test
     * @param runs     runs per test
     * @param phase    "standard", "context load" or "inference"
     */
    public record Step(int test, int tests, String testName, int run, int runs, String phase) {
    }

    /**
     * A finished run.
     *
     * @param id       its id (and its report's, when {@code reported})
     * @param at       when it ended
     * @param status   how it ended
     * @param error    its error, or null
     * @param reported whether it produced a report (a run that broke inside the service did not)
     * @param slo      the run judged against the target's thresholds, or null (no report)
     */
    public record LastRun(String id, Instant at, RunStatus status, String error, boolean reported, SloVerdict slo) {
    }

    /** The model a target was last seen serving: its Hugging Face name and the name sent in requests. */
    public record SeenModel(String model, String servedModel) {

        /** The model the report names, or null when its run could not learn it (detection failed). */
        static SeenModel of(RunReport report) {
            if (report.model() == null || ModelDetection.UNKNOWN.equals(report.model())) {
                return null;
            }
            return new SeenModel(report.model(), report.servedModel() != null ? report.servedModel()
                    : report.model());
        }
    }

    static TargetState initial(Instant nextRunAt) {
        return new TargetState(Activity.IDLE, null, null, null, nextRunAt);
    }

    /** The id of the queued or running run, or null. */
    public String runningId() {
        return current == null ? null : current.id();
    }

    /** The last run's report id, or null (none yet, or the last run produced none). */
    public String lastReportId() {
        return last == null || !last.reported() ? null : last.id();
    }

    /** How the last run ended, or null before the first. */
    public RunStatus lastStatus() {
        return last == null ? null : last.status();
    }

    TargetState queued(String id, Instant at) {
        return new TargetState(Activity.QUEUED, new CurrentRun(id, at, null, null), last, model, nextRunAt);
    }

    TargetState running(Instant at) {
        return new TargetState(Activity.RUNNING, new CurrentRun(current.id(), current.queuedAt(), at, null), last,
                model, nextRunAt);
    }

    TargetState at(Step step) {
        if (activity != Activity.RUNNING) {
            return this;
        }
        return new TargetState(activity, new CurrentRun(current.id(), current.queuedAt(), current.startedAt(), step),
                last, model, nextRunAt);
    }

    TargetState finished(RunReport report, Instant at) {
        SeenModel seen = SeenModel.of(report);
        return new TargetState(Activity.IDLE, null,
                new LastRun(report.id(), at, report.status(), report.error(), true, report.slo()), seen != null ? seen : model,
                nextRunAt);
    }

    /** The run broke inside the service and produced no report. */
    TargetState broke(String id, Instant at, String error) {
        return new TargetState(Activity.IDLE, null, new LastRun(id, at, RunStatus.FAILED, error, false, null), model,
                nextRunAt);
    }

    TargetState nextAt(Instant next) {
        return new TargetState(activity, current, last, model, next);
    }
}
