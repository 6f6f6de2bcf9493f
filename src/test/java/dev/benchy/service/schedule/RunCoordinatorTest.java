package dev.benchy.service.schedule;

import dev.benchy.app.TargetDefinition;
import dev.benchy.core.plan.BenchmarkPlan;
import dev.benchy.core.plan.TestCase;
import dev.benchy.core.report.RunReport;
import dev.benchy.core.report.RunStatus;
import dev.benchy.core.run.RunListener;
import dev.benchy.service.TestReports;
import dev.benchy.service.config.ScheduledTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunCoordinatorTest {

    private static final Duration HOUR = Duration.ofHours(1);

    /** A stand-in for a benchmark: each run waits until the test releases it, or until it is interrupted. */
    private static final class GatedRun implements RunCoordinator.TargetRun {
        final LinkedBlockingQueue<String> started = new LinkedBlockingQueue<>();
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public RunReport run(TargetDefinition target, RunListener listener, String reportId) {
            listener.runStarting(new TestCase(4096, 512, 32, 2), 2, 4, 1, 3, "standard");
            started.add(target.name());
            try {
                release.await();
                return report(target.name(), reportId, RunStatus.OK);
            } catch (InterruptedException e) {
                return report(target.name(), reportId, RunStatus.CANCELLED);
            }
        }
    }

    private static RunReport report(String target, String id, RunStatus status) {
        RunReport r = TestReports.report(target, id, status, java.time.Instant.now(), List.of());
        return r;
    }

    private static ScheduledTarget target(String name, Duration deadline) {
        return new ScheduledTarget(new TargetDefinition(name, "http://127.0.0.1:1/v1", "EMPTY", "m", null, null,
                null, BenchmarkPlan.defaults(), null, false, false, false), HOUR, deadline);
    }

    private final List<RunReport> sunk = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private RunCoordinator coordinator;

    private RunCoordinator start(RunCoordinator.TargetRun run, ScheduledTarget... targets) {
        return start(run, sunk::add, targets);
    }

    private RunCoordinator start(RunCoordinator.TargetRun run, Consumer<RunReport> sink,
                                 ScheduledTarget... targets) {
        coordinator = new RunCoordinator(List.of(targets), run, sink,
                (problem, cause) -> problems.add(problem + " | " + cause), name -> RunListener.SILENT,
                Clock.systemUTC(), HOUR);
        coordinator.start();
        return coordinator;
    }

    @AfterEach
    void close() {
        if (coordinator != null) {
            coordinator.close();
        }
    }

    private void awaitSunk(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sunk.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(count, sunk.size());
    }

    @Test
    void aTargetNeverOverlapsItself() throws InterruptedException {
        GatedRun run = new GatedRun();
        RunCoordinator c = start(run, target("a", HOUR));

        String id = c.trigger("a");
        assertEquals("a", run.started.poll(5, TimeUnit.SECONDS));
        RunCoordinator.Busy busy = assertThrows(RunCoordinator.Busy.class, () -> c.trigger("a"));
        assertEquals(id, busy.reportId());
        assertEquals(TargetState.Activity.RUNNING, c.state("a").orElseThrow().activity());

        run.release.countDown();
        awaitSunk(1);
        assertEquals(id, sunk.get(0).id());
        TargetState after = c.state("a").orElseThrow();
        assertEquals(TargetState.Activity.IDLE, after.activity());
        assertEquals(RunStatus.OK, after.lastStatus());
        assertEquals(id, after.lastReportId());
    }

    @Test
    void runsOfDifferentTargetsAreSerialised() throws InterruptedException {
        GatedRun run = new GatedRun();
        RunCoordinator c = start(run, target("a", HOUR), target("b", HOUR));

        c.trigger("a");
        c.trigger("b");
        assertEquals("a", run.started.poll(5, TimeUnit.SECONDS));
        Thread.sleep(100);
        assertTrue(run.started.isEmpty(), "b started while a was running");
        assertEquals(TargetState.Activity.QUEUED, c.state("b").orElseThrow().activity());

        run.release.countDown();
        assertEquals("b", run.started.poll(5, TimeUnit.SECONDS));
        awaitSunk(2);
    }

    @Test
    void aRunPastItsDeadlineIsCancelledAndRecorded() throws InterruptedException {
        GatedRun run = new GatedRun();
        RunCoordinator c = start(run, target("slow", Duration.ofMillis(200)));

        c.trigger("slow");
        awaitSunk(1);
        RunReport report = sunk.get(0);
        assertEquals(RunStatus.CANCELLED, report.status());
        assertTrue(report.error().contains("deadline"), report.error());
    }

    @Test
    void unknownTargetsAreRefused() {
        RunCoordinator c = start(new GatedRun(), target("a", HOUR));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.trigger("zz"));
        assertEquals("no target named 'zz'", e.getMessage());
    }

    @Test
    void closingCancelsTheRunInProgressAndStillRecordsIt() throws InterruptedException {
        GatedRun run = new GatedRun();
        RunCoordinator c = start(run, target("a", HOUR));
        c.trigger("a");
        assertEquals("a", run.started.poll(5, TimeUnit.SECONDS));

        c.close();

        assertEquals(1, sunk.size());
        assertEquals(RunStatus.CANCELLED, sunk.get(0).status());
    }

    @Test
    void aRunIsFoundByIdWhileQueuedAndRunningWithItsStepThenAsFinished() throws InterruptedException {
        GatedRun run = new GatedRun();
        RunCoordinator c = start(run, target("a", HOUR), target("b", HOUR));
        String a = c.trigger("a");
        String b = c.trigger("b");
        assertEquals("a", run.started.poll(5, TimeUnit.SECONDS));

        RunCoordinator.RunInfo running = c.run(a).orElseThrow();
        assertEquals("a", running.target());
        assertEquals(new TargetState.Step(2, 4, "pp512 tg32 @ d4096 (c2)", 1, 3, "standard"),
                running.current().step());
        assertTrue(running.current().startedAt() != null, "a running run has started");
        RunCoordinator.RunInfo queued = c.run(b).orElseThrow();
        assertNull(queued.current().startedAt(), "b waits behind a");
        assertNull(queued.current().step());
        assertTrue(c.run("a-unknown").isEmpty());

        run.release.countDown();
        awaitSunk(2);
        awaitIdle(c, "b");
        RunCoordinator.RunInfo finished = c.run(a).orElseThrow();
        assertNull(finished.current());
        assertEquals(RunStatus.OK, finished.finished().status());
        assertTrue(finished.finished().reported());
    }

    @Test
    void aSinkThatThrowsIsToldWithItsCauseAndTheTargetRunsAgain() throws InterruptedException {
        GatedRun run = new GatedRun();
        run.release.countDown();
        RunCoordinator c = start(run, report -> {
            throw new IllegalStateException("disk on fire");
        }, target("a", HOUR));

        String id = c.trigger("a");
        awaitIdle(c, "a");

        assertEquals(List.of("Run " + id + " of target a: its report could not be recorded:"
                + " java.lang.IllegalStateException: disk on fire | java.lang.IllegalStateException: disk on fire"),
                problems);
        c.trigger("a"); // the target is free again: no Busy
    }

    @Test
    void aRunThatThrowsIsToldAndFreesItsTargetWithoutPointingAtAReport() throws InterruptedException {
        RunCoordinator c = start((target, listener, reportId) -> {
            throw new IllegalStateException("bug");
        }, target("a", HOUR));

        String id = c.trigger("a");
        awaitIdle(c, "a");

        TargetState state = c.state("a").orElseThrow();
        assertEquals(RunStatus.FAILED, state.lastStatus());
        assertNull(state.lastReportId(), "no report was made");
        assertEquals("the run broke: java.lang.IllegalStateException: bug", state.last().error());
        assertEquals(List.of("Run " + id + " of target a broke without a report: java.lang.IllegalStateException:"
                + " bug | java.lang.IllegalStateException: bug"), problems);
        assertTrue(sunk.isEmpty());
        c.trigger("a");
    }

    private static void awaitIdle(RunCoordinator c, String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((c.state(name).orElseThrow().activity() != TargetState.Activity.IDLE
                || c.state(name).orElseThrow().last() == null) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(TargetState.Activity.IDLE, c.state(name).orElseThrow().activity());
    }
}
