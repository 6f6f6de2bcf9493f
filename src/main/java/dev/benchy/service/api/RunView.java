package dev.benchy.service.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.benchy.service.schedule.RunCoordinator;
import dev.benchy.service.schedule.TargetState;
import dev.benchy.service.store.ReportSummary;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** A run as the API shows it: while it is queued or running, where it is; once finished, how it ended. */
@Schema(name = "Run", description = "A run: queued, running (with the batch it is at) or finished (with its report)")
@JsonPropertyOrder({"id", "target", "state", "queued_at", "started_at", "progress", "finished_at", "status", "error",
        "report"})
public record RunView(
        @JsonProperty("id") String id,
        @JsonProperty("target") String target,
        @Schema(enumeration = {"queued", "running", "finished"})
        @JsonProperty("state") String state,
        @JsonProperty("queued_at") String queuedAt,
        @JsonProperty("started_at") String startedAt,
        @Schema(description = "the batch a running run is at; null while queued and before its first batch")
        @JsonProperty("progress") Progress progress,
        @JsonProperty("finished_at") String finishedAt,
        @Schema(description = "how a finished run ended: ok, partial, failed or cancelled")
        @JsonProperty("status") String status,
        @JsonProperty("error") String error,
        @Schema(description = "where a finished run's report is, or null (none yet, or the run produced none)")
        @JsonProperty("report") String report) {

    /** Test {@code test} of {@code tests}, run {@code run} of {@code runs}. */
    public record Progress(@JsonProperty("test") int test, @JsonProperty("tests") int tests,
                           @JsonProperty("test_name") String testName, @JsonProperty("run") int run,
                           @JsonProperty("runs") int runs,
                           @Schema(enumeration = {"standard", "context load", "inference"})
                           @JsonProperty("phase") String phase) {
    }

    static String reportLocation(String id) {
        return "/api/reports/" + id;
    }

    static String location(String id) {
        return "/api/runs/" + id;
    }

    static RunView of(RunCoordinator.RunInfo run) {
        TargetState.CurrentRun c = run.current();
        if (c != null) {
            TargetState.Step s = c.step();
            return new RunView(c.id(), run.target(), c.startedAt() == null ? "queued" : "running", text(c.queuedAt()),
                    text(c.startedAt()), s == null ? null
                    : new Progress(s.test(), s.tests(), s.testName(), s.run(), s.runs(), s.phase()),
                    null, null, null, null);
        }
        TargetState.LastRun f = run.finished();
        return new RunView(f.id(), run.target(), "finished", null, null, null, text(f.at()), f.status().id(),
                f.error(), f.reported() ? reportLocation(f.id()) : null);
    }

    static RunView of(ReportSummary report) {
        return new RunView(report.id(), report.target(), "finished", null, report.startedAt(), null,
                report.finishedAt(), report.status().id(), report.error(), reportLocation(report.id()));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
