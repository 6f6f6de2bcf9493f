package dev.benchy.service.ui;

import dev.benchy.core.plan.TestCase;
import dev.benchy.core.report.RunReport;
import dev.benchy.core.run.RunListener;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fan-out of what runs do to whoever watches: each run's listener publishes here, and every subscriber of
 * {@link #stream()} (an open page) receives the events from then on. A new subscriber first gets, for each run in
 * progress, its latest {@code run_started} or {@code progress} event, so a page opened mid-run shows where it stands.
 */
@Singleton
public class LiveEvents {

    private final Clock clock;
    private final List<MultiEmitter<? super LiveEvent>> subscribers = new ArrayList<>();
    /** The latest event of each run in progress, by target. */
    private final Map<String, LiveEvent> current = new LinkedHashMap<>();

    public LiveEvents() {
        this(Clock.systemUTC());
    }

    LiveEvents(Clock clock) {
        this.clock = clock;
    }

    /** The events from now on, after the latest event of each run in progress. */
    public Multi<LiveEvent> stream() {
        return Multi.createFrom().emitter(emitter -> {
            synchronized (this) {
                current.values().forEach(emitter::emit);
                subscribers.add(emitter);
            }
            emitter.onTermination(() -> {
                synchronized (this) {
                    subscribers.remove(emitter);
                }
            });
        }, BackPressureStrategy.BUFFER);
    }

    /**
     * A listener for one run that passes everything on to {@code delegate} (the log) and publishes what the run
     * does. Publishes {@code run_started} at once.
     */
    public RunListener watch(String target, String reportId, RunListener delegate) {
        publish(LiveEvent.of("run_started", target, reportId, now()));
        RunListener publisher = new RunListener() {
            @Override
            public void info(String line) {
                publish(LiveEvent.of("info", target, reportId, now()).withMessage(line));
            }

            @Override
            public void warning(String message) {
                publish(LiveEvent.of("warning", target, reportId, now()).withMessage(message));
            }

            @Override
            public void runStarting(TestCase testCase, int testIndex, int tests, int run, int runs, String phase) {
                publish(LiveEvent.of("progress", target, reportId, now())
                        .withProgress(testCase.label(), phase, (testIndex - 1) * runs + run, tests * runs));
            }
        };
        return RunListener.all(delegate, publisher);
    }

    /** A run ended (whatever its status); its report is stored. */
    public void finished(RunReport report) {
        publish(LiveEvent.of("run_finished", report.target(), report.id(), now())
                .withStatus(report.status() == null ? null : report.status().id()).withMessage(report.error()));
    }

    synchronized void publish(LiveEvent event) {
        switch (event.type()) {
            case "run_started", "progress" -> current.put(event.target(), event);
            case "run_finished" -> current.remove(event.target());
            default -> {
                // lines and warnings are not where a run stands
            }
        }
        for (MultiEmitter<? super LiveEvent> subscriber : List.copyOf(subscribers)) {
            subscriber.emit(event);
        }
    }

    /** How many pages are watching. */
    synchronized int subscribers() {
        return subscribers.size();
    }

    private String now() {
        return clock.instant().toString();
    }
}
