package dev.benchy.service.schedule;

import dev.benchy.app.TargetDefinition;
import dev.benchy.core.report.RunReport;
import dev.benchy.core.report.RunStatus;
import dev.benchy.core.run.ReportTimes;
import dev.benchy.core.run.RunListener;
import dev.benchy.service.config.DurationText;
import dev.benchy.service.config.ScheduledTarget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs every target on its schedule. Runs execute one at a time on a single thread, so two targets never load the
 * machine (or a shared GPU) at once and cannot disturb each other's timings; a target never overlaps itself: a
 * trigger while it is queued or running is refused. Each run has a deadline, after which it is cancelled (its
 * report says so). Every finished run, whatever its outcome, goes to the sink.
 */
public final class RunCoordinator implements AutoCloseable {

    /** Refused because the target is already queued or running. */
    public static final class Busy extends RuntimeException {
        private final String reportId;

        Busy(String target, String reportId) {
            super("target '" + target + "' is already running (report " + reportId + ")");
            this.reportId = reportId;
        }

        public String reportId() {
            return reportId;
        }
    }

    private final Map<String, ScheduledTarget> targets = new LinkedHashMap<>();
    private final Map<String, TargetState> states = new LinkedHashMap<>();
    /** Runs one target once; {@link dev.benchy.app.TargetBenchmark#run} in production. */
    @FunctionalInterface
    public interface TargetRun {
        RunReport run(TargetDefinition target, RunListener listener, String reportId);
    }

    private final TargetRun benchmark;
    private final Consumer<RunReport> sink;
    private final Function<String, RunListener> listeners;
    private final Clock clock;
    private final Duration firstRunDelay;
    private final ExecutorService runThread = Executors.newSingleThreadExecutor(daemon("benchy-run"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("benchy-timer"));
    private volatile boolean closed;

    /**
     * @param sink          receives every finished run's report (store, metrics)
     * @param listeners     a run listener per target (logging)
     * @param firstRunDelay how soon after start the first runs happen
     */
    public RunCoordinator(List<ScheduledTarget> targets, TargetRun benchmark, Consumer<RunReport> sink,
                          Function<String, RunListener> listeners, Clock clock, Duration firstRunDelay) {
        this.benchmark = benchmark;
        this.sink = sink;
        this.listeners = listeners;
        this.clock = clock;
        this.firstRunDelay = firstRunDelay;
        for (ScheduledTarget t : targets) {
            this.targets.put(t.name(), t);
        }
    }

    /** Schedules every target's first run. */
    public synchronized void start() {
        Instant first = clock.instant().plus(firstRunDelay);
        for (ScheduledTarget t : targets.values()) {
            states.put(t.name(), TargetState.initial(first));
            timer.schedule(() -> scheduled(t.name()), firstRunDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public List<ScheduledTarget> targets() {
        return List.copyOf(targets.values());
    }

    public Optional<ScheduledTarget> target(String name) {
        return Optional.ofNullable(targets.get(name));
    }

    public synchronized Optional<TargetState> state(String name) {
        return Optional.ofNullable(states.get(name));
    }

    /**
     * Starts a run now (it waits its turn behind another target's run). Returns the id its report will have.
     *
     * @throws Busy when the target is already queued or running
     * @throws IllegalArgumentException when no target has that name
     */
    public String trigger(String name) {
        ScheduledTarget target = targets.get(name);
        if (target == null) {
            throw new IllegalArgumentException("no target named '" + name + "'");
        }
        return enqueue(target);
    }

    private void scheduled(String name) {
        if (closed) {
            return;
        }
        ScheduledTarget target = targets.get(name);
        try {
            enqueue(target);
        } catch (Busy e) {
            // still running from the last time: skip this slot, never overlap
        }
        synchronized (this) {
            Instant next = clock.instant().plus(target.schedule());
            states.computeIfPresent(name, (k, s) -> s.nextAt(next));
        }
        timer.schedule(() -> scheduled(name), target.schedule().toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized String enqueue(ScheduledTarget target) {
        TargetState state = states.get(target.name());
        if (state.activity() != TargetState.Activity.IDLE) {
            throw new Busy(target.name(), state.runningId());
        }
        String id = ReportTimes.reportId(target.name(), clock.instant());
        states.put(target.name(), state.queued(id));
        runThread.submit(() -> execute(target, id));
        return id;
    }

    private void execute(ScheduledTarget target, String id) {
        if (closed) {
            return;
        }
        synchronized (this) {
            states.computeIfPresent(target.name(), (k, s) -> s.running());
        }
        Thread worker = Thread.currentThread();
        ScheduledFuture<?> deadline = timer.schedule(worker::interrupt, target.deadline().toMillis(),
                TimeUnit.MILLISECONDS);
        RunReport report;
        try {
            report = benchmark.run(target.definition(), listeners.apply(target.name()), id);
        } finally {
            deadline.cancel(false);
            Thread.interrupted();
        }
        if (report.status() == RunStatus.CANCELLED && !closed) {
            report = report.withError("cancelled: the run took longer than its deadline of "
                    + DurationText.of(target.deadline()));
        }
        try {
            sink.accept(report);
        } finally {
            synchronized (this) {
                RunReport r = report;
                states.computeIfPresent(target.name(), (k, s) -> s.finished(clock.instant(), r.status(), r.id(),
                        r.error(), r.slo()));
            }
        }
    }

    /** Stops scheduling; a run in progress is cancelled and its (partial) report still reaches the sink. */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        runThread.shutdownNow();
        try {
            if (!runThread.awaitTermination(30, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

}
