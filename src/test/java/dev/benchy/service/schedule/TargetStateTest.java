package dev.benchy.service.schedule;

import dev.benchy.core.report.RunReport;
import dev.benchy.core.report.RunStatus;
import dev.benchy.core.run.ModelDetection;
import dev.benchy.service.TestReports;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TargetStateTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    private static RunReport report(String id, String model, RunStatus status) {
        RunReport r = TestReports.report("t", id, status, T0, List.of());
        return new RunReport(r.version(), r.timestamp(), r.latencyMode(), r.latencyMs(), model,
                r.prefixCachingEnabled(), r.maxConcurrency(), r.benchmarks(), r.id(), r.target(), model + "-served",
                r.baseUrl(), r.tokenizer(), r.status(), r.error(), r.warnings(), r.startedAt(), r.finishedAt(),
                r.durationSeconds(), r.seed());
    }

    @Test
    void theDetectedModelStaysWhenALaterRunCannotLearnIt() {
        TargetState state = TargetState.initial(T0).queued("t-1", T0).running(T0)
                .finished(report("t-1", "org/detected", RunStatus.OK), T0);
        assertEquals(new TargetState.SeenModel("org/detected", "org/detected-served"), state.model());

        TargetState down = state.queued("t-2", T0).running(T0)
                .finished(report("t-2", ModelDetection.UNKNOWN, RunStatus.FAILED), T0);

        assertEquals(new TargetState.SeenModel("org/detected", "org/detected-served"), down.model());
        assertEquals(RunStatus.FAILED, down.lastStatus());
        assertEquals("t-2", down.lastReportId());
    }

    @Test
    void aStepIsKeptOnlyWhileRunning() {
        TargetState.Step step = new TargetState.Step(1, 2, "pp512 tg32 (c1)", 1, 3, "standard");
        TargetState queued = TargetState.initial(T0).queued("t-1", T0);

        assertNull(queued.at(step).current().step(), "a queued run has no step");
        assertEquals(step, queued.running(T0).at(step).current().step());
        assertNull(TargetState.initial(T0).model());
    }
}
