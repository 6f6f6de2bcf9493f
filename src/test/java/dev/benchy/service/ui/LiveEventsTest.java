package dev.benchy.service.ui;

import dev.benchy.core.plan.TestCase;
import dev.benchy.core.report.RunStatus;
import dev.benchy.core.run.RunListener;
import dev.benchy.service.TestReports;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LiveEventsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private final LiveEvents events = new LiveEvents(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aRunsListenerPublishesWhatItDoesAndPassesItOn() {
        AssertSubscriber<LiveEvent> page = events.stream().subscribe().withSubscriber(AssertSubscriber.create(100));
        List<String> logged = new ArrayList<>();
        RunListener log = new RunListener() {
            @Override
            public void info(String line) {
                logged.add(line);
            }

            @Override
            public void warning(String message) {
                logged.add("warning " + message);
            }
        };
        RunListener listener = events.watch("sim", "sim-1", log);
        listener.info("Average latency (api): 1.20 ms");
        listener.runStarting(new TestCase(1024, 512, 32, 2), 2, 4, 1, 2, "standard");
        listener.warning("server busy");
        events.finished(TestReports.report("sim", "sim-1", RunStatus.PARTIAL, NOW, List.of()));

        assertEquals(List.of("Average latency (api): 1.20 ms", "warning server busy"), logged);
        List<LiveEvent> seen = page.getItems();
        assertEquals(List.of("run_started", "info", "progress", "warning", "run_finished"),
                seen.stream().map(LiveEvent::type).toList());
        LiveEvent progress = seen.get(2);
        assertEquals("sim", progress.target());
        assertEquals("sim-1", progress.reportId());
        assertEquals(3, progress.step(), "the first batch of test 2 of 4, with 2 runs each");
        assertEquals(8, progress.steps());
        assertEquals("standard", progress.phase());
        assertEquals(NOW.toString(), progress.at());
        assertEquals("partial", seen.get(4).status());
        assertEquals("it failed", seen.get(4).message());
    }

    @Test
    void aPageOpenedMidRunFirstGetsWhereTheRunStands() {
        RunListener listener = events.watch("sim", "sim-2", RunListener.SILENT);
        listener.runStarting(new TestCase(0, 512, 32, 1), 1, 2, 1, 1, "standard");
        listener.info("a line is not where a run stands");
        AssertSubscriber<LiveEvent> late = events.stream().subscribe().withSubscriber(AssertSubscriber.create(100));
        assertEquals(List.of("progress"), late.getItems().stream().map(LiveEvent::type).toList());

        events.finished(TestReports.report("sim", "sim-2", RunStatus.OK, NOW, List.of()));
        AssertSubscriber<LiveEvent> after = events.stream().subscribe().withSubscriber(AssertSubscriber.create(100));
        assertEquals(List.of(), after.getItems(), "a finished run is no longer in progress");
        assertNull(late.getItems().get(1).message(), "an ok run has no error");
    }

    @Test
    void aClosedPageIsForgotten() {
        AssertSubscriber<LiveEvent> page = events.stream().subscribe().withSubscriber(AssertSubscriber.create(100));
        assertEquals(1, events.subscribers());
        page.cancel();
        assertEquals(0, events.subscribers());
        events.watch("sim", "sim-3", RunListener.SILENT);
        assertEquals(List.of(), page.getItems());
    }
}
