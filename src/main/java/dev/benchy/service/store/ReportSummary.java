package dev.benchy.service.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.benchy.core.report.RunReport;
import dev.benchy.core.report.RunStatus;

/** One line of the report list: enough to choose a report without loading it. */
@JsonPropertyOrder({"id", "target", "model", "status", "started_at", "finished_at", "error"})
public record ReportSummary(
        @JsonProperty("id") String id,
        @JsonProperty("target") String target,
        @JsonProperty("model") String model,
        @JsonProperty("status") RunStatus status,
        @JsonProperty("started_at") String startedAt,
        @JsonProperty("finished_at") String finishedAt,
        @JsonProperty("error") String error) {

    public static ReportSummary of(RunReport report) {
        return new ReportSummary(report.id(), report.target(), report.model(), report.status(),
                report.startedAt(), report.finishedAt(), report.error());
    }
}
