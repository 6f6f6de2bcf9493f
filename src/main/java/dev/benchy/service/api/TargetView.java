package dev.benchy.service.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.benchy.app.TargetDefinition;
import dev.benchy.core.plan.BenchmarkPlan;
import dev.benchy.core.report.SloVerdict;
import dev.benchy.service.config.ScheduledTarget;
import dev.benchy.service.schedule.TargetState;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Locale;

/**
 * A target as the API shows it: its configuration without secrets, and its state. {@code model} and
 * {@code served_model} are the configured names or, when none is configured, the ones the last run that reached the
 * server detected (null before that); {@code slo} is its last run judged against its thresholds (state healthy,
 * degraded or failing, and each breach), null before its first run.
 */
@Schema(name = "Target", description = "A configured target (no secrets) and its state")
@JsonPropertyOrder({"name", "base_url", "model", "served_model", "tokenizer", "schedule_seconds",
        "deadline_seconds", "plan", "state", "running_report_id", "last_run_at", "last_status", "last_report_id",
        "last_error", "next_run_at", "slo"})
public record TargetView(
        @JsonProperty("name") String name,
        @JsonProperty("base_url") String baseUrl,
        @JsonProperty("model") String model,
        @JsonProperty("served_model") String servedModel,
        @JsonProperty("tokenizer") String tokenizer,
        @JsonProperty("schedule_seconds") long scheduleSeconds,
        @JsonProperty("deadline_seconds") long deadlineSeconds,
        @JsonProperty("plan") PlanView plan,
        @Schema(enumeration = {"idle", "queued", "running"})
        @JsonProperty("state") String state,
        @JsonProperty("running_report_id") String runningReportId,
        @JsonProperty("last_run_at") String lastRunAt,
        @JsonProperty("last_status") String lastStatus,
        @JsonProperty("last_report_id") String lastReportId,
        @JsonProperty("last_error") String lastError,
        @JsonProperty("next_run_at") String nextRunAt,
        @JsonProperty("slo") SloVerdict slo) {

    /** The plan, as configured. */
    public record PlanView(@JsonProperty("pp") List<Integer> pp, @JsonProperty("tg") List<Integer> tg,
                           @JsonProperty("depth") List<Integer> depth,
                           @JsonProperty("concurrency") List<Integer> concurrency, @JsonProperty("runs") int runs,
                           @JsonProperty("latency_mode") String latencyMode,
                           @JsonProperty("prefix_caching") boolean prefixCaching,
                           @JsonProperty("no_cache") boolean noCache,
                           @JsonProperty("timeout_seconds") double timeoutSeconds) {
    }

    static TargetView of(ScheduledTarget target, TargetState state) {
        TargetDefinition d = target.definition();
        BenchmarkPlan p = d.plan();
        PlanView plan = new PlanView(p.pp(), p.tg(), p.depth(), p.concurrency(), p.runs(), p.latencyMode().id(),
                p.prefixCaching(), p.noCache(), p.requestTimeout().toMillis() / 1000.0);
        TargetState.SeenModel seen = state.model();
        String model = d.model() != null ? d.model() : seen == null ? null : seen.model();
        String served = d.servedModel() != null ? d.servedModel() : seen == null ? null : seen.servedModel();
        TargetState.LastRun last = state.last();
        return new TargetView(d.name(), d.baseUrl(), model, served, d.tokenizer(),
                target.schedule().toSeconds(), target.deadline().toSeconds(), plan,
                state.activity().name().toLowerCase(Locale.ROOT), state.runningId(),
                last == null ? null : text(last.at()), state.lastStatus() == null ? null : state.lastStatus().id(),
                state.lastReportId(), last == null ? null : last.error(), text(state.nextRunAt()),
                last == null ? null : last.slo());
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
