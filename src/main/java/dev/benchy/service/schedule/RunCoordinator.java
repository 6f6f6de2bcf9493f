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
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Runs every target on its schedule. Runs execute one at a time on a single thread, so two targets never load the
 * machine (or a shared GPU) at once and cannot disturb each other's timings; a target never overlaps itself: a
 * trigger while it is queued or running is refused. Each run has a deadline, after which it is cancelled (its
 * report says so). Every finished run, whatever its outcome, goes to the sink; a run or a sink that breaks is told
 * to {@code problems} (the service logs it) and never leaves its target stuck.
 *
 * <p>While a run is queued or running, {@link #run(String)} finds it by id with the batch it is at; after it ends,
 * the last {@value #RECENT_RUNS} finished runs are still found there.
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

    /**
     * A run looked up by id: its target and, while it has not finished, where it is; after, how it ended.
     *
     * @param current  the queued or running run, or null once it finished
     * @param finished how it ended, or null while it has not
     */
    public record RunInfo(String target, TargetState.CurrentRun current, TargetState.LastRun finished) {
    }

    /** How many finished runs {@link #run(String)} still knows. */
    static final int RECENT_RUNS = 100;

    private final Map<String, RunInfo> recent = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RunInfo> eldest) {
            return size() > RECENT_RUNS;
        }
    };
    private final TargetRun benchmark;
    private final Consumer<RunReport> sink;
    private final BiConsumer<String, Throwable> problems;
    private final Function<String, RunListener> listeners;
    private final Clock clock;
    private final Duration firstRunDelay;
    private final ExecutorService runThread = Executors.newSingleThreadExecutor(daemon("benchy-run"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("benchy-timer"));
    private volatile boolean closed;

    /**
     * @param sink          receives every finished run's report (store, metrics)
     * @param problems      told, with the cause, when a run or the sink throws
     * @param listeners     a run listener per target (logging)
     * @param firstRunDelay how soon after start the first runs happen
     */
    public RunCoordinator(List<ScheduledTarget> targets, TargetRun benchmark, Consumer<RunReport> sink,
                          BiConsumer<String, Throwable> problems, Function<String, RunListener> listeners,
                          Clock clock, Duration firstRunDelay) {
        this.benchmark = benchmark;
        this.sink = sink;
        this.problems = problems;
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

    /** A queued, running or recently finished run, by the id its report has. */
    public synchronized Optional<RunInfo> run(String id) {
        for (Map.Entry<String, TargetState> e : states.entrySet()) {
            TargetState.CurrentRun current = e.getValue().current();
            if (current != null && current.id().equals(id)) {
                return Optional.of(new RunInfo(e.getKey(), current, null));
            }
        }
        return Optional.ofNullable(recent.get(id));
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
        Instant next = clock.instant().plus(target.schedule());
        update(name, s -> s.nextAt(next));
        timer.schedule(() -> scheduled(name), target.schedule().toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized String enqueue(ScheduledTarget target) {
        TargetState state = states.get(target.name());
        if (state.activity() != TargetState.Activity.IDLE) {
            throw new Busy(target.name(), state.runningId());
        }
        Instant now = clock.instant();
        String id = ReportTimes.reportId(target.name(), now);
        states.put(target.name(), state.queued(id, now));
        runThread.submit(() -> execute(target, id));
        return id;
    }

    private void execute(ScheduledTarget target, String id) {
        if (closed) {
            return;
        }
        String name = target.name();
        update(name, s -> s.running(clock.instant()));
        Thread worker = Thread.currentThread();
        ScheduledFuture<?> deadline = timer.schedule(worker::interrupt, target.deadline().toMillis(),
                TimeUnit.MILLISECONDS);
        RunReport report;
        try {
            report = benchmark.run(target.definition(),
                    StepTracking.of(listeners.apply(name), step -> update(name, s -> s.at(step))), id);
        } catch (RuntimeException | Error e) {
            broke(name, id, e);
            if (e instanceof Error error) {
                throw error;
            }
            return;
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
        } catch (RuntimeException e) {
            problems.accept("Run " + id + " of target " + name + ": its report could not be recorded: " + e, e);
        } finally {
            RunReport r = report;
            update(name, s -> s.finished(r, clock.instant()));
            remember(name);
        }
    }

    /** The run threw instead of returning a report: the target is freed and the failure told. */
    private void broke(String name, String id, Throwable e) {
        update(name, s -> s.broke(id, clock.instant(), "the run broke: " + e));
        remember(name);
        problems.accept("Run " + id + " of target " + name + " broke without a report: " + e, e);
    }

    private synchronized void update(String name, UnaryOperator<TargetState> change) {
        states.computeIfPresent(name, (k, s) -> change.apply(s));
    }

    private synchronized void remember(String name) {
        TargetState.LastRun last = states.get(name).last();
        recent.put(last.id(), new RunInfo(name, null, last));
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
