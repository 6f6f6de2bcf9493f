package dev.benchy.service.ui;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One thing a run did, as the live view receives it over server-sent events.
 *
 * @param type     {@code run_started}, {@code progress} (a batch starts), {@code info} (a console line),
 *                 {@code warning}, {@code run_finished}, or {@code heartbeat} (nothing happened; keeps the stream open)
 * @param target   the target's name
 * @param reportId the id its report will have
 * @param at       when, ISO-8601
 * @param test     the test's label ({@code progress})
 * @param phase    {@code standard}, {@code context load} or {@code inference} ({@code progress})
 * @param step     batches started so far, this one included ({@code progress})
 * @param steps    batches the run has in all ({@code progress})
 * @param status   how the run ended ({@code run_finished})
 * @param message  the line, the warning, or the run's error
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "target", "report_id", "at", "test", "phase", "step", "steps", "status", "message"})
public record LiveEvent(@JsonProperty("type") String type, @JsonProperty("target") String target,
                        @JsonProperty("report_id") String reportId, @JsonProperty("at") String at,
                        @JsonProperty("test") String test, @JsonProperty("phase") String phase,
                        @JsonProperty("step") Integer step, @JsonProperty("steps") Integer steps,
                        @JsonProperty("status") String status, @JsonProperty("message") String message) {

    static LiveEvent of(String type, String target, String reportId, String at) {
        return new LiveEvent(type, target, reportId, at, null, null, null, null, null, null);
    }

    LiveEvent withMessage(String text) {
        return new LiveEvent(type, target, reportId, at, test, phase, step, steps, status, text);
    }

    LiveEvent withProgress(String testLabel, String batchPhase, int done, int all) {
        return new LiveEvent(type, target, reportId, at, testLabel, batchPhase, done, all, status, message);
    }

    LiveEvent withStatus(String runStatus) {
        return new LiveEvent(type, target, reportId, at, test, phase, step, steps, runStatus, message);
    }
}
